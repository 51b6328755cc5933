#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The data layer's pure parts: what each answer does to the store, which server is checked
//! when, which reads are tried again, how paged lists are read, and the restore phrase.

use snapshot_core::format::display_name;
use snapshot_core::listing::{pages_after_first, Listed, Listing, MAX_COUNTED_PAGES};
use snapshot_core::model::ServerRef;
use snapshot_core::poll::{
    job_interval_ms, Job, JobKind, Pace, PollState, BACKOFF_UNIT_MS, OVERDUE_INTERVAL_MS,
    WINDOW_INTERVAL_MS,
};
use snapshot_core::response::Page;
use snapshot_core::retry::{read_retry_delay_ms, MAX_RETRY_WAIT_MS};
use snapshot_core::rules::{confirms_restore, restore_phrase, strays_from_phrase};
use snapshot_core::screen::{matches_filter, normalize_filter, oldest_of};
use snapshot_core::store::{Event, Loaded, RestoreClock, Store, READ_LAG_MS};
use snapshot_core::Locale;
use snapshot_core::{
    ApiError, NoAnswer, Server, ServerStatus, Snapshot, SnapshotStatus, Unconfirmed,
};

fn snap(id: u64, server_id: u64, status: SnapshotStatus, created_at: &str) -> Snapshot {
    Snapshot {
        id,
        server: ServerRef {
            id: server_id,
            name: format!("server-{server_id}"),
        },
        name: format!("snap-{id}"),
        status,
        size_mb: None,
        created_at: created_at.to_owned(),
        description: None,
    }
}

fn server(id: u64, status: ServerStatus) -> Server {
    Server {
        status,
        ..Server::placeholder(id, format!("server-{id}"))
    }
}

fn ids(store: &Store) -> Vec<u64> {
    store.snapshots().iter().map(|s| s.id).collect()
}

const T1: &str = "2025-01-15T10:00:00Z";
const T2: &str = "2025-01-15T11:00:00Z";
const T3: &str = "2025-01-15T12:00:00Z";

fn loaded_store() -> Store {
    let mut store = Store::default();
    let events = store.load(
        Loaded {
            snapshots: vec![
                snap(1, 10, SnapshotStatus::Completed, T1),
                snap(3, 20, SnapshotStatus::InProgress, T3),
                snap(2, 10, SnapshotStatus::Completed, T2),
                snap(2, 10, SnapshotStatus::Completed, T2),
            ],
            servers: Some(vec![
                server(20, ServerStatus::Active),
                server(10, ServerStatus::Stopped),
            ]),
            asked_at_ms: Some(0.0),
        },
        None,
        0.0,
    );
    assert!(events.is_empty(), "a first load announces nothing");
    store
}

// ----- Store ------------------------------------------------------------------------------------

/// Server `id` shows restoring, followed since `since_ms`, and is a job to poll.
fn assert_restoring(store: &Store, id: u64, since_ms: f64) {
    assert_eq!(
        store.server(id).map(|s| s.status.clone()),
        Some(ServerStatus::Restoring)
    );
    assert_eq!(store.restore_clock(id).map(|c| c.since_ms), Some(since_ms));
    assert!(store
        .jobs()
        .iter()
        .any(|j| j.server_id == id && j.kind == JobKind::Restoring));
}

#[test]
fn a_load_sorts_newest_first_keeps_each_id_once_and_orders_servers() {
    let store = loaded_store();
    assert_eq!(ids(&store), [3, 2, 1]);
    assert_eq!(
        store.servers().iter().map(|s| s.id).collect::<Vec<_>>(),
        [10, 20]
    );
    assert!(store.servers_listed());
    assert_eq!(oldest_of(store.snapshots(), 10).map(|s| s.id), Some(1));
}

#[test]
fn without_the_servers_endpoint_the_snapshots_name_the_servers() {
    let mut store = Store::default();
    store.load(
        Loaded {
            snapshots: vec![snap(1, 10, SnapshotStatus::Completed, T1)],
            servers: None,
            asked_at_ms: Some(0.0),
        },
        None,
        0.0,
    );
    assert!(!store.servers_listed());
    assert_eq!(store.servers().len(), 1);
    assert_eq!(store.servers()[0].name, "server-10");
}

#[test]
fn a_snapshot_that_completes_is_announced_once() {
    let mut store = loaded_store();
    let fresh = vec![snap(3, 20, SnapshotStatus::Completed, T3)];
    let events = store.update_snapshots_of(20, fresh.clone(), Some(1_000.0), 1_000.0);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].message(Locale::En),
        "Snapshot snap-3 of server-20 is ready."
    );
    assert!(store
        .update_snapshots_of(20, fresh, Some(2_000.0), 2_000.0)
        .is_empty());
}

#[test]
fn an_older_read_of_a_servers_snapshots_does_not_undo_a_newer_one() {
    let mut store = loaded_store();
    let status_of_3 = |store: &Store| {
        store
            .snapshots()
            .iter()
            .find(|s| s.id == 3)
            .map(|s| s.status.clone())
    };
    // A re-read after a create whose answer was lost, asked for at 2 s, finds 3 completed...
    let events = store.update_snapshots_of(
        20,
        vec![snap(3, 20, SnapshotStatus::Completed, T3)],
        Some(2_000.0),
        2_500.0,
    );
    assert_eq!(events.len(), 1);
    // ...then a poll asked for at 1 s answers with it still in progress: older news.
    let events = store.update_snapshots_of(
        20,
        vec![snap(3, 20, SnapshotStatus::InProgress, T3)],
        Some(1_000.0),
        2_600.0,
    );
    assert_eq!(events, vec![], "not announced again later");
    assert_eq!(status_of_3(&store), Some(SnapshotStatus::Completed));

    // A load asked for at 1.5 s is older for server 20, which keeps its list, and news for
    // the others.
    store.load(
        Loaded {
            snapshots: vec![
                snap(1, 10, SnapshotStatus::Completed, T1),
                snap(4, 10, SnapshotStatus::Completed, T2),
                snap(3, 20, SnapshotStatus::InProgress, T3),
            ],
            servers: None,
            asked_at_ms: Some(1_500.0),
        },
        None,
        2_700.0,
    );
    assert_eq!(status_of_3(&store), Some(SnapshotStatus::Completed));
    assert_eq!(ids(&store), [3, 4, 1]);

    // A list asked for after all of them is taken in.
    store.update_snapshots_of(20, vec![], Some(3_000.0), 3_100.0);
    assert_eq!(ids(&store), [4, 1]);
}

