//! The body of the page: loading, the load's error, or the servers with their snapshots.

use std::collections::BTreeMap;

use leptos::prelude::*;
use snapshot_core::model::{Server, Snapshot};
use snapshot_core::route::{Route, View};
use snapshot_core::screen::{by_server, oldest_of, shown_servers, shown_snapshots};
use snapshot_core::store::display_name;

use super::dialogs::Dialog;
use crate::board::{Board, LoadState};
use crate::components::load::{LoadFailed, Loading};
use crate::components::server_group::ServerGroup;
use crate::nav::Nav;

/// What the board holds, as the view and the filter show it.
#[component]
pub fn ServerList(board: Board, filter: Memo<String>, open: Callback<Dialog>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    // Grouped once per change of the lists, so that each server's section reads its own few
    // rows rather than scanning every snapshot and every server.
    let grouped = Memo::new(move |_| board.snapshots.with(|all| by_server(all)));
    let servers = Memo::new(move |_| {
        board.servers.with(|all| {
            all.iter()
                .map(|s| (s.id, s.clone()))
                .collect::<BTreeMap<u64, Server>>()
        })
    });
    let shown = Memo::new(move |_| {
        let route = nav.view.with(|v| v.route.clone());
        let filter = filter.get();
        board.servers.with(|servers| {
            board
                .snapshots
                .with(|snapshots| shown_servers(servers, snapshots, &route, &filter))
        })
    });
    let empty_text = move || {
        if !filter.get().is_empty() {
            format!(
                "No snapshots match “{}”.",
                nav.view.with(|v| v.filter.clone())
            )
        } else if let Route::Unknown(path) = nav.view.with(|v| v.route.clone()) {
            format!("There is no page at “{path}”.")
        } else {
            "No servers in this account yet.".to_owned()
        }
    };
    move || match board.state.get() {
        LoadState::Loading => view! { <Loading text="Loading snapshots…" /> }.into_any(),
        LoadState::Failed(error) => {
            let on_retry = Callback::new(move |()| {
                board.state.set(LoadState::Loading);
                board.reload();
            });
            view! { <LoadFailed title="The snapshots couldn't be loaded" error in_section=true on_retry /> }
                .into_any()
        }
        LoadState::Ready => view! {
            <Show
                when=move || !shown.with(Vec::is_empty)
                fallback=move || view! { <p class="sp-empty">{empty_text}</p> }
            >
                <div class="sp-servers">
                    <For each=move || shown.get() key=|id| *id let:id>
                        <Group id board grouped servers filter open />
                    </For>
                </div>
            </Show>
        }
        .into_any(),
    }
}

/// One server's group, fed from the board.
#[component]
fn Group(
    id: u64,
    board: Board,
    /// Every server's snapshots, newest first.
    grouped: Memo<BTreeMap<u64, Vec<Snapshot>>>,
    /// Every server, by id.
    servers: Memo<BTreeMap<u64, Server>>,
    filter: Memo<String>,
    open: Callback<Dialog>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let server = Memo::new(move |_| {
        servers.with(|servers| {
            servers
                .get(&id)
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
    let own = Memo::new(move |_| grouped.with(|g| g.get(&id).cloned().unwrap_or_default()));
    let snapshots = Memo::new(move |_| {
        let filter = filter.get();
        own.with(|all| shown_snapshots(all, id, &filter))
    });
    let total = Memo::new(move |_| own.with(Vec::len));
    view! {
        <ServerGroup
            server=server
            snapshots=snapshots
            total=total
            oldest=Memo::new(move |_| own.with(|all| oldest_of(all, id).cloned()))
            restoring_since=Signal::derive(move || board.restoring_since(id))
            href=nav
                .href(
                    &View {
                        route: Route::Server(id),
                        filter: String::new(),
                    },
                )
            on_open=Callback::new(move |id: u64| nav.go(Route::Server(id)))
            on_create=Callback::new(move |id: u64| open.run(Dialog::Create { server: Some(id) }))
            on_delete=Callback::new(move |s: Snapshot| open.run(Dialog::Delete(s)))
            on_restore=Callback::new(move |s: Snapshot| open.run(Dialog::Restore(s)))
            filtering=Signal::derive(move || !filter.get().is_empty())
        />
    }
}
