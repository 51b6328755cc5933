#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! How sizes, times and durations read, and the calendar arithmetic under them.

use snapshot_core::format::{
    format_datetime, format_elapsed, format_relative, format_seconds_short, format_size_mb,
    format_slots, format_updated_ago,
};
use snapshot_core::time::{from_epoch, parse_http_date, parse_rfc3339, to_epoch, DateTime};

/// 2025-01-15T18:30:00Z
const T: i64 = 1_736_965_800;
const MIN: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

// ----- sizes ----------------------------------------------------------------------------------

#[test]
fn size_in_mb_gb_tb() {
    let cases: [(Option<u64>, &str); 12] = [
        (None, "—"),
        (Some(0), "0 MB"),
        (Some(512), "512 MB"),
        (Some(1023), "1023 MB"),
        (Some(1024), "1.0 GB"),
        (Some(4856), "4.7 GB"),
        (Some(5120), "5.0 GB"),
        (Some(1_048_524), "1023.9 GB"),
        (Some(1_048_576), "1.0 TB"),
        (Some(1_572_864), "1.5 TB"),
        (Some(10_485_760), "10.0 TB"),
        (Some(104_857_600), "100.0 TB"),
    ];
    for (size, want) in cases {
        assert_eq!(format_size_mb(size), want, "size {size:?}");
    }
}

#[test]
fn size_just_under_a_terabyte_never_reads_1024_gb() {
    assert_eq!(format_size_mb(Some(1_048_575)), "1.0 TB");
    assert_eq!(format_size_mb(Some(1_048_525)), "1.0 TB");
}

// ----- relative times -------------------------------------------------------------------------

#[test]
fn relative_time_in_every_band() {
    let cases: [(i64, &str); 22] = [
        (0, "just now"),
        (44, "just now"),
        (45, "1 minute ago"),
        (119, "1 minute ago"),
        (2 * MIN, "2 minutes ago"),
        (59 * MIN + 59, "59 minutes ago"),
        (HOUR, "1 hour ago"),
        (2 * HOUR - 1, "1 hour ago"),
        (2 * HOUR, "2 hours ago"),
        (DAY - 1, "23 hours ago"),
        (DAY, "yesterday"),
        (2 * DAY - 1, "yesterday"),
        (2 * DAY, "2 days ago"),
        (29 * DAY, "29 days ago"),
        (30 * DAY, "1 month ago"),
        (59 * DAY, "1 month ago"),
        (60 * DAY, "2 months ago"),
        (300 * DAY, "10 months ago"),
        (365 * DAY, "1 year ago"),
        (729 * DAY, "1 year ago"),
        (730 * DAY, "2 years ago"),
        (3650 * DAY, "10 years ago"),
    ];
    for (ago, want) in cases {
        assert_eq!(format_relative(T - ago, T), want, "{ago} s ago");
    }
}

#[test]
fn relative_time_in_the_future_is_just_now() {
    assert_eq!(format_relative(T + 1, T), "just now");
    assert_eq!(format_relative(T + 10 * DAY, T), "just now");
    assert_eq!(
        format_relative(i64::MAX, i64::MIN),
        "just now",
        "no overflow"
    );
    assert_eq!(
        format_relative(i64::MIN, i64::MAX),
        "292471208677 years ago"
    );
}

// ----- exact times ----------------------------------------------------------------------------

#[test]
fn datetime_at_utc_and_with_offsets() {
    assert_eq!(format_datetime(T, 0), "15 Jan 2025, 18:30");
    assert_eq!(format_datetime(T, 60), "15 Jan 2025, 19:30");
    assert_eq!(format_datetime(T, -300), "15 Jan 2025, 13:30");
    assert_eq!(
        format_datetime(T, 330),
        "16 Jan 2025, 00:00",
        "UTC+5:30 crosses midnight"
    );
    assert_eq!(format_datetime(T, 345), "16 Jan 2025, 00:15", "UTC+5:45");
}

#[test]
fn datetime_crossing_a_year() {
    let new_years_eve = parse_rfc3339("2025-12-31T23:30:00Z").unwrap();
    assert_eq!(format_datetime(new_years_eve, 0), "31 Dec 2025, 23:30");
    assert_eq!(format_datetime(new_years_eve, 60), "1 Jan 2026, 00:30");
    let early = parse_rfc3339("2025-01-01T02:00:00Z").unwrap();
    assert_eq!(format_datetime(early, -300), "31 Dec 2024, 21:00");
}

