//! The confirmation of deleting several snapshots: it lists every name, says it cannot be
//! undone, then shows the deletes' progress ("2 of 3 deleted") and, at the end, what could not
//! be deleted, by name. While they run, Cancel is Stop: the delete on its way finishes, and
//! the rest are kept.

use leptos::prelude::*;
use snapshot_core::bulk::BulkRun;
use snapshot_core::format::display_name;
use snapshot_core::model::Snapshot;

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
    /// Stops the run after the delete on its way.
    on_stop: Callback<()>,
    /// Closes the dialog.
    on_close: Callback<()>,
) -> impl IntoView {
    let t = locale();
    let count = snapshots.len();
    let started = move || run.with(Option::is_some);
    let finished = move || run.with(|run| run.as_ref().is_some_and(BulkRun::is_finished));
    let running = move || started() && !finished();
    let stopping = move || run.with(|run| run.as_ref().is_some_and(BulkRun::is_stopping));
    let cancel_label = move || {
        if finished() {
            t.close()
        } else if stopping() {
            t.stopping()
        } else if started() {
            t.stop()
        } else {
            t.cancel()
        }
    };
    let some_failed = move || run.with(|run| run.as_ref().is_some_and(|r| !r.failed.is_empty()));
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
            pending=Signal::derive(running)
            blocked=Signal::derive(started)
            focus_cancel=true
            cancel_label=Signal::derive(cancel_label)
            cancellable=Signal::derive(move || !(running() && stopping()))
            done=Signal::derive(finished)
            on_submit=on_confirm
            on_close=Callback::new(move |()| {
                if running() { on_stop.run(()) } else { on_close.run(()) }
            })
        >
            <h2 id="bulk-delete-title">{t.bulk_title(count)}</h2>
            <p id="bulk-delete-warning" class="sp-alert sp-alert--danger">
                {t.bulk_warning(count)}
            </p>
            {(left_out > 0)
                .then(|| {
                    view! { <p class="sp-alert sp-alert--warning">{t.bulk_left_out(left_out)}</p> }
                })}
            <ul class="sp-bulk-names">{names}</ul>
            // Its end, when it fell short, is said once: in the alert below.
            <p class="sp-bulk-progress" role="status">
                {move || {
                    run.with(|run| {
                        run.as_ref().filter(|run| !run.fell_short()).map(|run| run.progress(t))
                    })
                }}
            </p>
            <Show when=move || run.with(|run| run.as_ref().is_some_and(BulkRun::fell_short))>
                <div
                    class="sp-alert"
                    class:sp-alert--problem=some_failed
                    class:sp-alert--warning=move || !some_failed()
                >
                    // Only the sentence is alerted; the reasons, however many, are read on
                    // demand from the list it names.
                    <p id="bulk-delete-end" role="alert">
                        {move || run.with(|run| run.as_ref().map(|run| run.summary(t)))}
                    </p>
                    <Show when=some_failed>
                        <ul aria-labelledby="bulk-delete-end">
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
                    </Show>
                </div>
            </Show>
        </DialogForm>
    }
}
