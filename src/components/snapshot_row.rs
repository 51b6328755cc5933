//! One snapshot as a table row, with its Restore and Delete actions.

use leptos::prelude::*;
use snapshot_core::i18n::Text;
use snapshot_core::model::{ServerStatus, Snapshot};
use snapshot_core::rules::{delete_blocker, restore_blocker, Blocker};

use super::relative_time::RelativeTime;
use super::selection::Selection;
use super::status_badge::StatusBadge;
use crate::intl::{format_size_mb, locale};

/// A button that names its snapshot for screen readers ("Restore pre-migration-snapshot") and,
/// when it cannot be used, stays focusable and says why.
#[component]
pub fn RowAction(
    /// The visible verb: "Restore".
    verb: Text,
    /// The snapshot's name, heard after the verb.
    #[prop(into)]
    name: Signal<String>,
    /// Why the action is unavailable, or `None`.
    #[prop(into)]
    blocker: Signal<Option<Blocker>>,
    /// Extra class for the button's tone.
    class: &'static str,
    /// Runs the action.
    on_press: Callback<()>,
    /// An id for the reason text.
    reason_id: String,
) -> impl IntoView {
    let t = locale();
    let described = reason_id.clone();
    // The reason is the button's next sibling, placed by the enclosing cell or bar (CSS): no
    // wrapper element per button, and no tooltip element until there is a reason to show.
    view! {
        <button
            type="button"
            class=format!("sp-button sp-button--small {class}")
            aria-disabled=move || blocker.get().is_some().then_some("true")
            aria-describedby=move || blocker.get().is_some().then(|| described.clone())
            on:click=move |_| {
                if blocker.get_untracked().is_none() {
                    on_press.run(());
                }
            }
        >
            {verb}
            <span class="sp-vh">" " {name}</span>
        </button>
        {move || {
            blocker
                .get()
                .map(|reason| {
                    view! {
                        <span class="sp-tip" role="tooltip" id=reason_id.clone()>
                            {reason.message(t)}
                        </span>
                    }
                })
        }}
    }
}

/// A snapshot's row. A snapshot's name, creation time and description never change (the API
/// has no way to edit them), so they are drawn once; its status and size change as it is
/// created, and they follow `snapshot`, each cell redrawn only when what it shows changed.
/// The list keys rows on [`fixed_fields`], so a row whose fixed fields did differ would be
/// drawn anew. The server's status reaches the row as a signal too.
#[component]
pub fn SnapshotRow(
    /// The snapshot, as it is now.
    #[prop(into)]
    snapshot: Signal<Snapshot>,
    /// Its server's status, which decides whether it may be restored or deleted.
    #[prop(into)]
    server_status: Signal<ServerStatus>,
    /// Asks to restore this snapshot.
    on_restore: Callback<Snapshot>,
    /// Asks to delete this snapshot.
    on_delete: Callback<Snapshot>,
    /// The snapshots selected for deleting together.
    selection: Selection,
) -> impl IntoView {
    let t = locale();
    let (id, name, created_at, description) = snapshot.with_untracked(|s| {
        (
            s.id,
            s.name.clone(),
            s.created_at.clone(),
            s.description.clone(),
        )
    });
    let status = Memo::new(move |_| snapshot.with(|s| s.status.clone()));
    let restore_blocked =
        Signal::derive(move || snapshot.with(|s| restore_blocker(s, &server_status.get())));
    let delete_blocked = Signal::derive(move || delete_blocker(&server_status.get()));
    let restore = Callback::new(move |()| on_restore.run(snapshot.get_untracked()));
    let delete = Callback::new(move |()| on_delete.run(snapshot.get_untracked()));
    let badge_started = created_at.clone();
    let selected = selection.is_selected(id);
    let select_label = t.select(&name);
    let delete_reason = format!("delete-reason-{id}");
    let description = match description {
        Some(text) => text.into_any(),
        None => view! {
            <span class="sp-muted" aria-label=t.no_description()>
                "—"
            </span>
        }
        .into_any(),
    };
    view! {
        <tr class="sp-row" data-snapshot-id=id.to_string()>
            <td class="sp-row__select">
                // Disabled when it cannot be deleted; the Delete button's reason says why.
                <input
                    type="checkbox"
                    aria-label=select_label
                    prop:checked=move || selected.get() && delete_blocked.with(Option::is_none)
                    disabled=move || delete_blocked.with(Option::is_some)
                    aria-describedby=move || {
                        delete_blocked.with(Option::is_some).then(|| delete_reason.clone())
                    }
                    on:change=move |ev| selection.set(id, event_target_checked(&ev))
                />
            </td>
            <th scope="row" class="sp-row__name">
                {name.clone()}
            </th>
            <td>
                {move || {
                    view! { <StatusBadge status=status.get() created_at=badge_started.clone() /> }
                }}
            </td>
            <td class="sp-row__size">{move || snapshot.with(|s| format_size_mb(t, s.size_mb))}</td>
            <td>
                <RelativeTime at=created_at />
            </td>
            <td class="sp-row__description">{description}</td>
            <td class="sp-row__actions">
                <RowAction
                    verb=t.restore()
                    name=name.clone()
                    blocker=restore_blocked
                    class="sp-button--secondary"
                    on_press=restore
                    reason_id=format!("restore-reason-{id}")
                />
                <RowAction
                    verb=t.delete()
                    name=name
                    blocker=delete_blocked
                    class="sp-button--danger-quiet"
                    on_press=delete
                    reason_id=format!("delete-reason-{id}")
                />
            </td>
        </tr>
    }
}

/// What a row is keyed on: the snapshot's id and the fields it draws once.
pub fn fixed_fields(snapshot: &Snapshot) -> (u64, String, String, Option<String>) {
    (
        snapshot.id,
        snapshot.name.clone(),
        snapshot.created_at.clone(),
        snapshot.description.clone(),
    )
}
