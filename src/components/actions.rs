//! Buttons that several screens share.

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
) -> impl IntoView {
    let label = locale().delete_oldest(&oldest.name);
    view! {
        <button
            type="button"
            class="sp-button sp-button--link"
            on:click=move |_| on_delete.run(oldest.clone())
        >
            {label}
        </button>
    }
}