#[test]
fn datetime_on_leap_day_and_before_the_epoch() {
    let leap = parse_rfc3339("2024-02-29T08:05:00Z").unwrap();
    assert_eq!(format_datetime(leap, 0), "29 Feb 2024, 08:05");
    assert_eq!(format_datetime(leap, -600), "28 Feb 2024, 22:05");
    assert_eq!(format_datetime(-1, 0), "31 Dec 1969, 23:59");
    assert_eq!(format_datetime(0, 0), "1 Jan 1970, 00:00");
}

#[test]
fn datetime_survives_extreme_input() {
    // Nothing here may panic; the text is whatever the arithmetic gives.
    assert!(!format_datetime(i64::MAX, i32::MAX).is_empty());
    assert!(!format_datetime(i64::MIN, i32::MIN).is_empty());
}

// ----- RFC 3339 -------------------------------------------------------------------------------

#[test]
fn rfc3339_forms_that_parse() {
    let cases: [(&str, i64); 14] = [
        ("2025-01-15T18:30:00Z", T),
        ("2025-01-15T18:30:00z", T),
        ("2025-01-15t18:30:00Z", T),
        ("2025-01-15 18:30:00Z", T),
        ("2025-01-15T18:30:00", T),
        ("2025-01-15T18:30Z", T),
        ("2025-01-15T18:30:00.123Z", T),
        ("2025-01-15T18:30:00.999999+00:00", T),
        ("2025-01-15T19:30:00+01:00", T),
        ("2025-01-15T19:30:00+0100", T),
        ("2025-01-15T19:30:00+01", T),
        ("2025-01-15T13:30:00-05:00", T),
        ("2025-01-16T00:00:00.5+05:30", T),
        ("  2025-01-15T18:30:00Z\n", T),
    ];
    for (text, want) in cases {
        assert_eq!(parse_rfc3339(text), Some(want), "{text:?}");
    }
}

#[test]
fn rfc3339_bare_date_is_midnight_utc() {
    assert_eq!(parse_rfc3339("2025-01-15"), Some(T - 18 * HOUR - 30 * MIN));
    assert_eq!(parse_rfc3339("1970-01-01"), Some(0));
    assert_eq!(parse_rfc3339("2000-03-01"), Some(951_868_800));
}

#[test]
fn rfc3339_leap_years() {
    assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800));
    assert_eq!(
        parse_rfc3339("2000-02-29"),
        Some(951_782_400),
        "2000 is a leap year"
    );
    assert_eq!(parse_rfc3339("2025-02-29T00:00:00Z"), None, "2025 is not");
    assert_eq!(parse_rfc3339("1900-02-29"), None, "1900 is not");
}

#[test]
fn rfc3339_impossible_dates_and_times_are_none() {
    for text in [
        "2025-13-01T00:00:00Z",
        "2025-00-10T00:00:00Z",
        "2025-01-32T00:00:00Z",
        "2025-01-00T00:00:00Z",
        "2025-04-31T00:00:00Z",
        "2025-01-15T24:00:00Z",
        "2025-01-15T18:60:00Z",
        "2025-01-15T18:30:61Z",
        "0000-01-01",
    ] {
        assert_eq!(parse_rfc3339(text), None, "{text:?}");
    }
}

#[test]
fn rfc3339_garbage_is_none() {
    for text in [
        "",
        "   ",
        "garbage",
        "yesterday",
        "2025",
        "2025-01",
        "2025/01/15",
        "15-01-2025x",
        "2025-01-15T",
        "2025-01-15T18",
        "2025-01-15Tab:cd:efZ",
        "2025-01-15T18:30:00+1",
        "2025-01-15T18:30:00+ab:cd",
        "+2025-01-15T18:30:00Z",
        "2025-1x-15T18:30:00Z",
        "1736965800",
    ] {
        assert_eq!(parse_rfc3339(text), None, "{text:?}");
    }
}

#[test]
fn rfc3339_leap_second_is_accepted() {
    assert_eq!(
        parse_rfc3339("2016-12-31T23:59:60Z"),
        parse_rfc3339("2017-01-01T00:00:00Z")
    );
}

