#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Reading the settings, building and following API URLs, and reading the address bar.

use std::cell::RefCell;
use std::collections::HashMap;

use snapshot_core::config::{
    read_settings, AuthMode, Expected, SettingError, Settings, SETTING_NAMES,
};
use snapshot_core::i18n::LocaleSetting;
use snapshot_core::poll::Pace;
use snapshot_core::route::{parse_location, view_href, Route, View};
use snapshot_core::url::{decode_query_value, encode_query_value, ApiBase};
use snapshot_core::Locale;

fn settings_from(pairs: &[(&str, &str)]) -> Result<Settings, Vec<SettingError>> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    read_settings(|name| map.get(name).cloned())
}

fn one_error(pairs: &[(&str, &str)]) -> SettingError {
    let errors = settings_from(pairs).unwrap_err();
    assert_eq!(errors.len(), 1, "{pairs:?} gave {errors:?}");
    errors.into_iter().next().unwrap()
}

fn view(route: Route, filter: &str) -> View {
    View {
        route,
        filter: filter.to_owned(),
    }
}

// ----- settings -------------------------------------------------------------------------------

#[test]
fn no_settings_gives_the_defaults() {
    let settings = settings_from(&[]).unwrap();
    assert_eq!(settings, Settings::default());
    assert_eq!(settings.api_base.as_str(), "/api/v1/");
    assert_eq!(settings.auth, AuthMode::Auto);
    assert_eq!(settings.server_id, None);
    assert_eq!(settings.timeout_ms, 15_000);
    assert_eq!(settings.routing, None);
    assert_eq!(settings.poll, Pace::Documented);
}

#[test]
fn poll_seconds_is_auto_or_a_fixed_pace() {
    for (value, pace) in [
        ("auto", Pace::Documented),
        (" AUTO ", Pace::Documented),
        ("", Pace::Documented),
        ("5", Pace::Every(5_000)),
        ("1", Pace::Every(1_000)),
        ("300", Pace::Every(300_000)),
    ] {
        let settings = settings_from(&[("poll-seconds", value)]).unwrap();
        assert_eq!(settings.poll, pace, "poll-seconds {value:?}");
    }
    for value in ["0", "301", "-5", "2.5", "fast"] {
        let errors = settings_from(&[("poll-seconds", value)]).unwrap_err();
        assert_eq!(
            errors.first().map(|e| e.message(Locale::En)),
            Some(format!(
                "The setting “poll-seconds” is “{value}”, but it must be auto, or a number of \
                 seconds between 1 and 300."
            ))
        );
    }
}

#[test]
fn only_documented_settings_are_looked_up() {
    let asked = RefCell::new(Vec::new());
    let _ = read_settings(|name| {
        asked.borrow_mut().push(name.to_owned());
        None
    });
    assert_eq!(asked.into_inner(), SETTING_NAMES.to_vec());
    assert_eq!(
        SETTING_NAMES,
        [
            "api-base",
            "auth",
            "server-id",
            "timeout-ms",
            "routing",
            "poll-seconds",
            "locale"
        ]
    );
}

#[test]
fn empty_values_mean_the_default() {
    let settings = settings_from(&[
        ("api-base", ""),
        ("auth", ""),
        ("server-id", " "),
        ("timeout-ms", ""),
        ("routing", ""),
    ])
    .unwrap();
    assert_eq!(settings, Settings::default());
}

#[test]
fn every_valid_api_base() {
    let cases = [
        ("/api/v1/", "/api/v1/"),
        ("/api/v1", "/api/v1/"),
        ("/admin/snapshots/api/v1/", "/admin/snapshots/api/v1/"),
        (
            "https://admin.vps.org/api/v1/",
            "https://admin.vps.org/api/v1/",
        ),
        (
            "http://localhost:8080/api/v1",
            "http://localhost:8080/api/v1/",
        ),
        ("  /api/v1/  ", "/api/v1/"),
    ];
    for (value, want) in cases {
        let settings = settings_from(&[("api-base", value)]).unwrap();
        assert_eq!(settings.api_base.as_str(), want, "api-base {value:?}");
    }
}

#[test]
fn every_valid_auth_mode() {
    let cases = [
        ("auto", AuthMode::Auto),
        ("token", AuthMode::Token),
        ("proxy", AuthMode::Proxy),
        ("host", AuthMode::Host),
        ("  Proxy ", AuthMode::Proxy),
        ("TOKEN", AuthMode::Token),
    ];
    for (value, want) in cases {
        assert_eq!(
            settings_from(&[("auth", value)]).unwrap().auth,
            want,
            "auth {value:?}"
        );
    }
}

