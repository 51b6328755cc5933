//! The way to make room at the 5-snapshot limit, offered by the create and restore dialogs.

use leptos::prelude::*;
use snapshot_core::model::Snapshot;

use crate::intl::locale;

/// The way to make room at the 5-snapshot limit: opens the delete confirmation for the oldest.
#[component]
pub fn DeleteOldest(
    /// The server's oldest snapshot.
    oldest: Snapshot,
    /// Asks to delete it.
    on_delete: Callback<Snapshot>,
    /// While its dialog's own request is on its way: that dialog stays until the answer.
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let label = locale().delete_oldest(&oldest.name);
    view! {
        <button
            type="button"
            class="sp-button sp-button--link"
            disabled=disabled
            on:click=move |_| on_delete.run(oldest.clone())
        >
            {label}
        </button>
    }
}
