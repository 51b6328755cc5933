//! The body of the page: loading, the load's error, or the servers with their snapshots.

use std::time::Duration;

use leptos::prelude::*;
use snapshot_core::format::display_name;
use snapshot_core::model::{Server, Snapshot};
use snapshot_core::route::{Route, View};
use snapshot_core::screen::{
    oldest_of, server_matches_filter, shown_count, shown_servers, shown_snapshots,
};
use snapshot_core::ApiError;

use super::dialogs::Dialog;
use crate::board::{Board, LoadState};
use crate::browser::Timer;
use crate::components::load::{LoadFailed, Loading};
use crate::components::selection::Selection;
use crate::components::server_group::ServerGroup;
use crate::intl::locale;
use crate::nav::Nav;

/// What the board holds, as the view and the filter show it.
#[component]
pub fn ServerList(
    board: Board,
    filter: Memo<String>,
    open: Callback<Dialog>,
    selection: Selection,
) -> impl IntoView {
    let t = locale();
    let nav = expect_context::<Nav>();
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
            nav.view.with(|v| t.nothing_matches(&v.filter).into_owned())
        } else if let Route::Unknown(path) = nav.view.with(|v| v.route.clone()) {
            t.no_page_at(&path).into_owned()
        } else {
            t.no_servers().into_owned()
        }
    };
    let heard = filter_result(board, filter, shown);
    let list = move || match board.state.get() {
        LoadState::Loading => {
            view! { <Loading text=t.loading_snapshots() progress=board.client().reading() /> }
                .into_any()
        }
        // Said above the page, with what comes next (a sign-in, the proxy, the host).
        LoadState::Failed(ApiError::Unauthorized) => {
            view! { <p class="sp-empty">{t.shown_once_token_accepted()}</p> }.into_any()
        }
        LoadState::Failed(error) => {
            let on_retry = Callback::new(move |()| {
                board.state.set(LoadState::Loading);
                board.reload();
            });
            view! { <LoadFailed title=t.snapshots_load_failed() error in_section=true on_retry /> }
                .into_any()
        }
        LoadState::Ready => view! {
            <Show
                when=move || !shown.with(Vec::is_empty)
                fallback=move || view! { <p class="sp-empty">{empty_text}</p> }
            >
                <div class="sp-servers">
                    <For each=move || shown.get() key=|id| *id let:id>
                        <Group id board filter open selection />
                    </For>
                </div>
            </Show>
        }
        .into_any(),
    };
    view! {
        // A live region without the status role: the page's one status is its notices'.
        <p class="sp-vh" aria-live="polite" aria-atomic="true">
            {heard}
        </p>
        {list}
    }
}

/// How long typing in the filter must pause before its result is announced: announcing every
/// keystroke would talk over the person's own typing.
const FILTER_SETTLE_MS: u64 = 700;

/// What a screen reader hears of the filter, once typing pauses: how many snapshots match, on
/// how many servers, or that none does. Nothing while the filter is empty.
fn filter_result(board: Board, filter: Memo<String>, shown: Memo<Vec<u64>>) -> ReadSignal<String> {
    let t = locale();
    let nav = expect_context::<Nav>();
    let (heard, set_heard) = signal(String::new());
    let settle = Timer::new();
    Effect::new(move |_| {
        let normalized = filter.get();
        let text = if normalized.is_empty() || !matches!(board.state.get(), LoadState::Ready) {
            String::new()
        } else {
            let servers = shown.with(Vec::len);
            let snapshots = board.servers.with(|listed| {
                board
                    .snapshots
                    .with(|all| shown.with(|ids| shown_count(listed, all, ids, &normalized)))
            });
            if servers == 0 {
                nav.view
                    .with_untracked(|v| t.nothing_matches(&v.filter).into_owned())
            } else {
                t.filter_matches(snapshots, servers).into_owned()
            }
        };
        settle.start(Duration::from_millis(FILTER_SETTLE_MS), move || {
            // The same words again (a poll while filtering) are not news.
            if heard.try_with_untracked(|h| *h != text) == Some(true) {
                set_heard.try_set(text);
            }
        });
    });
    heard
}

/// One server's group, fed from the board: it reads that server's own signals, so a change
/// to another server's snapshots does not wake it.
#[component]
fn Group(
    id: u64,
    board: Board,
    filter: Memo<String>,
    open: Callback<Dialog>,
    selection: Selection,
) -> impl IntoView {
    let t = locale();
    let nav = expect_context::<Nav>();
    let listed = board.server.get(id);
    let server = Memo::new(move |_| {
        listed.with(|server| match server {
            Some(s) => Server {
                name: display_name(t, &s.name, s.id),
                ..s.clone()
            },
            None => Server::placeholder(id, t.unnamed_server(id).into_owned()),
        })
    });
    // Whether the filter finds the server itself, which then shows all its snapshots.
    let found = Memo::new(move |_| {
        let filter = filter.get();
        listed.with(|s| {
            s.as_ref()
                .is_some_and(|s| server_matches_filter(s, &filter))
        })
    });
    let own = board.snapshots_of.get(id);
    let snapshots = Memo::new(move |_| {
        let filter = filter.get();
        own.with(|all| shown_snapshots(all, id, &filter, found.get()))
    });
    let total = Memo::new(move |_| own.with(Vec::len));
    view! {
        <ServerGroup
            server=server
            snapshots=snapshots
            total=total
            oldest=Memo::new(move |_| own.with(|all| oldest_of(all, id).cloned()))
            restore_clock=Signal::derive(move || board.restore_clock(id))
            href=nav
                .href(
                    &View {
                        route: Route::Server(id),
                        filter: String::new(),
                    },
                )
            on_open=Callback::new(move |id: u64| nav.go(Route::Server(id)))
            on_create=Callback::new(move |id: u64| { open.run(Dialog::create(Some(id))) })
            on_delete=Callback::new(move |s: Snapshot| open.run(Dialog::delete(s, None)))
            on_restore=Callback::new(move |s: Snapshot| open.run(Dialog::Restore(s)))
            filtering=Signal::derive(move || !filter.get().is_empty() && !found.get())
            selection=selection
        />
    }
}