#[test]
fn every_valid_server_id_timeout_and_routing() {
    assert_eq!(
        settings_from(&[("server-id", "12345")]).unwrap().server_id,
        Some(12345)
    );
    assert_eq!(
        settings_from(&[("server-id", " 7 ")]).unwrap().server_id,
        Some(7)
    );
    for (value, want) in [("1000", 1000), ("120000", 120_000), (" 30000 ", 30_000)] {
        assert_eq!(
            settings_from(&[("timeout-ms", value)]).unwrap().timeout_ms,
            want,
            "timeout-ms {value:?}"
        );
    }
    for (value, want) in [
        ("on", true),
        ("true", true),
        ("off", false),
        ("false", false),
        (" ON ", true),
        ("Off", false),
    ] {
        assert_eq!(
            settings_from(&[("routing", value)]).unwrap().routing,
            Some(want),
            "routing {value:?}"
        );
    }
}

#[test]
fn bad_api_base_is_reported_by_name() {
    for value in [
        "api/v1/",
        "ftp://host/api/",
        "/api v1/",
        " https ://x/ ",
        "admin.vps.org",
        "//evil.example/api/v1/",
        "/\\evil.example/api/v1/",
    ] {
        let error = one_error(&[("api-base", value)]);
        assert_eq!(error.name, "api-base", "{value:?}");
        assert_eq!(error.value, value.trim(), "{value:?}");
        assert_eq!(
            error.message(Locale::En),
            format!(
                "The setting “api-base” is “{}”, but it must be a path such as /api/v1/ or a URL such as https://admin.vps.org/api/v1/.",
                value.trim()
            )
        );
    }
}

#[test]
fn bad_auth_is_reported_by_name() {
    let error = one_error(&[("auth", "cookie")]);
    assert_eq!(
        error,
        SettingError {
            name: "auth".to_owned(),
            value: "cookie".to_owned(),
            expected: Expected::Auth,
        }
    );
    assert_eq!(
        error.message(Locale::En),
        "The setting “auth” is “cookie”, but it must be one of auto, token, proxy or host."
    );
    assert_eq!(
        error.message(Locale::PtBr),
        "A configuração “auth” está como “cookie”, mas deve ser auto, token, proxy ou host."
    );
}

#[test]
fn the_locale_setting() {
    let read = |value: &str| read_settings(|name| (name == "locale").then(|| value.to_owned()));
    assert_eq!(
        read("pt-BR").unwrap().locale,
        LocaleSetting::Fixed(Locale::PtBr)
    );
    assert_eq!(read("en").unwrap().locale, LocaleSetting::Fixed(Locale::En));
    assert_eq!(read("auto").unwrap().locale, LocaleSetting::Auto);
    assert_eq!(read_settings(|_| None).unwrap().locale, LocaleSetting::Auto);
    let error = one_error(&[("locale", "fr")]);
    assert_eq!(
        error.message(Locale::En),
        "The setting “locale” is “fr”, but it must be auto, en or pt-BR."
    );
}

#[test]
fn bad_server_id_is_reported_by_name() {
    for value in ["abc", "-1", "1.5", "12 345", "99999999999999999999"] {
        let error = one_error(&[("server-id", value)]);
        assert_eq!(error.name, "server-id", "{value:?}");
        assert_eq!(error.value, value);
        assert_eq!(
            error.message(Locale::En),
            format!("The setting “server-id” is “{value}”, but it must be a server's number, such as 12345.")
        );
    }
}

#[test]
fn bad_timeout_is_reported_by_name() {
    for value in ["999", "0", "120001", "15s", "-1000", "1e4"] {
        let error = one_error(&[("timeout-ms", value)]);
        assert_eq!(error.name, "timeout-ms", "{value:?}");
        assert_eq!(
            error.message(Locale::En),
            format!("The setting “timeout-ms” is “{value}”, but it must be a number of milliseconds between 1000 and 120000.")
        );
    }
}

#[test]
fn bad_routing_is_reported_by_name() {
    for value in ["maybe", "yes", "1"] {
        let error = one_error(&[("routing", value)]);
        assert_eq!(error.name, "routing");
        assert_eq!(
            error.message(Locale::En),
            format!("The setting “routing” is “{value}”, but it must be on or off.")
        );
    }
}