// ----- HTTP dates -----------------------------------------------------------------------------

#[test]
fn http_dates() {
    assert_eq!(
        parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"),
        Some(1_445_412_480)
    );
    assert_eq!(
        parse_http_date("Wed, 21 oct 2015 07:28:00 GMT"),
        Some(1_445_412_480)
    );
    assert_eq!(
        parse_http_date("  Wed,  21 Oct 2015 07:28:00 GMT "),
        Some(1_445_412_480)
    );
    assert_eq!(parse_http_date("Wed, 15 Jan 2025 18:30:00 GMT"), Some(T));
    assert_eq!(
        parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"),
        Some(1_709_164_800)
    );
}

#[test]
fn bad_http_dates_are_none() {
    for text in [
        "",
        "20",
        "garbage",
        "Wed, 21 Oct 2015",
        "Wed, 21 Foo 2015 07:28:00 GMT",
        "Wed, 31 Feb 2015 07:28:00 GMT",
        "Wed, 21 Oct 2015 07:28 GMT",
        "Wed, 21 Oct 2015 25:00:00 GMT",
        "2015-10-21T07:28:00Z",
    ] {
        assert_eq!(parse_http_date(text), None, "{text:?}");
    }
}

// ----- epoch arithmetic -----------------------------------------------------------------------

#[test]
fn epoch_round_trips() {
    let dt = from_epoch(T);
    assert_eq!(
        dt,
        DateTime {
            year: 2025,
            month: 1,
            day: 15,
            hour: 18,
            minute: 30,
            second: 0
        }
    );
    assert_eq!(dt.month_name(), "Jan");
    for secs in [0, -1, T, 951_782_400, 253_402_300_799, -62_135_596_800] {
        assert_eq!(
            to_epoch(from_epoch(secs)),
            Some(secs),
            "round trip of {secs}"
        );
    }
    assert_eq!(from_epoch(-1).year, 1969);
}

#[test]
fn month_names() {
    let names: Vec<&str> = (1..=12)
        .map(|month| {
            DateTime {
                year: 2025,
                month,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0,
            }
            .month_name()
        })
        .collect();
    assert_eq!(
        names,
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    );
    let bad = DateTime {
        year: 2025,
        month: 13,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
    };
    assert_eq!(bad.month_name(), "?");
    assert_eq!(to_epoch(bad), None);
    assert_eq!(DateTime { month: 0, ..bad }.month_name(), "?");
}

// ----- durations ------------------------------------------------------------------------------

#[test]
fn elapsed_as_a_clock() {
    let cases: [(u64, &str); 7] = [
        (0, "0:00"),
        (7, "0:07"),
        (59, "0:59"),
        (245, "4:05"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3729, "1:02:09"),
    ];
    for (secs, want) in cases {
        assert_eq!(format_elapsed(secs), want, "{secs} s");
    }
    assert_eq!(format_elapsed(100 * 3600), "100:00:00");
}

#[test]
fn updated_ago_bands() {
    let cases: [(u64, &str); 8] = [
        (0, "updated just now"),
        (4, "updated just now"),
        (5, "updated 5 s ago"),
        (59, "updated 59 s ago"),
        (60, "updated 1 min ago"),
        (3599, "updated 59 min ago"),
        (3600, "updated 1 h ago"),
        (7 * 3600 + 10, "updated 7 h ago"),
    ];
    for (secs, want) in cases {
        assert_eq!(format_updated_ago(secs), want, "{secs} s");
    }
}

#[test]
fn seconds_short() {
    let cases: [(u64, &str); 7] = [
        (0, "0 s"),
        (1, "1 s"),
        (20, "20 s"),
        (60, "1 min"),
        (90, "1 min 30 s"),
        (120, "2 min"),
        (3600, "60 min"),
    ];
    for (secs, want) in cases {
        assert_eq!(format_seconds_short(secs), want, "{secs} s");
    }
}

#[test]
fn slots() {
    assert_eq!(format_slots(3, 5), "3 of 5 snapshots");
    assert_eq!(format_slots(0, 5), "0 of 5 snapshots");
    assert_eq!(format_slots(5, 5), "5 of 5 snapshots");
    assert_eq!(format_slots(1, 1), "1 of 1 snapshot");
    assert_eq!(format_slots(0, 0), "0 of 0 snapshots");
}
