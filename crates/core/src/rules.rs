//! Which actions are open on a snapshot or server, and in words, why not.

use crate::i18n::{Locale, Text};
use crate::model::{ServerStatus, Snapshot, SnapshotStatus};
use crate::order::{descending, signed, sort_by_rank};
use crate::time::parse_rfc3339;
use crate::validate::SNAPSHOTS_PER_SERVER;

/// Why an action is not open now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// The server is being restored: nothing may touch it until that has finished.
    Restoring,
    /// The snapshot is still being created.
    StillCreating,
    /// The snapshot failed.
    Failed,
    /// The snapshot has a status the panel does not know.
    NotCompleted,
    /// The server has `count` snapshots, its limit or more.
    Full { count: usize },
    /// Another restore waits for its safety snapshot: one restore at a time.
    AnotherRestoreWaits,
}

impl Blocker {
    /// The sentence beside the action.
    pub fn message(self, t: Locale) -> Text {
        match self {
            Self::Restoring => t.blocked_restoring(),
            Self::StillCreating => t.blocked_still_creating(),
            Self::Failed => t.blocked_failed(),
            Self::NotCompleted => t.blocked_not_completed(),
            Self::Full { count } => t.blocked_full(count, SNAPSHOTS_PER_SERVER),
            Self::AnotherRestoreWaits => t.blocked_another_waits(),
        }
    }
}

/// Why a snapshot cannot be restored now, or `None` if it can.
pub fn restore_blocker(snapshot: &Snapshot, server_status: &ServerStatus) -> Option<Blocker> {
    if *server_status == ServerStatus::Restoring {
        return Some(Blocker::Restoring);
    }
    match &snapshot.status {
        SnapshotStatus::Completed => None,
        SnapshotStatus::InProgress => Some(Blocker::StillCreating),
        SnapshotStatus::Failed => Some(Blocker::Failed),
        SnapshotStatus::Other(_) => Some(Blocker::NotCompleted),
    }
}

/// Why a snapshot cannot be deleted now, or `None` if it can.
pub fn delete_blocker(server_status: &ServerStatus) -> Option<Blocker> {
    (*server_status == ServerStatus::Restoring).then_some(Blocker::Restoring)
}

/// Why a new snapshot cannot be taken of a server now, or `None` if it can.
pub fn create_blocker(server_status: &ServerStatus, snapshot_count: usize) -> Option<Blocker> {
    if *server_status == ServerStatus::Restoring {
        return Some(Blocker::Restoring);
    }
    (snapshot_count >= SNAPSHOTS_PER_SERVER).then_some(Blocker::Full {
        count: snapshot_count,
    })
}

/// Whether deleting a server's oldest snapshot would let a new one be taken: it is full, and not
/// being restored (which blocks deleting as well). Where this holds, the panel offers to.
pub fn room_by_deleting_oldest(server_status: &ServerStatus, snapshot_count: usize) -> bool {
    matches!(
        create_blocker(server_status, snapshot_count),
        Some(Blocker::Full { .. })
    )
}

/// Whether the provider advises against a snapshot now: the server is running.
pub fn advise_stopping_first(server_status: &ServerStatus) -> bool {
    *server_status == ServerStatus::Active
}

/// The completed snapshots of the same server taken after `snapshot`, newest first: what a
/// restore from `snapshot` leaves behind, listed in its confirmation as a reminder.
pub fn newer_snapshots(all: &[Snapshot], snapshot: &Snapshot) -> Vec<Snapshot> {
    let Some(taken) = parse_rfc3339(&snapshot.created_at) else {
        return Vec::new();
    };
    let mut newer: Vec<Snapshot> = all
        .iter()
        .filter(|s| s.server.id == snapshot.server.id && s.id != snapshot.id)
        .filter(|s| s.status == SnapshotStatus::Completed)
        .filter(|s| parse_rfc3339(&s.created_at).is_some_and(|at| at > taken))
        .cloned()
        .collect();
    sort_by_rank(&mut newer, |s| {
        u128::from(descending(signed(
            parse_rfc3339(&s.created_at).unwrap_or(i64::MIN),
        )))
    });
    newer
}

/// What the person types to confirm a restore: the server's name, or its id when the API gave
/// it no name. Never empty, so an empty field can never confirm.
pub fn restore_phrase(server_name: &str, server_id: u64) -> String {
    let name = server_name.trim();
    if name.is_empty() {
        server_id.to_string()
    } else {
        name.to_owned()
    }
}

/// Whether `typed` confirms a restore whose phrase is `phrase`: exactly, and never when empty.
pub fn confirms_restore(typed: &str, phrase: &str) -> bool {
    !typed.is_empty() && typed == phrase
}

/// Whether `typed` can no longer become `phrase` by typing on (a wrong letter, another case, a
/// space around it): the field then says so, rather than leave Restore unavailable unexplained.
pub fn strays_from_phrase(typed: &str, phrase: &str) -> bool {
    !phrase.starts_with(typed)
}
