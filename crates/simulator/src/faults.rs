//! Fault injection and the request log, as one middleware around `/api/`.
//!
//! Each `/api/` request that matches the fault filter (path prefix, method) draws from a
//! seeded SplitMix64 generator, so a given seed and request sequence always fault the same
//! requests the same way.

use std::pin::Pin;
use std::str::FromStr;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body::Frame;
use serde::{Deserialize, Serialize};

use crate::dialect::Dialect;
use crate::error::ApiError;
use crate::rng::splitmix64;
use crate::AppState;

/// A way for a request to go wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// Wait `latency_ms`, then answer normally. Like a WSGI worker, the API finishes the
    /// request even if the client stopped waiting for it.
    #[serde(rename = "latency")]
    Latency,
    /// 502 with an nginx HTML page (`Content-Type: text/html`); the request is not processed.
    #[serde(rename = "html502")]
    Html502,
    /// 500 `{"detail": "A server error occurred."}` (Django's HTML page in plain-DRF mode);
    /// the request is not processed.
    #[serde(rename = "500")]
    ServerError,
    /// The request IS processed, then answered as `500`: Django keeps what a view saved
    /// before it failed, unless `ATOMIC_REQUESTS` is on (it is off by default).
    #[serde(rename = "500saved")]
    ServerErrorAfterSave,
    /// The request IS processed, then answered 200 `application/json` with the body cut in half.
    #[serde(rename = "truncated")]
    Truncated,
    /// 429 with `Retry-After`; the request is not processed.
    #[serde(rename = "429")]
    Throttle,
    /// The connection is closed without a response; the request is not processed.
    #[serde(rename = "drop")]
    Drop,
}

impl FaultKind {
    /// Every kind.
    pub const ALL: [Self; 7] = [
        Self::Latency,
        Self::Html502,
        Self::ServerError,
        Self::ServerErrorAfterSave,
        Self::Truncated,
        Self::Throttle,
        Self::Drop,
    ];

    /// The accepted spellings, for messages.
    pub const NAMES: &'static str = "latency, html502, 500, 500saved, truncated, 429, drop";

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Latency => "latency",
            Self::Html502 => "html502",
            Self::ServerError => "500",
            Self::ServerErrorAfterSave => "500saved",
            Self::Truncated => "truncated",
            Self::Throttle => "429",
            Self::Drop => "drop",
        }
    }
}

impl FromStr for FaultKind {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        Self::ALL.into_iter().find(|k| k.as_str() == text).ok_or(())
    }
}

/// Which requests to fault, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaultSpec {
    /// Probability (0.0..=1.0) that a matching request is faulted.
    pub rate: f64,
    /// Kinds to pick from (uniformly).
    pub kinds: Vec<FaultKind>,
    /// Delay of the `latency` kind.
    pub latency_ms: u64,
    /// `Retry-After` of the `429` kind.
    pub retry_after_secs: u64,
    /// Seed of the generator.
    pub seed: u64,
    /// Only requests whose path starts with this (default: every `/api/` path).
    pub path_prefix: Option<String>,
    /// Only requests with this method (default: any).
    pub method: Option<String>,
    /// Only the next `count` faults are injected, then faults switch off (default: no limit).
    pub count: Option<u64>,
}

impl Default for FaultSpec {
    fn default() -> Self {
        Self {
            rate: 0.0,
            kinds: FaultKind::ALL.to_vec(),
            latency_ms: 300,
            retry_after_secs: 2,
            seed: 0,
            path_prefix: None,
            method: None,
            count: None,
        }
    }
}

/// One line of the request log (`GET /__sim/requests`).
#[derive(Debug, Clone, Serialize)]
pub struct RequestRecord {
    /// HTTP method.
    pub method: String,
    /// Path, without the query.
    pub path: String,
    /// Raw query string without `?` (`""` when none).
    pub query: String,
    /// Status sent; null when the connection was dropped.
    pub status: Option<u16>,
    /// The fault injected, if any.
    pub fault: Option<&'static str>,
}

/// The fault configuration in force and its generator.
#[derive(Debug, Clone)]
pub struct FaultState {
    spec: FaultSpec,
    state: u64,
    remaining: Option<u64>,
}

impl FaultState {
    /// No faults.
    pub fn off() -> Self {
        Self::new(FaultSpec::default())
    }