#[test]
fn every_bad_setting_is_reported_not_just_the_first() {
    let errors = settings_from(&[
        ("api-base", "api/v1"),
        ("auth", "oauth"),
        ("server-id", "web-01"),
        ("timeout-ms", "5"),
        ("routing", "sometimes"),
        ("poll-seconds", "often"),
        ("locale", "klingon"),
    ])
    .unwrap_err();
    let names: Vec<&str> = errors.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, SETTING_NAMES.to_vec());
    let values: Vec<&str> = errors.iter().map(|e| e.value.as_str()).collect();
    assert_eq!(
        values,
        vec![
            "api/v1",
            "oauth",
            "web-01",
            "5",
            "sometimes",
            "often",
            "klingon"
        ]
    );
}

#[test]
fn good_settings_beside_a_bad_one_still_fail_as_a_whole() {
    let errors = settings_from(&[("auth", "proxy"), ("timeout-ms", "x")]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].name, "timeout-ms");
}

// ----- ApiBase --------------------------------------------------------------------------------

#[test]
fn api_base_always_ends_with_a_slash() {
    assert_eq!(ApiBase::new("/api/v1").as_str(), "/api/v1/");
    assert_eq!(ApiBase::new("/api/v1/").as_str(), "/api/v1/");
    assert_eq!(
        ApiBase::new(" https://admin.vps.org/api/v1 ").as_str(),
        "https://admin.vps.org/api/v1/"
    );
    assert_eq!(ApiBase::new("/api/v1"), ApiBase::new("/api/v1/"));
}

#[test]
fn endpoints_join_without_doubled_slashes() {
    let base = ApiBase::new("/api/v1/");
    assert_eq!(base.endpoint("snapshots/"), "/api/v1/snapshots/");
    assert_eq!(
        base.endpoint("/snapshots/801/restore/"),
        "/api/v1/snapshots/801/restore/"
    );
    assert_eq!(
        base.endpoint("snapshots/?server_id=12345"),
        "/api/v1/snapshots/?server_id=12345"
    );
    assert_eq!(base.endpoint(""), "/api/v1/");
    let remote = ApiBase::new("https://admin.vps.org/api/v1");
    assert_eq!(
        remote.endpoint("account/me/"),
        "https://admin.vps.org/api/v1/account/me/"
    );
}

#[test]
fn next_link_from_the_providers_host_goes_through_the_panels_base() {
    let link = "https://admin.vps.org/api/v1/snapshots/?page=2";
    assert_eq!(
        ApiBase::new("/api/v1/").follow(link).as_deref(),
        Some("/api/v1/snapshots/?page=2")
    );
    assert_eq!(
        ApiBase::new("/admin/snapshots/api/v1/")
            .follow(link)
            .as_deref(),
        Some("/admin/snapshots/api/v1/snapshots/?page=2")
    );
    assert_eq!(
        ApiBase::new("https://admin.vps.org/api/v1/")
            .follow(link)
            .as_deref(),
        Some("https://admin.vps.org/api/v1/snapshots/?page=2")
    );
    assert_eq!(
        ApiBase::new("https://proxy.example/vps/api/v1/")
            .follow("http://internal:8000/api/v1/servers/?page=3&status=active")
            .as_deref(),
        Some("https://proxy.example/vps/api/v1/servers/?page=3&status=active")
    );
}

#[test]
fn next_link_already_under_the_panels_base_is_kept() {
    let base = ApiBase::new("/admin/snapshots/api/v1/");
    assert_eq!(
        base.follow("/admin/snapshots/api/v1/snapshots/?page=2")
            .as_deref(),
        Some("/admin/snapshots/api/v1/snapshots/?page=2")
    );
    assert_eq!(
        base.follow("  https://panel.example/admin/snapshots/api/v1/snapshots/?page=4 ")
            .as_deref(),
        Some("/admin/snapshots/api/v1/snapshots/?page=4")
    );
    assert_eq!(
        ApiBase::new("/api/v1/")
            .follow("/api/v1/snapshots/?page=3")
            .as_deref(),
        Some("/api/v1/snapshots/?page=3"),
        "a relative link"
    );
}

