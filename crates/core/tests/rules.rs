#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use snapshot_core::model::{ServerRef, ServerStatus, Snapshot, SnapshotStatus};
use snapshot_core::rules::{
    advise_stopping_first, create_blocker, delete_blocker, newer_snapshots, restore_blocker,
    Blocker,
};
use snapshot_core::Locale;

fn snapshot(id: u64, server: u64, status: SnapshotStatus, created_at: &str) -> Snapshot {
    Snapshot {
        id,
        server: ServerRef {
            id: server,
            name: format!("server-{server}"),
        },
        name: format!("snap-{id}"),
        status,
        size_mb: None,
        created_at: created_at.to_owned(),
        description: None,
    }
}

#[test]
fn only_completed_snapshots_of_a_server_at_rest_can_be_restored() {
    let done = snapshot(1, 10, SnapshotStatus::Completed, "2025-01-15T18:30:00Z");
    assert_eq!(restore_blocker(&done, &ServerStatus::Active), None);
    assert_eq!(restore_blocker(&done, &ServerStatus::Stopped), None);
    assert_eq!(
        restore_blocker(&done, &ServerStatus::Restoring),
        Some(Blocker::Restoring)
    );
    let running = snapshot(2, 10, SnapshotStatus::InProgress, "2025-01-15T18:30:00Z");
    assert_eq!(
        restore_blocker(&running, &ServerStatus::Active),
        Some(Blocker::StillCreating)
    );
    let failed = snapshot(3, 10, SnapshotStatus::Failed, "2025-01-15T18:30:00Z");
    assert_eq!(
        restore_blocker(&failed, &ServerStatus::Active),
        Some(Blocker::Failed)
    );
    let odd = snapshot(
        4,
        10,
        SnapshotStatus::Other("deleting".into()),
        "2025-01-15T18:30:00Z",
    );
    assert_eq!(
        restore_blocker(&odd, &ServerStatus::Active),
        Some(Blocker::NotCompleted)
    );
}

#[test]
fn every_reason_is_said_in_both_languages() {
    let reasons = [
        (Blocker::Restoring, "being restored", "sendo restaurado"),
        (
            Blocker::StillCreating,
            "still being created",
            "ainda está sendo criado",
        ),
        (Blocker::Failed, "failed", "falhou"),
        (
            Blocker::NotCompleted,
            "Only completed",
            "Só snapshots concluídos",
        ),
        (
            Blocker::Full { count: 5 },
            "5 of 5 snapshots",
            "5 de 5 snapshots",
        ),
        (
            Blocker::AnotherRestoreWaits,
            "Another restore is on its way",
            "Outra restauração está a caminho",
        ),
    ];
    for (reason, english, portuguese) in reasons {
        assert!(reason.message(Locale::En).contains(english), "{reason:?}");
        assert!(
            reason.message(Locale::PtBr).contains(portuguese),
            "{reason:?}"
        );
    }
}

#[test]
fn a_restoring_server_blocks_delete_and_create_and_the_limit_blocks_create() {
    assert_eq!(
        delete_blocker(&ServerStatus::Restoring),
        Some(Blocker::Restoring)
    );
    assert_eq!(delete_blocker(&ServerStatus::Active), None);
    assert_eq!(create_blocker(&ServerStatus::Active, 4), None);
    assert_eq!(
        create_blocker(&ServerStatus::Stopped, 5)
            .unwrap()
            .message(Locale::En),
        "This server has 5 of 5 snapshots, the most it can have. Delete one to make room."
    );
    assert_eq!(
        create_blocker(&ServerStatus::Restoring, 0),
        Some(Blocker::Restoring)
    );
}

#[test]
fn only_a_running_server_gets_the_consistency_warning() {
    assert!(advise_stopping_first(&ServerStatus::Active));
    assert!(!advise_stopping_first(&ServerStatus::Stopped));
    assert!(!advise_stopping_first(&ServerStatus::Suspended));
}

#[test]
fn newer_snapshots_are_the_same_servers_later_completed_ones_newest_first() {
    let target = snapshot(1, 10, SnapshotStatus::Completed, "2025-01-08T12:00:00Z");
    let all = vec![
        target.clone(),
        snapshot(2, 10, SnapshotStatus::Completed, "2025-01-15T18:30:00Z"),
        // Same day, written with an offset: still later by the clock.
        snapshot(
            3,
            10,
            SnapshotStatus::Completed,
            "2025-01-08T13:00:00+00:30",
        ),
        snapshot(4, 10, SnapshotStatus::InProgress, "2025-01-20T00:00:00Z"),
        snapshot(5, 10, SnapshotStatus::Completed, "2025-01-01T00:00:00Z"),
        snapshot(6, 99, SnapshotStatus::Completed, "2025-02-01T00:00:00Z"),
    ];
    let ids: Vec<u64> = newer_snapshots(&all, &target)
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [2, 3]);
    let unreadable = snapshot(7, 10, SnapshotStatus::Completed, "yesterday");
    assert!(newer_snapshots(&all, &unreadable).is_empty());
}

#[test]
fn deleting_the_oldest_is_offered_only_where_it_makes_room() {
    use snapshot_core::rules::room_by_deleting_oldest;
    assert!(room_by_deleting_oldest(&ServerStatus::Active, 5));
    assert!(room_by_deleting_oldest(&ServerStatus::Stopped, 6));
    assert!(!room_by_deleting_oldest(&ServerStatus::Active, 4));
    assert!(
        !room_by_deleting_oldest(&ServerStatus::Restoring, 5),
        "a restore blocks deleting too"
    );
}
