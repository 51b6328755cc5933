//! The page's one open dialog, and what confirming it does.

use leptos::prelude::*;
use snapshot_core::model::{NewSnapshot, Snapshot};
use snapshot_core::rules::{newer_snapshots, restore_phrase};
use snapshot_core::screen::ServerChoice;
use snapshot_core::store::display_name;

use super::actions::PageActions;
use crate::board::Board;
use crate::components::bulk_delete_dialog::BulkDeleteDialog;
use crate::components::create_dialog::CreateDialog;
use crate::components::delete_dialog::DeleteDialog;
use crate::components::restore_dialog::RestoreDialog;
use crate::intl::locale;

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// New snapshot, of this server or (from the toolbar) of a server to choose.
    Create {
        server: Option<u64>,
    },
    Restore(Snapshot),
    Delete(Snapshot),
    /// Delete these, one at a time; `left_out` selected ones cannot be deleted now.
    DeleteAll {
        snapshots: Vec<Snapshot>,
        left_out: usize,
    },
}

/// The open dialog, if any.
#[component]
pub fn PageDialogs(
    dialog: RwSignal<Option<Dialog>>,
    board: Board,
    actions: PageActions,
    choices: Memo<Vec<ServerChoice>>,
    open: Callback<Dialog>,
) -> impl IntoView {
    let t = locale();
    let close = Callback::new(move |()| dialog.set(None));
    let error = actions.error;
    // Untracked: a poll that changes another server must not redraw an open dialog and wipe
    // what the person typed in it.
    move || {
        dialog.get().map(|which| {
            untrack(move || match which {
                Dialog::Create { server } => view! {
                    <CreateDialog
                        choices=choices
                        preselected=server
                        pending=actions.create.pending()
                        error=error
                        on_submit=Callback::new(move |new: NewSnapshot| {
                            actions.start(actions.create, new)
                        })
                        on_close=close
                        on_delete=Callback::new(move |s: Snapshot| open.run(Dialog::Delete(s)))
                    />
                }
                .into_any(),
                Dialog::Restore(snapshot) => {
                    let server = snapshot.server.id;
                    let newer = board
                        .snapshots
                        .with_untracked(|all| newer_snapshots(all, &snapshot));
                    let name = board
                        .servers
                        .with(|all| all.iter().find(|s| s.id == server).map(|s| s.name.clone()))
                        .unwrap_or_else(|| snapshot.server.name.clone());
                    let target = snapshot.clone();
                    view! {
                        <RestoreDialog
                            snapshot=snapshot
                            phrase=restore_phrase(&name, server)
                            server_name=display_name(t, &name, server)
                            newer=newer
                            confirm=actions.confirmation(actions.restore, target, close)
                        />
                    }
                    .into_any()
                }
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
                            on_close=close
                        />
                    }
                    .into_any()
                }
                Dialog::Delete(snapshot) => {
                    let confirm = actions.confirmation(actions.delete, snapshot.clone(), close);
                    view! { <DeleteDialog snapshot confirm /> }.into_any()
                }
            })
        })
    }
}
