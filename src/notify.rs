//! "Notify me when it's done": a system notification when a create or restore ends while the
//! tab is in the background. Opt-in, and the browser's permission is asked for only when the
//! person ticks the box; a refusal is explained and never asked again. While the tab is in
//! front nothing is shown (the live region already speaks).

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use snapshot_core::notify::{
    after_answer, follows_in_background, notifies, on_tick, NotifyState, Permission,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use crate::browser;
use crate::intl::locale;

/// The panel's notifier. `Copy`: its switch sets it, the board tells it when a job ends.
#[derive(Clone, Copy)]
pub struct Notifier {
    state: RwSignal<NotifyState>,
}

/// Whether the page can use notifications at all: the API exists (a sandboxed frame or an old
/// browser may lack it; reading `Notification.permission` there would throw).
fn supported() -> bool {
    web_sys::window().is_some_and(|window| {
        js_sys::Reflect::has(&window, &JsValue::from_str("Notification")).unwrap_or(false)
    })
}

impl Notifier {
    /// Off (or unsupported): the person opts in on each visit.
    pub fn new() -> Self {
        let state = if supported() {
            NotifyState::Off
        } else {
            NotifyState::Unsupported
        };
        Self {
            state: RwSignal::new(state),
        }
    }

    /// Where the opt-in stands.
    pub fn state(self) -> NotifyState {
        self.state.get()
    }

    /// Whether the person wants to hear of jobs that end while the tab is in the background:
    /// then the panel keeps following them there.
    pub fn watching(self) -> bool {
        follows_in_background(self.state.get())
    }

    /// The person ticked (`wanted`) or unticked the box. Ticking asks the browser only when it
    /// has never been answered; a refusal stands.
    pub fn choose(self, wanted: bool) {
        if !wanted {
            if self.state.get_untracked() != NotifyState::Unsupported {
                self.state.set(NotifyState::Off);
            }
            return;
        }
        if !supported() {
            self.state.set(NotifyState::Unsupported);
            return;
        }
        match on_tick(permission()) {
            NotifyState::Asking => self.ask(),
            next => self.state.set(next),
        }
    }

    fn ask(self) {
        let Ok(asked) = Notification::request_permission() else {
            self.state.set(NotifyState::Denied);
            return;
        };
        self.state.set(NotifyState::Asking);
        let state = self.state;
        spawn_local_scoped_with_cancellation(async move {
            let answer = JsFuture::from(asked).await.ok().and_then(|a| a.as_string());
            state.try_set(after_answer(answer.as_deref()));
        });
    }

    /// A job ended, said as `text`: shown as a system notification if the person asked for
    /// them and the tab is in the background.
    pub fn job_ended(self, text: &str) {
        let state = self.state.get_untracked();
        if state != NotifyState::On {
            return;
        }
        let permission = permission();
        if permission == Permission::Denied {
            // Taken back in the browser's settings since.
            self.state.set(NotifyState::Denied);
        }
        if !notifies(state, browser::document_hidden(), permission) {
            return;
        }
        let options = NotificationOptions::new();
        options.set_body(text);
        // One notification per ending, however many tabs of the panel heard of it.
        options.set_tag(text);
        let _ = Notification::new_with_options(&locale().title(), &options);
    }
}

/// The browser's permission, read only where the API exists.
fn permission() -> Permission {
    match Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Unanswered,
    }
}

impl Default for Notifier {
    fn default() -> Self {
        Self::new()
    }
}

/// The opt-in box, and what it says about where it stands.
#[component]
pub fn NotifyToggle(
    /// The panel's notifier.
    notifier: Notifier,
) -> impl IntoView {
    let t = locale();
    let note = move || match notifier.state() {
        NotifyState::Unsupported => Some(t.notify_unsupported()),
        NotifyState::Off => None,
        NotifyState::Asking => Some(t.notify_asking()),
        NotifyState::On => Some(t.notify_on()),
        NotifyState::Denied => Some(t.notify_denied()),
    };
    view! {
        <div class="sp-notify">
            <div class="sp-field sp-field--check">
                <input
                    id="notify-when-done"
                    type="checkbox"
                    aria-describedby="notify-when-done-note"
                    disabled=move || {
                        matches!(notifier.state(), NotifyState::Unsupported | NotifyState::Asking)
                    }
                    prop:checked=move || notifier.watching()
                    on:change=move |ev| notifier.choose(event_target_checked(&ev))
                />
                <label for="notify-when-done">{t.notify_me()}</label>
            </div>
            <p class="sp-field__hint" id="notify-when-done-note" role="status">
                {note}
            </p>
        </div>
    }
}
