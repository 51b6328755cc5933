//! Reading an HTTP answer: the status is checked before the body is decoded, and every failure
//! becomes an [`ApiError`].

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::{ApiError, FieldErrors};
use crate::time::parse_http_date;

/// The parts of an HTTP answer the panel reads.
#[derive(Debug, Clone, Copy)]
pub struct RawResponse<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub retry_after: Option<&'a str>,
    pub body: &'a str,
}

impl<'a> RawResponse<'a> {
    /// An answer with just a status and a body (tests and simple callers).
    pub fn new(status: u16, body: &'a str) -> Self {
        Self {
            status,
            content_type: None,
            retry_after: None,
            body,
        }
    }
}

/// How long an excerpt of an unreadable answer may be.
const EXCERPT_CHARS: usize = 80;
/// The longest wait a `Retry-After` may ask for; anything longer is capped.
const MAX_RETRY_AFTER_SECS: u64 = 3600;

/// Decodes a successful answer into `T`, or turns the answer into the error it is.
pub fn decode<T: DeserializeOwned>(
    response: RawResponse<'_>,
    now_secs: i64,
) -> Result<T, ApiError> {
    if !(200..300).contains(&response.status) {
        return Err(error_for(response, now_secs));
    }
    serde_json::from_str(response.body).map_err(|_| malformed(response))
}

/// Checks that an answer with no body worth reading (a 204 from a delete) succeeded.
pub fn expect_success(response: RawResponse<'_>, now_secs: i64) -> Result<(), ApiError> {
    if (200..300).contains(&response.status) {
        Ok(())
    } else {
        Err(error_for(response, now_secs))
    }
}

/// One page of a list: the items that could be read, the link to the next page, and how many
/// items were skipped because they could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
    pub count: Option<u64>,
    pub skipped: usize,
}

/// Decodes one page of a list, sent either as `{"count", "results", "next"?}` or as a bare
/// array. Items that cannot be read are skipped and counted, so one odd row never hides the
/// rest; a body that is not a list at all is an error.
///
/// Each item is kept as its raw JSON text until it is read on its own, straight into `T`: no
/// tree of `serde_json::Value`s is built per row, and `T` is decoded one way only.
pub fn decode_page<T: DeserializeOwned>(
    response: RawResponse<'_>,
    now_secs: i64,
) -> Result<Page<T>, ApiError> {
    if !(200..300).contains(&response.status) {
        return Err(error_for(response, now_secs));
    }
    read_page(response.body).ok_or_else(|| malformed(response))
}

/// A list's page from its body, or `None` if the body is not a list.
fn read_page<T: DeserializeOwned>(body: &str) -> Option<Page<T>> {
    let (raw_items, next, count) = if body.trim_start().starts_with('[') {
        (
            serde_json::from_str::<Vec<&RawValue>>(body).ok()?,
            None,
            None,
        )
    } else {
        let envelope: Envelope<'_> = serde_json::from_str(body).ok()?;
        let next = envelope
            .next
            .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
            .filter(|next| !next.trim().is_empty());
        let count = envelope
            .count
            .and_then(|raw| serde_json::from_str::<u64>(raw.get()).ok());
        (envelope.results?, next, count)
    };
    let total = raw_items.len();
    let items: Vec<T> = raw_items
        .into_iter()
        .filter_map(|item| serde_json::from_str(item.get()).ok())
        .collect();
    Some(Page {
        skipped: total.saturating_sub(items.len()),
        items,
        next,
        count,
    })
}

/// A paginated list as Django REST Framework sends it; `next` and `count` are read leniently
/// (anything but a string, or a whole number, counts as absent).
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    results: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    next: Option<&'a RawValue>,
    #[serde(borrow)]
    count: Option<&'a RawValue>,
}

/// Turns an unsuccessful answer into the error it is.
pub fn error_for(response: RawResponse<'_>, now_secs: i64) -> ApiError {
    let body = ErrorBody::read(response);
    match response.status {
        401 => ApiError::Unauthorized,
        403 => ApiError::Forbidden {
            detail: body.detail(),
        },
        404 => ApiError::NotFound {
            detail: body.detail(),
        },
        429 => ApiError::RateLimited {
            retry_after_secs: response
                .retry_after
                .and_then(|value| parse_retry_after(value, now_secs))
                .or_else(|| body.detail().as_deref().and_then(retry_after_from_text)),
        },
        400 | 422 => match body {
            // The text fields' own rules ("the maximum length") are about them, not the limit.
            ErrorBody::Fields(errors)
                if mentions_limit(&errors.outside(&["name", "description"])) =>
            {
                ApiError::LimitReached {
                    detail: errors.non_field.first().cloned(),
                }
            }
            ErrorBody::Fields(errors) => ApiError::Validation(errors),
            other => {
                let detail = other.detail();
                if detail
                    .as_ref()
                    .is_some_and(|d| mentions_limit(std::slice::from_ref(d)))
                {
                    ApiError::LimitReached { detail }
                } else {
                    ApiError::Rejected {
                        status: response.status,
                        detail,
                    }
                }
            }
        },
        status @ 500..=599 => ApiError::Server {
            status,
            detail: body.detail(),
        },
        status => ApiError::Rejected {
            status,
            detail: body.detail(),
        },
    }
}

