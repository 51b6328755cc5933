//! Signing in with an API token.

use leptos::prelude::*;
use snapshot_core::i18n::Text;
use snapshot_core::validate::{clean_token, token_error, TokenCharacter};
use snapshot_core::ApiError;
use wasm_bindgen::JsCast;

use crate::api::Client;
use crate::components::form::TextField;
use crate::intl::locale;
use crate::session::{Candidate, Session};

/// The sign-in form: an API token, checked with `account/me`, kept in memory unless the person
/// ticks "remember in this tab".
#[component]
pub fn SignInForm(
    /// Checks the token.
    client: Client,
    /// Why sign-in is asked for again, if it is.
    #[prop(optional)]
    reason: Option<Text>,
) -> impl IntoView {
    let t = locale();
    let session = expect_context::<Session>();
    let token = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    // A character no token has, found before anything is sent.
    let typo = RwSignal::new(None::<TokenCharacter>);
    // After Sign out the focus would be left on a button that is gone: it goes to the token.
    let form = NodeRef::<leptos::html::Form>::new();
    if session.take_arrival_focus() {
        request_animation_frame(move || {
            let field = form
                .try_get_untracked()
                .flatten()
                .and_then(|form| form.query_selector("#sign-in-token").ok().flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(field) = field {
                crate::browser::focus(&field);
            }
        });
    }
    let submit = move || {
        let typed = token.get_untracked();
        let cleaned = clean_token(&typed);
        if cleaned.is_empty() || session.checking.get_untracked() {
            return;
        }
        typo.set(token_error(cleaned));
        if typo.get_untracked().is_some() {
            return;
        }
        let candidate = Candidate {
            token: cleaned.to_owned(),
            remember: remember.get_untracked(),
        };
        session.check(client.clone(), Some(candidate));
    };
    view! {
        <form
            node_ref=form
            class="sp-form sp-sign-in"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <h2 id="sign-in-title">{t.sign_in()}</h2>
            <p id="sign-in-intro">{reason.unwrap_or_else(|| t.sign_in_intro())}</p>
            <Show when=move || {
                typo.with(Option::is_some) || session.sign_in_error.with(Option::is_some)
            }>
                <p id="sign-in-error" class="sp-alert sp-alert--problem" role="alert">
                    {move || match typo.get() {
                        Some(typo) => Some(typo.message(t).into_owned()),
                        None => {
                            session
                                .sign_in_error
                                .get()
                                .map(|e| match e {
                                    ApiError::Unauthorized => t.token_not_accepted().into_owned(),
                                    other => other.action_message(t),
                                })
                        }
                    }}
                </p>
            </Show>
            <TextField
                id="sign-in-token"
                label=t.api_token()
                kind="password"
                value=token
                on_input=Callback::new(move |text| token.set(text))
                described_by="sign-in-intro sign-in-error"
                invalid=Signal::derive(move || {
                    typo.with(Option::is_some)
                        || session.sign_in_error.with(|e| matches!(e, Some(ApiError::Unauthorized)))
                })
                autofocus=true
                required=true
            />
            <div class="sp-field sp-field--check">
                <input
                    id="sign-in-remember"
                    type="checkbox"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev))
                />
                <label for="sign-in-remember">{t.remember_in_tab()}</label>
            </div>
            <p class="sp-field__hint">{t.remember_hint()}</p>
            <div class="sp-form__actions">
                <button
                    type="submit"
                    class="sp-button sp-button--primary"
                    aria-disabled=move || {
                        (session.checking.get() || token.with(|t| t.trim().is_empty()))
                            .then_some("true")
                    }
                >
                    {move || if session.checking.get() { t.checking() } else { t.sign_in() }}
                </button>
            </div>
        </form>
    }
}
