//! The panel's root: settings, session, and which screen to show.

use leptos::prelude::*;
use snapshot_core::config::{AuthMode, SettingError, Settings};
use snapshot_core::{ApiError, Locale};

use crate::api::Client;
use crate::clock::Clock;
use crate::components::load::{LoadFailed, Loading};
use crate::components::modal::Modal;
use crate::host::Host;
use crate::intl::locale;
use crate::nav::Nav;
use crate::notices::{NoticeArea, Notices};
use crate::notify::Notifier;
use crate::pages::sign_in::SignInForm;
use crate::pages::snapshots::SnapshotsPage;
use crate::session::{Session, SessionState};

/// Which screen the session allows. Kept apart from [`SessionState`] so that learning who is
/// signed in does not redraw the page.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Screen {
    Checking,
    SignIn,
    CheckFailed(ApiError),
    Panel,
}

/// The whole panel.
#[component]
pub fn App(
    /// The settings, already read.
    settings: Settings,
    /// Whether the panel owns the address bar.
    routing: bool,
    /// The element the panel is mounted into, for events to the host page.
    host_element: Option<web_sys::Element>,
    /// The token handed in by a host page (auth mode `host`).
    host_token: RwSignal<Option<String>>,
) -> impl IntoView {
    let t = locale();
    let host = Host::new(host_element);
    let notices = Notices::new();
    let clock = Clock::start();
    let session = Session::new(&settings.api_base, settings.auth, host_token, host);
    let client = Client::new(
        settings.api_base.clone(),
        session.token,
        settings.timeout_ms,
        t,
        Callback::new(move |()| session.unauthorized()),
    );
    let nav = Nav::new(routing, settings.server_id);
    provide_context(notices);
    provide_context(Notifier::new());
    provide_context(clock);
    provide_context(session);
    provide_context(nav);
    provide_context(host);
    provide_context(settings.poll);
    session.start(client.clone());

    let screen = Memo::new(move |_| match session.state.get() {
        SessionState::Checking => Screen::Checking,
        SessionState::SignIn => Screen::SignIn,
        SessionState::CheckFailed(error) => Screen::CheckFailed(error),
        SessionState::Ready { .. } => Screen::Panel,
    });
    let who = move || match session.state.get() {
        SessionState::Ready { me: Some(me) } => Some(me.account.display_name()),
        _ => None,
    };
    let mode = settings.auth;
    let main_client = client.clone();
    let retry_client = client.clone();
    // Escape hides the tooltip in view until the pointer or the focus moves (WCAG 1.4.13).
    let tips_hidden = RwSignal::new(false);
    let show_tips = move || {
        if tips_hidden.get_untracked() {
            tips_hidden.set(false);
        }
    };

    view! {
        <div
            class="sp-panel"
            class:sp-panel--tips-hidden=move || tips_hidden.get()
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    tips_hidden.set(true);
                }
            }
            on:focusin=move |_| show_tips()
            on:pointermove=move |_| show_tips()
        >
            <header class="sp-header">
                <h1 class="sp-header__title">{t.title()}</h1>
                <div class="sp-header__session">
                    {move || {
                        who()
                            .map(|name| {
                                view! {
                                    <span class="sp-who">
                                        {t.signed_in_as()} <strong>{name}</strong>
                                    </span>
                                }
                            })
                    }} <Show when=move || session.can_sign_out() && screen.get() == Screen::Panel>
                        <SignOut session class="sp-button sp-button--quiet" />
                    </Show>
                </div>
            </header>
            <NoticeArea notices=notices />
            // Above the page, whose own load failure then says no more than that it waits.
            <Show when=move || {
                session.expired.get()
            }>
                {
                    let client = client.clone();
                    move || expired_view(t, mode, client.clone(), session)
                }
            </Show>
            {move || match screen.get() {
                Screen::Checking => view! { <Loading text=t.connecting() /> }.into_any(),
                Screen::SignIn => view! { <SignInForm client=main_client.clone() /> }.into_any(),
                Screen::CheckFailed(error) => {
                    let client = retry_client.clone();
                    let on_retry = Callback::new(move |()| {
                        session.state.set(SessionState::Checking);
                        session.check(client.clone(), None);
                    });
                    view! { <LoadFailed title=t.api_unreachable() error on_retry /> }.into_any()
                }
                Screen::Panel => view! { <SnapshotsPage client=main_client.clone() /> }.into_any(),
            }}
        </div>
    }
}

/// The Sign out button.
#[component]
fn SignOut(session: Session, class: &'static str) -> impl IntoView {
    view! {
        <button type="button" class=class on:click=move |_| session.sign_out()>
            {locale().sign_out()}
        </button>
    }
}

/// What a 401 in mid-session shows: a sign-in dialog over the page (nothing on it is lost),
/// or, when the token comes from a proxy or the host page, a notice that says so.
fn expired_view(t: Locale, mode: AuthMode, client: Client, session: Session) -> AnyView {
    match mode {
        // Escape or a stray click does not dismiss it: that would sign out and drop the page
        // under it. Signing out is a button of its own.
        AuthMode::Auto | AuthMode::Token => view! {
            <Modal labelled_by="sign-in-title" on_close=Callback::new(|()| {})>
                <SignInForm client=client reason=t.session_ended_sign_in() />
                <p class="sp-dialog__aside">
                    <SignOut session class="sp-button sp-button--link" />
                </p>
            </Modal>
        }
        .into_any(),
        AuthMode::Proxy => view! {
            <div class="sp-alert sp-alert--problem" role="alert">
                {t.proxy_token_refused()}
            </div>
        }
        .into_any(),
        AuthMode::Host => view! {
            <div class="sp-alert sp-alert--problem" role="alert">
                {move || {
                    if session.token.with(Option::is_some) {
                        t.host_token_refused()
                    } else {
                        t.host_token_awaited()
                    }
                }}
            </div>
        }
        .into_any(),
    }
}

/// Shown instead of the panel when its settings cannot be read.
#[component]
pub fn SettingsProblem(
    /// What is wrong.
    errors: Vec<SettingError>,
) -> impl IntoView {
    let t = locale();
    view! {
        <div class="sp-panel">
            <div class="sp-error" role="alert">
                <h1>{t.misconfigured()}</h1>
                <ul>{errors.iter().map(|e| view! { <li>{e.message(t)}</li> }).collect_view()}</ul>
                <p>{t.misconfigured_fix()}</p>
            </div>
        </div>
    }
}
