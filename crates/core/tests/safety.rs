#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! The safety snapshot before a restore: when it is offered, its name, and when the restore
//! may be sent.

use snapshot_core::model::ServerRef;
use snapshot_core::safety::{
    safety_name, safety_offer, safety_step, Abandoned, SafetyOffer, SafetyStep,
};
use snapshot_core::time::LocalTime;
use snapshot_core::validate::snapshot_name_error;
use snapshot_core::{Locale, ServerStatus, Snapshot, SnapshotStatus};

fn at(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> LocalTime {
    LocalTime {
        year,
        month,
        day,
        hour,
        minute,
    }
}

fn snap(status: SnapshotStatus) -> Snapshot {
    Snapshot {
        id: 7,
        server: ServerRef {
            id: 1,
            name: "web-server-01".to_owned(),
        },
        name: "before-restore-20250116-1615".to_owned(),
        status,
        size_mb: None,
        created_at: "2025-01-16T16:15:00Z".to_owned(),
        description: None,
    }
}

#[test]
fn the_name_is_the_date_and_minute_and_always_valid() {
    assert_eq!(
        safety_name(Locale::En, at(2025, 1, 16, 16, 15), &[]),
        "before-restore-20250116-1615"
    );
    assert_eq!(
        safety_name(Locale::En, at(2024, 2, 29, 0, 0), &[]),
        "before-restore-20240229-0000"
    );
    assert_eq!(
        safety_name(Locale::En, at(999, 12, 31, 23, 59), &[]),
        "before-restore-09991231-2359"
    );
    assert_eq!(
        safety_name(Locale::PtBr, at(2025, 1, 16, 16, 15), &[]),
        "antes-de-restaurar-20250116-1615"
    );
    // Whatever a browser's clock says, the name passes the provider's rule, in each language.
    for locale in [Locale::En, Locale::PtBr] {
        for stamp in [
            at(0, 0, 0, 0, 0),
            at(u32::MAX, u32::MAX, u32::MAX, u32::MAX, u32::MAX),
        ] {
            let name = safety_name(locale, stamp, &[]);
            assert_eq!(snapshot_name_error(&name), None, "{name}");
        }
    }
}

#[test]
fn a_name_the_server_already_has_gets_a_number() {
    let now = at(2025, 1, 16, 16, 15);
    let taken = ["before-restore-20250116-1615", "weekly"];
    assert_eq!(
        safety_name(Locale::En, now, &taken),
        "before-restore-20250116-1615-2"
    );
    let taken = [
        "before-restore-20250116-1615",
        "before-restore-20250116-1615-2",
    ];
    assert_eq!(
        safety_name(Locale::En, now, &taken),
        "before-restore-20250116-1615-3"
    );
}

#[test]
fn it_is_offered_only_when_the_server_has_room() {
    let now = at(2025, 1, 16, 16, 15);
    assert_eq!(
        safety_offer(Locale::En, &ServerStatus::Active, &["a", "b"], now),
        SafetyOffer::Available {
            name: "before-restore-20250116-1615".to_owned()
        }
    );
    assert!(matches!(
        safety_offer(
            Locale::En,
            &ServerStatus::Stopped,
            &["a", "b", "c", "d"],
            now
        ),
        SafetyOffer::Available { .. }
    ));
    assert_eq!(
        safety_offer(
            Locale::En,
            &ServerStatus::Active,
            &["a", "b", "c", "d", "e"],
            now
        ),
        SafetyOffer::NoSlot { count: 5 }
    );
    assert_eq!(
        safety_offer(Locale::En, &ServerStatus::Restoring, &["a"], now),
        SafetyOffer::Unavailable
    );
}

#[test]
fn the_restore_waits_for_completion_and_is_abandoned_otherwise() {
    assert_eq!(
        safety_step(Some(&snap(SnapshotStatus::InProgress))),
        SafetyStep::Wait
    );
    assert_eq!(
        safety_step(Some(&snap(SnapshotStatus::Completed))),
        SafetyStep::Restore
    );
    assert_eq!(
        safety_step(Some(&snap(SnapshotStatus::Failed))),
        SafetyStep::Abandon(Abandoned::Failed)
    );
    assert_eq!(safety_step(None), SafetyStep::Abandon(Abandoned::Gone));
    assert_eq!(
        safety_step(Some(&snap(SnapshotStatus::Other("archived".to_owned())))),
        SafetyStep::Abandon(Abandoned::Unknown {
            status: "archived".to_owned()
        })
    );
}

#[test]
fn why_it_was_abandoned_names_the_snapshot_and_says_nothing_was_sent() {
    let reasons = [
        Abandoned::Failed,
        Abandoned::Gone,
        Abandoned::Unknown {
            status: "archived".to_owned(),
        },
    ];
    for why in &reasons {
        let en = why.message(Locale::En, "before-restore-x", "web-server-01");
        assert!(
            en.contains("before-restore-x") && en.contains("web-server-01"),
            "{en}"
        );
        assert!(en.contains("the restore was not sent"), "{en}");
        let pt = why.message(Locale::PtBr, "before-restore-x", "web-server-01");
        assert!(pt.contains("a restauração não foi enviada"), "{pt}");
    }
}
