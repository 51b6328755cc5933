#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! Changes whose answer went missing: what confirming one again looks for, and for how long.

use std::collections::BTreeSet;

use snapshot_core::model::ServerRef;
use snapshot_core::unsure::{
    restore_again, Change, RestoreAgain, Unsure, Unsures, LOOK_FIRST_FOR_MS,
};
use snapshot_core::{NoAnswer, Server, ServerStatus, Snapshot, SnapshotStatus};

fn snapshot(id: u64, name: &str) -> Snapshot {
    Snapshot {
        id,
        server: ServerRef {
            id: 12345,
            name: "web-server-01".to_owned(),
        },
        name: name.to_owned(),
        status: SnapshotStatus::InProgress,
        size_mb: None,
        created_at: "2025-01-16T16:15:00Z".to_owned(),
        description: None,
    }
}

fn create(name: &str) -> Change {
    Change::Create {
        server_id: 12345,
        name: name.to_owned(),
    }
}

fn unsure(change: Change, at_ms: u64) -> Unsure {
    Unsure {
        before: BTreeSet::from([801, 798]),
        at_ms,
        ..Unsure::new(change, NoAnswer::Late)
    }
}

#[test]
fn a_change_confirmed_again_is_found_once_and_others_are_not() {
    let mut unsures = Unsures::default();
    unsures.remember(unsure(create("nightly"), 1_000));
    assert_eq!(unsures.take(&create("weekly"), 2_000), None);
    assert_eq!(
        unsures.take(
            &Change::Create {
                server_id: 12346,
                name: "nightly".to_owned()
            },
            2_000
        ),
        None,
        "the same name on another server is another change"
    );
    let found = unsures.take(&create("nightly"), 2_000).unwrap();
    assert_eq!(found.why, NoAnswer::Late);
    assert_eq!(found.before, BTreeSet::from([801, 798]));
    assert_eq!(unsures.take(&create("nightly"), 3_000), None, "taken once");
}

#[test]
fn every_delete_of_a_run_is_remembered_on_its_own() {
    let mut unsures = Unsures::default();
    for id in [801, 798, 797] {
        unsures.remember(unsure(Change::Delete { snapshot_id: id }, 1_000));
    }
    assert_eq!(unsures.len(), 3);
    for id in [797, 801, 798] {
        assert!(unsures
            .take(&Change::Delete { snapshot_id: id }, 2_000)
            .is_some());
    }
    assert!(unsures.is_empty());
}

#[test]
fn remembering_the_same_change_again_keeps_one_entry_with_the_latest_look() {
    let mut unsures = Unsures::default();
    unsures.remember(unsure(Change::Restore { snapshot_id: 801 }, 1_000));
    unsures.remember(unsure(Change::Restore { snapshot_id: 801 }, 5_000));
    assert_eq!(unsures.len(), 1);
    let found = unsures
        .take(&Change::Restore { snapshot_id: 801 }, 6_000)
        .unwrap();
    assert_eq!(found.at_ms, 5_000);
}

#[test]
fn past_ten_minutes_a_second_confirmation_is_a_new_change() {
    let mut unsures = Unsures::default();
    unsures.remember(unsure(create("nightly"), 1_000));
    unsures.remember(unsure(
        Change::Delete { snapshot_id: 801 },
        1_000 + LOOK_FIRST_FOR_MS,
    ));
    assert!(unsures
        .take(&create("nightly"), 1_000 + LOOK_FIRST_FOR_MS + 1)
        .is_none());
    assert_eq!(unsures.len(), 1, "what is too old is forgotten");
    // A clock that went back does not make an entry older.
    assert!(unsures
        .take(&Change::Delete { snapshot_id: 801 }, 0)
        .is_some());
}

#[test]
fn a_safety_snapshot_is_looked_for_by_the_name_it_was_first_asked_for() {
    let mut unsures = Unsures::default();
    let first = Change::Safety {
        snapshot_id: 801,
        name: "before-restore-20250116-1615".to_owned(),
    };
    unsures.remember(unsure(first, 1_000));
    // Confirmed again a minute later, the restore names its safety snapshot anew.
    let again = Change::Safety {
        snapshot_id: 801,
        name: "before-restore-20250116-1616".to_owned(),
    };
    let found = unsures.take(&again, 61_000).unwrap();
    let listed = vec![
        snapshot(801, "pre-migration-snapshot"),
        snapshot(900, "before-restore-20250116-1615"),
    ];
    assert_eq!(found.made_in(listed).map(|s| s.id), Some(900));
}