    /// Faults as described by `spec`, generator seeded with `spec.seed`.
    pub fn new(spec: FaultSpec) -> Self {
        Self {
            state: spec.seed,
            remaining: spec.count,
            spec,
        }
    }

    /// The configuration in force.
    pub fn spec(&self) -> &FaultSpec {
        &self.spec
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        splitmix64(self.state)
    }

    /// Decides the fate of one request.
    pub fn draw(&mut self, method: &str, path: &str) -> Option<FaultKind> {
        if self.spec.rate <= 0.0 || self.spec.kinds.is_empty() || self.remaining == Some(0) {
            return None;
        }
        if self
            .spec
            .path_prefix
            .as_deref()
            .is_some_and(|p| !path.starts_with(p))
            || self
                .spec
                .method
                .as_deref()
                .is_some_and(|m| !m.eq_ignore_ascii_case(method))
        {
            return None;
        }
        // 53 random bits -> [0, 1).
        let roll = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let pick = self.next_u64();
        if roll >= self.spec.rate {
            return None;
        }
        let len = u64::try_from(self.spec.kinds.len()).unwrap_or(1);
        let index = usize::try_from(pick.checked_rem(len).unwrap_or(0)).unwrap_or(0);
        let kind = self.spec.kinds.get(index).copied()?;
        if let Some(remaining) = self.remaining.as_mut() {
            *remaining = remaining.saturating_sub(1);
        }
        Some(kind)
    }
}

const BAD_GATEWAY_HTML: &str = "<html>\r
<head><title>502 Bad Gateway</title></head>\r
<body>\r
<center><h1>502 Bad Gateway</h1></center>\r
<hr><center>nginx/1.24.0</center>\r
</body>\r
</html>\r
";

/// A response body that fails as soon as it is polled: hyper then closes the connection
/// without having sent anything, and the client sees a network error.
struct BrokenBody;

impl HttpBody for BrokenBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "simulated dropped connection",
        ))))
    }
}

