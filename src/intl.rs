//! The panel's language, and a moment's local time as the browser reads it in the person's
//! zone. `snapshot_core::format` writes sizes, relative times and dates from these.

use leptos::prelude::*;
use snapshot_core::format::exact_text;
use snapshot_core::Locale;
use wasm_bindgen::JsValue;

/// The language of the panel being drawn (its context), English outside one.
pub fn locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The person's languages, most wanted first (`navigator.languages`).
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}

/// An exact time (seconds since the epoch) in the person's zone: "15 Jan 2025, 18:30",
/// "15 jan. 2025, 18:30". The browser works out the zone and daylight saving (a `Date`'s local
/// fields); the words are the panel's. Empty for a time a `Date` cannot hold.
pub fn format_local_datetime(t: Locale, secs: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    if date.get_time().is_nan() {
        return String::new();
    }
    exact_text(t, crate::browser::local_time(&date))
}
