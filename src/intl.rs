//! The panel's language, and the browser's `Intl` writing dates, relative times and sizes in
//! it. `snapshot_core::format` decides the figure and unit; here the browser writes them, in
//! the person's own regional form where the browser names one ("en-GB" for English).

use std::cell::OnceCell;
use std::thread::LocalKey;

use js_sys::{Array, Function, Intl, JsString};
use leptos::prelude::*;
use snapshot_core::format::{relative, size_of, Relative, SizeUnit, TimeUnit};
use snapshot_core::Locale;
use wasm_bindgen::{JsCast, JsValue};

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

/// What `Intl` is asked for in `t`: the browser's own tags of that language first, then the
/// panel's tag.
fn intl_locales(t: Locale) -> Array {
    let locales = Array::new();
    for tag in browser_languages() {
        if t.matches_tag(&tag) {
            locales.push(&JsValue::from_str(&tag));
        }
    }
    locales.push(&JsValue::from_str(t.tag()));
    locales
}

/// The formatters of one language. Building one costs far more than using it: each is built
/// once, the first time a panel in that language needs it.
struct Formatters {
    /// A whole date and time, read only for its months' names as they are written in a date.
    exact: Intl::DateTimeFormat,
    /// "5 minutes ago", "1 year ago": counts, always (`numeric: "auto"` would say "last
    /// year" of something 23 months old).
    relative: Intl::RelativeTimeFormat,
    /// "yesterday", "ontem": said of one day only.
    yesterday: Intl::RelativeTimeFormat,
    megabytes: Function,
    gigabytes: Function,
    terabytes: Function,
    /// Each month's name as `exact` writes it ("Jan", "jan."), read from it the first time
    /// that month is shown.
    months: [OnceCell<String>; 12],
}

thread_local! {
    static ENGLISH: OnceCell<Formatters> = const { OnceCell::new() };
    static PORTUGUESE: OnceCell<Formatters> = const { OnceCell::new() };
}

impl Formatters {
    fn new(t: Locale) -> Self {
        let locales = intl_locales(t);
        let exact = Intl::DateTimeFormatOptions::new();
        exact.set_day(Intl::DayFormat::Numeric);
        exact.set_month(Intl::MonthFormat::Short);
        exact.set_year(Intl::YearFormat::Numeric);
        exact.set_hour(Intl::NumericFormat::TwoDigit);
        exact.set_minute(Intl::NumericFormat::TwoDigit);
        exact.set_hour_cycle(Intl::HourCycle::H23);
        let counted = Intl::RelativeTimeFormatOptions::new();
        counted.set_numeric(Intl::RelativeTimeFormatNumeric::Always);
        let named = Intl::RelativeTimeFormatOptions::new();
        named.set_numeric(Intl::RelativeTimeFormatNumeric::Auto);
        let size = |unit: SizeUnit| {
            let options = Intl::NumberFormatOptions::new();
            options.set_style(Intl::NumberFormatStyle::Unit);
            options.set_unit(unit.intl_name());
            options.set_unit_display(Intl::UnitDisplay::Short);
            options.set_minimum_fraction_digits(unit.decimals());
            options.set_maximum_fraction_digits(unit.decimals());
            Intl::NumberFormat::new(&locales, &options).format()
        };
        Self {
            exact: Intl::DateTimeFormat::new(&locales, &exact),
            relative: Intl::RelativeTimeFormat::new(&locales, &counted),
            yesterday: Intl::RelativeTimeFormat::new(&locales, &named),
            megabytes: size(SizeUnit::Megabyte),
            gigabytes: size(SizeUnit::Gigabyte),
            terabytes: size(SizeUnit::Terabyte),
            months: Default::default(),
        }
    }

    /// The name of `month` (0 for January) as `exact` writes it in a date: the 15th at noon
    /// UTC is in that month in every time zone.
    fn month(&self, month: u32) -> Option<&str> {
        let cell = self.months.get(usize::try_from(month).ok()?)?;
        let name = cell.get_or_init(|| {
            let date = js_sys::Date::new(&JsValue::from_f64(
                js_sys::Date::utc(2001.0, f64::from(month)) + 14.5 * 86_400_000.0,
            ));
            self.exact
                .format_to_parts(&date)
                .iter()
                .map(|part| part.unchecked_into::<Intl::DateTimeFormatPart>())
                .find(|part| part.type_() == Intl::DateTimeFormatPartType::Month)
                .map(|part| String::from(part.value()))
                .unwrap_or_default()
        });
        Some(name)
    }

    fn with<R>(t: Locale, f: impl FnOnce(&Formatters) -> R) -> R {
        let key: &'static LocalKey<OnceCell<Formatters>> = match t {
            Locale::En => &ENGLISH,
            Locale::PtBr => &PORTUGUESE,
        };
        key.with(|cell| f(cell.get_or_init(|| Formatters::new(t))))
    }
}

/// An exact time (seconds since the epoch) in the person's zone: "15 Jan 2025, 18:30",
/// "15 jan. 2025, 18:30". The browser works out the zone and daylight saving (a `Date`'s local
/// fields) and, through `Intl`, the month's name in the language, read once per month; only the
/// order of the parts is the panel's, the same in every language. This runs for every row on
/// screen, so it asks `Intl` to format nothing but the twelve months.
pub fn format_local_datetime(t: Locale, secs: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    if date.get_time().is_nan() {
        return String::new();
    }
    Formatters::with(t, |f| {
        let month = f.month(date.get_month()).unwrap_or_default();
        format!(
            "{} {month} {}, {:02}:{:02}",
            date.get_date(),
            date.get_full_year(),
            date.get_hours(),
            date.get_minutes()
        )
    })
}

/// How long ago `then` was at `now` (seconds since the epoch): "just now", "5 minutes ago",
/// "yesterday"; "agora mesmo", "há 5 minutos", "ontem".
pub fn format_relative(t: Locale, then: i64, now: i64) -> String {
    match relative(then, now) {
        Relative::JustNow => t.just_now().into_owned(),
        Relative::Ago { count, unit } => Formatters::with(t, |f| {
            let format = match (count, unit) {
                (1, TimeUnit::Day) => &f.yesterday,
                _ => &f.relative,
            };
            String::from(format.format(-(count as f64), unit.intl_name()))
        }),
    }
}

/// A size in MB as it reads: "5.0 GB", "512 MB" ("5,0 GB" in Portuguese); "—" while a snapshot
/// has none yet.
pub fn format_size_mb(t: Locale, size_mb: Option<u64>) -> String {
    let Some(mb) = size_mb else {
        return "—".to_owned();
    };
    let size = size_of(mb);
    let value = JsValue::from_f64(size.tenths as f64 / 10.0);
    let written = Formatters::with(t, |f| {
        let format = match size.unit {
            SizeUnit::Megabyte => &f.megabytes,
            SizeUnit::Gigabyte => &f.gigabytes,
            SizeUnit::Terabyte => &f.terabytes,
        };
        format.call1(&JsValue::NULL, &value).ok()
    });
    written
        .and_then(|text| text.dyn_into::<JsString>().ok())
        .map(String::from)
        .unwrap_or_default()
}
