//! The confirmation of deleting several snapshots: it lists every name, says it cannot be
//! undone, then shows the deletes' progress ("2 of 3 deleted") and, at the end, what could not
//! be deleted, by name.

use leptos::prelude::*;
use snapshot_core::bulk::BulkRun;
use snapshot_core::model::Snapshot;
use snapshot_core::store::display_name;

use super::form::{DialogForm, Submit};
use crate::intl::locale;

/// Asks the person to confirm deleting `snapshots`. Cancel has the focus first.
#[component]
pub fn BulkDeleteDialog(
    /// What will be deleted, in the list's order.
    snapshots: Vec<Snapshot>,
    /// How many selected snapshots are left out (their server is being restored).
    left_out: usize,
    /// The run, once confirmed.
    #[prop(into)]
    run: Signal<Option<BulkRun>>,
    /// Starts the run.
    on_confirm: Callback<()>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let t = locale();
    let count = snapshots.len();
    let started = move || run.with(Option::is_some);
    let finished = move || run.with(|run| run.as_ref().is_some_and(BulkRun::is_finished));
    let names = snapshots
        .iter()
        .map(|s| {
            let server = display_name(t, &s.server.name, s.server.id);
            view! { <li>{t.snapshot_of_server(&s.name, &server)}</li> }
        })
        .collect_view();
    view! {
        <DialogForm
            labelled_by="bulk-delete-title"
            described_by=Some("bulk-delete-warning")
            class="sp-dialog--danger"
            submit=Submit::danger(t.bulk_submit(count), t.deleting())
            pending=Signal::derive(move || started() && !finished())
            blocked=Signal::derive(started)
            focus_cancel=true
            cancel_label=Signal::derive(move || if finished() { t.close() } else { t.cancel() })
            on_submit=on_confirm
            on_close=on_close
        >
            <h2 id="bulk-delete-title">{t.bulk_title(count)}</h2>
            <p id="bulk-delete-warning" class="sp-alert sp-alert--danger">
                {t.bulk_warning()}
            </p>
            {(left_out > 0)
                .then(|| {
                    view! { <p class="sp-alert sp-alert--warning">{t.bulk_left_out(left_out)}</p> }
                })}
            <ul class="sp-bulk-names">{names}</ul>
            <p class="sp-bulk-progress" role="status">
                {move || run.with(|run| run.as_ref().map(|run| run.progress(t)))}
            </p>
            <Show when=move || {
                run.with(|run| {
                    run.as_ref().is_some_and(|r| r.is_finished() && !r.failed.is_empty())
                })
            }>
                <div class="sp-alert sp-alert--problem" role="alert">
                    <p>{move || run.with(|run| run.as_ref().map(|run| run.summary(t)))}</p>
                    <ul>
                        {move || {
                            run.with(|run| {
                                run.iter()
                                    .flat_map(|run| run.failed.iter())
                                    .map(|(name, why)| {
                                        view! { <li>{t.about(name, &why.action_message(t))}</li> }
                                    })
                                    .collect_view()
                            })
                        }}
                    </ul>
                </div>
            </Show>
        </DialogForm>
    }
}