#[test]
fn a_poll_of_one_server_leaves_the_others_alone() {
    let mut store = loaded_store();
    store.update_snapshots_of(20, vec![], Some(1_000.0), 1_000.0);
    assert_eq!(ids(&store), [2, 1]);
}

#[test]
fn a_created_snapshot_survives_a_lagging_list_for_a_while() {
    let mut store = loaded_store();
    store.add_created(snap(4, 10, SnapshotStatus::InProgress, T3), 1_000.0);
    store.update_snapshots_of(
        10,
        vec![
            snap(2, 10, SnapshotStatus::Completed, T2),
            snap(1, 10, SnapshotStatus::Completed, T1),
        ],
        Some(2_000.0),
        2_000.0,
    );
    assert!(
        ids(&store).contains(&4),
        "the API's lagging list does not undo it"
    );
    store.update_snapshots_of(
        10,
        vec![],
        Some(1_000.0 + READ_LAG_MS + 1.0),
        1_000.0 + READ_LAG_MS + 1.0,
    );
    assert!(!ids(&store).contains(&4), "long after, the API is believed");
}

#[test]
fn a_deleted_snapshot_stays_off_a_lagging_list() {
    let mut store = loaded_store();
    store.remove_deleted(1, 1_000.0);
    store.load(
        Loaded {
            snapshots: vec![snap(1, 10, SnapshotStatus::Completed, T1)],
            servers: Some(vec![server(10, ServerStatus::Stopped)]),
            asked_at_ms: Some(2_000.0),
        },
        None,
        2_000.0,
    );
    assert!(store.snapshots().is_empty());
}

#[test]
fn a_restore_is_followed_until_the_server_leaves_restoring() {
    let mut store = loaded_store();
    store.mark_restoring(10, 5_000.0);
    assert_eq!(store.restore_clock(10).map(|c| c.since_ms), Some(5_000.0));
    assert!(store
        .jobs()
        .iter()
        .any(|j| j.server_id == 10 && j.kind == JobKind::Restoring));
    assert!(store
        .update_server(server(10, ServerStatus::Restoring), Some(6_000.0), 6_000.0)
        .is_empty());
    let events = store.update_server(server(10, ServerStatus::Active), Some(7_000.0), 7_000.0);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0].message(Locale::En),
        "server-10 has been restored and is running."
    );
    assert!(matches!(&events[0], Event::Restored(s) if s.id == 10));
    assert_eq!(store.restore_clock(10).map(|c| c.since_ms), None);
}

#[test]
fn an_answer_asked_for_before_a_restore_does_not_end_it() {
    // A load asked for at 4 s (the tab came back to the front) is answered after the restore
    // the person confirmed meanwhile was accepted, at 5 s: its "stopped" predates the restore.
    let mut store = loaded_store();
    store.mark_restoring(10, 5_000.0);
    let events = store.load(
        Loaded {
            snapshots: vec![snap(1, 10, SnapshotStatus::Completed, T1)],
            servers: Some(vec![server(10, ServerStatus::Stopped)]),
            asked_at_ms: Some(4_000.0),
        },
        None,
        5_500.0,
    );
    assert_eq!(events, vec![], "no restore is announced");
    assert_restoring(&store, 10, 5_000.0);

    // The same from a poll (or another tab's) asked for before it.
    let events = store.update_server(server(10, ServerStatus::Active), Some(4_900.0), 6_000.0);
    assert_eq!(events, vec![]);
    assert_restoring(&store, 10, 5_000.0);

    // One asked for after it tells its end.
    let events = store.update_server(server(10, ServerStatus::Active), Some(6_000.0), 6_100.0);
    assert!(matches!(&events[..], [Event::Restored(s)] if s.id == 10));
    assert_eq!(store.restore_clock(10).map(|c| c.since_ms), None);
}

#[test]
fn snapshots_of_a_server_the_servers_list_left_out_are_shown_under_it() {
    let mut store = Store::default();
    store.load(
        Loaded {
            snapshots: vec![
                snap(1, 10, SnapshotStatus::Completed, T1),
                snap(2, 30, SnapshotStatus::Completed, T2),
            ],
            servers: Some(vec![
                server(10, ServerStatus::Active),
                server(20, ServerStatus::Active),
            ]),
            asked_at_ms: Some(0.0),
        },
        None,
        0.0,
    );
    let servers: Vec<(u64, String)> = store
        .servers()
        .iter()
        .map(|s| (s.id, s.name.clone()))
        .collect();
    assert_eq!(
        servers,
        [
            (10, "server-10".to_owned()),
            (20, "server-20".to_owned()),
            (30, "server-30".to_owned())
        ]
    );
    assert_eq!(ids(&store), [2, 1]);
}

