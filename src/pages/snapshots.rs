//! The main screen: every server with its snapshots (or one server), the filter, and the
//! create, restore and delete flows.

use leptos::prelude::*;
use snapshot_core::format::format_updated_ago;
use snapshot_core::listing::incomplete_note;
use snapshot_core::model::{NewSnapshot, Server, Snapshot};
use snapshot_core::route::Route;
use snapshot_core::rules::{newer_snapshots, restore_phrase};
use snapshot_core::store::display_name;

mod actions;

use actions::PageActions;

use crate::api::Client;
use crate::board::{Board, LoadState};
use crate::browser;
use crate::clock::Clock;
use crate::components::create_dialog::{CreateDialog, ServerChoice};
use crate::components::delete_dialog::DeleteDialog;
use crate::components::restore_dialog::RestoreDialog;
use crate::components::server_group::ServerGroup;
use crate::host::Host;
use crate::nav::Nav;
use crate::notices::Notices;
use crate::session::Session;

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    Create { server: Option<u64> },
    Restore(Snapshot),
    Delete(Snapshot),
}

/// After how long without news a tab coming back to the front reloads (ms).
const STALE_AFTER_MS: f64 = 60_000.0;

/// Whether a snapshot's name matches the filter (case-insensitive, anywhere in the name).
fn matches_filter(snapshot: &Snapshot, filter: &str) -> bool {
    filter.is_empty() || snapshot.name.to_lowercase().contains(filter)
}

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
    let clock = expect_context::<Clock>();
    let board = Board::new(client.clone(), notices, host);
    let retrying = client.retrying();

    // Polling pauses in a background tab, and catches up once when the tab comes back.
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
            } else if stale {
                board.reload();
            }
        }
    });
    board.keep_fresh(hidden);

    // Focus goes to the title when the view changes, and when the person arrives from the
    // sign-in form: the control they used is gone, and a screen reader hears where they are.
    let title = NodeRef::<leptos::html::H2>::new();
    let focus_title = move || {
        request_animation_frame(move || {
            if let Some(title) = title.get_untracked() {
                browser::focus(&title);
            }
        })
    };
    if session.take_arrival_focus() {
        focus_title();
    }

    // The data follows the view: one server's list through `server_id`, or everything.
    Effect::new(move |previous: Option<Option<u64>>| {
        let scope = nav.view.with(|v| match v.route {
            Route::Server(id) => Some(id),
            _ => None,
        });
        if previous != Some(scope) {
            board.scope.set(scope);
            board.reload();
            if previous.is_some() {
                focus_title();
            }
        }
        scope
    });
    // A new token after a 401: read everything again.
    Effect::new(move |was_expired: Option<bool>| {
        let expired = session.expired.get();
        if was_expired == Some(true) && !expired {
            board.reload();
        }
        expired
    });

    let dialog: RwSignal<Option<Dialog>> = RwSignal::new(None);
    let close = Callback::new(move |()| dialog.set(None));
    let actions = PageActions::new(board, notices, host, close);
    let action_error = actions.error;
    let open = move |which: Dialog| {
        action_error.set(None);
        dialog.set(Some(which));
    };

    let filter = Memo::new(move |_| nav.view.with(|v| v.filter.trim().to_lowercase()));
    let shown_servers = Memo::new(move |_| {
        let route = nav.view.with(|v| v.route.clone());
        let filter = filter.get();
        let snapshots = board.snapshots.read();
        board.servers.with(|servers| {
            servers
                .iter()
                .filter(|s| match route {
                    Route::Server(id) => s.id == id,
                    _ => true,
                })
                .filter(|s| {
                    filter.is_empty()
                        || snapshots
                            .iter()
                            .any(|snap| snap.server.id == s.id && matches_filter(snap, &filter))
                })
                .map(|s| s.id)
                .collect::<Vec<u64>>()
        })
    });
    let choices = Memo::new(move |_| {
        let snapshots = board.snapshots.read();
        board.servers.with(|servers| {
            servers
                .iter()
                .map(|server| ServerChoice {
                    server: server.clone(),
                    snapshot_count: snapshots
                        .iter()
                        .filter(|s| s.server.id == server.id)
                        .count(),
                    oldest: snapshots
                        .iter()
                        .rfind(|s| s.server.id == server.id)
                        .cloned(),
                })
                .collect::<Vec<_>>()
        })
    });
    let updated = move || {
        board.updated_at.get().map(|at| {
            let secs = ((clock.now_ms() - at) / 1000.0).max(0.0) as u64;
            format_updated_ago(secs)
        })
    };
    let server_name = move |id: u64| {
        board.servers.with(|servers| {
            servers
                .iter()
                .find(|s| s.id == id)
                .map(|s| display_name(&s.name, s.id))
        })
    };
    let heading = move || match nav.view.with(|v| v.route.clone()) {
        Route::Server(id) => server_name(id).unwrap_or_else(|| format!("Server {id}")),
        _ => "All servers".to_owned(),
    };
    let on_restore = Callback::new(move |s: Snapshot| open(Dialog::Restore(s)));
    let on_delete = Callback::new(move |s: Snapshot| open(Dialog::Delete(s)));
    let on_create = Callback::new(move |id: u64| open(Dialog::Create { server: Some(id) }));
    let on_open = Callback::new(move |id: u64| nav.go(Route::Server(id)));

    let group = move |id: u64| {
        let server = Memo::new(move |_| {
            board.servers.with(|servers| {
                servers
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| Server {
                        name: display_name(&s.name, s.id),
                        ..s.clone()
                    })
                    .unwrap_or_else(|| Server {
                        id,
                        name: format!("Server {id}"),
                        status: Default::default(),
                        hostname: None,
                        ip_address: None,
                        location: None,
                    })
            })
        });
        let snapshots = Memo::new(move |_| {
            let filter = filter.get();
            board.snapshots.with(|all| {
                all.iter()
                    .filter(|s| s.server.id == id && matches_filter(s, &filter))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        let total = Memo::new(move |_| {
            board
                .snapshots
                .with(|all| all.iter().filter(|s| s.server.id == id).count())
        });
        let restoring_since = Signal::derive(move || board.restoring_since(id));
        view! {
            <ServerGroup
                server=server
                snapshots=snapshots
                total=total
                restoring_since=restoring_since
                href=nav.href(&snapshot_core::route::View { route: Route::Server(id), filter: String::new() })
                on_open=on_open
                on_create=on_create
                on_delete=on_delete
                on_restore=on_restore
                filtering=Signal::derive(move || !filter.get().is_empty())
            />
        }
    };

    view! {
        <div class="sp-page">
            <div class="sp-page__head">
                <Show when=move || matches!(nav.view.with(|v| v.route.clone()), Route::Server(_) | Route::Unknown(_))>
                    <nav class="sp-breadcrumb" aria-label="Breadcrumb">
                        <a
                            href=move || nav.href(&snapshot_core::route::View::default())
                            on:click=move |ev| {
                                if crate::browser::is_plain_click(&ev) {
                                    ev.prevent_default();
                                    nav.go(Route::All);
                                }
                            }
                        >
                            "← All servers"
                        </a>
                    </nav>
                </Show>
                <h2 class="sp-page__title" tabindex="-1" data-focus-home="" node_ref=title>{heading}</h2>
            </div>
            <div class="sp-toolbar" role="search">
                <div class="sp-field sp-field--inline">
                    <label for="snapshot-filter">"Filter by name"</label>
                    <input
                        id="snapshot-filter"
                        type="search"
                        autocomplete="off"
                        prop:value=move || nav.view.with(|v| v.filter.clone())
                        on:input=move |ev| nav.set_filter(event_target_value(&ev))
                    />
                </div>
                <button
                    type="button"
                    class="sp-button sp-button--primary"
                    disabled=move || board.servers.with(Vec::is_empty)
                    on:click=move |_| {
                        let server = match nav.view.with_untracked(|v| v.route.clone()) {
                            Route::Server(id) => Some(id),
                            _ => None,
                        };
                        open(Dialog::Create { server });
                    }
                >
                    "New snapshot…"
                </button>
                <span class="sp-updated" data-ticking="">{updated}</span>
                <button
                    type="button"
                    class="sp-button"
                    aria-busy=move || board.busy_loading().get().to_string()
                    on:click=move |_| board.reload()
                >
                    "Refresh"
                </button>
            </div>
            <Show when=move || board.refresh_error.get().is_some()>
                <div class="sp-alert sp-alert--problem" role="alert">
                    <p>
                        "Couldn't refresh: "
                        {move || board.refresh_error.get().map(|e| e.message())}
                        " What you see may be out of date."
                    </p>
                    <button type="button" class="sp-button" on:click=move |_| board.reload()>"Try again now"</button>
                </div>
            </Show>
            <Show when=move || retrying.get()>
                <p class="sp-alert sp-alert--warning" role="status">
                    "The API didn't answer properly; trying again…"
                </p>
            </Show>
            <Show when=move || board.incomplete.get()>
                <p class="sp-alert sp-alert--warning">{incomplete_note()}</p>
            </Show>
            <Show when=move || { board.skipped.get() > 0 }>
                <p class="sp-alert sp-alert--warning">
                    {move || format!("{} item(s) from the API could not be read and are not shown.", board.skipped.get())}
                </p>
            </Show>
            <Show when=move || !board.servers_listed.get() && matches!(board.state.get(), LoadState::Ready)>
                <p class="sp-alert sp-alert--warning">
                    "Server details could not be loaded, so servers are grouped by their snapshots, and servers without snapshots are not listed."
                </p>
            </Show>
            {move || match board.state.get() {
                LoadState::Loading => view! {
                    <p class="sp-loading" role="status"><span class="sp-spinner" aria-hidden="true"></span>"Loading snapshots…"</p>
                }.into_any(),
                LoadState::Failed(error) => {
                    let detail = error.detail();
                    view! {
                        <div class="sp-error" role="alert">
                            <h3>"The snapshots couldn't be loaded"</h3>
                            <p>{error.message()}</p>
                            {detail.map(|d| view! { <p class="sp-muted">{d}</p> })}
                            <button
                                type="button"
                                class="sp-button sp-button--primary"
                                on:click=move |_| {
                                    board.state.set(LoadState::Loading);
                                    board.reload();
                                }
                            >
                                "Try again"
                            </button>
                        </div>
                    }.into_any()
                }
                LoadState::Ready => view! {
                    <Show
                        when=move || !shown_servers.with(Vec::is_empty)
                        fallback=move || {
                            let text = if !filter.get().is_empty() {
                                format!("No snapshots match “{}”.", nav.view.with(|v| v.filter.clone()))
                            } else if let Route::Unknown(path) = nav.view.with(|v| v.route.clone()) {
                                format!("There is no page at “{path}”.")
                            } else {
                                "No servers in this account yet.".to_owned()
                            };
                            view! { <p class="sp-empty">{text}</p> }
                        }
                    >
                        <div class="sp-servers">
                            <For each=move || shown_servers.get() key=|id| *id let:id>
                                {group(id)}
                            </For>
                        </div>
                    </Show>
                }.into_any(),
            }}
            // Untracked: a poll that changes another server must not redraw an open dialog and
            // wipe what the person typed in it.
            {move || dialog.get().map(|which| untrack(move || match which {
                Dialog::Create { server } => view! {
                    <CreateDialog
                        choices=choices
                        preselected=server
                        pending=actions.create.pending()
                        error=action_error
                        on_submit=Callback::new(move |new: NewSnapshot| actions.start(actions.create, new))
                        on_close=close
                        on_delete=on_delete
                    />
                }.into_any(),
                Dialog::Restore(snapshot) => {
                    let server = snapshot.server.id;
                    let newer = board.snapshots.with_untracked(|all| newer_snapshots(all, &snapshot));
                    let name = board
                        .servers
                        .with(|all| all.iter().find(|s| s.id == server).map(|s| s.name.clone()))
                        .unwrap_or_else(|| snapshot.server.name.clone());
                    let target = snapshot.clone();
                    view! {
                        <RestoreDialog
                            snapshot=snapshot
                            phrase=restore_phrase(&name, server)
                            server_name=display_name(&name, server)
                            newer=newer
                            pending=actions.restore.pending()
                            error=action_error
                            on_confirm=Callback::new(move |()| actions.start(actions.restore, target.clone()))
                            on_close=close
                        />
                    }.into_any()
                }
                Dialog::Delete(snapshot) => {
                    let target = snapshot.clone();
                    view! {
                        <DeleteDialog
                            snapshot=snapshot
                            pending=actions.delete.pending()
                            error=action_error
                            on_confirm=Callback::new(move |()| actions.start(actions.delete, target.clone()))
                            on_close=close
                        />
                    }.into_any()
                }
            }))}
        </div>
    }
}