/// Reads `Retry-After`: delay-seconds or an HTTP date, capped at an hour.
pub fn parse_retry_after(value: &str, now_secs: i64) -> Option<u64> {
    let value = value.trim();
    let secs = match value.parse::<u64>() {
        Ok(secs) => secs,
        Err(_) => {
            let at = parse_http_date(value)?;
            u64::try_from(at.saturating_sub(now_secs)).unwrap_or(0)
        }
    };
    Some(secs.min(MAX_RETRY_AFTER_SECS))
}

/// DRF's throttle text: "Expected available in 20 seconds."
fn retry_after_from_text(text: &str) -> Option<u64> {
    let rest = text.split("available in ").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse::<u64>()
        .ok()
        .map(|secs| secs.min(MAX_RETRY_AFTER_SECS))
}

/// Whether one of `messages` speaks of the snapshot limit: a limit or a maximum, but not of
/// a length ("no more than 255 characters" is a field's rule).
fn mentions_limit(messages: &[String]) -> bool {
    messages.iter().any(|m| {
        let m = m.to_ascii_lowercase();
        let of_length = m.contains("length") || m.contains("characters");
        (m.contains("limit") || m.contains("maximum")) && !of_length
    })
}

fn malformed(response: RawResponse<'_>) -> ApiError {
    // JSON of another shape, or cut short, is not words to show a person.
    let body = response.body.trim();
    let is_json = body.starts_with(['{', '[', '"']) || serde_json::from_str::<Value>(body).is_ok();
    ApiError::Malformed {
        status: response.status,
        excerpt: if is_json {
            String::new()
        } else {
            safe_excerpt(body)
        },
    }
}

/// What an error body says, in the shapes the panel understands.
enum ErrorBody {
    /// `{"detail": "..."}`.
    Detail(String),
    /// `{"field": ["..."], "non_field_errors": ["..."]}`.
    Fields(FieldErrors),
    /// A short plain-text answer: the server's own words.
    Text(String),
    /// Empty, HTML, or anything else not worth showing.
    Nothing,
}

impl ErrorBody {
    fn read(response: RawResponse<'_>) -> Self {
        let body = response.body.trim();
        if body.is_empty() {
            return Self::Nothing;
        }
        if let Ok(value) = serde_json::from_str::<Value>(body) {
            return Self::from_json(value);
        }
        let said_as = |kind: &str| {
            response
                .content_type
                .is_some_and(|ct| ct.to_ascii_lowercase().contains(kind))
        };
        let is_html = said_as("html") || body.starts_with('<');
        // JSON cut short or not quite JSON (a Python repr) is not words to show.
        let is_broken_json = said_as("json") || body.starts_with(['{', '[', '"']);
        if is_html || is_broken_json || body.chars().count() > 300 {
            Self::Nothing
        } else {
            Self::Text(body.to_owned())
        }
    }

    fn from_json(value: Value) -> Self {
        match value {
            Value::String(text) if !text.trim().is_empty() => Self::Text(text),
            Value::Array(items) => {
                let messages = messages_of(&Value::Array(items));
                if messages.is_empty() {
                    Self::Nothing
                } else {
                    Self::Fields(FieldErrors {
                        fields: Vec::new(),
                        non_field: messages,
                    })
                }
            }
            Value::Object(object) => {
                if let Some(detail) = object
                    .get("detail")
                    .and_then(|d| messages_of(d).into_iter().next())
                {
                    return Self::Detail(detail);
                }
                let mut errors = FieldErrors::default();
                for (field, messages) in &object {
                    let messages = messages_of(messages);
                    if messages.is_empty() {
                        continue;
                    }
                    if field == "non_field_errors"
                        || field == "errors"
                        || field == "error"
                        || field == "message"
                    {
                        errors.non_field.extend(messages);
                    } else {
                        errors.fields.push((field.clone(), messages));
                    }
                }
                if errors.is_empty() {
                    Self::Nothing
                } else {
                    Self::Fields(errors)
                }
            }
            _ => Self::Nothing,
        }
    }

    /// The one sentence this body says, if it says one.
    fn detail(&self) -> Option<String> {
        match self {
            Self::Detail(text) | Self::Text(text) => Some(text.clone()),
            Self::Fields(errors) => errors.outside(&[]).into_iter().next(),
            Self::Nothing => None,
        }
    }
}

/// The strings in a DRF message value: a string, a list of strings, or `{"message": ...}`s.
fn messages_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => vec![text.trim().to_owned()],
        Value::Array(items) => items.iter().flat_map(messages_of).collect(),
        Value::Object(object) => object
            .get("message")
            .or_else(|| object.get("detail"))
            .map(messages_of)
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A short excerpt of an unreadable body that is safe to show: tags removed, whitespace
/// collapsed, control characters dropped, at most [`EXCERPT_CHARS`] characters.
pub fn safe_excerpt(body: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if in_tag => {}
            c if c.is_control() || c.is_whitespace() => text.push(' '),
            c => text.push(c),
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let collapsed = words.join(" ");
    if collapsed.chars().count() > EXCERPT_CHARS {
        let cut: String = collapsed.chars().take(EXCERPT_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        collapsed
    }
}
