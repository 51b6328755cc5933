//! One server and its snapshots: the server's name, status and slot meter, a New snapshot
//! action, and the snapshot table (or an invitation to take the first one).

use leptos::prelude::*;
use snapshot_core::bulk::GroupSelection;
use snapshot_core::model::{Server, ServerStatus, Snapshot};
use snapshot_core::poll::{progress_note, RESTORE_EXPECTED_SECS};
use snapshot_core::rules::{create_blocker, Blocker};
use snapshot_core::validate::SNAPSHOTS_PER_SERVER;

use super::actions::DeleteOldest;
use super::selection::Selection;
use super::snapshot_row::{fixed_fields, RowAction, SnapshotRow};
use crate::clock::Clock;
use crate::intl::locale;

/// A server's section.
#[component]
pub fn ServerGroup(
    /// The server.
    #[prop(into)]
    server: Signal<Server>,
    /// Its snapshots, newest first, already filtered.
    #[prop(into)]
    snapshots: Signal<Vec<Snapshot>>,
    /// How many snapshots it has in all (the filter does not change the slot meter).
    #[prop(into)]
    total: Signal<usize>,
    /// Its oldest snapshot, whatever the filter: the one offered for deletion at the limit.
    #[prop(into)]
    oldest: Signal<Option<Snapshot>>,
    /// When its restore started (ms), while it is restoring.
    #[prop(into)]
    restoring_since: Signal<Option<f64>>,
    /// The server's own page.
    href: String,
    /// Follows the link to the server's page.
    on_open: Callback<u64>,
    /// Asks to take a snapshot of this server.
    on_create: Callback<u64>,
    /// Asks to delete the oldest snapshot (offered at the limit).
    on_delete: Callback<Snapshot>,
    /// Asks to restore a snapshot.
    on_restore: Callback<Snapshot>,
    /// Whether a name filter is active.
    #[prop(into)]
    filtering: Signal<bool>,
    /// The snapshots selected for deleting together.
    selection: Selection,
) -> impl IntoView {
    let t = locale();
    let id = server.with_untracked(|s| s.id);
    let title_id = format!("server-{id}-title");
    let labelled_by = title_id.clone();
    let status = Signal::derive(move || server.with(|s| s.status.clone()));
    let name = Signal::derive(move || server.with(|s| s.name.clone()));
    let blocker = Signal::derive(move || create_blocker(&status.get(), total.get()));
    let full =
        move || total.get() >= SNAPSHOTS_PER_SERVER && status.get() != ServerStatus::Restoring;

    view! {
        // Focusable from script only: where focus goes back to when a dialog removed the row
        // that opened it.
        <section
            class="sp-server"
            aria-labelledby=labelled_by
            data-server-id=id.to_string()
            tabindex="-1"
            data-focus-return=""
        >
            <ServerHeader
                id
                title_id
                name
                status
                total
                blocker
                restoring_since
                href
                on_open
                on_create
            />
            <Show when=full>
                {move || {
                    oldest
                        .get()
                        .map(|oldest| {
                            view! {
                                <p class="sp-limit">
                                    {t.at_limit()} <DeleteOldest oldest on_delete />
                                </p>
                            }
                        })
                }}
            </Show>
            <Show
                when=move || !snapshots.with(Vec::is_empty)
                fallback=move || view! { <NoRows id name filtering blocker on_create /> }
            >
                <SnapshotTable name snapshots status on_restore on_delete selection />
            </Show>
        </section>
    }
}

