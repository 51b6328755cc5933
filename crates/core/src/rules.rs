//! Which actions are open on a snapshot or server, and in words, why not.

use crate::model::{ServerStatus, Snapshot, SnapshotStatus};
use crate::time::parse_rfc3339;
use crate::validate::SNAPSHOTS_PER_SERVER;

const RESTORING: &str = "The server is being restored; wait until it has finished.";

/// Why a snapshot cannot be restored now, or `None` if it can.
pub fn restore_blocker(snapshot: &Snapshot, server_status: &ServerStatus) -> Option<String> {
    if *server_status == ServerStatus::Restoring {
        return Some(RESTORING.to_owned());
    }
    match &snapshot.status {
        SnapshotStatus::Completed => None,
        SnapshotStatus::InProgress => Some(
            "This snapshot is still being created; it can be restored once it is completed."
                .to_owned(),
        ),
        SnapshotStatus::Failed => {
            Some("This snapshot failed, so there is nothing to restore.".to_owned())
        }
        SnapshotStatus::Other(_) => Some("Only completed snapshots can be restored.".to_owned()),
    }
}

/// Why a snapshot cannot be deleted now, or `None` if it can.
pub fn delete_blocker(server_status: &ServerStatus) -> Option<String> {
    (*server_status == ServerStatus::Restoring).then(|| RESTORING.to_owned())
}

/// Why a new snapshot cannot be taken of a server now, or `None` if it can.
pub fn create_blocker(server_status: &ServerStatus, snapshot_count: usize) -> Option<String> {
    if *server_status == ServerStatus::Restoring {
        return Some(RESTORING.to_owned());
    }
    (snapshot_count >= SNAPSHOTS_PER_SERVER).then(|| {
        format!(
            "This server has {snapshot_count} of {SNAPSHOTS_PER_SERVER} snapshots, the most it can have. Delete one to make room."
        )
    })
}

/// The provider's advice when the server is running, or `None` when it is not.
pub fn running_server_warning(server_status: &ServerStatus) -> Option<&'static str> {
    (*server_status == ServerStatus::Active).then_some(
        "This server is running. A snapshot of a running server may be inconsistent; the provider advises stopping the server first.",
    )
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
    newer.sort_by_key(|s| std::cmp::Reverse(parse_rfc3339(&s.created_at)));
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
