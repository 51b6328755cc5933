//! A snapshot's status in its row, drawn by hand (see [`crate::draw`]) and edited in place: a
//! badge with its tone and words (In progress, Completed, Failed, or an unknown status as
//! itself) and, while the snapshot is in progress, a spinner in it and the elapsed time beside
//! it, which follow the clock.

use snapshot_core::i18n::Locale;
use snapshot_core::model::{Snapshot, SnapshotStatus};
use snapshot_core::poll::{is_overdue, progress_note, CREATE_EXPECTED_SECS};
use snapshot_core::time::parse_rfc3339;
use web_sys::{Element, Node};

use crate::draw::{element, text_element};

/// A drawn status: the badge, its words, and what it shows now.
pub(super) struct StatusBadge {
    badge: Element,
    words: Node,
    /// The status drawn: a new row comes with a Completed badge, the usual status.
    status: SnapshotStatus,
    /// The parts that follow the clock while the snapshot is in progress.
    progress: Option<Progress>,
}

/// The parts of a badge that follow the clock while a snapshot is in progress.
struct Progress {
    spinner: Element,
    elapsed: Element,
    /// When the snapshot was started (seconds since the epoch), if its time could be read.
    started: Option<i64>,
    overdue: bool,
    note: String,
}

impl StatusBadge {
    /// The badge a row's prototype carries in its status cell: Completed, in `t`.
    pub(super) fn prototype(t: Locale) -> Option<Element> {
        text_element(
            "span",
            "sp-badge sp-badge--done",
            &SnapshotStatus::Completed.label(t),
        )
    }

    /// Follows the badge in `cell`, a clone of the prototype's.
    pub(super) fn new(cell: &Element) -> Option<Self> {
        let badge = cell.first_element_child()?;
        let words = badge.first_child()?;
        Some(Self {
            badge,
            words,
            status: SnapshotStatus::Completed,
            progress: None,
        })
    }

    /// Whether it shows an elapsed time, which moves every second.
    pub(super) fn is_ticking(&self) -> bool {
        self.progress.is_some()
    }

    /// Draws `snapshot`'s status if it is not the one drawn. Only the badge is edited, so the
    /// badge and the row's other cells stay the same nodes.
    pub(super) fn draw(&mut self, t: Locale, snapshot: &Snapshot) {
        if self.status == snapshot.status {
            return;
        }
        self.status = snapshot.status.clone();
        let tone = match snapshot.status {
            SnapshotStatus::InProgress => "sp-badge sp-badge--progress",
            SnapshotStatus::Completed => "sp-badge sp-badge--done",
            SnapshotStatus::Failed => "sp-badge sp-badge--failed",
            SnapshotStatus::Other(_) => "sp-badge sp-badge--other",
        };
        self.badge.set_class_name(tone);
        self.words.set_node_value(Some(&snapshot.status.label(t)));
        // The status changed, so a snapshot in progress now was not before, and the other way
        // round: the spinner and the elapsed time come or go.
        if let Some(progress) = self.progress.take() {
            progress.spinner.remove();
            progress.elapsed.remove();
        }
        if snapshot.status != SnapshotStatus::InProgress {
            return;
        }
        let (Some(spinner), Some(elapsed)) =
            (element("span", "sp-spinner"), element("span", "sp-elapsed"))
        else {
            return;
        };
        let _ = spinner.set_attribute("aria-hidden", "true");
        let _ = self.badge.insert_before(&spinner, Some(&self.words));
        let _ = elapsed.set_attribute("data-ticking", "");
        let _ = self.badge.after_with_node_1(&elapsed);
        self.progress = Some(Progress {
            spinner,
            elapsed,
            started: parse_rfc3339(&snapshot.created_at),
            overdue: false,
            note: String::new(),
        });
    }

    /// Rewrites the elapsed time of a snapshot in progress at `now` (seconds since the epoch),
    /// and marks it overdue once it is.
    pub(super) fn tick(&mut self, t: Locale, now: i64) {
        let Some(progress) = &mut self.progress else {
            return;
        };
        let Some(started) = progress.started else {
            return;
        };
        let elapsed = u64::try_from(now.saturating_sub(started)).unwrap_or(0);
        let overdue = is_overdue(elapsed, CREATE_EXPECTED_SECS);
        if progress.overdue != overdue {
            let _ = self
                .badge
                .class_list()
                .toggle_with_force("sp-badge--overdue", overdue);
            progress.overdue = overdue;
        }
        let note = progress_note(t, elapsed, CREATE_EXPECTED_SECS);
        if progress.note != note {
            progress.elapsed.set_text_content(Some(&note));
            progress.note = note.into_owned();
        }
    }
}
