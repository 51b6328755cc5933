//! The top of the page: the way back to all servers, the title, and the toolbar (the filter,
//! New snapshot…, when the list was updated, Refresh).

use leptos::prelude::*;
use snapshot_core::format::display_name;
use snapshot_core::route::{Route, View};
use snapshot_core::screen::route_server;

use crate::board::Board;
use crate::browser;
use crate::clock::Clock;
use crate::components::form::TextField;
use crate::intl::locale;
use crate::nav::Nav;

/// The breadcrumb (on one server's view) and the page's title, which takes focus when the view
/// changes.
#[component]
pub fn PageHead(board: Board, title: NodeRef<leptos::html::H2>) -> impl IntoView {
    let t = locale();
    let nav = expect_context::<Nav>();
    let heading = move || match nav.view.with(|v| v.route.clone()) {
        Route::Server(id) => board
            .servers
            .with(|servers| {
                servers
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| display_name(t, &s.name, s.id))
            })
            .unwrap_or_else(|| t.unnamed_server(id).into_owned()),
        Route::Unknown(_) => t.page_not_found().into_owned(),
        Route::All => t.all_servers().into_owned(),
    };
    name_the_window(nav, heading);
    view! {
        <div class="sp-page__head">
            <Show when=move || !matches!(nav.view.with(|v| v.route.clone()), Route::All)>
                <nav class="sp-breadcrumb" aria-label=t.breadcrumb()>
                    <a
                        href=move || nav.href(&View::default())
                        on:click=move |ev| {
                            if browser::is_plain_click(&ev) {
                                ev.prevent_default();
                                nav.go(Route::All);
                            }
                        }
                    >
                        {t.back_to_all_servers()}
                    </a>
                </nav>
            </Show>
            <h2 class="sp-page__title" tabindex="-1" data-focus-home="" node_ref=title>
                {heading}
            </h2>
        </div>
    }
}

/// Where the panel owns the page's address, the window's title names the server shown, so each
/// history entry and tab says where it leads ("web-server-01 · Snapshots · VPS.org"). An
/// embedded panel leaves its host's title alone.
fn name_the_window(nav: Nav, heading: impl Fn() -> String + 'static) {
    let Some(document) = browser::document().filter(|_| nav.owns_the_address()) else {
        return;
    };
    let page_title = document.title();
    let restored = page_title.clone();
    Effect::new(move |_| {
        let title = match nav.view.with(|v| v.route.clone()) {
            Route::Server(_) => format!("{} · {page_title}", heading()),
            _ => page_title.clone(),
        };
        if let Some(document) = browser::document() {
            document.set_title(&title);
        }
    });
    on_cleanup(move || {
        if let Some(document) = browser::document() {
            document.set_title(&restored);
        }
    });
}

/// The filter, New snapshot… (for the view's server, if it shows one), when the list was last
/// read, Delete selected, and Refresh.
#[component]
pub fn Toolbar(
    board: Board,
    on_new: Callback<Option<u64>>,
    /// How many selected snapshots may be deleted now.
    to_delete: Signal<usize>,
    /// Opens the confirmation of deleting them.
    on_delete_selected: Callback<()>,
) -> impl IntoView {
    let t = locale();
    let nav = expect_context::<Nav>();
    let clock = expect_context::<Clock>();
    let updated = move || {
        board
            .updated_at
            .get()
            .map(|at| t.updated_ago(clock.secs_since(at)))
    };
    view! {
        <div class="sp-toolbar" role="search">
            <TextField
                id="snapshot-filter"
                label=t.filter_label()
                kind="search"
                value=Signal::derive(move || nav.view.with(|v| v.filter.clone()))
                on_input=Callback::new(move |text| nav.set_filter(text))
                inline=true
            />
            <button
                type="button"
                class="sp-button sp-button--primary"
                disabled=move || board.servers.with(Vec::is_empty)
                on:click=move |_| on_new.run(nav.view.with_untracked(|v| route_server(&v.route)))
            >
                {t.new_snapshot_ellipsis()}
            </button>
            // aria-disabled, not disabled: it keeps the focus that comes back to it when the
            // bulk delete it opened is done and nothing is selected any more.
            <button
                type="button"
                class="sp-button sp-button--danger-quiet"
                aria-disabled=move || (to_delete.get() == 0).then_some("true")
                on:click=move |_| {
                    if to_delete.get_untracked() > 0 {
                        on_delete_selected.run(());
                    }
                }
            >
                {move || t.delete_selected(to_delete.get())}
            </button>
            <span class="sp-updated" data-ticking="">
                {updated}
            </span>
            <button
                type="button"
                class="sp-button"
                aria-busy=move || board.busy_loading().get().to_string()
                on:click=move |_| board.refresh()
            >
                {move || if board.busy_loading().get() { t.refreshing() } else { t.refresh() }}
            </button>
        </div>
    }
}
