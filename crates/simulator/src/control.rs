//! `/__sim/` control endpoints (enabled by `--control`): reset, faults, request log.
//! They need no token and are never faulted nor logged.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::ApiError;
use crate::faults::{FaultRequest, FaultState, FaultStatus};
use crate::store::{RequestRecord, Settings};
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
}

/// Body of `POST /__sim/reset`; omitted settings return to their start-up values.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetRequest {
    create_secs: Option<f64>,
    restore_secs: Option<f64>,
    page_size: Option<u32>,
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
