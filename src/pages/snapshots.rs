//! The main screen: every server with its snapshots (or one server), the filter, and the
//! create, restore and delete flows.
//!
//! The page wires its parts together: the head and toolbar ([`toolbar`]), what the board has
//! to say about its data ([`notes`]), the server groups ([`groups`]), and the open dialog with
//! the actions behind it ([`dialogs`], [`actions`]). What it shows is decided in
//! `snapshot_core::screen`.

use leptos::prelude::*;
use snapshot_core::bulk::deletable;
use snapshot_core::error::ApiError;
use snapshot_core::model::Snapshot;
use snapshot_core::poll::Pace;
use snapshot_core::route::Route;
use snapshot_core::screen::{
    first_listed_choice, normalize_filter, route_server, server_choices, shown_servers,
    ServerChoice,
};

mod actions;
mod dialogs;
mod groups;
mod notes;
mod toolbar;

use actions::PageActions;
use dialogs::{Dialog, PageDialogs};
use groups::ServerList;
use notes::BoardNotes;
use toolbar::{PageHead, Toolbar};

use crate::api::Client;
use crate::board::Board;
use crate::browser;
use crate::components::about::AboutSnapshots;
use crate::components::restore_dialog::leave_warning;
use crate::components::selection::Selection;
use crate::host::Host;
use crate::intl::locale;
use crate::nav::Nav;
use crate::notices::Notices;
use crate::notify::{Notifier, NotifyToggle};
use crate::session::{Session, SessionState};

/// After how long without news a tab coming back to the front reloads (ms).
const STALE_AFTER_MS: f64 = 60_000.0;

/// The snapshots page.
#[component]
pub fn SnapshotsPage(
    /// The API client.
    client: Client,
) -> impl IntoView {
    let notices = expect_context::<Notices>();
    let host = expect_context::<Host>();
    let nav = expect_context::<Nav>();
    let session = expect_context::<Session>();
    let pace = use_context::<Pace>().unwrap_or_default();
    let notifier = use_context::<Notifier>().unwrap_or_default();
    let board = Board::new(client.clone(), notices, host, pace);
    let retrying = client.retrying();

    let title = NodeRef::<leptos::html::H2>::new();
    follow_the_view(board, title);

    let dialog: RwSignal<Option<Dialog>> = RwSignal::new(None);
    // Closing goes back to the dialog the open one was opened from, if any.
    let close = Callback::new(move |()| {
        dialog.update(|open| *open = open.as_ref().and_then(Dialog::back));
    });
    let selection = Selection::new();
    let actions = PageActions::new(board, notices, host, close, selection);
    let open = Callback::new(move |which: Dialog| {
        actions.reset();
        dialog.set(Some(which));
    });
    follow_visibility(board, notifier, actions.waiting_on_safety());
    // The restore waits for this page, with its dialog open or not.
    leave_warning(actions.waiting_on_safety());
    let to_delete = selected_to_delete(board, selection);
    // Signed in again after a 401: read everything again. An open dialog's "sign in again" is
    // no longer true, and the person's next press is a fresh try. Signed in as someone else,
    // an open dialog is about the last account's snapshot: it closes.
    let account = move || session.state.with_untracked(SessionState::account);
    // Whose session it was when it ended.
    let ended_for = StoredValue::new(None::<String>);
    Effect::new(move |was_expired: Option<bool>| {
        let expired = session.expired.get();
        if expired && was_expired != Some(true) {
            ended_for.set_value(account());
        }
        if was_expired == Some(true) && !expired {
            // Known both then and now (a proxy's or a host's account is known only once the
            // API has said whose the token is).
            let switched = ended_for
                .get_value()
                .zip(account())
                .is_some_and(|(then, now)| then != now);
            if switched {
                // Nothing of the last account's is sent with this one's token.
                actions.cancel_safety();
                dialog.set(None);
            }
            board.reload();
            let said_sign_in = actions
                .error
                .with_untracked(|e| matches!(e, Some(ApiError::Unauthorized)));
            if said_sign_in {
                actions.error.set(None);
            }
        }
        expired
    });

    let filter = Memo::new(move |_| nav.view.with(|v| normalize_filter(&v.filter)));
    let choices = Memo::new(move |_| {
        board.servers.with(|servers| {
            board
                .snapshots
                .with(|snapshots| server_choices(servers, snapshots))
        })
    });

    view! {
        <div class="sp-page">
            <PageHead board title />
            <Toolbar
                board
                on_new=Callback::new(move |server: Option<u64>| {
                    open.run(
                        match server {
                            Some(_) => Dialog::create(server),
                            None => Dialog::create_starting_on(first_listed(board, filter, choices)),
                        },
                    )
                })
                to_delete=Signal::derive(move || to_delete.with(|(list, _)| list.len()))
                on_delete_selected=Callback::new(move |()| {
                    let (snapshots, left_out) = to_delete.get_untracked();
                    open.run(Dialog::DeleteAll {
                        snapshots,
                        left_out,
                    });
                })
            />
            <NotifyToggle notifier />
            <AboutSnapshots />
            <BoardNotes board retrying />
            <WaitingRestore actions />
            <ServerList board filter open selection />
            <PageDialogs dialog board actions choices open close />
        </div>
    }
}