#[test]
fn links_outside_the_api_are_refused() {
    let base = ApiBase::new("/api/v1/");
    for link in [
        "https://evil.example/steal?x=1",
        "https://admin.vps.org/api/v2/snapshots/?page=2",
        "https://admin.vps.org/api/v10/snapshots/",
        "https://admin.vps.org/admin/",
        "https://admin.vps.org",
        "https://admin.vps.org?page=2",
        "/other/api/v1/snapshots/",
        "",
        "javascript:alert(1)",
    ] {
        assert_eq!(base.follow(link), None, "{link:?}");
    }
}

// ----- query values ---------------------------------------------------------------------------

#[test]
fn encode_query_values() {
    let cases = [
        ("", ""),
        ("web-server_01.~", "web-server_01.~"),
        ("web server", "web+server"),
        ("a+b", "a%2Bb"),
        ("a&b=c", "a%26b%3Dc"),
        ("100%", "100%25"),
        ("é", "%C3%A9"),
        ("名", "%E5%90%8D"),
        ("🚀", "%F0%9F%9A%80"),
        ("a/b?c#d", "a%2Fb%3Fc%23d"),
    ];
    for (value, want) in cases {
        assert_eq!(encode_query_value(value), want, "encode {value:?}");
    }
}

#[test]
fn decode_query_values() {
    let cases = [
        ("", ""),
        ("web+server", "web server"),
        ("web%20server", "web server"),
        ("a%2Bb", "a+b"),
        ("a%2bb", "a+b"),
        ("%C3%A9", "é"),
        ("%c3%a9", "é"),
        ("%E5%90%8D", "名"),
        ("plain", "plain"),
        ("名", "名"),
    ];
    for (value, want) in cases {
        assert_eq!(decode_query_value(value), want, "decode {value:?}");
    }
}

#[test]
fn bad_escapes_are_kept_as_typed() {
    assert_eq!(decode_query_value("%zz"), "%zz");
    assert_eq!(decode_query_value("100%"), "100%");
    assert_eq!(decode_query_value("%4"), "%4");
    assert_eq!(decode_query_value("%%41"), "%A");
    assert_eq!(decode_query_value("%g1x"), "%g1x");
    // The '%' of "%+1" is kept; the '+' is still a space, as URLSearchParams reads it.
    assert_eq!(decode_query_value("%+1"), "% 1");
}

#[test]
fn invalid_utf8_is_replaced_not_refused() {
    assert_eq!(decode_query_value("%C3"), "\u{fffd}");
    assert_eq!(decode_query_value("a%FFb"), "a\u{fffd}b");
}

#[test]
fn query_values_round_trip() {
    for value in [
        "",
        "web server",
        "a+b",
        "a&b=c",
        "100%",
        "%zz",
        "café",
        "名前 サーバー",
        "🚀 launch",
        "  leading and trailing  ",
        "tab\there",
    ] {
        assert_eq!(
            decode_query_value(&encode_query_value(value)),
            value,
            "round trip of {value:?}"
        );
    }
}

// ----- routes ---------------------------------------------------------------------------------

#[test]
fn routes_under_the_root() {
    let cases = [
        ("/", Route::All),
        ("", Route::All),
        ("/index.html", Route::All),
        ("/servers", Route::All),
        ("/servers/", Route::All),
        ("/servers/12345", Route::Server(12345)),
        ("/servers/12345/", Route::Server(12345)),
        ("//servers//12345//", Route::Server(12345)),
        ("/servers/abc", Route::Unknown("servers/abc".to_owned())),
        ("/servers/-1", Route::Unknown("servers/-1".to_owned())),
        (
            "/servers/99999999999999999999",
            Route::Unknown("servers/99999999999999999999".to_owned()),
        ),
        ("/servers/1/2", Route::Unknown("servers/1/2".to_owned())),
        ("/settings", Route::Unknown("settings".to_owned())),
        ("/index.html/x", Route::Unknown("index.html/x".to_owned())),
    ];
    for (path, route) in cases {
        assert_eq!(
            parse_location("/", path, ""),
            view(route, ""),
            "path {path:?}"
        );
    }
}