#[test]
fn a_read_that_still_shows_the_server_as_before_the_restore_does_not_end_it() {
    // A read replica behind the write: asked for after the restore was accepted, it answers
    // the server's record from before it (its last change unchanged), still "active".
    let changed = |status, at: &str| Server {
        updated_at: Some(at.to_owned()),
        ..server(10, status)
    };
    let mut store = loaded_store();
    store.update_server(
        changed(ServerStatus::Active, "2026-12-07T10:00:00Z"),
        Some(1_000.0),
        1_000.0,
    );
    store.mark_restoring(10, 5_000.0);
    let events = store.update_server(
        changed(ServerStatus::Active, "2026-12-07T10:00:00Z"),
        Some(6_500.0),
        6_500.0,
    );
    assert_eq!(events, vec![], "no restore is announced");
    assert_restoring(&store, 10, 5_000.0);
    // The same from a full load.
    let events = store.load(
        Loaded {
            snapshots: vec![snap(1, 10, SnapshotStatus::Completed, T1)],
            servers: Some(vec![changed(ServerStatus::Active, "2026-12-07T10:00:00Z")]),
            asked_at_ms: Some(7_000.0),
        },
        None,
        7_500.0,
    );
    assert_eq!(events, vec![]);
    assert_restoring(&store, 10, 5_000.0);

    // The record the restore changed: it started, and ended.
    let mut ended = store.clone();
    let events = ended.update_server(
        changed(ServerStatus::Active, "2026-12-07T10:09:00Z"),
        Some(8_000.0),
        8_000.0,
    );
    assert!(matches!(&events[..], [Event::Restored(s)] if s.id == 10));

    // An API whose restores leave `updated_at` as it was is believed once a lagging read
    // would have caught up.
    let events = store.update_server(
        changed(ServerStatus::Active, "2026-12-07T10:00:00Z"),
        Some(65_500.0),
        65_500.0,
    );
    assert!(matches!(&events[..], [Event::Restored(s)] if s.id == 10));
}

#[test]
fn a_load_whose_servers_read_failed_does_not_end_a_restore() {
    // The snapshots were read, the servers endpoint was not (a 403, a 502, a timeout): the
    // servers named by the snapshots carry no status, which is no news of the restore.
    let mut store = loaded_store();
    store.mark_restoring(10, 5_000.0);
    let events = store.load(
        Loaded {
            snapshots: vec![snap(1, 10, SnapshotStatus::Completed, T1)],
            servers: None,
            asked_at_ms: Some(6_000.0),
        },
        None,
        6_500.0,
    );
    assert_eq!(events, vec![], "no restore is announced");
    assert_restoring(&store, 10, 5_000.0);

    // A server record without a status says nothing of it either.
    let events = store.update_server(server(10, ServerStatus::Unknown), Some(7_000.0), 7_000.0);
    assert_eq!(events, vec![]);
    assert_restoring(&store, 10, 5_000.0);

    // The next record that tells a status ends it.
    let events = store.update_server(server(10, ServerStatus::Active), Some(8_000.0), 8_000.0);
    assert!(matches!(&events[..], [Event::Restored(s)] if s.id == 10));
}

#[test]
fn a_load_whose_servers_read_failed_keeps_what_was_known_of_them() {
    let mut store = loaded_store();
    let events = store.load(
        Loaded {
            snapshots: vec![snap(1, 10, SnapshotStatus::Completed, T1)],
            servers: None,
            asked_at_ms: Some(6_000.0),
        },
        None,
        6_500.0,
    );
    assert_eq!(events, vec![]);
    assert_eq!(
        store.server(10).map(|s| s.status.clone()),
        Some(ServerStatus::Stopped),
        "the status read before is still the best known"
    );
}

#[test]
fn an_older_read_of_a_server_does_not_undo_a_newer_one() {
    // Two reads of a restoring server overlap (this tab's poll, another tab's news): the one
    // asked for later says it ended; the one asked for earlier, answered after it, still says
    // restoring. The restore stays ended, and is announced once.
    let mut store = loaded_store();
    store.mark_restoring(10, 5_000.0);
    let events = store.update_server(server(10, ServerStatus::Active), Some(9_000.0), 9_100.0);
    assert!(matches!(&events[..], [Event::Restored(s)] if s.id == 10));
    let events = store.update_server(server(10, ServerStatus::Restoring), Some(8_000.0), 9_200.0);
    assert_eq!(events, vec![]);
    assert_eq!(
        store.server(10).map(|s| s.status.clone()),
        Some(ServerStatus::Active)
    );
    assert_eq!(store.restore_clock(10), None);
    assert!(store.jobs().iter().all(|j| j.kind != JobKind::Restoring));

    // A full load asked for before that read keeps the newer record too.
    let events = store.load(
        Loaded {
            snapshots: vec![snap(1, 10, SnapshotStatus::Completed, T1)],
            servers: Some(vec![server(10, ServerStatus::Restoring)]),
            asked_at_ms: Some(8_500.0),
        },
        None,
        9_300.0,
    );
    assert_eq!(events, vec![]);
    assert_eq!(
        store.server(10).map(|s| s.status.clone()),
        Some(ServerStatus::Active)
    );
    assert_eq!(store.restore_clock(10), None);
}

#[test]
fn a_server_that_is_gone_is_dropped_with_a_notice() {
    let mut store = loaded_store();
    store.mark_restoring(20, 0.0);
    let events = store.remove_server(20);
    assert_eq!(
        events,
        [Event::ServerGone(ServerRef {
            id: 20,
            name: "server-20".to_owned()
        })]
    );
    assert_eq!(ids(&store), [2, 1]);
    assert!(store.jobs().iter().all(|j| j.server_id != 20));
    assert!(store.server(20).is_none());
}

#[test]
fn jobs_are_one_per_server_and_kind() {
    let mut store = loaded_store();
    store.add_created(snap(5, 20, SnapshotStatus::InProgress, T2), 0.0);
    let jobs = store.jobs();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].server_id, 20);
    assert_eq!(jobs[0].kind, JobKind::Creating);
    // Since the oldest snapshot in progress: 11:00.
    assert_eq!(jobs[0].since_ms, Some(1_736_938_800_000.0));
}

