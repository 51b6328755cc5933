//! Reads the two kinds of timestamp the API sends into whole seconds since the Unix epoch
//! (UTC): RFC 3339 (`created_at`, which orders snapshots and decides the restore rules) and
//! HTTP dates (`Retry-After`). Anything unreadable is `None`, never a panic.
//!
//! Why by hand: this crate is shared by the native tests and the wasm panel, so it cannot ask
//! the browser's `Date.parse`, and the `time` crate's RFC 3339 parser (`default-features =
//! false, features = ["parsing"]`) in place of this parser made the panel's release wasm 9,739
//! bytes bigger (code and data sections of cargo's build, before wasm-bindgen and wasm-opt).
//! Nothing here writes a date for a person: [`crate::format::exact_text`] does, from the local
//! fields the browser works out for the person's zone.

/// A moment as the person's clock reads it: a browser `Date`'s local fields, which the browser
/// works out for the person's zone and its daylight saving, so nothing here converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: u32,
    /// 1 for January.
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

/// The months as HTTP dates name them, which are also English dates' short names.
pub(crate) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Seconds since the epoch of a UTC date and time, if it is a real one (a leap second reads
/// as the next second).
fn to_epoch(
    (year, month, day): (i64, u32, u32),
    (hour, minute, second): (u32, u32, u32),
) -> Option<i64> {
    let valid = (1..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 61;
    valid.then(|| {
        days_from_civil(year, month, day) * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second)
    })
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Reads an RFC 3339 timestamp (`2025-01-15T18:30:00Z`, `...18:30:00.123+01:00`, a space for
/// the `T`, or a bare date) into seconds since the epoch.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = match text.find(['T', 't', ' ']) {
        Some(at) => (text.get(..at)?, text.get(at + 1..)?),
        None => (text, "00:00:00Z"),
    };
    let mut date_parts = date.splitn(3, '-');
    let year = i64::from(number(date_parts.next()?)?);
    let month = number(date_parts.next()?)?;
    let day = number(date_parts.next()?)?;

    let zone_at = rest.find(['Z', 'z', '+', '-']);
    let (clock, zone) = match zone_at {
        Some(at) => (rest.get(..at)?, rest.get(at..)?),
        None => (rest, ""),
    };
    let clock = clock.split('.').next()?;
    let mut clock_parts = clock.splitn(3, ':');
    let hour = number(clock_parts.next()?)?;
    let minute = number(clock_parts.next()?)?;
    let second = clock_parts.next().map_or(Some(0), number)?;

    let offset = match zone {
        "" | "Z" | "z" => 0,
        signed => {
            let sign = if signed.starts_with('-') { -1 } else { 1 };
            let digits = signed.get(1..)?.replace(':', "");
            let hours = i64::from(number(digits.get(..2)?)?);
            let minutes = i64::from(number(
                digits.get(2..).filter(|m| !m.is_empty()).unwrap_or("00"),
            )?);
            sign * (hours * 3600 + minutes * 60)
        }
    };
    let local = to_epoch((year, month, day), (hour, minute, second))?;
    Some(local - offset)
}

/// Reads an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`) into seconds since the epoch.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let mut parts = text.split_whitespace().skip(1);
    let day = number(parts.next()?)?;
    let month_name = parts.next()?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month_name))?;
    let year = i64::from(number(parts.next()?)?);
    let mut clock = parts.next()?.split(':');
    let hour = number(clock.next()?)?;
    let minute = number(clock.next()?)?;
    let second = number(clock.next()?)?;
    let month = u32::try_from(month).ok()?.checked_add(1)?;
    to_epoch((year, month, day), (hour, minute, second))
}
