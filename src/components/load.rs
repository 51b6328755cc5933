//! How a screen says it is loading, or that it could not load and can try again.

use leptos::prelude::*;
use snapshot_core::i18n::Text;
use snapshot_core::ApiError;

use crate::intl::locale;

/// Work under way, announced politely: "Loading snapshots…".
#[component]
pub fn Loading(
    /// What is under way.
    text: Text,
    /// How far a long read has come: rows read, of how many. Shown, not announced: a screen
    /// reader hears the status once and finds the bar when it asks.
    #[prop(optional)]
    progress: Option<Signal<Option<(usize, u64)>>>,
) -> impl IntoView {
    let t = locale();
    let label = text.clone();
    let far = move || {
        progress
            .and_then(|progress| progress.get())
            .filter(|(read, count)| u64::try_from(*read).is_ok_and(|read| read < *count))
    };
    view! {
        <p class="sp-loading" role="status">
            <span class="sp-spinner" aria-hidden="true"></span>
            {text}
        </p>
        {move || {
            far()
                .map(|(read, count)| {
                    view! {
                        <p class="sp-loading__progress">
                            <progress
                                aria-label=label.to_string()
                                max=count.to_string()
                                value=read.to_string()
                            ></progress>
                            " "
                            {t.rows_read(read, count)}
                        </p>
                    }
                })
        }}
    }
}

/// What could not be loaded, why, and a Try again button, announced at once. Nothing tries
/// again by itself, so it says when to (a rate limit); except offline, where the browser
/// coming back online tries again, as the message promises.
#[component]
pub fn LoadFailed(
    /// What failed: "The snapshots couldn't be loaded".
    title: Text,
    /// Why.
    error: ApiError,
    /// Whether the box sits inside a section (an `h3`) rather than at the top (an `h2`).
    #[prop(optional)]
    in_section: bool,
    /// Tries again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let t = locale();
    if error == ApiError::Offline {
        crate::browser::on_window_event("online", move || on_retry.run(()));
    }
    let detail = error.detail(t);
    let heading = if in_section {
        view! { <h3>{title}</h3> }.into_any()
    } else {
        view! { <h2>{title}</h2> }.into_any()
    };
    view! {
        <div class="sp-error" role="alert">
            {heading}
            <p>{error.load_message(t)}</p>
            {detail.map(|d| view! { <p class="sp-muted">{d}</p> })}
            <button
                type="button"
                class="sp-button sp-button--primary"
                on:click=move |_| on_retry.run(())
            >
                {t.try_again()}
            </button>
        </div>
    }
}
