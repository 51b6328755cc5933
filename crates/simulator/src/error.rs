//! Error responses in the shapes Django REST Framework produces.

use axum::http::header::ALLOW;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The body of an error: `{"detail": "..."}`, `{"field": ["...", ...], ...}` or `["...", ...]`.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorBody {
    /// `{"detail": "..."}`
    Detail(String),
    /// Field errors in serializer field order, e.g. `{"name": ["This field is required."]}`.
    Fields(Vec<(&'static str, Vec<String>)>),
    /// A top-level list of messages, as a DRF `ValidationError("...")` raised in a view gives.
    List(Vec<String>),
}

impl Serialize for ErrorBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Detail(detail) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("detail", detail)?;
                map.end()
            }
            Self::Fields(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (field, messages) in fields {
                    map.serialize_entry(field, messages)?;
                }
                map.end()
            }
            Self::List(messages) => messages.serialize(serializer),
        }
    }
}

/// An error response: status, JSON body and extra headers.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// JSON body.
    pub body: ErrorBody,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl ApiError {
    /// `{"detail": message}` with the given status.
    pub fn detail(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody::Detail(message.into()),
            headers: Vec::new(),
        }
    }

    /// 400 with field errors.
    pub fn fields(fields: Vec<(&'static str, Vec<String>)>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            body: ErrorBody::Fields(fields),
            headers: Vec::new(),
        }
    }

    /// 400 with one error on one field.
    pub fn field(field: &'static str, message: impl Into<String>) -> Self {
        Self::fields(vec![(field, vec![message.into()])])
    }

    /// 400 `{"non_field_errors": [message]}`.
    pub fn non_field(message: impl Into<String>) -> Self {
        Self::field("non_field_errors", message)
    }

    /// 400 `["message"]`: a top-level list, as DRF answers a `ValidationError("message")`.
    pub fn list(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            body: ErrorBody::List(vec![message.into()]),
            headers: Vec::new(),
        }
    }

    /// 404 `{"detail": "Not found."}` (DRF's `NotFound` without a message).
    pub fn not_found() -> Self {
        Self::detail(StatusCode::NOT_FOUND, "Not found.")
    }

    /// 405 with an `Allow` header.
    pub fn method_not_allowed(method: &str, allow: &'static str) -> Self {
        Self::detail(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("Method \"{method}\" not allowed."),
        )
        .with_header(ALLOW, HeaderValue::from_static(allow))
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        for (name, value) in self.headers {
            response.headers_mut().insert(name, value);
        }
        response
    }
}
