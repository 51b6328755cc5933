//! What the address bar says, and which view it means.
//!
//! Two views: every server (`{base}` or `{base}servers/`) and one server
//! (`{base}servers/{id}`). The name filter rides in the query as `?q=`.

use crate::url::{decode_query_value, encode_query_value};

/// Which view is shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    /// Every server's snapshots.
    #[default]
    All,
    /// One server's snapshots.
    Server(u64),
    /// An address the panel does not know, kept to say so.
    Unknown(String),
}

/// A view: the route plus the name filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    pub route: Route,
    pub filter: String,
}

/// Reads a location. `base` is the path the panel is served under, ending with `/`
/// (`/` or `/admin/snapshots/`); `path` and `query` are `location.pathname` and
/// `location.search`.
pub fn parse_location(base: &str, path: &str, query: &str) -> View {
    let relative = path
        .strip_prefix(base)
        .or_else(|| (format!("{path}/") == base).then_some(""))
        .unwrap_or(path)
        .trim_matches('/');
    let mut segments = relative.split('/').filter(|s| !s.is_empty());
    let route = match (segments.next(), segments.next(), segments.next()) {
        (None, _, _) | (Some("index.html"), None, _) | (Some("servers"), None, _) => Route::All,
        (Some("servers"), Some(id), None) => match id.parse::<u64>() {
            Ok(id) => Route::Server(id),
            Err(_) => Route::Unknown(relative.to_owned()),
        },
        _ => Route::Unknown(relative.to_owned()),
    };
    let filter = query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("q="))
        .map(decode_query_value)
        .unwrap_or_default();
    View { route, filter }
}

/// The address of a view, under `base`.
pub fn view_href(base: &str, view: &View) -> String {
    let path = match &view.route {
        Route::All | Route::Unknown(_) => base.to_owned(),
        Route::Server(id) => format!("{base}servers/{id}"),
    };
    if view.filter.is_empty() {
        path
    } else {
        format!("{path}?q={}", encode_query_value(&view.filter))
    }
}
