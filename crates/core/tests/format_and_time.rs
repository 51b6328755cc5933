#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! How sizes, relative times and durations read, and the parsers for the API's timestamps.

use snapshot_core::format::{
    exact_text, format_elapsed, format_seconds_short, relative_text, size_text, SizeUnit,
};
use snapshot_core::time::{parse_http_date, parse_rfc3339, LocalTime};
use snapshot_core::Locale;

fn format_size_mb(size_mb: Option<u64>) -> String {
    size_text(Locale::En, size_mb)
}

fn format_relative(then: i64, now: i64) -> String {
    relative_text(Locale::En, then, now).into_owned()
}

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
        (Some(1023), "1,023 MB"),
        (Some(1024), "1.0 GB"),
        (Some(4856), "4.7 GB"),
        (Some(5120), "5.0 GB"),
        (Some(1_048_524), "1,023.9 GB"),
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

#[test]
fn size_rounds_to_the_nearest_tenth_half_up() {
    // 1075 MB is 1.0498 GB, 1076 MB is 1.0508 GB; 1126.4 MB would be exactly 1.1 GB.
    assert_eq!(format_size_mb(Some(1075)), "1.0 GB");
    assert_eq!(format_size_mb(Some(1076)), "1.1 GB");
    assert_eq!(format_size_mb(Some(1126)), "1.1 GB");
    assert_eq!(format_size_mb(Some(2047)), "2.0 GB");
}

#[test]
fn size_from_the_largest_number_the_api_could_send_is_shown_not_a_panic() {
    assert_eq!(format_size_mb(Some(u64::MAX)), "17,592,186,044,416.0 TB");
    assert_eq!(SizeUnit::Gigabyte.symbol(), "GB");
    assert_eq!(
        (SizeUnit::Megabyte.decimals(), SizeUnit::Terabyte.decimals()),
        (0, 1)
    );
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
        (DAY, "1 day ago"),
        (2 * DAY - 1, "1 day ago"),
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

#[test]
fn sizes_in_portuguese() {
    let pt = |mb| size_text(Locale::PtBr, Some(mb));
    assert_eq!(pt(512), "512 MB");
    assert_eq!(pt(1023), "1.023 MB");
    assert_eq!(pt(5120), "5,0 GB");
    assert_eq!(pt(1_048_524), "1.023,9 GB");
    assert_eq!(pt(104_857_600), "100,0 TB");
    assert_eq!(size_text(Locale::PtBr, None), "—");
}

#[test]
fn relative_times_in_portuguese() {
    let pt = |ago| relative_text(Locale::PtBr, T - ago, T).into_owned();
    let cases: [(i64, &str); 11] = [
        (10, "agora mesmo"),
        (45, "há 1 minuto"),
        (2 * MIN, "há 2 minutos"),
        (HOUR, "há 1 hora"),
        (5 * HOUR, "há 5 horas"),
        (DAY, "há 1 dia"),
        (3 * DAY, "há 3 dias"),
        (30 * DAY, "há 1 mês"),
        (90 * DAY, "há 3 meses"),
        (365 * DAY, "há 1 ano"),
        (800 * DAY, "há 2 anos"),
    ];
    for (ago, want) in cases {
        assert_eq!(pt(ago), want, "{ago} s ago");
    }
}

// ----- exact times ----------------------------------------------------------------------------

#[test]
fn an_exact_time_in_both_languages() {
    let at = LocalTime {
        year: 2025,
        month: 1,
        day: 15,
        hour: 8,
        minute: 5,
    };
    assert_eq!(exact_text(Locale::En, at), "15 Jan 2025, 08:05");
    assert_eq!(exact_text(Locale::PtBr, at), "15 jan. 2025, 08:05");
    let september = LocalTime { month: 9, ..at };
    assert_eq!(exact_text(Locale::En, september), "15 Sep 2025, 08:05");
    assert_eq!(exact_text(Locale::PtBr, september), "15 set. 2025, 08:05");
    let december = LocalTime {
        month: 12,
        hour: 23,
        minute: 59,
        ..at
    };
    assert_eq!(exact_text(Locale::En, december), "15 Dec 2025, 23:59");
    assert_eq!(exact_text(Locale::PtBr, december), "15 dez. 2025, 23:59");
}

#[test]
fn a_month_outside_the_year_is_left_out_not_a_panic() {
    let at = LocalTime {
        year: 2025,
        month: 13,
        day: 1,
        hour: 0,
        minute: 0,
    };
    assert_eq!(exact_text(Locale::En, at), "1  2025, 00:00");
    assert_eq!(Locale::PtBr.month_short(u32::MAX), None);
    assert_eq!(Locale::En.month_short(0), None);
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
fn rfc3339_across_the_epoch_and_at_the_ends_of_the_range() {
    assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Some(-1));
    assert_eq!(parse_rfc3339("1970-01-01T05:30:00+05:30"), Some(0));
    assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), Some(-62_135_596_800));
    assert_eq!(parse_rfc3339("9999-12-31T23:59:59Z"), Some(253_402_300_799));
    assert_eq!(parse_rfc3339("10000-01-01T00:00:00Z"), None);
}

#[test]
fn rfc3339_crossing_a_year_and_a_leap_day_in_a_zone() {
    assert_eq!(
        parse_rfc3339("2026-01-01T00:30:00+01:00"),
        parse_rfc3339("2025-12-31T23:30:00Z")
    );
    assert_eq!(
        parse_rfc3339("2024-02-28T22:05:00-10:00"),
        parse_rfc3339("2024-02-29T08:05:00Z")
    );
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

// ----- durations ------------------------------------------------------------------------------

#[test]
fn elapsed_as_a_clock() {
    let cases: [(u64, &str); 10] = [
        (0, "0:00"),
        (7, "0:07"),
        (59, "0:59"),
        (245, "4:05"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3729, "1:02:09"),
        (86_399, "23:59:59"),
        (86_400, "1 day"),
        (100 * 3600, "4 days"),
    ];
    for (secs, want) in cases {
        assert_eq!(format_elapsed(Locale::En, secs), want, "{secs} s");
    }
    assert_eq!(format_elapsed(Locale::PtBr, 692 * 86_400 + 5), "692 dias");
    assert_eq!(format_elapsed(Locale::PtBr, 86_400), "1 dia");
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
        assert_eq!(Locale::En.updated_ago(secs), want, "{secs} s");
    }
    assert_eq!(Locale::PtBr.updated_ago(3), "atualizado agora mesmo");
    assert_eq!(Locale::PtBr.updated_ago(12), "atualizado há 12 s");
    assert_eq!(Locale::PtBr.updated_ago(600), "atualizado há 10 min");
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
    assert_eq!(Locale::En.slots(3, 5), "3 of 5 snapshots");
    assert_eq!(Locale::En.slots(0, 5), "0 of 5 snapshots");
    assert_eq!(Locale::PtBr.slots(5, 5), "5 de 5 snapshots");
}