#[test]
fn a_server_without_a_name_is_read_by_its_id() {
    assert_eq!(display_name(Locale::En, "", 12345), "Server 12345");
    assert_eq!(display_name(Locale::En, "  ", 7), "Server 7");
    assert_eq!(display_name(Locale::En, "web", 7), "web");
    assert_eq!(display_name(Locale::PtBr, "", 7), "Servidor 7");
}

// ----- PollState ----------------------------------------------------------------------------

fn job(server_id: u64, kind: JobKind) -> Job {
    Job {
        server_id,
        kind,
        since_ms: Some(0.0),
    }
}

#[test]
fn one_failing_server_backs_off_alone() {
    let mut poll = PollState::new(Pace::Every(BACKOFF_UNIT_MS));
    poll.follow(
        &[job(1, JobKind::Restoring), job(2, JobKind::Creating)],
        0.0,
    );
    let first = BACKOFF_UNIT_MS as f64;
    assert!(poll.due(first - 1.0).is_empty());
    assert_eq!(poll.due(first).len(), 2);
    poll.failed(1, JobKind::Restoring, first, None, 0.5);
    poll.failed(1, JobKind::Restoring, first, None, 0.5);
    poll.succeeded(2, JobKind::Creating, first);
    let next = first + BACKOFF_UNIT_MS as f64;
    let due: Vec<u64> = poll.due(next).iter().map(|j| j.server_id).collect();
    assert_eq!(due, [2], "the healthy server keeps its pace");
    assert!(poll.has_failures());
    assert_eq!(poll.failures(1, JobKind::Restoring), 2);
    poll.succeeded(1, JobKind::Restoring, next);
    assert!(!poll.has_failures());
    poll.failed(2, JobKind::Creating, next, None, 0.5);
    poll.all_succeeded(next);
    assert!(!poll.has_failures(), "a full load ends every backoff");
    assert_eq!(poll.next_due_ms(), Some(next + BACKOFF_UNIT_MS as f64));
}

#[test]
fn a_retry_after_holds_every_server_not_only_the_one_refused() {
    // Two servers creating; the API answers one check with 429 and Retry-After: 60. The
    // other, due 5 s later, waits too, and so does a tab coming back to the front.
    let mut poll = PollState::new(Pace::Every(BACKOFF_UNIT_MS));
    poll.follow(&[job(1, JobKind::Creating)], 0.0);
    poll.follow(
        &[job(1, JobKind::Creating), job(2, JobKind::Creating)],
        5_000.0,
    );
    poll.failed(1, JobKind::Creating, 5_000.0, Some(60), 0.5);
    assert!(poll.is_quiet_at(64_999.0));
    assert!(
        poll.due(10_000.0).is_empty(),
        "server 2 is not asked either"
    );
    assert_eq!(poll.next_due_ms(), Some(65_000.0));
    poll.all_due(30_000.0);
    assert!(poll.due(30_000.0).is_empty());
    let due: Vec<u64> = poll.due(65_000.0).iter().map(|j| j.server_id).collect();
    assert_eq!(due, [2, 1], "both, the one the tab made due first");
    assert!(!poll.is_quiet_at(65_000.0));

    // A full load refused the same way holds the polls as well.
    poll.keep_quiet(70_000.0, 30);
    assert!(poll.due(99_999.0).is_empty());
    assert_eq!(poll.next_due_ms(), Some(100_000.0));
}

#[test]
fn ended_jobs_are_forgotten_and_a_tab_coming_back_checks_at_once() {
    let mut poll = PollState::new(Pace::Every(BACKOFF_UNIT_MS));
    poll.follow(&[job(1, JobKind::Creating), job(2, JobKind::Creating)], 0.0);
    poll.follow(&[job(2, JobKind::Creating)], 100.0);
    poll.all_due(200.0);
    let due: Vec<u64> = poll.due(200.0).iter().map(|j| j.server_id).collect();
    assert_eq!(due, [2]);
    poll.follow(&[], 300.0);
    assert!(poll.is_idle());
    assert_eq!(poll.next_due_ms(), None);
}

/// The times (s since the job started) at which a job that started at 0 and is followed from
/// `first_seen_s` on is checked, up to `until_s`, each check answered at once.
fn checks(kind: JobKind, since_ms: Option<f64>, first_seen_s: f64, until_s: f64) -> Vec<f64> {
    let mut poll = PollState::default();
    let job = Job {
        server_id: 1,
        kind,
        since_ms,
    };
    poll.follow(&[job], first_seen_s * 1000.0);
    let mut times = Vec::new();
    while let Some(due) = poll.next_due_ms().filter(|due| *due <= until_s * 1000.0) {
        times.push(due / 1000.0);
        poll.succeeded(1, kind, due);
    }
    times
}

#[test]
fn a_create_is_checked_rarely_for_its_first_three_minutes_then_every_8_s() {
    let times = checks(JobKind::Creating, Some(0.0), 0.0, 205.0);
    assert_eq!(times, [30.0, 90.0, 180.0, 188.0, 196.0, 204.0]);
    let times = checks(JobKind::Restoring, Some(0.0), 0.0, 317.0);
    assert_eq!(times, [50.0, 150.0, 300.0, 308.0, 316.0]);
}

#[test]
fn a_ten_minute_create_costs_at_most_six_checks_a_minute() {
    let times = checks(JobKind::Creating, Some(0.0), 0.0, 600.0);
    assert_eq!(times.len(), 55, "{times:?}");
    assert!(times.len() as f64 / 10.0 <= 6.0);
    // A fixed 5 s pace would have cost 120.
    let fixed = 600_000 / BACKOFF_UNIT_MS;
    assert_eq!(fixed, 120);
    let restore = checks(JobKind::Restoring, Some(0.0), 0.0, 900.0);
    assert!(restore.len() as f64 / 15.0 <= 6.0, "{}", restore.len());
}

