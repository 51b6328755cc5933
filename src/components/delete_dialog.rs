//! The delete confirmation.

use leptos::prelude::*;
use snapshot_core::model::Snapshot;

use super::form::{Confirmation, DialogForm, Refusal, Submit};

/// Asks the person to confirm deleting `snapshot`. Cancel has the focus first.
#[component]
pub fn DeleteDialog(
    /// The snapshot to delete.
    snapshot: Snapshot,
    /// Its request, and what confirming and closing do.
    confirm: Confirmation,
) -> impl IntoView {
    view! {
        <DialogForm
            labelled_by="delete-title"
            described_by=Some("delete-warning")
            class="sp-dialog--danger"
            submit=Submit::danger("Delete snapshot", "Deleting…")
            pending=confirm.pending
            blocked=Signal::derive(|| false)
            focus_cancel=true
            on_submit=confirm.on_confirm
            on_close=confirm.on_close
        >
            <h2 id="delete-title">{format!("Delete {}?", snapshot.name)}</h2>
            <p id="delete-warning">
                {format!(
                    "The snapshot {} of {} will be deleted permanently. This cannot be undone.",
                    snapshot.name,
                    snapshot.server.name,
                )}
            </p>
            <Refusal error=confirm.error />
        </DialogForm>
    }
}
