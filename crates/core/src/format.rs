//! How sizes, times and durations read to a person. An exact date and time is the browser's to
//! write (`Intl.DateTimeFormat`, in the panel's `browser` module).

/// `5120` → "5.0 GB", `512` → "512 MB", `None` (still being created) → "—".
pub fn format_size_mb(size_mb: Option<u64>) -> String {
    let Some(mb) = size_mb else {
        return "—".to_owned();
    };
    if mb < 1024 {
        return format!("{mb} MB");
    }
    // In tenths, rounded half up, with integers only: formatting a float would compile
    // Rust's float printing into the wasm. Compare the figure as shown, so 1048575 MB reads
    // "1.0 TB", not "1024.0 GB".
    let tenths = |per_unit: u128| (u128::from(mb) * 10 + per_unit / 2) / per_unit;
    let (tenths, unit) = match tenths(1024) {
        gb if gb < 10_240 => (gb, "GB"),
        _ => (tenths(1024 * 1024), "TB"),
    };
    format!("{}.{} {unit}", tenths / 10, tenths % 10)
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// How long ago `then` was, seen at `now` (both in seconds since the epoch): "just now",
/// "5 minutes ago", "2 hours ago", "yesterday", "3 days ago", "10 months ago", "2 years ago".
/// A time in the future (clock skew) reads as "just now".
pub fn format_relative(then: i64, now: i64) -> String {
    let ago = now.saturating_sub(then);
    let minutes = ago / 60;
    let hours = ago / 3600;
    let days = ago / 86_400;
    match ago {
        ..45 => "just now".to_owned(),
        45..3600 => format!("{} ago", plural(minutes.max(1), "minute")),
        3600..86_400 => format!("{} ago", plural(hours, "hour")),
        86_400..172_800 => "yesterday".to_owned(),
        _ if days < 30 => format!("{days} days ago"),
        _ if days < 365 => format!("{} ago", plural((days / 30).max(1), "month")),
        _ => format!("{} ago", plural(days / 365, "year")),
    }
}

/// A duration in the short form the panel uses for waits: "20 s", "2 min", "1 min 30 s".
pub fn format_seconds_short(secs: u64) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// Elapsed time on a running job, as a clock: "0:07", "4:05", "1:02:09".
pub fn format_elapsed(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// How fresh the data on screen is: "updated just now", "updated 12 s ago",
/// "updated 3 min ago".
pub fn format_updated_ago(secs: u64) -> String {
    match secs {
        0..5 => "updated just now".to_owned(),
        5..60 => format!("updated {secs} s ago"),
        60..3600 => format!("updated {} min ago", secs / 60),
        _ => format!("updated {} h ago", secs / 3600),
    }
}

/// The slot meter: "3 of 5 snapshots".
pub fn format_slots(used: usize, limit: usize) -> String {
    format!(
        "{used} of {limit} snapshot{}",
        if limit == 1 { "" } else { "s" }
    )
}
