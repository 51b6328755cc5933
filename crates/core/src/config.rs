//! The panel's settings, read at start-up from `<meta name="snapshot-panel:NAME">` tags or
//! from `data-NAME` attributes on the element it is mounted into: no rebuild needed.

use crate::i18n::{Locale, LocaleSetting, Text};
use crate::poll::Pace;
use crate::url::ApiBase;

/// How the panel gets its API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthMode {
    /// Try without a token; if the API says 401, ask the person for one. The default: it suits
    /// both a proxy that injects the token and one that does not.
    #[default]
    Auto,
    /// Always ask the person for a token.
    Token,
    /// A reverse proxy injects the token: never ask, never send one.
    Proxy,
    /// The embedding page hands the token in (mount option and `setToken`).
    Host,
}

impl AuthMode {
    fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" | "" => Some(Self::Auto),
            "token" => Some(Self::Token),
            "proxy" => Some(Self::Proxy),
            "host" => Some(Self::Host),
            _ => None,
        }
    }
}

/// Every setting, with its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `api-base`: where the API is. Default `/api/v1/`, same origin.
    pub api_base: ApiBase,
    /// `auth`: `auto`, `token`, `proxy` or `host`.
    pub auth: AuthMode,
    /// `server-id`: the server to open on, instead of every server.
    pub server_id: Option<u64>,
    /// `timeout-ms`: how long a request may take. Default 15000.
    pub timeout_ms: u32,
    /// `routing`: whether the panel owns the address bar (`on`, the default when it is the
    /// page) or keeps its view to itself (`off`, the default when embedded).
    pub routing: Option<bool>,
    /// `poll-seconds`: how often running jobs are checked: `auto` (the default) follows the
    /// provider's documented durations, a number of seconds checks at that fixed pace.
    pub poll: Pace,
    /// `locale`: `auto` (the default) follows the browser's languages; `en` or `pt-BR`.
    pub locale: LocaleSetting,
}

/// The documented setting names, each as `read_settings` looks it up (an attribute's name,
/// without `data-`): a `<snapshot-panel>` element starts again when one of them changes.
pub const SETTING_NAMES: [&str; 7] = [
    "api-base",
    "auth",
    "server-id",
    "timeout-ms",
    "routing",
    "poll-seconds",
    "locale",
];

impl Default for Settings {
    fn default() -> Self {
        Self {
            api_base: ApiBase::new("/api/v1/"),
            auth: AuthMode::Auto,
            server_id: None,
            timeout_ms: 15_000,
            routing: None,
            poll: Pace::Documented,
            locale: LocaleSetting::Auto,
        }
    }
}

/// What a setting must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    ApiBase,
    Auth,
    ServerId,
    TimeoutMs,
    Routing,
    PollSeconds,
    Locale,
}

impl Expected {
    /// The words for it: "on or off".
    pub fn message(self, t: Locale) -> Text {
        match self {
            Self::ApiBase => t.expect_api_base(),
            Self::Auth => t.expect_auth(),
            Self::ServerId => t.expect_server_id(),
            Self::TimeoutMs => t.expect_timeout(),
            Self::Routing => t.expect_routing(),
            Self::PollSeconds => t.expect_poll(),
            Self::Locale => t.expect_locale(),
        }
    }
}

/// A setting that could not be read: shown inside the panel, never a blank page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    pub name: String,
    pub value: String,
    pub expected: Expected,
}

impl SettingError {
    /// The sentence shown in the panel.
    pub fn message(&self, t: Locale) -> String {
        t.setting_error(&self.name, &self.value, &self.expected.message(t))
            .into_owned()
    }
}

/// Reads the settings through `lookup` (a meta tag or a data attribute by name). Every bad
/// value is reported, not just the first.
///
/// Every name it looks up is in [`SETTING_NAMES`].
pub fn read_settings(
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Settings, Vec<SettingError>> {
    let mut settings = Settings::default();
    let mut errors = Vec::new();
    let mut fail = |name: &str, value: &str, expected| {
        errors.push(SettingError {
            name: name.to_owned(),
            value: value.to_owned(),
            expected,
        });
    };

    if let Some(base) = lookup("api-base").filter(|v| !v.trim().is_empty()) {
        let base = base.trim();
        // `//host/…` and `/\\host/…` would be another host, written as if it were a path.
        let is_path = base.starts_with('/') && !base.starts_with("//") && !base.starts_with("/\\");
        let base_ok = is_path || base.starts_with("https://") || base.starts_with("http://");
        if base_ok && !base.contains(char::is_whitespace) {
            settings.api_base = ApiBase::new(base);
        } else {
            fail("api-base", base, Expected::ApiBase);
        }
    }
    if let Some(auth) = lookup("auth") {
        match AuthMode::parse(&auth) {
            Some(mode) => settings.auth = mode,
            None => fail("auth", &auth, Expected::Auth),
        }
    }
    if let Some(id) = lookup("server-id").filter(|v| !v.trim().is_empty()) {
        match id.trim().parse::<u64>() {
            Ok(id) => settings.server_id = Some(id),
            Err(_) => fail("server-id", &id, Expected::ServerId),
        }
    }
    if let Some(ms) = lookup("timeout-ms").filter(|v| !v.trim().is_empty()) {
        match ms.trim().parse::<u32>() {
            Ok(ms) if (1000..=120_000).contains(&ms) => settings.timeout_ms = ms,
            _ => fail("timeout-ms", &ms, Expected::TimeoutMs),
        }
    }
    if let Some(routing) = lookup("routing").filter(|v| !v.trim().is_empty()) {
        match routing.trim().to_ascii_lowercase().as_str() {
            "on" | "true" => settings.routing = Some(true),
            "off" | "false" => settings.routing = Some(false),
            _ => fail("routing", &routing, Expected::Routing),
        }
    }
    if let Some(pace) = lookup("poll-seconds").filter(|v| !v.trim().is_empty()) {
        match pace.trim().to_ascii_lowercase().as_str() {
            "auto" => settings.poll = Pace::Documented,
            secs => match secs.parse::<u64>() {
                Ok(secs) if (1..=300).contains(&secs) => {
                    settings.poll = Pace::Every(secs.saturating_mul(1_000));
                }
                _ => fail("poll-seconds", &pace, Expected::PollSeconds),
            },
        }
    }
    if let Some(locale) = lookup("locale") {
        match LocaleSetting::parse(&locale) {
            Some(setting) => settings.locale = setting,
            None => fail("locale", &locale, Expected::Locale),
        }
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}
