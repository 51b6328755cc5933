//! `/__sim/` control endpoints (enabled by `--control`): reset, faults, request log, and
//! changes to servers behind the API's back. They need no token and are never faulted nor
//! logged.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::dialect::Dialect;
use crate::error::ApiError;
use crate::faults::RequestRecord;
use crate::faults::{FaultRequest, FaultState, FaultStatus};
use crate::model::ServerStatus;
use crate::store::Settings;
use crate::AppState;

/// The control routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__sim/reset", post(reset))
        .route(
            "/__sim/faults",
            get(get_faults).post(set_faults).delete(clear_faults),
        )
        .route("/__sim/requests", get(requests).delete(clear_requests))
        .route(
            "/__sim/servers/{id}",
            patch(patch_server).delete(delete_server),
        )
}

/// Body of `POST /__sim/reset`; omitted settings return to their start-up values.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetRequest {
    create_secs: Option<f64>,
    restore_secs: Option<f64>,
    page_size: Option<u32>,
    plain_drf: Option<bool>,
    creates_fail: Option<bool>,
}

/// Parses an optional JSON body (empty = all defaults).
fn optional_json<T: DeserializeOwned + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::detail(StatusCode::BAD_REQUEST, format!("JSON parse error - {e}")))
}

fn seconds(field: &'static str, value: Option<f64>, default: f64) -> Result<f64, ApiError> {
    match value {
        None => Ok(default),
        Some(secs) if secs.is_finite() && secs >= 0.0 => Ok(secs),
        Some(_) => Err(ApiError::field(
            field,
            "Ensure this value is a number of seconds >= 0.",
        )),
    }
}

async fn reset(State(state): State<AppState>, body: Bytes) -> Result<StatusCode, ApiError> {
    let request: ResetRequest = optional_json(&body)?;
    let config = state.config();
    let settings = Settings {
        create_secs: seconds("create_secs", request.create_secs, config.create_secs)?,
        restore_secs: seconds("restore_secs", request.restore_secs, config.restore_secs)?,
        page_size: match request.page_size {
            None => config.page_size,
            Some(0) => {
                return Err(ApiError::field(
                    "page_size",
                    "Ensure this value is greater than or equal to 1.",
                ))
            }
            Some(size) => size,
        },
        dialect: Dialect::new(request.plain_drf.unwrap_or(config.plain_drf)),
        creates_fail: request.creates_fail.unwrap_or(false),
    };
    state.reset(settings);
    Ok(StatusCode::NO_CONTENT)
}

async fn get_faults(State(state): State<AppState>) -> Json<FaultStatus> {
    FaultStatus::of(&state.lock().faults)
}

async fn set_faults(State(state): State<AppState>, body: Bytes) -> Result<StatusCode, ApiError> {
    let request: FaultRequest = optional_json(&body)?;
    let spec = request.into_spec()?;
    state.lock().faults = FaultState::new(spec);
    Ok(StatusCode::NO_CONTENT)
}

async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.lock().faults = FaultState::off();
    StatusCode::NO_CONTENT
}

async fn requests(State(state): State<AppState>) -> Json<Vec<RequestRecord>> {
    Json(state.lock().log.clone())
}

async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.lock().log.clear();
    StatusCode::NO_CONTENT
}

/// Body of `PATCH /__sim/servers/{id}`: `{"name": null | "text", "status": "active" | ...}`,
/// both optional; a `name` given as null makes the server's name JSON null.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerPatch {
    #[serde(default, deserialize_with = "present")]
    name: Option<Option<String>>,
    status: Option<String>,
}

/// Tells a field given as `null` (`Some(None)`) from a missing one (`None`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// A server id of a control path; anything else is a 404.
fn server_id(id: &str) -> Result<u64, ApiError> {
    id.parse().map_err(|_| ApiError::not_found())
}

async fn patch_server(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let id = server_id(&id)?;
    let request: ServerPatch = optional_json(&body)?;
    let status = match request.status {
        None => None,
        Some(text) => Some(ServerStatus::parse(&text).ok_or_else(|| {
            ApiError::field("status", format!("\"{text}\" is not a valid choice."))
        })?),
    };
    state.lock().patch_server(id, request.name, status)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn delete_server(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = server_id(&id)?;
    state.lock().delete_server(id)?;
    Ok(StatusCode::NO_CONTENT)
}