#[test]
fn routes_under_a_sub_path() {
    let base = "/admin/snapshots/";
    let cases = [
        ("/admin/snapshots/", Route::All),
        ("/admin/snapshots", Route::All),
        ("/admin/snapshots/index.html", Route::All),
        ("/admin/snapshots/servers/", Route::All),
        ("/admin/snapshots/servers/12345", Route::Server(12345)),
        ("/admin/snapshots/servers/12345/", Route::Server(12345)),
        (
            "/admin/snapshots/servers/abc",
            Route::Unknown("servers/abc".to_owned()),
        ),
        ("/admin/other", Route::Unknown("admin/other".to_owned())),
    ];
    for (path, route) in cases {
        assert_eq!(
            parse_location(base, path, ""),
            view(route, ""),
            "path {path:?}"
        );
    }
}

#[test]
fn filter_from_the_query() {
    let cases = [
        ("", ""),
        ("?", ""),
        ("?q=web%20server", "web server"),
        ("?q=web+server", "web server"),
        ("q=db", "db"),
        ("?page=2&q=db+01", "db 01"),
        ("?q=first&q=second", "first"),
        ("?qq=x", ""),
        ("?q=", ""),
        ("?q=%C3%A9%26%2B", "é&+"),
        ("?q=%zz", "%zz"),
    ];
    for (query, filter) in cases {
        assert_eq!(
            parse_location("/", "/servers/12345", query),
            view(Route::Server(12345), filter),
            "query {query:?}"
        );
    }
}

#[test]
fn hrefs_for_views() {
    assert_eq!(view_href("/", &view(Route::All, "")), "/");
    assert_eq!(
        view_href("/", &view(Route::Server(12345), "")),
        "/servers/12345"
    );
    assert_eq!(
        view_href(
            "/admin/snapshots/",
            &view(Route::Server(12345), "web server")
        ),
        "/admin/snapshots/servers/12345?q=web+server"
    );
    assert_eq!(
        view_href("/admin/snapshots/", &view(Route::All, "é&+")),
        "/admin/snapshots/?q=%C3%A9%26%2B"
    );
    assert_eq!(
        view_href("/", &view(Route::Unknown("settings".to_owned()), "")),
        "/",
        "an unknown address links back to every server"
    );
}

#[test]
fn views_round_trip_through_the_address() {
    for base in ["/", "/admin/snapshots/"] {
        for original in [
            view(Route::All, ""),
            view(Route::All, "web"),
            view(Route::Server(12345), ""),
            view(Route::Server(12345), "web server"),
            view(Route::Server(0), "a+b&c=d"),
            view(Route::Server(u64::MAX), "名前 🚀 100%"),
        ] {
            let href = view_href(base, &original);
            let (path, query) = match href.split_once('?') {
                Some((path, query)) => (path.to_owned(), format!("?{query}")),
                None => (href.clone(), String::new()),
            };
            assert_eq!(
                parse_location(base, &path, &query),
                original,
                "round trip of {original:?} under {base} via {href}"
            );
        }
    }
}

#[test]
fn a_next_link_with_dot_segments_is_not_followed() {
    let base = snapshot_core::url::ApiBase::new("/api/v1/");
    assert_eq!(
        base.follow("https://admin.vps.org/api/v1/../../admin/"),
        None
    );
    assert_eq!(base.follow("/api/v1/./snapshots/?page=2"), None);
    // As a browser reads them: `%2e` is a dot, and `\` a slash.
    for climbing in [
        "/api/v1/%2e%2e/%2e%2e/admin/",
        "/api/v1/.%2e/admin/",
        "/api/v1/%2E./admin/",
        "https://admin.vps.org/api/v1/%2e/snapshots/",
        "/api/v1/..\\..\\admin/",
        "/api/v1/snapshots\\..\\..\\admin/",
    ] {
        assert_eq!(base.follow(climbing), None, "{climbing}");
    }
    assert_eq!(
        base.follow("/api/v1/snapshots/?page=2&q=a..b").as_deref(),
        Some("/api/v1/snapshots/?page=2&q=a..b")
    );
}

#[test]
fn a_url_splits_into_its_path_and_decoded_query_pairs() {
    use snapshot_core::url::split_query;
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        split_query("/api/v1/snapshots/"),
        ("/api/v1/snapshots/", vec![])
    );
    assert_eq!(
        split_query("/api/v1/snapshots/?server_id=12345&page=2"),
        (
            "/api/v1/snapshots/",
            vec![pair("server_id", "12345"), pair("page", "2")]
        )
    );
    assert_eq!(
        split_query("https://h/api/v1/servers/?q=web%20server&&flag"),
        (
            "https://h/api/v1/servers/",
            vec![pair("q", "web server"), pair("flag", "")]
        )
    );
}
