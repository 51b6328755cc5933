#![allow(clippy::unwrap_used, clippy::indexing_slicing)]
//! Deleting several snapshots at once: the selection, the "select all" box, and the run.

use std::collections::BTreeSet;

use snapshot_core::bulk::{deletable, group_selection, BulkRun, GroupSelection, Outcome};
use snapshot_core::model::ServerRef;
use snapshot_core::{ApiError, Locale, ServerStatus, Snapshot, SnapshotStatus};

fn snap(id: u64, server: u64) -> Snapshot {
    Snapshot {
        id,
        server: ServerRef {
            id: server,
            name: format!("server-{server}"),
        },
        name: format!("snap-{id}"),
        status: SnapshotStatus::Completed,
        size_mb: Some(1024),
        created_at: "2025-01-15T18:30:00Z".to_owned(),
        description: None,
    }
}

fn ids(list: &[Snapshot]) -> Vec<u64> {
    list.iter().map(|s| s.id).collect()
}

#[test]
fn the_selection_never_holds_what_cannot_be_deleted() {
    let all = [snap(3, 10), snap(2, 20), snap(1, 10)];
    let selected: BTreeSet<u64> = [1, 2, 3, 99].into();
    let at_rest = deletable(&selected, &all, |_| ServerStatus::Active);
    assert_eq!(ids(&at_rest), [3, 2, 1], "in the list's order; 99 is gone");
    let restoring = |server| {
        if server == 20 {
            ServerStatus::Restoring
        } else {
            ServerStatus::Stopped
        }
    };
    assert_eq!(ids(&deletable(&selected, &all, restoring)), [3, 1]);
    assert!(deletable(&BTreeSet::new(), &all, |_| ServerStatus::Active).is_empty());
}

#[test]
fn a_servers_box_reads_none_some_or_all() {
    let selected: BTreeSet<u64> = [1, 2].into();
    assert_eq!(group_selection(&selected, &[1, 2]), GroupSelection::All);
    assert_eq!(group_selection(&selected, &[1, 2, 3]), GroupSelection::Some);
    assert_eq!(group_selection(&selected, &[4, 5]), GroupSelection::None);
    assert_eq!(group_selection(&selected, &[]), GroupSelection::None);
}

#[test]
fn a_404_counts_as_gone_and_failures_are_kept_by_name() {
    assert_eq!(Outcome::of(Ok(false)), Outcome::Deleted);
    assert_eq!(Outcome::of(Ok(true)), Outcome::AlreadyGone);
    let mut run = BulkRun::new(3);
    assert_eq!(run.progress(Locale::En), "0 of 3 deleted");
    run.record("snap-1", Outcome::Deleted);
    run.record("snap-2", Outcome::AlreadyGone);
    assert_eq!(run.progress(Locale::En), "2 of 3 deleted");
    assert_eq!(run.progress(Locale::PtBr), "2 de 3 excluídos");
    assert!(!run.is_finished());
    run.record("snap-3", Outcome::Failed(ApiError::Timeout));
    assert!(run.is_finished());
    assert_eq!(run.failed, [("snap-3".to_owned(), ApiError::Timeout)]);
    assert_eq!(
        run.summary(Locale::En),
        "2 of 3 deleted; 1 could not be deleted:"
    );
    assert_eq!(
        run.summary(Locale::PtBr),
        "2 de 3 excluídos; 1 não pôde ser excluído:"
    );
}

#[test]
fn a_run_without_failures_says_so() {
    let mut run = BulkRun::new(2);
    run.record("a", Outcome::Deleted);
    run.record("b", Outcome::Deleted);
    assert_eq!(run.summary(Locale::En), "Both snapshots were deleted.");
    assert_eq!(
        run.summary(Locale::PtBr),
        "Os dois snapshots foram excluídos."
    );
    let mut three = BulkRun::new(3);
    for name in ["a", "b", "c"] {
        three.record(name, Outcome::Deleted);
    }
    assert_eq!(three.summary(Locale::En), "All 3 snapshots were deleted.");
    assert_eq!(
        three.summary(Locale::PtBr),
        "Todos os 3 snapshots foram excluídos."
    );
    let mut one = BulkRun::new(1);
    one.record("a", Outcome::AlreadyGone);
    assert_eq!(one.summary(Locale::PtBr), "O snapshot foi excluído.");
}