#[test]
fn a_job_that_ends_inside_its_window_is_seen_within_10_s() {
    for (kind, (low, high)) in [
        (JobKind::Creating, JobKind::Creating.expected_secs()),
        (JobKind::Restoring, JobKind::Restoring.expected_secs()),
    ] {
        let times = checks(kind, Some(0.0), 0.0, high as f64 + 10.0);
        for end in low..=high {
            let end = end as f64;
            let seen = times.iter().copied().find(|t| *t >= end);
            assert!(
                seen.is_some_and(|t| t - end <= 8.0),
                "{kind:?} ending at {end} s was first checked at {seen:?}"
            );
        }
    }
}

#[test]
fn a_job_already_in_its_window_when_the_panel_opens_is_checked_every_8_s() {
    let times = checks(JobKind::Creating, Some(0.0), 240.0, 265.0);
    assert_eq!(times, [248.0, 256.0, 264.0]);
}

#[test]
fn a_job_far_past_its_estimate_is_checked_once_a_minute() {
    let minute = 60_000.0;
    assert_eq!(
        job_interval_ms(JobKind::Creating, Some(19.0 * minute)),
        WINDOW_INTERVAL_MS
    );
    assert_eq!(
        job_interval_ms(JobKind::Creating, Some(21.0 * minute)),
        OVERDUE_INTERVAL_MS
    );
    assert_eq!(
        job_interval_ms(JobKind::Restoring, Some(29.0 * minute)),
        WINDOW_INTERVAL_MS
    );
    assert_eq!(
        job_interval_ms(JobKind::Restoring, Some(31.0 * minute)),
        OVERDUE_INTERVAL_MS
    );
    let mut poll = PollState::default();
    poll.follow(&[job(1, JobKind::Creating)], 25.0 * minute);
    assert_eq!(poll.next_due_ms(), Some(26.0 * minute));
}

#[test]
fn a_job_whose_start_is_unknown_is_checked_every_8_s() {
    assert_eq!(
        job_interval_ms(JobKind::Restoring, None),
        WINDOW_INTERVAL_MS
    );
    assert_eq!(
        job_interval_ms(JobKind::Creating, Some(f64::NAN)),
        WINDOW_INTERVAL_MS
    );
    let times = checks(JobKind::Restoring, None, 100.0, 125.0);
    assert_eq!(times, [108.0, 116.0, 124.0]);
}

#[test]
fn a_start_in_the_future_counts_as_now_so_a_skewed_clock_never_delays_a_check() {
    // The API's clock is 10 minutes ahead: the job seems to start at 600 s, seen at 0 s.
    let times = checks(JobKind::Creating, Some(600_000.0), 0.0, 95.0);
    assert_eq!(times, [30.0, 90.0]);
    // A start that goes back in time (an older snapshot of the server is found in progress)
    // is taken, making checks sooner.
    let mut poll = PollState::default();
    poll.follow(&[job(1, JobKind::Creating)], 0.0);
    let older = Job {
        since_ms: Some(-200_000.0),
        ..job(1, JobKind::Creating)
    };
    poll.follow(&[older], 1_000.0);
    poll.succeeded(1, JobKind::Creating, 1_000.0);
    assert_eq!(
        poll.next_due_ms(),
        Some(1_000.0 + WINDOW_INTERVAL_MS as f64)
    );
}

#[test]
fn a_fixed_pace_checks_at_that_pace_however_long_the_job_has_run() {
    let mut poll = PollState::new(Pace::Every(5_000));
    poll.follow(&[job(1, JobKind::Creating)], 0.0);
    assert_eq!(poll.next_due_ms(), Some(5_000.0));
    poll.succeeded(1, JobKind::Creating, 2_000_000.0);
    assert_eq!(poll.next_due_ms(), Some(2_005_000.0));
    // Never more often than once a second.
    let mut poll = PollState::new(Pace::Every(10));
    poll.follow(&[job(1, JobKind::Creating)], 0.0);
    assert_eq!(poll.next_due_ms(), Some(1_000.0));
}

#[test]
fn a_restore_the_panel_sent_starts_its_schedule_and_one_found_running_does_not() {
    let mut store = loaded_store();
    store.mark_restoring(10, 5_000.0);
    let sent = store
        .jobs()
        .into_iter()
        .find(|j| j.kind == JobKind::Restoring);
    assert_eq!(sent.and_then(|j| j.since_ms), Some(5_000.0));

    let mut store = loaded_store();
    store.update_server(server(10, ServerStatus::Restoring), Some(6_000.0), 6_000.0);
    let found = store
        .jobs()
        .into_iter()
        .find(|j| j.kind == JobKind::Restoring);
    assert!(found.is_some());
    assert_eq!(found.and_then(|j| j.since_ms), None);
    // On screen it has run at least since the panel first saw it, not for that long.
    assert_eq!(store.restore_clock(10).map(|c| c.since_ms), Some(6_000.0));
    assert_eq!(
        store.restore_clock(10),
        Some(RestoreClock {
            since_ms: 6_000.0,
            start_known: false
        })
    );
    let mut sent = loaded_store();
    sent.mark_restoring(10, 5_000.0);
    assert_eq!(sent.restore_clock(10).map(|c| c.start_known), Some(true));
}

