//! The page's one open dialog, and what confirming it does.

use leptos::prelude::*;
use snapshot_core::bulk::BulkRun;
use snapshot_core::format::display_name;
use snapshot_core::model::{NewSnapshot, Snapshot};
use snapshot_core::rules::{newer_snapshots, restore_blocker, restore_phrase, Blocker};
use snapshot_core::safety::{safety_name, safety_offer, SafetyOffer};
use snapshot_core::screen::ServerChoice;

use super::actions::{PageActions, RestoreRequest};
use crate::board::Board;
use crate::browser::local_now;
use crate::components::bulk_delete_dialog::BulkDeleteDialog;
use crate::components::create_dialog::{CreateDialog, Draft};
use crate::components::delete_dialog::DeleteDialog;
use crate::components::form::Confirmation;
use crate::components::restore_dialog::{RestoreDialog, SafetyFirst, SafetyState};
use crate::intl::locale;

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// New snapshot, of this server or (from the toolbar) of a server to choose, holding what
    /// was typed when it comes back.
    Create {
        server: Option<u64>,
        draft: Draft,
    },
    Restore(Snapshot),
    /// Delete this snapshot; then, or on Cancel, back to the dialog it was opened from (the
    /// oldest snapshot, deleted to make room for a create or a safety snapshot).
    Delete {
        snapshot: Snapshot,
        back: Option<Box<Dialog>>,
    },
    /// Delete these, one at a time; `left_out` selected ones cannot be deleted now.
    DeleteAll {
        snapshots: Vec<Snapshot>,
        left_out: usize,
    },
}

impl Dialog {
    /// A new snapshot, of `server` or of one to choose, with nothing typed yet.
    pub fn create(server: Option<u64>) -> Self {
        Self::Create {
            server,
            draft: Draft::default(),
        }
    }

    /// A new snapshot of a server to choose, the choice starting on `start`.
    pub fn create_starting_on(start: Option<u64>) -> Self {
        Self::Create {
            server: None,
            draft: Draft::starting_on(start),
        }
    }

    /// The delete confirmation of `snapshot`, opened from its row or from the dialog `back`.
    pub fn delete(snapshot: Snapshot, back: Option<Dialog>) -> Self {
        Self::Delete {
            snapshot,
            back: back.map(Box::new),
        }
    }

    /// The dialog to go back to when this one closes.
    pub fn back(&self) -> Option<Dialog> {
        match self {
            Self::Delete { back, .. } => back.as_deref().cloned(),
            _ => None,
        }
    }
}

/// The open dialog, if any.
#[component]
pub fn PageDialogs(
    dialog: RwSignal<Option<Dialog>>,
    board: Board,
    actions: PageActions,
    choices: Memo<Vec<ServerChoice>>,
    open: Callback<Dialog>,
    /// Closes the open dialog, going back to the one it was opened from, if any.
    close: Callback<()>,
) -> impl IntoView {
    let error = actions.error;
    // Untracked: a poll that changes another server must not redraw an open dialog and wipe
    // what the person typed in it.
    move || {
        dialog.get().map(|which| {
            untrack(move || match which {
                Dialog::Create { server, draft } => view! {
                    <CreateDialog
                        choices=choices
                        preselected=server
                        draft=draft
                        pending=actions.create.pending()
                        error=error
                        on_submit=Callback::new(move |new: NewSnapshot| {
                            actions.start(actions.create, new)
                        })
                        on_close=close
                        on_delete=Callback::new(move |(snapshot, draft): (Snapshot, Draft)| {
                            open.run(
                                Dialog::delete(snapshot, Some(Dialog::Create { server, draft })),
                            )
                        })
                    />
                }
                .into_any(),
                Dialog::Restore(snapshot) => restore_dialog(board, actions, snapshot, open, close),
                Dialog::DeleteAll {
                    snapshots,
                    left_out,
                } => {
                    let list = snapshots.clone();
                    view! {
                        <BulkDeleteDialog
                            snapshots
                            left_out
                            run=actions.bulk
                            on_confirm=Callback::new(move |()| {
                                actions.start(actions.delete_all, list.clone())
                            })
                            on_stop=Callback::new(move |()| {
                                actions.bulk.update(|run| run.iter_mut().for_each(BulkRun::stop))
                            })
                            on_close=close
                        />
                    }
                    .into_any()
                }
                Dialog::Delete { snapshot, .. } => {
                    // Cancel leaves this dialog's error behind, not on the one it goes back to.
                    let cancel = Callback::new(move |()| {
                        error.set(None);
                        close.run(());
                    });
                    let confirm = actions.confirmation(actions.delete, snapshot.clone(), cancel);
                    view! { <DeleteDialog snapshot confirm /> }.into_any()
                }
            })
        })
    }
}

