#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! When the panel polls, and what it announces when a poll shows something finished.

use snapshot_core::model::ServerRef;
use snapshot_core::poll::{
    backoff_ms, is_overdue, progress_note, progress_note_at_least, Finished, BACKOFF_UNIT_MS,
    CREATE_EXPECTED_SECS, MAX_BACKOFF_MS, RESTORE_EXPECTED_SECS,
};
use snapshot_core::store::{Event, Loaded, Store};
use snapshot_core::{Locale, Server, ServerStatus, Snapshot, SnapshotStatus};

fn snap(id: u64, server_id: u64, name: &str, status: SnapshotStatus) -> Snapshot {
    Snapshot {
        id,
        server: ServerRef {
            id: server_id,
            name: format!("server-{server_id}"),
        },
        name: name.to_owned(),
        status,
        size_mb: None,
        created_at: "2025-01-15T18:30:00Z".to_owned(),
        description: None,
    }
}

fn server(id: u64, name: &str, status: ServerStatus) -> Server {
    Server {
        status,
        ..Server::placeholder(id, name.to_owned())
    }
}

// ----- backoff_ms --------------------------------------------------------------------------

#[test]
fn constants_are_the_documented_ones() {
    assert_eq!(BACKOFF_UNIT_MS, 5_000);
    assert_eq!(MAX_BACKOFF_MS, 120_000);
    assert_eq!(CREATE_EXPECTED_SECS, (180, 600));
    assert_eq!(RESTORE_EXPECTED_SECS, (300, 900));
}

#[test]
fn failures_double_from_the_interval_and_cap() {
    // (failures, base before jitter)
    let cases: [(u32, u64); 7] = [
        (1, 10_000),
        (2, 20_000),
        (3, 40_000),
        (4, 80_000),
        (5, 120_000),
        (6, 120_000),
        (40, 120_000),
    ];
    for (failures, base) in cases {
        assert_eq!(
            backoff_ms(failures, None, 0.5),
            base,
            "failures {failures}, middle jitter"
        );
        let low = backoff_ms(failures, None, 0.0);
        let high = backoff_ms(failures, None, 1.0);
        assert_eq!(low, base * 8 / 10, "failures {failures}, jitter 0 is -20%");
        assert_eq!(
            high,
            base * 12 / 10,
            "failures {failures}, jitter 1 is +20%"
        );
        for step in 0..=20 {
            let jitter = f64::from(step) / 20.0;
            let delay = backoff_ms(failures, None, jitter);
            assert!(
                (low..=high).contains(&delay),
                "failures {failures}, jitter {jitter}: {delay} outside {low}..={high}"
            );
        }
    }
    assert_eq!(backoff_ms(u32::MAX, None, 0.5), 120_000);
}

#[test]
fn jitter_spreads_monotonically() {
    let mut last = 0;
    for step in 0..=10 {
        let delay = backoff_ms(2, None, f64::from(step) / 10.0);
        assert!(delay >= last, "jitter step {step}: {delay} < {last}");
        last = delay;
    }
}

#[test]
fn retry_after_wins_when_longer() {
    assert_eq!(backoff_ms(1, Some(30), 0.5), 30_000);
    assert_eq!(backoff_ms(5, Some(600), 1.0), 600_000);
    assert_eq!(
        backoff_ms(3, Some(5), 0.5),
        40_000,
        "a shorter Retry-After does not shorten the backoff"
    );
    assert_eq!(
        backoff_ms(1, Some(u64::MAX), 0.5),
        u64::MAX,
        "saturates instead of overflowing"
    );
}

#[test]
fn bad_jitter_is_safe() {
    assert_eq!(backoff_ms(2, None, f64::NAN), 20_000, "NaN → middle");
    assert_eq!(backoff_ms(2, None, f64::INFINITY), 20_000, "∞ → middle");
    assert_eq!(backoff_ms(2, None, f64::NEG_INFINITY), 20_000);
    assert_eq!(backoff_ms(2, None, -3.0), 16_000, "clamped to 0");
    assert_eq!(backoff_ms(2, None, 7.0), 24_000, "clamped to 1");
}