#[test]
fn a_restore_found_running_has_run_at_least_since_its_server_last_changed() {
    // 2025-01-15T18:00:00Z, and five minutes later.
    let changed_ms = 1_736_964_000_000.0;
    let seen_ms = changed_ms + 300_000.0;
    let found = |updated_at: &str, now_ms: f64| {
        let mut store = loaded_store();
        let restoring = Server {
            updated_at: Some(updated_at.to_owned()),
            ..server(10, ServerStatus::Restoring)
        };
        store.update_server(restoring, Some(now_ms), now_ms);
        store.restore_clock(10)
    };
    let at_least_since = |since_ms| {
        Some(RestoreClock {
            since_ms,
            start_known: false,
        })
    };
    assert_eq!(
        found("2025-01-15T18:00:00Z", seen_ms),
        at_least_since(changed_ms)
    );
    // An API clock ahead of the browser's puts nothing in the future.
    assert_eq!(
        found("2025-01-15T18:00:00Z", changed_ms - 60_000.0),
        at_least_since(changed_ms - 60_000.0)
    );
    // Without a readable time of change, it has run at least since the panel saw it.
    assert_eq!(found("yesterday", seen_ms), at_least_since(seen_ms));

    // Once followed, a later change of the server does not move its clock.
    let mut store = loaded_store();
    let restoring = |updated_at: &str| Server {
        updated_at: Some(updated_at.to_owned()),
        ..server(10, ServerStatus::Restoring)
    };
    store.update_server(restoring("2025-01-15T18:00:00Z"), Some(seen_ms), seen_ms);
    store.update_server(
        restoring("2025-01-15T18:04:00Z"),
        Some(seen_ms + 5_000.0),
        seen_ms + 5_000.0,
    );
    assert_eq!(store.restore_clock(10), at_least_since(changed_ms));
}

// ----- read retries ---------------------------------------------------------------------------

fn server_error(status: u16) -> ApiError {
    ApiError::Server {
        status,
        detail: None,
    }
}

#[test]
fn transient_read_failures_are_retried_three_times() {
    for error in [
        server_error(502),
        server_error(503),
        server_error(504),
        ApiError::Network,
        ApiError::Timeout,
        ApiError::RateLimited {
            retry_after_secs: None,
        },
        ApiError::Malformed {
            status: 200,
            excerpt: String::new(),
        },
    ] {
        for retry in 1..=3 {
            assert!(
                read_retry_delay_ms(retry, &error, None, 0.5).is_some(),
                "{error:?}"
            );
        }
        assert_eq!(read_retry_delay_ms(4, &error, None, 0.5), None, "{error:?}");
        assert_eq!(read_retry_delay_ms(0, &error, None, 0.5), None, "{error:?}");
    }
}

#[test]
fn refusals_and_the_apis_own_bugs_are_not_retried() {
    for error in [
        ApiError::Unauthorized,
        ApiError::Forbidden { detail: None },
        ApiError::NotFound { detail: None },
        server_error(500),
        ApiError::Offline,
        ApiError::Malformed {
            status: 500,
            excerpt: String::new(),
        },
        ApiError::Rejected {
            status: 400,
            detail: None,
        },
    ] {
        assert_eq!(read_retry_delay_ms(1, &error, None, 0.5), None, "{error:?}");
    }
}

#[test]
fn the_wait_doubles_with_jitter() {
    let error = ApiError::Network;
    let at = |retry, jitter| read_retry_delay_ms(retry, &error, None, jitter).unwrap();
    assert_eq!(at(1, 0.5), 400);
    assert_eq!(at(2, 0.5), 800);
    assert_eq!(at(3, 0.5), 1600);
    assert_eq!(at(1, 0.0), 300);
    assert_eq!(at(1, 1.0), 500);
    assert_eq!(at(1, f64::NAN), 400);
    assert_eq!(at(1, 9.0), 500);
}

#[test]
fn retry_after_is_honoured_on_429_and_503_and_too_long_a_wait_gives_up() {
    let limited = ApiError::RateLimited {
        retry_after_secs: Some(2),
    };
    assert_eq!(read_retry_delay_ms(1, &limited, None, 0.5), Some(2_000));
    assert_eq!(
        read_retry_delay_ms(1, &server_error(503), Some(3), 0.5),
        Some(3_000)
    );
    assert_eq!(
        read_retry_delay_ms(1, &server_error(502), Some(3), 0.5),
        Some(400)
    );
    let long = MAX_RETRY_WAIT_MS / 1000 + 1;
    assert_eq!(
        read_retry_delay_ms(1, &server_error(503), Some(long), 0.5),
        None
    );
}

// ----- outcomes of changes ----------------------------------------------------------------------

#[test]
fn a_missing_answer_is_told_apart_from_a_refusal() {
    for (error, why) in [
        // The API goes on without the connection.
        (ApiError::Network, NoAnswer::Lost),
        (
            ApiError::Malformed {
                status: 201,
                excerpt: String::new(),
            },
            NoAnswer::Lost,
        ),
        // Nobody waited long enough: the API may still be at it.
        (ApiError::Timeout, NoAnswer::Late),
        (server_error(504), NoAnswer::Late),
        // Django without ATOMIC_REQUESTS keeps what a view saved before it failed; a proxy's
        // 502 says the API died on it.
        (server_error(500), NoAnswer::Failed(500)),
        (server_error(502), NoAnswer::Failed(502)),
    ] {
        assert_eq!(error.no_answer(), Some(why), "{error:?}");
    }
    for error in [
        server_error(503),
        ApiError::Offline,
        ApiError::NotFound { detail: None },
        ApiError::RateLimited {
            retry_after_secs: None,
        },
        ApiError::Malformed {
            status: 500,
            excerpt: String::new(),
        },
    ] {
        assert_eq!(error.no_answer(), None, "{error:?}");
    }
}

#[test]
fn a_refusal_for_what_the_api_holds_now_shows_the_page_is_out_of_date() {
    for error in [
        ApiError::NotFound { detail: None },
        ApiError::LimitReached { detail: None },
        ApiError::Rejected {
            status: 400,
            detail: Some("Server is not in a valid state for restoration.".to_owned()),
        },
        ApiError::Validation(Default::default()),
    ] {
        assert!(error.shows_a_stale_view(), "{error:?}");
    }
    for error in [
        ApiError::Unauthorized,
        ApiError::Forbidden { detail: None },
        ApiError::RateLimited {
            retry_after_secs: Some(3),
        },
        server_error(500),
        ApiError::Network,
        ApiError::Timeout,
    ] {
        assert!(!error.shows_a_stale_view(), "{error:?}");
    }
}