/// The restore confirmation of `snapshot`, with the safety snapshot it offers first; the
/// safety snapshot is named only when confirmed, against the server's list as it is then.
fn restore_dialog(
    board: Board,
    actions: PageActions,
    snapshot: Snapshot,
    open: Callback<Dialog>,
    close: Callback<()>,
) -> AnyView {
    let t = locale();
    let server = snapshot.server.id;
    let newer = board
        .snapshots
        .with_untracked(|all| newer_snapshots(all, &snapshot));
    let name = board
        .servers
        .with(|all| all.iter().find(|s| s.id == server).map(|s| s.name.clone()))
        .unwrap_or_else(|| snapshot.server.name.clone());
    let safety = safety_first(board, actions, &snapshot, open);
    // Opened again while its restore waits in the background: the wait is this dialog's again.
    actions.to_the_front(snapshot.id);
    // One restore at a time: another on its way (waiting for its safety snapshot, or sent)
    // holds this one.
    let running = actions.restore_running();
    let waiting_elsewhere = {
        let id = snapshot.id;
        Signal::derive(move || running.get().is_some_and(|from| from != id))
    };
    let blocker = {
        let now = restore_blocker_now(board, &snapshot);
        Signal::derive(move || {
            now.get().or_else(|| {
                waiting_elsewhere
                    .get()
                    .then_some(Blocker::AnotherRestoreWaits)
            })
        })
    };
    let chosen = safety.chosen;
    let target = snapshot.clone();
    let confirm = Confirmation {
        on_confirm: Callback::new(move |()| {
            // Named now, against the list as it is now: unique on its server.
            let safety_first = chosen.get_untracked().then(|| {
                board.with_store(|store| {
                    let names: Vec<&str> = store
                        .snapshots_of(server)
                        .map(|s| s.name.as_str())
                        .collect();
                    safety_name(t, local_now(), &names)
                })
            });
            actions.start_restore(RestoreRequest {
                snapshot: target.clone(),
                safety_first,
            });
        }),
        // Leaving while the safety snapshot is taken cancels the restore (not another's).
        on_close: Callback::new(move |()| {
            if !waiting_elsewhere.get_untracked() {
                actions.cancel_safety();
            }
            close.run(());
        }),
        pending: {
            let id = snapshot.id;
            Signal::derive(move || running.get() == Some(id))
        },
        error: actions.error.into(),
    };
    view! {
        <RestoreDialog
            snapshot=snapshot
            phrase=restore_phrase(&name, server)
            server_name=display_name(t, &name, server)
            newer=newer
            confirm
            safety
            blocker
        />
    }
    .into_any()
}

/// Why `target` cannot be restored now, as the board learns it while its dialog is open: a
/// poll, or another tab, may show its server being restored since.
fn restore_blocker_now(board: Board, target: &Snapshot) -> Signal<Option<Blocker>> {
    let server = board.server.get(target.server.id);
    let listed = board.snapshots_of.get(target.server.id);
    let target = target.clone();
    Signal::derive(move || {
        let status = server.with(|s| s.as_ref().map(|s| s.status.clone()))?;
        listed.with(|all| {
            let now = all.iter().find(|s| s.id == target.id).unwrap_or(&target);
            restore_blocker(now, &status)
        })
    })
}

/// What the restore dialog of `target` offers first: a safety snapshot when its server has
/// room (ticked), else the way to make room.
fn safety_first(
    board: Board,
    actions: PageActions,
    target: &Snapshot,
    open: Callback<Dialog>,
) -> SafetyFirst {
    let server = target.server.id;
    // After deleting to make room, or not, this same restore is asked again.
    let back = Dialog::Restore(target.clone());
    let (offer, oldest) = board.with_store(|store| {
        let status = store
            .server(server)
            .map(|s| s.status.clone())
            .unwrap_or_default();
        let names: Vec<&str> = store
            .snapshots_of(server)
            .map(|s| s.name.as_str())
            .collect();
        // The oldest in the one order the panel keeps (as the server's own "Delete the
        // oldest" offers it), the restored snapshot aside.
        let oldest = store
            .snapshots_of(server)
            .filter(|s| s.id != target.id)
            .last()
            .cloned();
        (safety_offer(locale(), &status, &names, local_now()), oldest)
    });
    SafetyFirst {
        chosen: RwSignal::new(matches!(offer, SafetyOffer::Available { .. })),
        offer,
        // Another restore's wait is not this dialog's.
        state: {
            let safety = actions.safety;
            let id = target.id;
            Signal::derive(move || match safety.get() {
                SafetyState::Waiting { from, .. } if from.id != id => SafetyState::Idle,
                state => state,
            })
        },
        oldest,
        on_delete: Callback::new(move |snapshot: Snapshot| {
            open.run(Dialog::delete(snapshot, Some(back.clone())))
        }),
        on_background: Callback::new(move |()| actions.wait_in_background()),
    }
}