/// The server's name (a link to its page), status, restore progress, slot meter and New
/// snapshot button.
#[component]
fn ServerHeader(
    id: u64,
    title_id: String,
    name: Signal<String>,
    status: Signal<ServerStatus>,
    total: Signal<usize>,
    blocker: Signal<Option<Blocker>>,
    restoring_since: Signal<Option<f64>>,
    href: String,
    on_open: Callback<u64>,
    on_create: Callback<u64>,
) -> impl IntoView {
    let t = locale();
    let clock = expect_context::<Clock>();
    let restore_note = move || {
        let since = restoring_since.get()?;
        let elapsed = ((clock.now_ms() - since) / 1000.0).max(0.0) as u64;
        Some(progress_note(t, elapsed, RESTORE_EXPECTED_SECS))
    };
    // A status the panel does not know is styled as "other", whatever the API spelled.
    let status_class = move || {
        let status = status.get();
        let token = match status {
            ServerStatus::Other(_) | ServerStatus::Unknown => "other",
            ref known => known.as_api_str(),
        };
        format!("sp-server-status sp-server-status--{token}")
    };
    view! {
        <header class="sp-server__header">
            <div class="sp-server__title">
                <h2 id=title_id>
                    <a
                        href=href
                        on:click=move |ev| {
                            if crate::browser::is_plain_click(&ev) {
                                ev.prevent_default();
                                on_open.run(id);
                            }
                        }
                    >
                        {name}
                    </a>
                </h2>
                <span class=status_class>{move || status.get().label(t)}</span>
                <span class="sp-elapsed" data-ticking="">
                    {restore_note}
                </span>
            </div>
            <div class="sp-server__meta">
                <span class=move || {
                    format!("sp-slots sp-slots--{}", total.get().min(SNAPSHOTS_PER_SERVER))
                }>
                    <span class="sp-slots__bar" aria-hidden="true"></span>
                    {move || t.slots(total.get(), SNAPSHOTS_PER_SERVER)}
                </span>
                <RowAction
                    verb=t.new_snapshot()
                    name=Signal::derive(move || name.with(|name| t.of_server(name).into_owned()))
                    blocker=blocker
                    class="sp-button--primary"
                    on_press=Callback::new(move |()| on_create.run(id))
                    reason_id=format!("create-reason-{id}")
                />
            </div>
        </header>
    }
}

/// What a server with no rows to show says: nothing matches, or take the first snapshot.
#[component]
fn NoRows(
    id: u64,
    name: Signal<String>,
    filtering: Signal<bool>,
    blocker: Signal<Option<Blocker>>,
    on_create: Callback<u64>,
) -> impl IntoView {
    let t = locale();
    move || {
        if filtering.get() {
            view! { <p class="sp-empty">{t.no_filter_match_here()}</p> }.into_any()
        } else {
            view! {
                <p class="sp-empty">
                    {move || name.with(|name| t.no_snapshots_yet(name).into_owned())}
                    <Show when=move || blocker.get().is_none()>
                        <button
                            type="button"
                            class="sp-button sp-button--link"
                            on:click=move |_| on_create.run(id)
                        >
                            {move || name.with(|name| t.take_first_snapshot(name).into_owned())}
                        </button>
                    </Show>
                </p>
            }
            .into_any()
        }
    }
}

/// The server's snapshots, one row each.
#[component]
fn SnapshotTable(
    name: Signal<String>,
    snapshots: Signal<Vec<Snapshot>>,
    status: Signal<ServerStatus>,
    on_restore: Callback<Snapshot>,
    on_delete: Callback<Snapshot>,
    selection: Selection,
) -> impl IntoView {
    let t = locale();
    let shown_ids = move || snapshots.with(|list| list.iter().map(|s| s.id).collect::<Vec<_>>());
    let all = Memo::new(move |_| selection.of_group(&shown_ids()));
    let restoring = move || status.get() == ServerStatus::Restoring;
    view! {
        <table class="sp-table">
            <caption class="sp-vh">
                {move || name.with(|name| t.snapshots_of(name).into_owned())}
            </caption>
            <thead>
                <tr>
                    <th scope="col" class="sp-row__select">
                        <input
                            type="checkbox"
                            aria-label=move || name.with(|name| t.select_all_of(name).into_owned())
                            prop:checked=move || all.get() == GroupSelection::All && !restoring()
                            prop:indeterminate=move || {
                                all.get() == GroupSelection::Some && !restoring()
                            }
                            disabled=restoring
                            on:change=move |ev| {
                                selection.set_all(&shown_ids(), event_target_checked(&ev))
                            }
                        />
                    </th>
                    <th scope="col">{t.name()}</th>
                    <th scope="col">{t.status()}</th>
                    <th scope="col">{t.size()}</th>
                    <th scope="col">{t.created()}</th>
                    <th scope="col">{t.description()}</th>
                    <th scope="col">
                        <span class="sp-vh">{t.actions()}</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                <For each=move || snapshots.get() key=fixed_fields let:first>
                    <SnapshotRow
                        snapshot=follow(snapshots, first)
                        server_status=status
                        on_restore=on_restore
                        on_delete=on_delete
                        selection=selection
                    />
                </For>
            </tbody>
        </table>
    }
}

/// The snapshot with `first`'s id, as `snapshots` has it now: what its row shows. Kept as last
/// seen while the list no longer has it (the row is about to go).
fn follow(snapshots: Signal<Vec<Snapshot>>, first: Snapshot) -> Signal<Snapshot> {
    let id = first.id;
    Memo::new(move |last: Option<&Snapshot>| {
        snapshots
            .with(|all| all.iter().find(|s| s.id == id).cloned())
            .or_else(|| last.cloned())
            .unwrap_or_else(|| first.clone())
    })
    .into()
}
