//! Small, safe wrappers over the browser APIs the panel uses. Nothing here panics: a missing
//! window or a refused call is treated as "not available".

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use snapshot_core::time::LocalTime;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Milliseconds since the epoch, by the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The person's local date and time now, for name suggestions.
pub fn local_now() -> LocalTime {
    local_time(&js_sys::Date::new_0())
}

/// A `Date`'s local fields: the browser works out the person's zone and its daylight saving.
pub fn local_time(date: &js_sys::Date) -> LocalTime {
    LocalTime {
        year: date.get_full_year(),
        // A `Date` counts months from 0.
        month: date.get_month().saturating_add(1),
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    }
}

/// One pending timeout, owned by the reactive owner it was made under: starting it again
/// replaces what was pending, and the owner's cleanup clears it, so nothing runs after the
/// panel is gone.
#[derive(Clone, Copy)]
pub struct Timer(StoredValue<Option<TimeoutHandle>>);

impl Default for Timer {
    fn default() -> Self {
        Self::new()
    }
}

impl Timer {
    pub fn new() -> Self {
        let timer = Self(StoredValue::new(None));
        on_cleanup(move || timer.stop());
        timer
    }

    /// Runs `then` after `delay`, in place of whatever was pending.
    pub fn start(self, delay: std::time::Duration, then: impl FnOnce() + 'static) {
        self.stop();
        if let Ok(handle) = set_timeout_with_handle(then, delay) {
            self.0.try_set_value(Some(handle));
        }
    }

    /// Clears what is pending, if anything.
    pub fn stop(self) {
        if let Some(handle) = self.0.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }
}

/// The page's document.
pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Whether the document is hidden (a background tab).
pub fn document_hidden() -> bool {
    document().is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Listens to `event` on the document until the current reactive owner is cleaned up.
pub fn on_document_event(event: &'static str, handler: impl Fn() + 'static) {
    if let Some(document) = document() {
        listen(document.into(), event, handler);
    }
}

/// Listens to `event` on the window ("online") until the current reactive owner is cleaned up.
pub fn on_window_event(event: &'static str, handler: impl Fn() + 'static) {
    if let Some(window) = web_sys::window() {
        listen(window.into(), event, handler);
    }
}

fn listen(target: web_sys::EventTarget, event: &'static str, handler: impl Fn() + 'static) {
    let closure = Closure::<dyn Fn()>::new(handler);
    if target
        .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .is_err()
    {
        return;
    }
    let held = SendWrapper::new((target, closure));
    on_cleanup(move || {
        let (target, closure) = held.take();
        let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    });
}

/// A random number in 0.0..1.0, for jitter.
pub fn random() -> f64 {
    js_sys::Math::random()
}

/// `sessionStorage`, if the browser allows it (it may not, e.g. in a sandboxed frame).
pub fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Whether a click on a link is a plain one the panel may handle itself: not with Ctrl, Cmd
/// or Shift held, nor with a button other than the main one (those open a new tab or window,
/// as the browser does).
pub fn is_plain_click(ev: &web_sys::MouseEvent) -> bool {
    !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0)
}

/// Moves keyboard focus to an element, if it is still in the page.
pub fn focus(element: &web_sys::HtmlElement) {
    if element.is_connected() {
        let _ = element.focus();
    }
}

/// Moves keyboard focus to the page's title (`[data-focus-home]`) in the document or shadow
/// root `root`: where focus goes when the control that had it is gone, or the view changed.
pub fn focus_home(root: &web_sys::Node) {
    if let Some(home) = find(root, "[data-focus-home]") {
        focus(&home);
    }
}

/// The first element in the document or shadow root `root` that matches `selector`, if it
/// can take the focus (an HTML element).
pub fn find(root: &web_sys::Node, selector: &str) -> Option<web_sys::HtmlElement> {
    find_in(root, selector).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// The first element in the document or shadow root `root` that matches `selector`.
fn find_in(root: &web_sys::Node, selector: &str) -> Option<web_sys::Element> {
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        shadow.query_selector(selector).ok().flatten()
    } else if let Some(document) = root.dyn_ref::<web_sys::Document>() {
        document.query_selector(selector).ok().flatten()
    } else {
        None
    }
}

/// The element that has focus, looking inside the panel's shadow root.
pub fn active_element(root: &web_sys::Node) -> Option<web_sys::HtmlElement> {
    let shadow = root.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok();
    let active = match shadow {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element()),
    };
    active.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}