// ----- what a poll announces ------------------------------------------------------------------

/// A store loaded with `before` (and no server list), then given `after` for server 10 and
/// 11: the events of the second read.
fn finished_between(before: Vec<Snapshot>, after: Vec<Snapshot>) -> Vec<Event> {
    let mut store = Store::default();
    store.load(
        Loaded {
            snapshots: before,
            servers: None,
            asked_at_ms: Some(0.0),
        },
        None,
        0.0,
    );
    store.load(
        Loaded {
            snapshots: after,
            servers: None,
            asked_at_ms: Some(1_000.0),
        },
        None,
        1_000.0,
    )
}

fn messages(events: &[Event], t: Locale) -> Vec<String> {
    events.iter().map(|e| e.message(t)).collect()
}

#[test]
fn in_progress_to_completed_or_failed_is_announced() {
    let before = vec![
        snap(1, 10, "nightly", SnapshotStatus::InProgress),
        snap(2, 10, "pre-upgrade", SnapshotStatus::InProgress),
        snap(3, 11, "odd", SnapshotStatus::InProgress),
    ];
    let after = vec![
        snap(1, 10, "nightly", SnapshotStatus::Completed),
        snap(2, 10, "pre-upgrade", SnapshotStatus::Failed),
        snap(3, 11, "odd", SnapshotStatus::Other("error".to_owned())),
    ];
    let events = finished_between(before, after);
    let mut english = messages(&events, Locale::En);
    english.sort();
    assert_eq!(
        english,
        vec![
            "Snapshot nightly of server-10 is ready.",
            "Snapshot odd of server-11 is now error.",
            "Snapshot pre-upgrade of server-10 failed.",
        ]
    );
    let mut portuguese = messages(&events, Locale::PtBr);
    portuguese.sort();
    assert_eq!(
        portuguese,
        vec![
            "O snapshot nightly de server-10 está pronto.",
            "O snapshot odd de server-11 agora está com status error.",
            "O snapshot pre-upgrade de server-10 falhou.",
        ]
    );
}

#[test]
fn unchanged_and_new_rows_are_not_announced() {
    let before = vec![
        snap(1, 10, "still-running", SnapshotStatus::InProgress),
        snap(2, 10, "old", SnapshotStatus::Completed),
    ];
    let after = vec![
        snap(1, 10, "still-running", SnapshotStatus::InProgress),
        snap(2, 10, "old", SnapshotStatus::Completed),
        snap(3, 10, "new-and-done", SnapshotStatus::Completed),
        snap(4, 10, "new-and-running", SnapshotStatus::InProgress),
    ];
    assert_eq!(finished_between(before, after.clone()), vec![]);
    assert_eq!(
        finished_between(vec![], after),
        vec![],
        "first load announces nothing"
    );
}

#[test]
fn a_finished_snapshot_that_vanished_is_not_announced() {
    let before = vec![snap(1, 10, "gone", SnapshotStatus::InProgress)];
    assert_eq!(finished_between(before, vec![]), vec![]);
}

#[test]
fn completed_to_failed_is_not_announced() {
    let before = vec![snap(1, 10, "a", SnapshotStatus::Completed)];
    let after = vec![snap(1, 10, "a", SnapshotStatus::Failed)];
    assert_eq!(finished_between(before, after), vec![]);
}

#[test]
fn restore_finishing_is_announced_with_the_new_status() {
    let restore = |status| Finished::Restore {
        server: ServerRef {
            id: 12345,
            name: "web-server-01".to_owned(),
        },
        status,
    };
    assert_eq!(
        restore(ServerStatus::Stopped).message(Locale::En),
        "web-server-01 has been restored and is stopped."
    );
    assert_eq!(
        restore(ServerStatus::Active).message(Locale::En),
        "web-server-01 has been restored and is running."
    );
    assert_eq!(
        restore(ServerStatus::Active).message(Locale::PtBr),
        "web-server-01 foi restaurado e está com status em execução."
    );
    let unnamed = Finished::Restore {
        server: ServerRef {
            id: 7,
            name: String::new(),
        },
        status: ServerStatus::Stopped,
    };
    assert_eq!(
        unnamed.message(Locale::PtBr),
        "Servidor 7 foi restaurado e está com status parado."
    );
}

