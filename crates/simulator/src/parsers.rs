//! Request bodies, decoded as DRF's default parsers do: `JSONParser`, `FormParser` and
//! `MultiPartParser`, picked by `Content-Type`. Form fields become JSON strings (the
//! serializer then coerces them, as DRF's fields do with `QueryDict` values).

use axum::http::StatusCode;
use serde_json::{Map, Value};

use crate::dialect::Dialect;
use crate::error::ApiError;
use crate::query;

/// The media types the API parses, in DRF's default order (also listed by `OPTIONS`).
pub const PARSES: [&str; 3] = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
];

/// A `Content-Type` header split into its lower-cased media type and its parameters.
struct MediaType<'a> {
    essence: String,
    params: Vec<(String, &'a str)>,
}

impl<'a> MediaType<'a> {
    fn parse(header: &'a str) -> Self {
        let mut parts = header.split(';');
        let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let params = parts
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().trim_matches('"')))
            .collect();
        Self { essence, params }
    }

    fn param(&self, name: &str) -> Option<&'a str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
    }

    /// `application/json`; the simulator (not DRF) also takes `application/*+json`.
    fn is_json(&self, dialect: Dialect) -> bool {
        self.essence == "application/json"
            || (!dialect.is_plain()
                && self.essence.starts_with("application/")
                && self.essence.ends_with("+json"))
    }
}

fn unsupported(declared: &str) -> ApiError {
    ApiError::detail(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("Unsupported media type \"{declared}\" in request."),
    )
}

/// Decodes a request body into `request.data`: empty = `{}`; otherwise by content type, 415
/// for a type no parser takes. A body without `Content-Type` is read as JSON by the
/// simulator; plain DRF refuses it (`Unsupported media type "" in request.`).
pub fn request_data(
    content_type: Option<&str>,
    body: &[u8],
    dialect: Dialect,
) -> Result<Value, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    let declared = match content_type {
        None if dialect.is_plain() => return Err(unsupported("")),
        None => return json(body),
        Some(declared) => declared,
    };
    let media = MediaType::parse(declared);
    match media.essence.as_str() {
        _ if media.is_json(dialect) => json(body),
        "application/x-www-form-urlencoded" => Ok(form(body)),
        "multipart/form-data" => multipart(body, media.param("boundary")),
        _ => Err(unsupported(declared)),
    }
}

fn json(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| ApiError::detail(StatusCode::BAD_REQUEST, format!("JSON parse error - {e}")))
}

/// `a=1&b=x+y` as a `QueryDict` reads it: the last value of a repeated key wins.
fn form(body: &[u8]) -> Value {
    let text = String::from_utf8_lossy(body);
    let fields = query::parse(&text)
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)));
    Value::Object(fields.collect())
}

/// `multipart/form-data`: each part named by its `Content-Disposition` is a field; a file
/// part is an object, which neither a string nor an integer field accepts. Like Django's
/// parser it ignores what it cannot read, but a missing boundary is an error.
fn multipart(body: &[u8], boundary: Option<&str>) -> Result<Value, ApiError> {
    let boundary = boundary.filter(|b| !b.is_empty()).ok_or_else(|| {
        ApiError::detail(
            StatusCode::BAD_REQUEST,
            "Multipart form parse error - Invalid boundary in multipart: None",
        )
    })?;
    let delimiter = format!("--{boundary}");
    let mut fields = Map::new();
    // The first piece is the preamble; a piece starting with `--` follows the last delimiter.
    for part in split(body, delimiter.as_bytes()).into_iter().skip(1) {
        if part.starts_with(b"--") {
            break;
        }
        if let Some((name, value)) = form_part(part) {
            fields.insert(name, value);
        }
    }
    Ok(Value::Object(fields))
}

/// One part between two delimiters: `\r\n`, headers, a blank line, the content, `\r\n`.
fn form_part(part: &[u8]) -> Option<(String, Value)> {
    let part = part.strip_prefix(b"\r\n").unwrap_or(part);
    let blank = find(part, b"\r\n\r\n")?;
    let headers = String::from_utf8_lossy(part.get(..blank)?);
    let content = part.get(blank.saturating_add(4)..)?;
    let content = content.strip_suffix(b"\r\n").unwrap_or(content);
    let disposition = headers.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-disposition")
            .then_some(value)
    })?;
    let disposition = MediaType::parse(disposition);
    let name = disposition.param("name")?.to_owned();
    let value = match disposition.param("filename") {
        Some(filename) => serde_json::json!({ "filename": filename }),
        None => Value::String(String::from_utf8_lossy(content).into_owned()),
    };
    Some((name, value))
}

/// The position of the first `needle` (not empty) in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `haystack` cut at every `delimiter` (the delimiters removed).
fn split<'a>(mut haystack: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    while let Some(at) = find(haystack, delimiter) {
        pieces.push(haystack.get(..at).unwrap_or_default());
        haystack = haystack
            .get(at.saturating_add(delimiter.len())..)
            .unwrap_or_default();
    }
    pieces.push(haystack);
    pieces
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    const DETAILED: Dialect = Dialect::Detailed;

    #[test]
    fn forms_and_multipart() {
        let form = request_data(
            Some("application/x-www-form-urlencoded; charset=UTF-8"),
            b"server_id=12345&name=a+b&name=last&description=%C3%A9",
            DETAILED,
        );
        assert_eq!(
            form.unwrap(),
            json!({"server_id": "12345", "name": "last", "description": "é"})
        );
        let body =
            "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"server_id\"\r\n\r\n\
                    12345\r\n--XyZ\r\ncontent-disposition: form-data; name=\"name\"\r\n\
                    Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--XyZ\r\n\
                    Content-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nx\r\n\
                    --XyZ--\r\nepilogue";
        let multipart = request_data(
            Some("multipart/form-data; boundary=\"XyZ\""),
            body.as_bytes(),
            DETAILED,
        );
        assert_eq!(
            multipart.unwrap(),
            json!({"server_id": "12345", "name": "line1\r\nline2", "f": {"filename": "a.txt"}})
        );
        let no_boundary = request_data(Some("multipart/form-data"), b"x", DETAILED);
        assert_eq!(no_boundary.unwrap_err().status, StatusCode::BAD_REQUEST);
    }

    #[test]
    fn media_types_by_dialect() {
        let plain = Dialect::PlainDrf;
        assert_eq!(request_data(None, b" \n", plain).unwrap(), json!({}));
        assert_eq!(request_data(None, b"{}", DETAILED).unwrap(), json!({}));
        assert_eq!(
            request_data(None, b"{}", plain).unwrap_err().status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        let vendor = Some("application/vnd.api+json");
        assert!(request_data(vendor, b"{}", DETAILED).is_ok());
        assert!(request_data(vendor, b"{}", plain).is_err());
        for dialect in [DETAILED, plain] {
            assert_eq!(
                request_data(Some("text/plain"), b"server_id=1", dialect)
                    .unwrap_err()
                    .status,
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            );
        }
    }
}
