//! The delete confirmation.

use leptos::prelude::*;
use snapshot_core::model::Snapshot;
use snapshot_core::ApiError;

use super::actions::DialogActions;
use super::modal::Modal;

/// Asks the person to confirm deleting `snapshot`. Cancel has the focus first.
#[component]
pub fn DeleteDialog(
    /// The snapshot to delete.
    snapshot: Snapshot,
    /// Whether the request is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// The API's refusal.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// Sends the delete.
    on_confirm: Callback<()>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Modal
            labelled_by="delete-title"
            described_by="delete-warning"
            on_close=on_close
            class="sp-dialog--danger"
        >
            <form
                class="sp-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    if !pending.get_untracked() {
                        on_confirm.run(());
                    }
                }
            >
                <h2 id="delete-title">{format!("Delete {}?", snapshot.name)}</h2>
                <p id="delete-warning">
                    {format!(
                        "The snapshot {} of {} will be deleted permanently. This cannot be undone.",
                        snapshot.name,
                        snapshot.server.name,
                    )}
                </p>
                <Show when=move || error.get().is_some()>
                    <p class="sp-alert sp-alert--problem" role="alert">
                        {move || error.get().map(|e| e.action_message())}
                    </p>
                </Show>
                <DialogActions
                    label="Delete snapshot"
                    pending_label="Deleting…"
                    tone="sp-button--danger"
                    pending=pending
                    blocked=Signal::derive(|| false)
                    on_cancel=on_close
                    focus_cancel=true
                />
            </form>
        </Modal>
    }
}
