//! How sizes, times and durations read to a person, in the panel's language: which unit and
//! figure, and how they are written ("5.0 GB", "5,0 GB"; "3 days ago", "há 3 dias"; "15 Jan
//! 2025, 18:30"), all tested natively. The browser is asked only for what it alone knows: a
//! moment's local date and time in the person's zone (the panel's `intl` module).
//!
//! Not the browser's `Intl`: the panel speaks two languages whose forms fit in a few lines, and
//! a page's first `Intl` formatter costs about 20 ms (the browser loading its locale data), on
//! the way to the first rows.

use crate::i18n::{Locale, Text};
use crate::time::LocalTime;

/// The unit a size is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeUnit {
    Megabyte,
    Gigabyte,
    Terabyte,
}

impl SizeUnit {
    /// The unit's symbol, the same in both languages.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Megabyte => "MB",
            Self::Gigabyte => "GB",
            Self::Terabyte => "TB",
        }
    }

    /// How many decimals the figure is shown with: none for MB, one for GB and TB.
    pub fn decimals(self) -> u8 {
        match self {
            Self::Megabyte => 0,
            Self::Gigabyte | Self::Terabyte => 1,
        }
    }
}

/// A size as it is shown: a figure in tenths of `unit`, already rounded to what is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub tenths: u128,
    pub unit: SizeUnit,
}

/// `5120` MB → 5.0 GB, `512` → 512 MB, `1048576` → 1.0 TB ([`size_text`] writes it).
pub fn size_of(size_mb: u64) -> Size {
    if size_mb < 1024 {
        return Size {
            tenths: u128::from(size_mb) * 10,
            unit: SizeUnit::Megabyte,
        };
    }
    // In tenths, rounded half up. Compare the figure as shown, so 1048575 MB reads "1.0 TB",
    // not "1024.0 GB".
    let tenths = |per_unit: u128| (u128::from(size_mb) * 10 + per_unit / 2) / per_unit;
    match tenths(1024) {
        gb if gb < 10_240 => Size {
            tenths: gb,
            unit: SizeUnit::Gigabyte,
        },
        _ => Size {
            tenths: tenths(1024 * 1024),
            unit: SizeUnit::Terabyte,
        },
    }
}

/// The unit a relative time is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

/// How long ago something was, in the unit a person would say it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// Less than 45 seconds ago, or in the future (clock skew).
    JustNow,
    /// `count` whole units ago ("5 minutes ago", "há 5 minutos": [`relative_text`]). A day
    /// is 24 hours, so one day ago is "1 day ago", never "yesterday", which would be untrue
    /// of a time two calendar days back.
    Ago { count: u64, unit: TimeUnit },
}

/// How long ago `then` was, seen at `now` (both in seconds since the epoch): just now, then
/// minutes, hours, days (under 30), months (under a year), years.
pub fn relative(then: i64, now: i64) -> Relative {
    let ago = u64::try_from(now.saturating_sub(then)).unwrap_or(0);
    let days = ago / 86_400;
    let (count, unit) = match ago {
        ..45 => return Relative::JustNow,
        45..3600 => ((ago / 60).max(1), TimeUnit::Minute),
        3600..86_400 => (ago / 3600, TimeUnit::Hour),
        _ if days < 30 => (days, TimeUnit::Day),
        _ if days < 365 => ((days / 30).max(1), TimeUnit::Month),
        _ => (days / 365, TimeUnit::Year),
    };
    Relative::Ago { count, unit }
}

/// A size in MB as it reads: "5.0 GB", "512 MB", "1,023 MB" ("5,0 GB", "1.023 MB" in
/// Portuguese); "—" while a snapshot has none yet.
pub fn size_text(t: Locale, size_mb: Option<u64>) -> String {
    let Some(mb) = size_mb else {
        return "—".to_owned();
    };
    let size = size_of(mb);
    let whole = grouped(t, size.tenths / 10);
    let unit = size.unit.symbol();
    match size.unit.decimals() {
        0 => format!("{whole} {unit}"),
        _ => format!("{whole}{}{} {unit}", t.decimal_mark(), size.tenths % 10),
    }
}

/// A whole number with its thousands marked: "17,592,186,044,416", "1.023".
pub(crate) fn grouped(t: Locale, n: u128) -> String {
    let digits = n.to_string();
    let mut written = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        let left = digits.len().saturating_sub(at);
        if at > 0 && left % 3 == 0 {
            written.push(t.thousands_mark());
        }
        written.push(digit);
    }
    written
}

/// How long ago `then` was at `now` (seconds since the epoch): "just now", "5 minutes ago",
/// "1 day ago"; "agora mesmo", "há 5 minutos", "há 1 dia".
pub fn relative_text(t: Locale, then: i64, now: i64) -> Text {
    match relative(then, now) {
        Relative::JustNow => t.just_now(),
        Relative::Ago { count, unit } => match unit {
            TimeUnit::Minute => t.minutes_ago(count),
            TimeUnit::Hour => t.hours_ago(count),
            TimeUnit::Day => t.days_ago(count),
            TimeUnit::Month => t.months_ago(count),
            TimeUnit::Year => t.years_ago(count),
        },
    }
}

/// An exact time, in the same order in both languages: "15 Jan 2025, 18:30", "15 jan. 2025,
/// 18:30".
pub fn exact_text(t: Locale, at: LocalTime) -> String {
    let month = t.month_short(at.month).unwrap_or_default();
    format!(
        "{} {month} {}, {:02}:{:02}",
        at.day, at.year, at.hour, at.minute
    )
}

/// A duration in the short form the panel uses for waits: "20 s", "2 min", "1 min 30 s".
pub fn format_seconds_short(secs: u64) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// Elapsed time on a running job, as a clock: "0:07", "4:05", "1:02:09"; from a day on, in
/// days ("3 days"), as for a restore found stuck long ago.
pub fn format_elapsed(t: Locale, secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h >= 24 {
        t.days(h / 24).into_owned()
    } else if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A server's name as a person reads it: its name, or "Server 12345" when it has none.
pub fn display_name(t: Locale, name: &str, id: u64) -> String {
    if name.trim().is_empty() {
        t.unnamed_server(id).into_owned()
    } else {
        name.to_owned()
    }
}