#[test]
fn what_the_api_shows_after_a_missing_answer_is_said_plainly() {
    let said = |why, u: Unconfirmed| ApiError::Unconfirmed(why, u).action_message(Locale::En);
    let not_created = || Unconfirmed::NotCreated {
        name: "nightly".into(),
        server: "web-server-01".into(),
    };
    // An API that failed on it does nothing more: what the list shows is the end of it.
    assert_eq!(
        said(NoAnswer::Failed(500), not_created()),
        "The API failed while answering (HTTP 500). The list of web-server-01 shows no new nightly, so it was not created. You can try again."
    );
    assert_eq!(
        said(NoAnswer::Failed(502), not_created()),
        "The API failed while answering (HTTP 502). The list of web-server-01 shows no new nightly, so it was not created. You can try again."
    );
    // After a wait that ran out, or a connection that broke, the API may still make the
    // change: the panel does not say it was not made.
    assert_eq!(
        said(NoAnswer::Late, not_created()),
        "The API didn't answer in time. The list of web-server-01 doesn't show nightly yet, but the API may still create it. You can try again: the panel will look for it first, and send it only if it still isn't there."
    );
    assert_eq!(
        said(NoAnswer::Lost, not_created()),
        "The API's answer was lost on the way. The list of web-server-01 doesn't show nightly yet, but the API may still create it. You can try again: the panel will look for it first, and send it only if it still isn't there."
    );
    let not_restored = || Unconfirmed::NotRestored {
        server: "web-server-01".into(),
        status: "active".into(),
    };
    assert!(said(NoAnswer::Failed(502), not_restored())
        .contains("web-server-01 is active, not restoring, so the restore did not start"));
    assert!(said(NoAnswer::Late, not_restored()).contains(
        "web-server-01 is active, not restoring, but the API may still start the restore"
    ));
    let not_deleted = || Unconfirmed::NotDeleted {
        name: "nightly".into(),
    };
    assert!(said(NoAnswer::Failed(500), not_deleted())
        .contains("nightly is still listed, so it was not deleted"));
    assert!(said(NoAnswer::Lost, not_deleted())
        .contains("nightly is still listed, but the API may still delete it"));
    assert_eq!(
        said(NoAnswer::Lost, Unconfirmed::Unchecked),
        "The API's answer was lost on the way. The panel couldn't check what happened either. You can try again: the panel will look first, so that nothing is done twice."
    );
    // Every one of them in Portuguese too, none falling back to English.
    for why in [NoAnswer::Lost, NoAnswer::Late, NoAnswer::Failed(500)] {
        for seen in [
            not_created(),
            not_restored(),
            not_deleted(),
            Unconfirmed::Unchecked,
        ] {
            let pt = ApiError::Unconfirmed(why, seen).action_message(Locale::PtBr);
            assert!(pt.contains("Você pode tentar de novo"), "{pt}");
        }
    }
}

// ----- paged lists ------------------------------------------------------------------------------

fn page(ids: &[u64], next: Option<&str>) -> Page<Snapshot> {
    Page {
        items: ids
            .iter()
            .map(|id| snap(*id, 10, SnapshotStatus::Completed, T1))
            .collect(),
        next: next.map(str::to_owned),
        count: None,
        skipped: 1,
    }
}

fn read_all(pages: &[(&[u64], Option<&str>)], cap: usize) -> Listed<Snapshot> {
    let mut listing = Listing::new("p1", cap);
    for (ids, next) in pages {
        if listing
            .add(page(ids, *next), next.map(str::to_owned))
            .is_none()
        {
            break;
        }
    }
    listing.finish()
}

#[test]
fn an_id_on_two_pages_is_kept_once() {
    let listed = read_all(&[(&[5, 4, 3], Some("p2")), (&[3, 2, 1], None)], 50);
    let ids: Vec<u64> = listed.items.iter().map(|s| s.id).collect();
    assert_eq!(ids, [5, 4, 3, 2, 1]);
    assert_eq!(listed.skipped, 2);
    assert!(!listed.incomplete);
}

#[test]
fn a_link_back_to_a_page_already_read_ends_the_list() {
    let mut listing = Listing::new("p1", 50);
    assert_eq!(
        listing.add(page(&[2], Some("p2")), Some("p2".into())),
        Some("p2".into())
    );
    assert_eq!(listing.add(page(&[1], Some("p1")), Some("p1".into())), None);
    let listed = listing.finish();
    assert_eq!(listed.items.len(), 2);
    assert!(!listed.incomplete);
}

/// Reads a list of `per_page` rows a page through a `Listing` capped at `cap` until it stops:
/// each page says the list has `count` rows, and links a next one up to page `last` (forever
/// when `None`). How many pages were read, and the list.
fn read_paged(
    cap: usize,
    count: Option<u64>,
    per_page: u64,
    last: Option<u64>,
) -> (u64, Listed<Snapshot>) {
    let mut listing = Listing::new("p0", cap);
    let mut next = Some("p0".to_owned());
    let mut pages: u64 = 0;
    while next.take().is_some() {
        let first = pages * per_page;
        pages += 1;
        let ids: Vec<u64> = (first..first + per_page).collect();
        let link = last
            .is_none_or(|last| pages < last)
            .then(|| format!("p{pages}"));
        let mut read = page(&ids, link.as_deref());
        read.count = count;
        read.skipped = 0;
        next = listing.add(read, link);
    }
    (pages, listing.finish())
}

#[test]
fn past_the_cap_what_was_read_is_kept_and_marked_incomplete() {
    let (pages, listed) = read_paged(3, None, 1, None);
    assert_eq!(pages, 3);
    assert_eq!(listed.items.len(), 3);
    assert!(listed.incomplete);
}

#[test]
fn a_counted_list_is_read_past_the_cap_to_its_end() {
    // 5,000 snapshots at 20 a page: 250 pages, though no count would stop at the cap of 3.
    let (pages, listed) = read_paged(3, Some(5_000), 20, Some(250));
    assert_eq!(pages, 250);
    assert_eq!(listed.items.len(), 5_000);
    assert!(!listed.incomplete);
}