#[test]
fn a_stopped_run_ends_after_the_delete_on_its_way_and_counts_the_rest_as_kept() {
    let mut run = BulkRun::new(4);
    assert!(run.go_on());
    run.record("a", Outcome::Deleted);
    assert!(run.go_on());
    // Stop is pressed while "b" is on its way: "b" still counts.
    run.stop();
    assert!(run.is_stopping());
    assert!(!run.is_finished(), "not over while a delete is on its way");
    run.record("b", Outcome::Deleted);
    assert!(!run.go_on());
    assert!(!run.go_on(), "asking again changes nothing");
    assert!(run.is_finished());
    assert!(run.fell_short());
    assert_eq!(run.progress(Locale::En), "2 of 4 deleted");
    assert_eq!(
        run.summary(Locale::En),
        "Stopped: 2 of 4 deleted; the other 2 were not deleted."
    );
    assert_eq!(
        run.summary(Locale::PtBr),
        "Interrompido: 2 de 4 excluídos; os outros 2 não foram excluídos."
    );

    let mut one_left = BulkRun::new(2);
    one_left.record("a", Outcome::Failed(ApiError::Timeout));
    one_left.stop();
    assert!(!one_left.go_on());
    assert_eq!(
        one_left.summary(Locale::En),
        "Stopped: 0 of 2 deleted, 1 not tried; 1 could not be deleted:"
    );
    assert_eq!(
        one_left.summary(Locale::PtBr),
        "Interrompido: 0 de 2 excluídos, 1 não tentado; 1 não pôde ser excluído:"
    );
}

#[test]
fn a_stop_during_the_last_delete_changes_nothing() {
    let mut run = BulkRun::new(1);
    assert!(run.go_on());
    run.stop();
    run.record("a", Outcome::Deleted);
    assert!(run.is_finished());
    assert!(!run.fell_short());
    assert_eq!(run.summary(Locale::En), "The snapshot was deleted.");
}

#[test]
fn the_notice_at_the_end_names_what_could_not_be_deleted() {
    // The dialog's list of failures goes with the dialog; the notice stays.
    let mut run = BulkRun::new(3);
    run.record("snap-1", Outcome::Deleted);
    run.record("snap-2", Outcome::Failed(ApiError::Timeout));
    run.record("snap-3", Outcome::Failed(ApiError::Timeout));
    assert_eq!(
        run.notice(Locale::En),
        "1 of 3 deleted; 2 could not be deleted: snap-2, snap-3."
    );
    assert_eq!(
        run.notice(Locale::PtBr),
        "1 de 3 excluídos; 2 não puderam ser excluídos: snap-2, snap-3."
    );
    let mut all = BulkRun::new(1);
    all.record("a", Outcome::Deleted);
    assert_eq!(all.notice(Locale::En), all.summary(Locale::En));
}

#[test]
fn a_refused_token_stops_the_run_instead_of_sending_the_rest() {
    let mut run = BulkRun::new(4);
    assert!(run.go_on());
    run.record("a", Outcome::Deleted);
    assert!(run.go_on());
    run.record("b", Outcome::Failed(ApiError::Unauthorized));
    assert!(
        !run.go_on(),
        "no delete is sent with a token the API refused"
    );
    assert!(run.is_finished());
    assert_eq!(
        run.notice(Locale::En),
        "Stopped: 1 of 4 deleted, 2 not tried; 1 could not be deleted: b."
    );
}

#[test]
fn a_rate_limit_is_waited_out_a_few_times_then_counts_as_failed() {
    let mut run = BulkRun::new(2);
    let limited = |secs| ApiError::RateLimited {
        retry_after_secs: secs,
    };
    assert_eq!(run.wait_after(&limited(Some(5)), 1), Some(5_000));
    assert_eq!(
        run.progress(Locale::En),
        "0 of 2 deleted; the API asked to wait, the next one follows when it allows"
    );
    // No Retry-After, or one of 0: a short wait of the panel's own, not a burst.
    assert_eq!(run.wait_after(&limited(None), 1), Some(2_000));
    assert_eq!(run.wait_after(&limited(Some(0)), 2), Some(2_000));
    assert_eq!(run.wait_after(&limited(Some(5)), 3), None, "three tries");
    assert_eq!(run.wait_after(&limited(Some(3_600)), 1), None, "an hour");
    assert_eq!(
        run.wait_after(&ApiError::Timeout, 1),
        None,
        "outcome unknown"
    );
    assert_eq!(
        run.wait_after(
            &ApiError::Server {
                status: 500,
                detail: None
            },
            1
        ),
        None
    );
    run.record("a", Outcome::Deleted);
    assert_eq!(run.progress(Locale::En), "1 of 2 deleted");
    // Stopped by the person during a wait: nothing is sent again.
    run.stop();
    assert_eq!(run.wait_after(&limited(Some(1)), 1), None);
}
