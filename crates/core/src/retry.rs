//! Which failures are worth another try, and when: reads only.
//!
//! A GET changes nothing, so asking again is always safe. A POST or DELETE is never sent twice
//! behind the person's back: when its outcome is unknown, the panel reads what the API now
//! shows instead (see [`ApiError::no_answer`]).

use crate::error::ApiError;

/// Retries after the first try, at most.
pub const MAX_RETRIES: u32 = 3;
/// The wait before the first retry; it doubles for each one after.
pub const FIRST_RETRY_MS: u64 = 400;
/// A `Retry-After` longer than this is not waited for: the read fails, and the poll's own
/// backoff takes over.
pub const MAX_RETRY_WAIT_MS: u64 = 10_000;

/// How long to wait before retry number `retry` (1-based) of a read that failed with `error`,
/// or `None` to give up. `retry_after_secs` is the answer's `Retry-After`, honoured on 429 and
/// 503. `jitter` (0.0..=1.0, from a random source) spreads the wait by ±25% so that many
/// panels do not come back at the same instant.
///
/// Retried: 502, 503, 504, 429, network errors, timeouts and 2xx answers that could not be
/// read. Never: any other 4xx (asking again gets the same answer), other 5xx (500 is the
/// API's own bug), or being offline (the browser says when it is back).
pub fn read_retry_delay_ms(
    retry: u32,
    error: &ApiError,
    retry_after_secs: Option<u64>,
    jitter: f64,
) -> Option<u64> {
    if retry == 0 || retry > MAX_RETRIES || !is_retryable_read(error) {
        return None;
    }
    let doubling = 1_u64
        .checked_shl(retry.saturating_sub(1))
        .unwrap_or(u64::MAX);
    let spread = spread(FIRST_RETRY_MS.saturating_mul(doubling), jitter, 25);
    let asked = match error {
        ApiError::RateLimited {
            retry_after_secs: from_error,
        } => from_error.or(retry_after_secs),
        ApiError::Server { status: 503, .. } => retry_after_secs,
        _ => None,
    }
    .map(|secs| secs.saturating_mul(1000));
    match asked {
        Some(asked) if asked > MAX_RETRY_WAIT_MS => None,
        Some(asked) => Some(spread.max(asked)),
        None => Some(spread),
    }
}

/// Whether a failed read may succeed if asked again at once.
fn is_retryable_read(error: &ApiError) -> bool {
    match error {
        ApiError::Server { status, .. } => matches!(status, 502..=504),
        ApiError::Malformed { status, .. } => (200..300).contains(status),
        ApiError::RateLimited { .. } | ApiError::Network | ApiError::Timeout => true,
        _ => false,
    }
}

/// `base_ms` spread by `percent` either way as `jitter` (0.0..=1.0, from a random source) goes
/// from 0 to 1: 0 gives `percent` less, 1 `percent` more. A `jitter` that is not a number
/// counts as the middle.
pub(crate) fn spread(base_ms: u64, jitter: f64, percent: u64) -> u64 {
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let percent = percent.min(100);
    let low = (base_ms / 100).saturating_mul(100 - percent);
    let width = (base_ms / 100).saturating_mul(2 * percent);
    low.saturating_add((width as f64 * jitter) as u64)
}
