//! Buttons that several screens share.

use leptos::prelude::*;
use snapshot_core::model::Snapshot;

/// A dialog's Cancel and submit buttons. The submit button shows progress while `pending` and
/// is disabled while `blocked` or `pending`, so a second click or Enter sends nothing.
#[component]
pub fn DialogActions(
    /// The submit button's label: "Create snapshot".
    label: &'static str,
    /// Its label while the request is on its way: "Creating…".
    pending_label: &'static str,
    /// The submit button's tone: `sp-button--primary` or `sp-button--danger`.
    tone: &'static str,
    /// Whether the request is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Whether the form may not be sent yet.
    #[prop(into)]
    blocked: Signal<bool>,
    /// Closes the dialog.
    on_cancel: Callback<()>,
    /// Whether Cancel takes the focus when the dialog opens (for destructive dialogs).
    #[prop(optional)]
    focus_cancel: bool,
) -> impl IntoView {
    view! {
        <div class="sp-form__actions">
            <button
                type="button"
                class="sp-button"
                autofocus=focus_cancel
                on:click=move |_| on_cancel.run(())
            >
                "Cancel"
            </button>
            <button
                type="submit"
                class=format!("sp-button {tone}")
                disabled=move || blocked.get() || pending.get()
            >
                {move || if pending.get() { pending_label } else { label }}
            </button>
        </div>
    }
}

/// The way to make room at the 5-snapshot limit: opens the delete confirmation for the oldest.
#[component]
pub fn DeleteOldest(
    /// The server's oldest snapshot.
    oldest: Snapshot,
    /// Asks to delete it.
    on_delete: Callback<Snapshot>,
) -> impl IntoView {
    let label = format!("Delete the oldest, {}…", oldest.name);
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
