//! A safety snapshot before a restore: whether one can be taken, what it is called, and, while
//! it is being created, whether the restore may be sent yet.
//!
//! A restore overwrites everything written since its snapshot. When the server has room, the
//! restore dialog offers to take a snapshot of the current state first; the restore is sent
//! only once that snapshot has completed, and never if it fails or goes.

use crate::i18n::{Locale, Text};
use crate::model::{ServerStatus, Snapshot, SnapshotStatus};
use crate::rules::{create_blocker, Blocker};
use crate::time::LocalTime;
use crate::validate::SNAPSHOTS_PER_SERVER;

/// What the restore dialog can offer before a restore of a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafetyOffer {
    /// A safety snapshot can be taken, under this name.
    Available { name: String },
    /// The server already has `count` snapshots, its limit: one must go first.
    NoSlot { count: usize },
    /// Nothing can be offered (the server is being restored, so the restore is blocked anyway).
    Unavailable,
}

/// What can be offered before restoring a server whose status is `status` and whose
/// snapshots are `names`, at `at` (the person's local time), named in `t`.
pub fn safety_offer(
    t: Locale,
    status: &ServerStatus,
    names: &[&str],
    at: LocalTime,
) -> SafetyOffer {
    match create_blocker(status, names.len()) {
        None => SafetyOffer::Available {
            name: safety_name(t, at, names),
        },
        Some(Blocker::Full { count }) => SafetyOffer::NoSlot { count },
        Some(_) => SafetyOffer::Unavailable,
    }
}

/// The safety snapshot's name: `before-restore-YYYYMMDD-HHMM` at `at` (`antes-de-restaurar-…`
/// in Portuguese), with `-2`, `-3`… when the server already has one by that name. Valid by
/// construction: ASCII letters, digits and dashes, and well under the length cap whatever the
/// stamp holds.
pub fn safety_name(t: Locale, at: LocalTime, taken: &[&str]) -> String {
    let LocalTime {
        year,
        month,
        day,
        hour,
        minute,
    } = at;
    // Clamped to their widths, so a wild clock still gives a name under the cap.
    let (year, month, day) = (year.min(9999), month.min(99), day.min(99));
    let (hour, minute) = (hour.min(99), minute.min(99));
    let prefix = t.safety_name_prefix();
    let base = format!("{prefix}-{year:04}{month:02}{day:02}-{hour:02}{minute:02}");
    // A server has at most a handful of snapshots, so a free suffix is always near.
    let bound = taken.len().saturating_add(2).min(SNAPSHOTS_PER_SERVER * 10);
    std::iter::once(base.clone())
        .chain((2..=bound).map(|n| format!("{base}-{n}")))
        .find(|name| !taken.contains(&name.as_str()))
        .unwrap_or(base)
}

/// Why a restore waiting on its safety snapshot was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Abandoned {
    /// The safety snapshot failed.
    Failed,
    /// It is no longer listed: deleted, or its server is gone.
    Gone,
    /// It has a status the panel does not know, so it cannot tell that it is done.
    Unknown { status: String },
}

impl Abandoned {
    /// What the dialog says: the snapshot, that the restore was not sent, and why.
    pub fn message(&self, t: Locale, snapshot: &str, server: &str) -> Text {
        match self {
            Self::Failed => t.safety_failed(snapshot, server),
            Self::Gone => t.safety_gone(snapshot, server),
            Self::Unknown { status } => t.safety_unknown(snapshot, status, server),
        }
    }
}

/// What to do next while waiting on a safety snapshot, given what the list now shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafetyStep {
    /// It is still being created: keep following it.
    Wait,
    /// It completed: send the restore.
    Restore,
    /// Do not send the restore.
    Abandon(Abandoned),
}

/// The next step for a safety snapshot that the list shows as `listed` (`None`: not there).
pub fn safety_step(listed: Option<&Snapshot>) -> SafetyStep {
    match listed.map(|s| &s.status) {
        None => SafetyStep::Abandon(Abandoned::Gone),
        Some(SnapshotStatus::InProgress) => SafetyStep::Wait,
        Some(SnapshotStatus::Completed) => SafetyStep::Restore,
        Some(SnapshotStatus::Failed) => SafetyStep::Abandon(Abandoned::Failed),
        Some(SnapshotStatus::Other(status)) => SafetyStep::Abandon(Abandoned::Unknown {
            status: status.clone(),
        }),
    }
}
