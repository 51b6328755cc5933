//! The restore confirmation: it says what will be lost, and only opens its Restore button once
//! the person has typed the server's name exactly.

use leptos::prelude::*;
use snapshot_core::format::format_relative;
use snapshot_core::model::Snapshot;
use snapshot_core::rules::confirms_restore;
use snapshot_core::time::parse_rfc3339;

use super::form::{Confirmation, DialogForm, Refusal, Submit, TextField};
use crate::browser::format_local_datetime;
use crate::clock::Clock;

/// Asks the person to confirm restoring `server_name` from `snapshot`.
#[component]
pub fn RestoreDialog(
    /// The snapshot to restore from.
    snapshot: Snapshot,
    /// The server's name, as the dialog names it.
    server_name: String,
    /// What the person must type: the server's name, or its id when it has none. Never empty.
    phrase: String,
    /// The server's snapshots newer than this one.
    newer: Vec<Snapshot>,
    /// Its request, and what confirming and closing do.
    confirm: Confirmation,
) -> impl IntoView {
    let clock = expect_context::<Clock>();
    let typed = RwSignal::new(String::new());
    let expected = phrase.clone();
    let matches = Memo::new(move |_| typed.with(|t| confirms_restore(t, &expected)));
    let since = parse_rfc3339(&snapshot.created_at).map(|secs| (secs, format_local_datetime(secs)));
    let loss = {
        let server_name = server_name.clone();
        move || loss_sentence(&server_name, since.as_ref(), clock.now_secs_coarse())
    };
    let label = format!("Type {phrase} to confirm");

    view! {
        <DialogForm
            labelled_by="restore-title"
            described_by=Some("restore-loss")
            class="sp-dialog--danger"
            submit=Submit::danger("Restore", "Restoring…")
            pending=confirm.pending
            blocked=Signal::derive(move || !matches.get())
            on_submit=confirm.on_confirm
            on_close=confirm.on_close
        >
            <h2 id="restore-title">{format!("Restore {server_name} from {}?", snapshot.name)}</h2>
            <p id="restore-loss" class="sp-alert sp-alert--danger">
                <strong>{loss}</strong>
                " This cannot be undone."
            </p>
            <ul class="sp-facts">
                <li>{format!("{server_name} will be stopped before the restore begins.")}</li>
                <li>"The restore takes 5 to 15 minutes."</li>
            </ul>
            <NewerSnapshots server_name=server_name.clone() newer />
            <Refusal error=confirm.error />
            <TextField
                id="restore-confirm"
                label=label
                value=typed
                on_input=Callback::new(move |text| typed.set(text))
                autofocus=true
            />
        </DialogForm>
    }
}

/// What a restore overwrites on `server_name`: all since the snapshot's time (`since`: its
/// seconds and its local time as text), when that is known.
fn loss_sentence(server_name: &str, since: Option<&(i64, String)>, now_secs: i64) -> String {
    match since {
        Some((secs, exact)) => format!(
            "Everything written to {server_name} since {exact} ({}) will be overwritten.",
            format_relative(*secs, now_secs)
        ),
        None => format!(
            "Everything written to {server_name} since this snapshot was taken will be \
             overwritten."
        ),
    }
}

/// The server's snapshots newer than the one restored: kept, and worth knowing about.
#[component]
fn NewerSnapshots(server_name: String, newer: Vec<Snapshot>) -> impl IntoView {
    (!newer.is_empty()).then(|| {
        view! {
            <div class="sp-newer">
                <p>
                    {format!(
                        "{server_name} has newer snapshots. They are kept, and you can restore one of them later:",
                    )}
                </p>
                <ul>{newer.into_iter().map(|s| view! { <li>{s.name}</li> }).collect_view()}</ul>
            </div>
        }
    })
}
