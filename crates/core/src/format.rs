//! How sizes, times and durations read to a person: which unit and figure, decided here and
//! tested natively. Writing the figure in the person's language is the browser's `Intl`
//! (`NumberFormat`, `RelativeTimeFormat`, `DateTimeFormat`, in the panel's `browser` module).

/// The unit a size is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizeUnit {
    Megabyte,
    Gigabyte,
    Terabyte,
}

impl SizeUnit {
    /// The unit's name for `Intl.NumberFormat` (`style: "unit"`).
    pub fn intl_name(self) -> &'static str {
        match self {
            Self::Megabyte => "megabyte",
            Self::Gigabyte => "gigabyte",
            Self::Terabyte => "terabyte",
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

/// `5120` MB → 5.0 GB, `512` → 512 MB, `1048576` → 1.0 TB; the browser writes the figure in
/// the person's language ("5.0 GB", "5,0 GB").
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

impl TimeUnit {
    /// The unit's name for `Intl.RelativeTimeFormat`.
    pub fn intl_name(self) -> &'static str {
        match self {
            Self::Minute => "minute",
            Self::Hour => "hour",
            Self::Day => "day",
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// How long ago something was, in the unit a person would say it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// Less than 45 seconds ago, or in the future (clock skew).
    JustNow,
    /// `count` units ago; the browser writes it ("5 minutes ago", "há 5 minutos", and one day
    /// ago as "yesterday", "ontem").
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
