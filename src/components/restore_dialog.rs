//! The restore confirmation: it says what will be lost, and only opens its Restore button once
//! the person has typed the server's name exactly.

use leptos::prelude::*;
use snapshot_core::model::Snapshot;
use snapshot_core::rules::confirms_restore;
use snapshot_core::time::parse_rfc3339;
use snapshot_core::Locale;

use super::form::{Confirmation, DialogForm, Refusal, Submit, TextField};
use crate::clock::Clock;
use crate::intl::{format_local_datetime, format_relative, locale};

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
    let t = locale();
    let clock = expect_context::<Clock>();
    let typed = RwSignal::new(String::new());
    let expected = phrase.clone();
    let matches = Memo::new(move |_| typed.with(|t| confirms_restore(t, &expected)));
    let since =
        parse_rfc3339(&snapshot.created_at).map(|secs| (secs, format_local_datetime(t, secs)));
    let loss = {
        let server_name = server_name.clone();
        move || loss_sentence(t, &server_name, since.as_ref(), clock.now_secs_coarse())
    };
    let label = t.type_to_confirm(&phrase);

    view! {
        <DialogForm
            labelled_by="restore-title"
            described_by=Some("restore-loss")
            class="sp-dialog--danger"
            submit=Submit::danger(t.restore(), t.restoring_ellipsis())
            pending=confirm.pending
            blocked=Signal::derive(move || !matches.get())
            on_submit=confirm.on_confirm
            on_close=confirm.on_close
        >
            <h2 id="restore-title">{t.restore_title(&server_name, &snapshot.name)}</h2>
            <p id="restore-loss" class="sp-alert sp-alert--danger">
                <strong>{loss}</strong>
                " "
                {t.cannot_be_undone()}
            </p>
            <ul class="sp-facts">
                <li>{t.will_be_stopped(&server_name)}</li>
                <li>{t.restore_takes()}</li>
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
fn loss_sentence(
    t: Locale,
    server_name: &str,
    since: Option<&(i64, String)>,
    now_secs: i64,
) -> String {
    match since {
        Some((secs, exact)) => {
            t.overwritten_since(server_name, exact, &format_relative(t, *secs, now_secs))
        }
        None => t.overwritten_since_snapshot(server_name),
    }
    .into_owned()
}

/// The server's snapshots newer than the one restored: kept, and worth knowing about.
#[component]
fn NewerSnapshots(server_name: String, newer: Vec<Snapshot>) -> impl IntoView {
    let t = locale();
    (!newer.is_empty()).then(|| {
        view! {
            <div class="sp-newer">
                <p>{t.newer_kept(&server_name)}</p>
                <ul>{newer.into_iter().map(|s| view! { <li>{s.name}</li> }).collect_view()}</ul>
            </div>
        }
    })
}
