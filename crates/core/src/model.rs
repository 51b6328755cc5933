//! The API's data, as the provider documents it, decoded tolerantly.
//!
//! Unknown fields are ignored, optional text may be missing, `null` or `""`, and an unknown
//! status is kept as itself rather than refused.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::i18n::{Locale, Text};

/// Reads and writes a status as the API spells it, through its `From<String>` and
/// `as_api_str`: a string, with `null` read as `""`.
macro_rules! status_as_api_text {
    ($status:ty) => {
        impl<'de> Deserialize<'de> for $status {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Ok(text_or_empty(deserializer)?.into())
            }
        }

        impl Serialize for $status {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_api_str())
            }
        }
    };
}

/// A server as a snapshot names it: `{"id": 12345, "name": "web-server-01"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct ServerRef {
    pub id: u64,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub name: String,
}

/// Where a snapshot is in its life. Only the first two are documented.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SnapshotStatus {
    InProgress,
    Completed,
    Failed,
    /// Any other status, kept as the API spelled it.
    Other(String),
}

impl SnapshotStatus {
    /// The status as the API spells it.
    pub fn as_api_str(&self) -> &str {
        match self {
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Other(other) => other,
        }
    }

    /// The badge text a person reads.
    pub fn label(&self, t: Locale) -> Text {
        match self {
            Self::InProgress => t.in_progress(),
            Self::Completed => t.completed(),
            Self::Failed => t.failed(),
            Self::Other(other) => humanize(other, t),
        }
    }
}

impl From<String> for SnapshotStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "in_progress" => Self::InProgress,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            _ => Self::Other(value),
        }
    }
}

status_as_api_text!(SnapshotStatus);

/// A server's state: the provider documents `active`, `stopped`, `suspended` and, during a
/// restore, `restoring`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum ServerStatus {
    Active,
    Stopped,
    Suspended,
    Restoring,
    /// No status was sent.
    #[default]
    Unknown,
    /// Any other status, kept as the API spelled it.
    Other(String),
}

impl ServerStatus {
    /// The status as the API spells it.
    pub fn as_api_str(&self) -> &str {
        match self {
            Self::Active => "active",
            Self::Stopped => "stopped",
            Self::Suspended => "suspended",
            Self::Restoring => "restoring",
            Self::Unknown => "",
            Self::Other(other) => other,
        }
    }

    /// The text a person reads.
    pub fn label(&self, t: Locale) -> Text {
        match self {
            Self::Active => t.running(),
            Self::Stopped => t.stopped(),
            Self::Suspended => t.suspended(),
            Self::Restoring => t.restoring(),
            Self::Unknown => t.status_unknown(),
            Self::Other(other) => humanize(other, t),
        }
    }
}

impl From<String> for ServerStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "active" | "running" => Self::Active,
            "stopped" => Self::Stopped,
            "suspended" => Self::Suspended,
            "restoring" => Self::Restoring,
            "" => Self::Unknown,
            _ => Self::Other(value),
        }
    }
}

status_as_api_text!(ServerStatus);

/// One snapshot, as listed by `GET /api/v1/snapshots/`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Snapshot {
    pub id: u64,
    pub server: ServerRef,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub name: String,
    pub status: SnapshotStatus,
    /// `null` while the snapshot is being created.
    #[serde(default, deserialize_with = "size_or_none")]
    pub size_mb: Option<u64>,
    /// RFC 3339, kept as sent; [`crate::time::parse_rfc3339`] reads it.
    #[serde(default, deserialize_with = "text_or_empty")]
    pub created_at: String,
    /// Missing, `null` and `""` all mean "no description".
    #[serde(default, deserialize_with = "optional_text")]
    pub description: Option<String>,
}

/// The answer to `POST /api/v1/snapshots/`: the new snapshot and the provider's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedSnapshot {
    pub snapshot: Snapshot,
    pub message: Option<String>,
}

/// Read as the body it is, twice: once as a snapshot, exactly as a listed one is read, and
/// once for its message. (`#[serde(flatten)]` would do it in one pass, but compiles in serde's
/// buffering of every field: 17 KB of wasm.) Needs a body read from a string.
impl<'de> Deserialize<'de> for CreatedSnapshot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Message {
            #[serde(default, deserialize_with = "optional_text")]
            message: Option<String>,
        }
        let body = <&RawValue>::deserialize(deserializer)?;
        let snapshot = serde_json::from_str(body.get()).map_err(D::Error::custom)?;
        let Message { message } = serde_json::from_str(body.get()).map_err(D::Error::custom)?;
        Ok(Self { snapshot, message })
    }
}

