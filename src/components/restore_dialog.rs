//! The restore confirmation: it says what will be lost, offers to take a snapshot of the
//! current state first, and only opens its Restore button once the person has typed the
//! server's name exactly.

use leptos::prelude::*;
use snapshot_core::format::relative_text;
use snapshot_core::model::Snapshot;
use snapshot_core::rules::{confirms_restore, strays_from_phrase, Blocker};
use snapshot_core::safety::SafetyOffer;
use snapshot_core::time::parse_rfc3339;
use snapshot_core::validate::SNAPSHOTS_PER_SERVER;
use snapshot_core::Locale;

use super::delete_oldest::DeleteOldest;
use super::form::{held_by_api, Confirmation, DialogForm, Refusal, Submit, TextField};
use crate::clock::Clock;
use crate::intl::{format_local_datetime, locale};

/// Where a safety snapshot before a restore is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SafetyState {
    /// None is being taken.
    #[default]
    Idle,
    /// `name` is being taken of `server`; the restore from `from` is sent once it has
    /// completed.
    Waiting {
        name: String,
        server: String,
        server_id: u64,
        from: Snapshot,
    },
    /// The restore was not sent, and this says why.
    Stopped(String),
}

/// What the dialog offers before the restore, and how the safety snapshot is doing.
#[derive(Clone)]
pub struct SafetyFirst {
    /// What can be offered for this server.
    pub offer: SafetyOffer,
    /// Whether the person wants it (ticked by default when it is offered).
    pub chosen: RwSignal<bool>,
    /// How the last one is doing.
    pub state: Signal<SafetyState>,
    /// The snapshot to delete to make room, when the server is full: its oldest other than
    /// the one restored.
    pub oldest: Option<Snapshot>,
    /// Opens the delete confirmation for it.
    pub on_delete: Callback<Snapshot>,
    /// Closes the dialog while the safety snapshot is taken; the restore goes on waiting.
    pub on_background: Callback<()>,
}

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
    /// The snapshot of the current state that can be taken first.
    safety: SafetyFirst,
    /// Why the restore cannot be sent now, learnt while the dialog is open (another tab
    /// started a restore of this server), or `None`.
    blocker: Signal<Option<Blocker>>,
) -> impl IntoView {
    let t = locale();
    let clock = expect_context::<Clock>();
    let typed = RwSignal::new(String::new());
    let expected = phrase.clone();
    let matches = Memo::new(move |_| typed.with(|t| confirms_restore(t, &expected)));
    let expected = phrase.clone();
    let astray = Memo::new(move |_| typed.with(|t| strays_from_phrase(t, &expected)));
    let mismatch = t.confirm_mismatch(&phrase);
    let since =
        parse_rfc3339(&snapshot.created_at).map(|secs| (secs, format_local_datetime(t, secs)));
    let loss = {
        let server_name = server_name.clone();
        move || loss_sentence(t, &server_name, since.as_ref(), clock.now_secs_coarse())
    };
    let label = t.type_to_confirm(&phrase);
    let state = safety.state;
    let waiting = Signal::derive(move || matches!(state.get(), SafetyState::Waiting { .. }));

    view! {
        <DialogForm
            labelled_by="restore-title"
            described_by=Some("restore-loss")
            class="sp-dialog--danger"
            submit=Submit::danger(t.restore(), t.restoring_ellipsis())
            pending_label=Signal::derive(move || {
                if waiting.get() { t.waiting_ellipsis() } else { t.restoring_ellipsis() }
            })
            pending=confirm.pending
            blocked=Signal::derive(move || {
                !matches.get() || blocker.with(Option::is_some)
                    || confirm.error.with(|e| held_by_api(e.as_ref()))
            })
            cancellable=Signal::derive(move || !confirm.pending.get() || waiting.get())
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
            <SafetyChoice safety server_name=server_name.clone() blocker pending=confirm.pending />
            <Refusal error=confirm.error />
            <TextField
                id="restore-confirm"
                label=label
                value=typed
                on_input=Callback::new(move |text| typed.set(text))
                described_by="restore-confirm-error"
                invalid=Signal::derive(move || astray.get())
                autofocus=true
            >
                <p class="sp-field__error" id="restore-confirm-error" aria-live="polite">
                    {move || astray.get().then(|| mismatch.clone())}
                </p>
            </TextField>
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
            t.overwritten_since(server_name, exact, &relative_text(t, *secs, now_secs))
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

/// The offer of a snapshot of the current state before the restore, or why there is none;
/// then, once confirmed, how that snapshot is doing; otherwise why the restore cannot be sent
/// now (`blocker`), or why the last try stopped: all in one status region, so that each is
/// announced when it comes.
#[component]
fn SafetyChoice(
    safety: SafetyFirst,
    server_name: String,
    blocker: Signal<Option<Blocker>>,
    /// Whether the restore is on its way.
    pending: Signal<bool>,
) -> impl IntoView {
    let t = locale();
    let SafetyFirst {
        offer,
        chosen,
        state,
        oldest,
        on_delete,
        on_background,
    } = safety;
    let waiting = move || matches!(state.get(), SafetyState::Waiting { .. });
    let offer = match offer {
        SafetyOffer::Available { name } => Some(
            view! {
                <div class="sp-safety-offer">
                    <div class="sp-field sp-field--check">
                        <input
                            id="restore-safety"
                            type="checkbox"
                            aria-describedby="restore-safety-note"
                            disabled=waiting
                            prop:checked=move || chosen.get()
                            on:change=move |ev| chosen.set(event_target_checked(&ev))
                        />
                        <label for="restore-safety">{t.safety_first()}</label>
                    </div>
                    <p class="sp-field__hint" id="restore-safety-note">
                        {t.safety_first_hint(&name)}
                    </p>
                </div>
            }
            .into_any(),
        ),
        SafetyOffer::NoSlot { count } => Some(
            view! {
                <div class="sp-alert sp-alert--warning">
                    <p>{t.safety_no_slot(&server_name, count, SNAPSHOTS_PER_SERVER)}</p>
                    {oldest
                        .map(|oldest| view! { <DeleteOldest oldest on_delete disabled=pending /> })}
                </div>
            }
            .into_any(),
        ),
        SafetyOffer::Unavailable => None,
    };
    view! {
        {offer}
        // Always in the page, so that what it comes to say is announced.
        <div class="sp-safety" role="status">
            {move || match state.get() {
                SafetyState::Waiting { name, server, .. } => {
                    Some(
                        view! {
                            <p class="sp-alert">
                                {t.safety_taking(&name, &server)} " "
                                <strong>{t.safety_keep_open()}</strong>
                            </p>
                        }
                            .into_any(),
                    )
                }
                state => {
                    match (blocker.get(), state) {
                        (Some(reason), _) => {
                            Some(
                                // What keeps Restore shut now comes before why an earlier try stopped.
                                view! {
                                    <p class="sp-alert sp-alert--warning">{reason.message(t)}</p>
                                }
                                    .into_any(),
                            )
                        }
                        (None, SafetyState::Stopped(why)) => {
                            Some(
                                view! { <p class="sp-alert sp-alert--problem">{why}</p> }.into_any(),
                            )
                        }
                        (None, _) => None,
                    }
                }
            }}
        </div>
        // Outside the status: a control, not news. The page stays usable meanwhile.
        <Show when=waiting>
            <p class="sp-safety__background">
                <button
                    type="button"
                    class="sp-button sp-button--small"
                    on:click=move |_| on_background.run(())
                >
                    {t.safety_in_background()}
                </button>
            </p>
        </Show>
    }
}

/// While `active`, leaving or reloading the page asks first: the restore waits for this page.
pub fn leave_warning(active: Signal<bool>) {
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if active.get_untracked() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}
