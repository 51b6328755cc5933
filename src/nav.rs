//! Which view is shown, kept in the address bar when the panel owns the page: back and forward
//! work, and a bookmark reopens the same view. Embedded, the view stays inside the panel.

use leptos::prelude::*;
use snapshot_core::route::{parse_location, view_href, Route, View};
use snapshot_core::url;
use wasm_bindgen::JsValue;

/// The current view and how to change it. `Copy`.
#[derive(Clone, Copy)]
pub struct Nav {
    /// What is shown.
    pub view: RwSignal<View>,
    base: StoredValue<String>,
    routing: bool,
}

fn location() -> Option<(String, String)> {
    let location = web_sys::window()?.location();
    Some((location.pathname().ok()?, location.search().ok()?))
}

/// The path the panel is served under, from the document's base URL: `/` or
/// `/admin/snapshots/`.
fn base_path() -> String {
    let base_uri = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    url::base_path(&base_uri).to_owned()
}

impl Nav {
    /// Starts on the address bar's view when `routing`, else on `start_server` (or all).
    pub fn new(routing: bool, start_server: Option<u64>) -> Self {
        let base = if routing { base_path() } else { "/".to_owned() };
        let mut view = match (routing, location()) {
            (true, Some((path, query))) => parse_location(&base, &path, &query),
            _ => View::default(),
        };
        if let (Route::All, Some(id)) = (&view.route, start_server) {
            view.route = Route::Server(id);
        }
        let nav = Self {
            view: RwSignal::new(view),
            base: StoredValue::new(base),
            routing,
        };
        if routing {
            // An address it does not know stays in the address bar, which says what was asked.
            if !nav
                .view
                .with_untracked(|v| matches!(v.route, Route::Unknown(_)))
            {
                nav.write_history(false);
            }
            let handle = window_event_listener(leptos::ev::popstate, move |_| {
                if let Some((path, query)) = location() {
                    nav.view
                        .set(parse_location(&nav.base.get_value(), &path, &query));
                }
            });
            on_cleanup(move || handle.remove());
        }
        nav
    }

    /// Whether the panel owns the page's address (the `routing` setting).
    pub fn owns_the_address(self) -> bool {
        self.routing
    }

    /// The address of a view, for links. Where the panel does not own the address (embedded),
    /// a view has none of its own: its links lead to the page the panel is in, so that opening
    /// one in a new tab, or copying it, gives that page rather than a path of the host's site.
    pub fn href(self, view: &View) -> String {
        if !self.routing {
            if let Some(here) = web_sys::window().and_then(|w| w.location().href().ok()) {
                return here;
            }
        }
        view_href(&self.base.get_value(), view)
    }

    /// Shows another view, as a new history entry.
    pub fn go(self, route: Route) {
        let filter = self.view.with_untracked(|v| v.filter.clone());
        let view = View { route, filter };
        if self.view.with_untracked(|v| *v != view) {
            self.view.set(view);
            self.write_history(true);
        }
    }

    /// Changes the name filter, replacing the history entry (typing is not navigation).
    pub fn set_filter(self, filter: String) {
        if self.view.with_untracked(|v| v.filter != filter) {
            self.view.update(|v| {
                // A filter typed at an address the panel does not know filters every server.
                if matches!(v.route, Route::Unknown(_)) {
                    v.route = Route::All;
                }
                v.filter = filter;
            });
            self.write_history(false);
        }
    }

    fn write_history(self, push: bool) {
        if !self.routing {
            return;
        }
        let href = self.view.with_untracked(|v| self.href(v));
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        let current = location().map(|(path, query)| format!("{path}{query}"));
        if current.as_deref() == Some(href.as_str()) {
            return;
        }
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&href))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&href))
        };
    }
}