#[test]
fn restore_not_finished_or_never_started_is_not_announced() {
    let mut store = Store::default();
    store.load(
        Loaded {
            snapshots: vec![],
            servers: Some(vec![server(1, "a", ServerStatus::Restoring)]),
            asked_at_ms: Some(0.0),
        },
        None,
        0.0,
    );
    assert_eq!(
        store.update_server(server(1, "a", ServerStatus::Restoring), Some(1.0), 1.0),
        vec![],
        "still restoring"
    );
    let mut store = Store::default();
    store.load(
        Loaded {
            snapshots: vec![],
            servers: Some(vec![server(1, "a", ServerStatus::Stopped)]),
            asked_at_ms: Some(0.0),
        },
        None,
        0.0,
    );
    assert_eq!(
        store.update_server(server(1, "a", ServerStatus::Active), Some(1.0), 1.0),
        vec![],
        "was not restoring"
    );
}

// ----- overdue and progress -------------------------------------------------------------------

#[test]
fn overdue_only_past_the_longest_estimate() {
    assert!(!is_overdue(0, CREATE_EXPECTED_SECS));
    assert!(
        !is_overdue(600, CREATE_EXPECTED_SECS),
        "exactly 10 minutes is not late"
    );
    assert!(is_overdue(601, CREATE_EXPECTED_SECS));
    assert!(!is_overdue(900, RESTORE_EXPECTED_SECS));
    assert!(is_overdue(901, RESTORE_EXPECTED_SECS));
}

#[test]
fn a_job_found_running_has_run_at_least_as_long_as_it_was_seen() {
    assert_eq!(
        progress_note_at_least(Locale::En, 65, RESTORE_EXPECTED_SECS),
        "at least 1:05 elapsed, usually 5–15 minutes"
    );
    assert_eq!(
        progress_note_at_least(Locale::PtBr, 901, RESTORE_EXPECTED_SECS),
        "pelo menos 15:01 decorridos: está demorando mais que os 5–15 minutos de costume. Ainda verificando."
    );
}

#[test]
fn progress_note_text() {
    assert_eq!(
        progress_note(Locale::En, 0, CREATE_EXPECTED_SECS),
        "0:00 elapsed, usually 3–10 minutes"
    );
    assert_eq!(
        progress_note(Locale::En, 65, CREATE_EXPECTED_SECS),
        "1:05 elapsed, usually 3–10 minutes"
    );
    assert_eq!(
        progress_note(Locale::En, 600, CREATE_EXPECTED_SECS),
        "10:00 elapsed, usually 3–10 minutes"
    );
    assert_eq!(
        progress_note(Locale::En, 601, CREATE_EXPECTED_SECS),
        "10:01 elapsed: taking longer than the usual 3–10 minutes. Still checking."
    );
    assert_eq!(
        progress_note(Locale::En, 245, RESTORE_EXPECTED_SECS),
        "4:05 elapsed, usually 5–15 minutes"
    );
    assert_eq!(
        progress_note(Locale::En, 3729, RESTORE_EXPECTED_SECS),
        "1:02:09 elapsed: taking longer than the usual 5–15 minutes. Still checking."
    );
    assert_eq!(
        progress_note(Locale::PtBr, 245, RESTORE_EXPECTED_SECS),
        "4:05 decorridos, normalmente 5–15 minutos"
    );
    assert_eq!(
        progress_note(Locale::PtBr, 601, CREATE_EXPECTED_SECS),
        "10:01 decorridos: está demorando mais que os 3–10 minutos de costume. Ainda verificando."
    );
}
