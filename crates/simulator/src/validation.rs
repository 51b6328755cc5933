//! Parsing and validating request data the way DRF serializers and django-filter do.

use serde_json::{Map, Value};

use crate::dialect::Dialect;
use crate::error::ApiError;

const REQUIRED: &str = "This field is required.";
const NOT_NULL: &str = "This field may not be null.";
const NOT_BLANK: &str = "This field may not be blank.";
const NOT_STRING: &str = "Not a valid string.";
const NOT_INTEGER: &str = "A valid integer is required.";

/// Longest snapshot name.
pub const NAME_MAX: usize = 64;
/// Longest snapshot description.
pub const DESCRIPTION_MAX: usize = 255;

/// A validated `POST /api/v1/snapshots/` body.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateSnapshot {
    /// Target server (not yet checked to exist).
    pub server_id: i64,
    /// Trimmed name.
    pub name: String,
    /// Trimmed description; `None` when absent or null.
    pub description: Option<String>,
}

/// Parses an integer as DRF's `IntegerField` (and Django's form field) accept it:
/// JSON integers, integral floats and strings like `"12"`, `" 12 "` or `"12.0"`.
pub fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_u64().map(|_| i64::MAX))
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => integer_text(s),
        _ => None,
    }
}

/// Parses integer text, tolerating surrounding blanks and a trailing `.0`.
pub fn integer_text(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = match text.split_once('.') {
        Some((whole, zeros)) if zeros.chars().all(|c| c == '0') => whole,
        _ => text,
    };
    text.parse().ok()
}

/// DRF `CharField` coercion: strings, numbers (stringified), nothing else. Trimmed.
fn string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn max_length(limit: usize) -> String {
    format!("Ensure this field has no more than {limit} characters.")
}

fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// A field's value, or its messages.
type Field<T> = Result<T, Vec<String>>;

fn message(text: impl Into<String>) -> Vec<String> {
    vec![text.into()]
}

/// A field DRF requires and does not allow to be null (`Field.validate_empty_values`).
fn required<'a>(map: &'a Map<String, Value>, field: &str) -> Field<&'a Value> {
    match map.get(field) {
        None => Err(message(REQUIRED)),
        Some(Value::Null) => Err(message(NOT_NULL)),
        Some(value) => Ok(value),
    }
}

fn server_id_field(map: &Map<String, Value>) -> Field<i64> {
    integer(required(map, "server_id")?).ok_or_else(|| message(NOT_INTEGER))
}

/// The name's messages come all at once: a bad character and the length are both reported.
fn name_field(map: &Map<String, Value>, dialect: Dialect) -> Field<String> {
    let name = string(required(map, "name")?).ok_or_else(|| message(NOT_STRING))?;
    if name.is_empty() {
        return Err(message(NOT_BLANK));
    }
    let mut messages = Vec::new();
    if !valid_name(&name) {
        messages.push(dialect.bad_name().to_owned());
    }
    if name.chars().count() > NAME_MAX {
        messages.push(max_length(NAME_MAX));
    }
    if messages.is_empty() {
        Ok(name)
    } else {
        Err(messages)
    }
}

/// Optional, and `null` is allowed (as no description).
fn description_field(map: &Map<String, Value>) -> Field<Option<String>> {
    let Some(value) = map.get("description").filter(|value| !value.is_null()) else {
        return Ok(None);
    };
    let text = string(value).ok_or_else(|| message(NOT_STRING))?;
    if text.chars().count() > DESCRIPTION_MAX {
        return Err(message(max_length(DESCRIPTION_MAX)));
    }
    Ok(Some(text))
}

/// Validates the body of a snapshot creation, collecting every field error.
pub fn create_snapshot(data: &Value, dialect: Dialect) -> Result<CreateSnapshot, ApiError> {
    let Value::Object(map) = data else {
        return Err(ApiError::non_field(format!(
            "Invalid data. Expected a dictionary, but got {}.",
            python_type(data)
        )));
    };
    match (
        server_id_field(map),
        name_field(map, dialect),
        description_field(map),
    ) {
        (Ok(server_id), Ok(name), Ok(description)) => Ok(CreateSnapshot {
            server_id,
            name,
            description,
        }),
        (server_id, name, description) => Err(ApiError::fields(
            [
                ("server_id", server_id.err()),
                ("name", name.err()),
                ("description", description.err()),
            ]
            .into_iter()
            .filter_map(|(field, messages)| Some((field, messages?)))
            .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::error::ErrorBody;
    use serde_json::json;

    fn fields(data: Value) -> Vec<(&'static str, Vec<String>)> {
        match create_snapshot(&data, Dialect::Detailed).unwrap_err().body {
            ErrorBody::Fields(f) => f,
            ErrorBody::Detail(d) => vec![("detail", vec![d])],
            ErrorBody::List(l) => vec![("list", l)],
        }
    }

    #[test]
    fn coercions() {
        let ok = create_snapshot(
            &json!({"server_id": "12345", "name": " a-b_1 ", "description": ""}),
            Dialect::PlainDrf,
        );
        assert_eq!(
            ok.unwrap(),
            CreateSnapshot {
                server_id: 12345,
                name: "a-b_1".into(),
                description: Some(String::new())
            }
        );
        assert_eq!(integer(&json!(7.0)), Some(7));
        assert_eq!(integer(&json!("7.00")), Some(7));
        assert_eq!(integer(&json!(7.5)), None);
        assert_eq!(integer(&json!(true)), None);
        assert_eq!(integer_text("x"), None);
    }

    #[test]
    fn collected_errors() {
        let long = "x".repeat(65);
        assert_eq!(
            fields(json!({"server_id": true, "name": "bad name ".repeat(8), "description": 5.5})),
            vec![
                ("server_id", vec![NOT_INTEGER.to_owned()]),
                (
                    "name",
                    vec![Dialect::Detailed.bad_name().to_owned(), max_length(64)]
                ),
            ]
        );
        assert_eq!(fields(json!({"server_id": null, "name": long})).len(), 2);
        assert_eq!(
            fields(json!({"server_id": 1, "name": ["x"]})),
            vec![("name", vec![NOT_STRING.to_owned()])]
        );
        assert_eq!(
            fields(json!([1])),
            vec![(
                "non_field_errors",
                vec!["Invalid data. Expected a dictionary, but got list.".to_owned()]
            )]
        );
    }
}