#[test]
fn a_snapshot_that_was_there_before_is_not_the_one_asked_for() {
    let asked = unsure(create("pre-migration-snapshot"), 1_000);
    // 801 has that name, but was there before: names need not be unique.
    assert_eq!(
        asked.made_in(vec![snapshot(801, "pre-migration-snapshot")]),
        None
    );
    assert_eq!(
        asked
            .made_in(vec![
                snapshot(801, "pre-migration-snapshot"),
                snapshot(902, "pre-migration-snapshot")
            ])
            .map(|s| s.id),
        Some(902)
    );
    let restore = unsure(Change::Restore { snapshot_id: 801 }, 1_000);
    assert_eq!(restore.made_in(vec![snapshot(902, "x")]), None);
}

#[test]
fn a_create_the_page_shows_made_is_forgotten_and_others_are_kept() {
    let mut unsures = Unsures::default();
    unsures.remember(unsure(create("nightly"), 1_000));
    unsures.remember(unsure(create("weekly"), 1_000));
    unsures.remember(unsure(Change::Delete { snapshot_id: 801 }, 1_000));
    // The page shows a new nightly (and 801, still there: that is for the delete to look at).
    unsures.forget_seen_creates(|server_id| {
        assert_eq!(server_id, 12345);
        vec![
            snapshot(801, "pre-migration-snapshot"),
            snapshot(903, "nightly"),
        ]
    });
    assert!(unsures.take(&create("nightly"), 2_000).is_none());
    assert!(unsures.take(&create("weekly"), 2_000).is_some());
    assert!(unsures
        .take(&Change::Delete { snapshot_id: 801 }, 2_000)
        .is_some());
}

fn server(status: ServerStatus, updated_at: Option<&str>) -> Server {
    Server {
        status,
        updated_at: updated_at.map(str::to_owned),
        ..Server::placeholder(12345, "web-server-01".to_owned())
    }
}

#[test]
fn a_restore_confirmed_again_is_sent_only_to_a_server_that_has_not_changed() {
    let earlier = Unsure {
        server_changed_at: Some("2026-12-07T21:00:00Z".to_owned()),
        ..Unsure::new(Change::Restore { snapshot_id: 801 }, NoAnswer::Late)
    };
    let at = |status, updated_at| restore_again(&earlier, &server(status, updated_at), false);
    assert_eq!(
        at(ServerStatus::Restoring, Some("2026-12-07T21:00:05Z")),
        RestoreAgain::Started
    );
    assert_eq!(
        at(ServerStatus::Active, Some("2026-12-07T21:00:00Z")),
        RestoreAgain::Send { take_safety: false }
    );
    // A restore came and went meanwhile (or something else changed the server): not again
    // without the person knowing.
    assert_eq!(
        at(ServerStatus::Active, Some("2026-12-07T21:07:00Z")),
        RestoreAgain::ServerChanged
    );
    assert_eq!(at(ServerStatus::Active, None), RestoreAgain::ServerChanged);
    // An API that does not say when a server changed cannot tell: it is sent.
    let blind = Unsure::new(Change::Restore { snapshot_id: 801 }, NoAnswer::Late);
    assert_eq!(
        restore_again(
            &blind,
            &server(ServerStatus::Active, Some("2026-12-07T21:07:00Z")),
            false
        ),
        RestoreAgain::Send { take_safety: false }
    );
}

#[test]
fn a_restore_confirmed_again_takes_a_safety_snapshot_only_if_the_first_took_none() {
    let running = server(ServerStatus::Active, None);
    let without = Unsure::new(Change::Restore { snapshot_id: 801 }, NoAnswer::Lost);
    let with = Unsure {
        safety_taken: true,
        ..without.clone()
    };
    // Asked for now, none taken the first time: taken now.
    assert_eq!(
        restore_again(&without, &running, true),
        RestoreAgain::Send { take_safety: true }
    );
    // The first one serves: not a second.
    assert_eq!(
        restore_again(&with, &running, true),
        RestoreAgain::Send { take_safety: false }
    );
    // Not asked for now.
    assert_eq!(
        restore_again(&without, &running, false),
        RestoreAgain::Send { take_safety: false }
    );
}