/// Keeps the board's data and the focus following the view, the page's `title` taking the
/// focus when it changes.
fn follow_the_view(board: Board, title: NodeRef<leptos::html::H2>) {
    let nav = expect_context::<Nav>();
    let session = expect_context::<Session>();
    // Focus goes to the title when the view changes, and when the person arrives from the
    // sign-in form: the control they used is gone, and a screen reader hears where they are.
    let focus_title = move || {
        request_animation_frame(move || {
            // `try_`: the panel may have been unmounted before this frame.
            if let Some(title) = title.try_get_untracked().flatten() {
                browser::focus(&title);
            }
        })
    };
    if session.take_arrival_focus() {
        focus_title();
    }

    // The data follows the view: one server's list through `scope`, or everything. Back from a
    // server to all of them (the browser's, or the page's "← All servers"), the person returns
    // to that server's link once the list is there, as a page would scroll back to where they
    // were: among a thousand servers, the top of the list would lose their place.
    let return_to: RwSignal<Option<u64>> = RwSignal::new(None);
    Effect::new(move |previous: Option<Option<u64>>| {
        let scope = nav.view.with(|v| route_server(&v.route));
        if previous != Some(scope) {
            board.scope.set(scope);
            board.reload();
            if let Some(came_from) = previous {
                focus_title();
                return_to.set(came_from.filter(|_| scope.is_none()));
            }
        }
        scope
    });
    Effect::new(move |_| {
        if board.busy_loading().get() {
            return;
        }
        if let Some(id) = return_to.get() {
            return_to.set(None);
            request_animation_frame(move || {
                let Some(title) = title.try_get_untracked().flatten() else {
                    return;
                };
                // Only if the focus is still where the view change put it.
                if browser::active_element(&title) != Some(title.clone().into()) {
                    return;
                }
                // Focusing it scrolls it into view.
                let root = title.get_root_node();
                if let Some(link) = browser::find(&root, &format!("#server-{id}-title a")) {
                    browser::focus(&link);
                }
            });
        }
    });
}

/// The selected snapshots that may be deleted now, and how many selected ones may not (their
/// server is being restored). Reads the list only while something is selected.
fn selected_to_delete(board: Board, selection: Selection) -> Memo<(Vec<Snapshot>, usize)> {
    Memo::new(move |_| {
        selection.ids().with(|ids| {
            if ids.is_empty() {
                return (Vec::new(), 0);
            }
            board.servers.with(|servers| {
                board.snapshots.with(|all| {
                    let status_of = |id| {
                        servers
                            .iter()
                            .find(|s| s.id == id)
                            .map(|s| s.status.clone())
                            .unwrap_or_default()
                    };
                    let ready = deletable(ids, all, status_of);
                    let listed = all.iter().filter(|s| ids.contains(&s.id)).count();
                    let left_out = listed.saturating_sub(ready.len());
                    (ready, left_out)
                })
            })
        })
    })
}

/// The server a create opened from the toolbar starts on: with a filter, the first it lists
/// that can take a snapshot (never one the person cannot see); without, the dialog's own
/// choice.
fn first_listed(
    board: Board,
    filter: Memo<String>,
    choices: Memo<Vec<ServerChoice>>,
) -> Option<u64> {
    let filter = filter.get_untracked();
    if filter.is_empty() {
        return None;
    }
    let listed = board.servers.with_untracked(|servers| {
        board
            .snapshots
            .with_untracked(|snapshots| shown_servers(servers, snapshots, &Route::All, &filter))
    });
    choices.with_untracked(|choices| first_listed_choice(choices, &listed))
}

/// The restore waiting in the background for its safety snapshot, if one does, with the way
/// to cancel it.
#[component]
fn WaitingRestore(actions: PageActions) -> impl IntoView {
    let t = locale();
    let waiting = actions.waiting_restore();
    move || {
        waiting.get().map(|(server, words)| {
            view! {
                <div class="sp-alert sp-waiting-restore">
                    <p>{words}</p>
                    <button
                        type="button"
                        class="sp-button sp-button--small"
                        on:click=move |_| actions.cancel_safety()
                    >
                        {t.cancel_restore_of(&server)}
                    </button>
                </div>
            }
        })
    }
}

/// Polling pauses in a background tab (unless the person asked to be notified when a job
/// ends, or a restore waits on its safety snapshot), and catches up once when the tab comes
/// back (reloading when what it shows is old).
fn follow_visibility(board: Board, notifier: Notifier, waiting_on_safety: Signal<bool>) {
    let (hidden, set_hidden) = signal(browser::document_hidden());
    browser::on_document_event("visibilitychange", move || {
        let now_hidden = browser::document_hidden();
        set_hidden.set(now_hidden);
        if !now_hidden {
            let stale = board
                .updated_at
                .get_untracked()
                .is_none_or(|at| browser::now_ms() - at > STALE_AFTER_MS);
            if board.is_following() {
                board.catch_up();
            } else if stale && !board.is_asked_to_wait() {
                board.reload();
            }
        }
    });
    // A background tab stops checking, unless the person asked to be notified when a job ends
    // or a restore is waiting to be sent.
    board.keep_fresh(Signal::derive(move || {
        hidden.get() && !notifier.watching() && !waiting_on_safety.get()
    }));
}
