//! Wall-clock helpers: Unix seconds and RFC 3339 formatting.

use std::time::{SystemTime, UNIX_EPOCH};

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Seconds in one day.
pub const DAY: i64 = 86_400;

/// The current wall-clock time as whole Unix seconds (UTC).
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .unwrap_or(0)
}

/// Formats Unix seconds as RFC 3339 UTC with second precision, e.g. `2025-01-15T18:30:00Z`.
pub fn rfc3339(unix: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Rounds Unix seconds down to the start of their UTC day.
pub fn start_of_day(unix: i64) -> i64 {
    unix.saturating_sub(unix.rem_euclid(DAY))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_z_and_whole_seconds() {
        assert_eq!(rfc3339(1_736_965_800), "2025-01-15T18:30:00Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn day_start() {
        assert_eq!(start_of_day(1_736_965_800), 1_736_899_200);
    }
}