#[test]
fn a_count_that_never_ends_is_still_capped() {
    let (pages, listed) = read_paged(3, Some(u64::MAX), 1, None);
    assert_eq!(pages, MAX_COUNTED_PAGES as u64);
    assert!(listed.incomplete);
}

// ----- the restore phrase -------------------------------------------------------------------

#[test]
fn the_restore_phrase_is_never_empty() {
    assert_eq!(restore_phrase("web-server-01", 12345), "web-server-01");
    assert_eq!(restore_phrase("", 12345), "12345");
    assert_eq!(restore_phrase("   ", 12345), "12345");
    assert!(!confirms_restore("", ""));
    assert!(!confirms_restore("", &restore_phrase("", 12345)));
    assert!(confirms_restore("12345", &restore_phrase("", 12345)));
    assert!(!confirms_restore("web-server-0", "web-server-01"));
}

#[test]
fn typing_that_cannot_become_the_phrase_is_told_apart_from_typing_not_done_yet() {
    for on_the_way in ["", "w", "web-server-0", "web-server-01"] {
        assert!(
            !strays_from_phrase(on_the_way, "web-server-01"),
            "{on_the_way:?}"
        );
    }
    for astray in [
        "web-server-01 ",
        " web-server-01",
        "Web-Server-01",
        "web-server-02",
        "web-server-011",
    ] {
        assert!(strays_from_phrase(astray, "web-server-01"), "{astray:?}");
    }
}

// ----- the name filter ------------------------------------------------------------------------

#[test]
fn the_filter_matches_anywhere_in_the_name_whatever_the_case() {
    let mut snapshot = snap(1, 1, SnapshotStatus::Completed, "2025-01-15T10:00:00Z");
    snapshot.name = "Pre-Migration_2025".to_owned();
    for typed in [
        "",
        "  ",
        "pre",
        "MIGRATION",
        " ion_20 ",
        "pre-migration_2025",
    ] {
        assert!(
            matches_filter(&snapshot, &normalize_filter(typed)),
            "{typed:?}"
        );
    }
    for typed in ["post", "migration 2025", "prè"] {
        assert!(
            !matches_filter(&snapshot, &normalize_filter(typed)),
            "{typed:?}"
        );
    }
}

#[test]
fn letters_outside_ascii_match_only_as_typed() {
    // The API never sends such a name; one that came anyway is still found by what it holds.
    let mut snapshot = snap(1, 1, SnapshotStatus::Completed, "2025-01-15T10:00:00Z");
    snapshot.name = "café-Ärger".to_owned();
    assert!(!matches_filter(&snapshot, &normalize_filter("CAFÉ")));
    assert!(matches_filter(&snapshot, &normalize_filter("Café-Ä")));
    assert!(!matches_filter(&snapshot, &normalize_filter("ärger")));
}

// ----- reading the pages after the first side by side -----------------------------------------

#[test]
fn numbered_pages_after_the_first_are_planned_from_the_count() {
    assert_eq!(
        pages_after_first("/api/v1/snapshots/?page=2", Some(45), 20),
        Some(vec![
            "/api/v1/snapshots/?page=2".to_owned(),
            "/api/v1/snapshots/?page=3".to_owned(),
        ])
    );
    // The rest of the link is kept as sent, in its order.
    assert_eq!(
        pages_after_first(
            "/api/v1/snapshots/?server_id=7&page=2&flag",
            Some(41 + 20),
            20
        ),
        Some(vec![
            "/api/v1/snapshots/?server_id=7&page=2&flag".to_owned(),
            "/api/v1/snapshots/?server_id=7&page=3&flag".to_owned(),
            "/api/v1/snapshots/?server_id=7&page=4&flag".to_owned(),
        ])
    );
    assert_eq!(
        pages_after_first("/api/v1/servers/?limit=20&offset=20", Some(50), 20),
        Some(vec![
            "/api/v1/servers/?limit=20&offset=20".to_owned(),
            "/api/v1/servers/?limit=20&offset=40".to_owned(),
        ])
    );
    // A thousand servers' snapshots at DRF's 20 a page, capped like a walk.
    let planned = pages_after_first("/s/?page=2", Some(u64::MAX), 20).unwrap();
    assert_eq!(planned.len(), MAX_COUNTED_PAGES - 1);
}

#[test]
fn pages_are_walked_one_by_one_when_the_link_does_not_say_how_they_are_numbered() {
    for (next, count, per_page, why) in [
        ("/s/?cursor=cD0y", Some(100), 20, "a cursor"),
        ("/s/?page=2", None, 20, "no count"),
        ("/s/?page=2", Some(20), 20, "one page by the count"),
        ("/s/?page=3", Some(100), 20, "not the second page"),
        ("/s/?page=2&page=2", Some(100), 20, "the number twice"),
        ("/s/?page=two", Some(100), 20, "not a number"),
        ("/s/?page=2", Some(100), 0, "an empty first page"),
        (
            "/s/?limit=10&offset=20",
            Some(100),
            20,
            "a limit other than the page",
        ),
        (
            "/s/?offset=10",
            Some(100),
            20,
            "an offset other than the page",
        ),
        ("/s/", Some(100), 20, "no query"),
    ] {
        assert_eq!(pages_after_first(next, count, per_page), None, "{why}");
    }
}

#[test]
fn planned_pages_are_read_once_and_within_the_cap() {
    let mut listing = Listing::<Snapshot>::new("p1", 3);
    let planned = listing.plan(vec!["p1".into(), "p2".into(), "p3".into(), "p4".into()]);
    assert_eq!(planned, ["p2", "p3"], "p1 was read; the cap is three pages");
    assert_eq!(listing.follow("p2".into()), None);
    assert!(listing.finish().incomplete);
}