fn throttled(retry_after_secs: u64) -> Response {
    let unit = if retry_after_secs == 1 {
        "second"
    } else {
        "seconds"
    };
    let mut response = ApiError::detail(
        StatusCode::TOO_MANY_REQUESTS,
        format!("Request was throttled. Expected available in {retry_after_secs} {unit}."),
    )
    .into_response();
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

async fn truncated(response: Response) -> Response {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_default();
    let half = bytes.slice(..bytes.len().div_euclid(2));
    (
        StatusCode::OK,
        [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        half,
    )
        .into_response()
}

/// A request carrying this header is answered without faults (still logged): the end-to-end
/// tests send it on their own calls to the API, so that faults meant for the panel never
/// break the test's bookkeeping.
pub const EXEMPT_HEADER: &str = "x-sim-exempt";

/// Middleware: injects faults into `/api/` requests and logs them.
pub async fn inject_and_log(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    let method = request.method().as_str().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    // A test's own reads of the API (to learn what to expect) are never faulted.
    let exempt = request.headers().contains_key(EXEMPT_HEADER);
    // Read with the fault, under one lock: a reset cannot come between them.
    let (fault, latency_ms, retry_after_secs, dialect, era) = {
        let mut store = state.lock();
        let fault = if exempt {
            None
        } else {
            store.faults.draw(&method, &path)
        };
        let spec = store.faults.spec();
        (
            fault,
            spec.latency_ms,
            spec.retry_after_secs,
            store.settings.dialect,
            state.era(),
        )
    };
    // A client that stops waiting does not stop the API: the request is answered and logged
    // on its own task, which the client's going does not cancel. A reset meanwhile does: what
    // began before it neither changes nor is logged in the world after it.
    let answer = tokio::spawn(async move {
        let response = match fault {
            Some(FaultKind::Latency) => {
                tokio::time::sleep(Duration::from_millis(latency_ms)).await;
                if state.era() != era {
                    return StatusCode::SERVICE_UNAVAILABLE.into_response();
                }
                next.run(request).await
            }
            _ => faulted(fault, request, next, retry_after_secs, dialect).await,
        };
        let status = (fault != Some(FaultKind::Drop)).then(|| response.status().as_u16());
        let mut store = state.lock();
        if state.era() != era {
            return response;
        }
        store.log.push(RequestRecord {
            method,
            path,
            query,
            status,
            fault: fault.map(FaultKind::as_str),
        });
        response
    });
    answer
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The answer to `request` with `fault` (if any) injected, but for latency.
async fn faulted(
    fault: Option<FaultKind>,
    request: Request,
    next: Next,
    retry_after_secs: u64,
    dialect: Dialect,
) -> Response {
    match fault {
        None | Some(FaultKind::Latency) => next.run(request).await,
        Some(FaultKind::Html502) => (
            StatusCode::BAD_GATEWAY,
            [(CONTENT_TYPE, HeaderValue::from_static("text/html"))],
            BAD_GATEWAY_HTML,
        )
            .into_response(),
        Some(FaultKind::ServerError) => dialect.server_error(),
        Some(FaultKind::ServerErrorAfterSave) => {
            next.run(request).await;
            dialect.server_error()
        }
        Some(FaultKind::Truncated) => truncated(next.run(request).await).await,
        Some(FaultKind::Throttle) => throttled(retry_after_secs),
        Some(FaultKind::Drop) => Response::new(Body::new(BrokenBody)),
    }
}

/// The body of `POST /__sim/faults`: every field optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRequest {
    rate: Option<f64>,
    kinds: Option<Vec<String>>,
    latency_ms: Option<u64>,
    retry_after_secs: Option<u64>,
    seed: Option<u64>,
    path_prefix: Option<String>,
    method: Option<String>,
    count: Option<u64>,
}

impl FaultRequest {
    /// Validates into a spec (rate defaults to 1.0, kinds to all).
    pub fn into_spec(self) -> Result<FaultSpec, ApiError> {
        let defaults = FaultSpec::default();
        let rate = self.rate.unwrap_or(1.0);
        if !(0.0..=1.0).contains(&rate) {
            return Err(ApiError::field(
                "rate",
                "Ensure this value is between 0.0 and 1.0.",
            ));
        }
        let kinds = match self.kinds {
            None => defaults.kinds,
            Some(names) => names
                .iter()
                .map(|n| {
                    n.parse().map_err(|()| {
                        ApiError::field("kinds", format!("\"{n}\" is not a valid choice."))
                    })
                })
                .collect::<Result<Vec<FaultKind>, ApiError>>()?,
        };
        Ok(FaultSpec {
            rate,
            kinds,
            latency_ms: self.latency_ms.unwrap_or(defaults.latency_ms),
            retry_after_secs: self.retry_after_secs.unwrap_or(defaults.retry_after_secs),
            seed: self.seed.unwrap_or(defaults.seed),
            path_prefix: self.path_prefix,
            method: self.method,
            count: self.count,
        })
    }
}

/// `GET /__sim/faults` answer: the spec in force plus the faults left.
#[derive(Debug, Serialize)]
pub struct FaultStatus {
    #[serde(flatten)]
    spec: FaultSpec,
    remaining: Option<u64>,
}

impl FaultStatus {
    /// Describes `state`.
    pub fn of(state: &FaultState) -> Json<Self> {
        Json(Self {
            spec: state.spec.clone(),
            remaining: state.remaining,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rate: f64, seed: u64) -> FaultSpec {
        FaultSpec {
            rate,
            seed,
            ..FaultSpec::default()
        }
    }

    #[test]
    fn same_seed_same_faults() {
        let run = |seed| {
            let mut f = FaultState::new(spec(0.5, seed));
            (0..64)
                .map(|_| f.draw("GET", "/api/v1/snapshots/"))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let faults = run(7).iter().filter(|f| f.is_some()).count();
        assert!((10..=54).contains(&faults), "{faults}");
    }

    #[test]
    fn filters_and_count() {
        let mut f = FaultState::new(FaultSpec {
            path_prefix: Some("/api/v1/servers/".to_owned()),
            method: Some("get".to_owned()),
            count: Some(2),
            ..spec(1.0, 1)
        });
        assert_eq!(f.draw("GET", "/api/v1/snapshots/"), None);
        assert_eq!(f.draw("POST", "/api/v1/servers/"), None);
        assert!(f.draw("GET", "/api/v1/servers/").is_some());
        assert!(f.draw("GET", "/api/v1/servers/1/").is_some());
        assert_eq!(f.draw("GET", "/api/v1/servers/"), None);
    }

    #[test]
    fn off_by_default() {
        assert_eq!(FaultState::off().draw("GET", "/api/v1/servers/"), None);
    }
}
