//! The delete confirmation.

use leptos::prelude::*;
use snapshot_core::format::display_name;
use snapshot_core::model::Snapshot;

use super::form::{held_by_api, Confirmation, DialogForm, Refusal, Submit};
use crate::intl::locale;

/// Asks the person to confirm deleting `snapshot`. Cancel has the focus first.
#[component]
pub fn DeleteDialog(
    /// The snapshot to delete.
    snapshot: Snapshot,
    /// Its request, and what confirming and closing do.
    confirm: Confirmation,
) -> impl IntoView {
    let t = locale();
    view! {
        <DialogForm
            labelled_by="delete-title"
            described_by=Some("delete-warning")
            class="sp-dialog--danger"
            submit=Submit::danger(t.delete_snapshot(), t.deleting())
            pending=confirm.pending
            blocked=Signal::derive(move || confirm.error.with(|e| held_by_api(e.as_ref())))
            focus_cancel=true
            on_submit=confirm.on_confirm
            on_close=confirm.on_close
        >
            <h2 id="delete-title">{t.delete_title(&snapshot.name)}</h2>
            <p id="delete-warning">
                {t
                    .delete_warning(
                        &snapshot.name,
                        &display_name(t, &snapshot.server.name, snapshot.server.id),
                    )}
            </p>
            <Refusal error=confirm.error />
        </DialogForm>
    }
}
