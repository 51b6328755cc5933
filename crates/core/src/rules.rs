//! Which actions are open on a snapshot or server, and in words, why not.

use crate::model::{ServerStatus, Snapshot, SnapshotStatus};
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
