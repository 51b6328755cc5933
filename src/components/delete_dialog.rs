//! The delete confirmation.

use leptos::prelude::*;
use snapshot_core::model::Snapshot;
use snapshot_core::ApiError;

use super::form::{DialogForm, Refusal, Submit};

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
        <DialogForm
            labelled_by="delete-title"
            described_by=Some("delete-warning")
            class="sp-dialog--danger"
            submit=Submit::danger("Delete snapshot", "Deleting…")
            pending
            blocked=Signal::derive(|| false)
            focus_cancel=true
            on_submit=on_confirm
            on_close
        >
            <h2 id="delete-title">{format!("Delete {}?", snapshot.name)}</h2>
            <p id="delete-warning">
                {format!(
                    "The snapshot {} of {} will be deleted permanently. This cannot be undone.",
                    snapshot.name,
                    snapshot.server.name,
                )}
            </p>
            <Refusal error />
        </DialogForm>
    }
}
