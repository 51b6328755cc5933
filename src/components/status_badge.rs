//! A snapshot's status as a badge: In progress (with a spinner and the elapsed time),
//! Completed, Failed, or an unknown status as itself.

use leptos::prelude::*;
use snapshot_core::model::SnapshotStatus;
use snapshot_core::poll::{is_overdue, progress_note, CREATE_EXPECTED_SECS};
use snapshot_core::time::parse_rfc3339;

use crate::clock::Clock;
use crate::intl::locale;

/// The badge for `status`. `created_at` times a snapshot in progress.
#[component]
pub fn StatusBadge(
    /// The snapshot's status.
    status: SnapshotStatus,
    /// When the snapshot was started.
    #[prop(into)]
    created_at: String,
) -> impl IntoView {
    let t = locale();
    let clock = expect_context::<Clock>();
    let label = status.label(t);
    match status {
        SnapshotStatus::InProgress => {
            let started = parse_rfc3339(&created_at);
            let elapsed = move || {
                started.map(|s| u64::try_from(clock.now_secs().saturating_sub(s)).unwrap_or(0))
            };
            let overdue = move || elapsed().is_some_and(|e| is_overdue(e, CREATE_EXPECTED_SECS));
            view! {
                <span class="sp-badge sp-badge--progress" class:sp-badge--overdue=overdue>
                    <span class="sp-spinner" aria-hidden="true"></span>
                    {label}
                </span>
                <span class="sp-elapsed" data-ticking="">
                    {move || elapsed().map(|e| progress_note(t, e, CREATE_EXPECTED_SECS))}
                </span>
            }
            .into_any()
        }
        SnapshotStatus::Completed => {
            view! { <span class="sp-badge sp-badge--done">{label}</span> }.into_any()
        }
        SnapshotStatus::Failed => {
            view! { <span class="sp-badge sp-badge--failed">{label}</span> }.into_any()
        }
        SnapshotStatus::Other(_) => {
            view! { <span class="sp-badge sp-badge--other">{label}</span> }.into_any()
        }
    }
}