/// The body of `POST /api/v1/snapshots/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewSnapshot {
    pub server_id: u64,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The answer to `POST /api/v1/snapshots/{id}/restore/`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RestoreStarted {
    #[serde(default, deserialize_with = "text_or_empty")]
    pub status: String,
    #[serde(default, deserialize_with = "optional_text")]
    pub message: Option<String>,
    #[serde(default)]
    pub snapshot: Option<RestoredSnapshot>,
    #[serde(default)]
    pub server: Option<RestoringServer>,
}

/// The snapshot named in a restore answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RestoredSnapshot {
    pub id: u64,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub name: String,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub created_at: String,
}

/// The server named in a restore answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RestoringServer {
    pub id: u64,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub name: String,
    #[serde(default)]
    pub status: ServerStatus,
}

/// A server, as `GET /api/v1/servers/` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Server {
    pub id: u64,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub name: String,
    #[serde(default)]
    pub status: ServerStatus,
    #[serde(default, deserialize_with = "optional_text")]
    pub hostname: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub ip_address: Option<String>,
    #[serde(default, deserialize_with = "optional_text")]
    pub location: Option<String>,
    /// When the server last changed (RFC 3339): a restore found running began no later.
    #[serde(default, deserialize_with = "optional_text")]
    pub updated_at: Option<String>,
}

impl Server {
    /// A server known only by its id and name (from a snapshot, or not at all): no status,
    /// nothing else known.
    pub fn placeholder(id: u64, name: String) -> Self {
        Self {
            id,
            name,
            status: ServerStatus::Unknown,
            hostname: None,
            ip_address: None,
            location: None,
            updated_at: None,
        }
    }
}

/// The answer to `GET /api/v1/account/me/`. Any readable body is a token that works: a part
/// that is `null` or of another shape is read as unknown, never as a refusal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Me {
    #[serde(default, deserialize_with = "or_default")]
    pub account: Account,
    #[serde(default, deserialize_with = "or_default")]
    pub token: TokenInfo,
}

/// Who owns the token.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Account {
    #[serde(default, deserialize_with = "text_or_empty")]
    pub email: String,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub first_name: String,
    #[serde(default, deserialize_with = "text_or_empty")]
    pub last_name: String,
    #[serde(default, deserialize_with = "optional_text")]
    pub company_name: Option<String>,
}

impl Account {
    /// The name to show for the signed-in person: their full name, else their email.
    pub fn display_name(&self) -> String {
        let full = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let full = full.trim();
        if full.is_empty() {
            self.email.clone()
        } else {
            full.to_owned()
        }
    }
}

/// What the token may do.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct TokenInfo {
    #[serde(default, deserialize_with = "optional_text")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "lenient_strings")]
    pub permissions: Vec<String>,
}

/// `"in_progress"` → `"In progress"`: how an unknown status is shown (in the API's words,
/// which the panel cannot translate).
fn humanize(raw: &str, t: Locale) -> Text {
    let spaced = raw.trim().replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect::<String>()
            .into(),
        None => t.unknown(),
    }
}

/// Whatever can be read as a `T`, and anything else (`null`, another shape) as its default.
fn or_default<'de, D: Deserializer<'de>, T: Default + serde::de::DeserializeOwned>(
    deserializer: D,
) -> Result<T, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(T::deserialize(value).unwrap_or_default())
}

/// A string, with `null` (or a missing field, via `default`) read as `""`.
fn text_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// A string where `null` and `""` both mean "none".
fn optional_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text.filter(|text| !text.trim().is_empty()))
}

/// A size in MB: a whole number, a float (rounded), a numeric string, or `null`.
fn size_or_none<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(match value {
        serde_json::Value::Number(number) => number.as_u64().or_else(|| {
            number
                .as_f64()
                .filter(|size| size.is_finite() && *size >= 0.0 && *size < 1e15)
                .map(|size| size.round() as u64)
        }),
        serde_json::Value::String(text) => text.trim().parse().ok(),
        _ => None,
    })
}

/// A list of strings where anything that is not a string is skipped.
fn lenient_strings<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    Ok(match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    })
}
