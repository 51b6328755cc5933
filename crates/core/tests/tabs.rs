#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
//! Tabs that agree: the news they pass on, whom it concerns, and the election of the one tab
//! that polls.

use snapshot_core::model::ServerRef;
use snapshot_core::tabs::{
    channel_name, grace_ms, lock_name, Leadership, LockStep, News, FOLLOWER_GRACE_MS,
};
use snapshot_core::{Server, ServerStatus, Snapshot, SnapshotStatus};

fn snap(id: u64, server: u64, status: SnapshotStatus) -> Snapshot {
    Snapshot {
        id,
        server: ServerRef {
            id: server,
            name: "web-server-01".to_owned(),
        },
        name: "weekly <b>“ünïcode”</b>".to_owned(),
        status,
        size_mb: None,
        created_at: "2025-01-15T18:30:00Z".to_owned(),
        description: Some("line one\nline two".to_owned()),
    }
}

fn every_kind() -> Vec<News> {
    vec![
        News::Created {
            snapshot: snap(1, 10, SnapshotStatus::InProgress),
        },
        News::Deleted {
            snapshot_id: 1,
            server_id: 10,
        },
        News::RestoreStarted { server_id: 10 },
        News::SnapshotsOf {
            server_id: 10,
            snapshots: vec![
                snap(1, 10, SnapshotStatus::Completed),
                snap(2, 10, SnapshotStatus::Other("archived".to_owned())),
            ],
            asked_at_ms: Some(1_765_000_000_456.0),
        },
        News::Server {
            server: Server {
                status: ServerStatus::Other("migrating".to_owned()),
                ip_address: Some("203.0.113.10".to_owned()),
                updated_at: Some("2025-01-15T18:00:00Z".to_owned()),
                ..Server::placeholder(10, String::new())
            },
            asked_at_ms: Some(1_765_000_000_123.0),
        },
        News::ServerGone { server_id: 10 },
    ]
}

#[test]
fn news_crosses_to_another_tab_unchanged() {
    for news in every_kind() {
        let text = news.encode();
        assert_eq!(News::decode(&text), Some(news), "{text}");
    }
}

#[test]
fn a_server_read_by_a_tab_of_the_version_before_has_no_time_and_is_taken_as_fresh() {
    let text = r#"{"server":{"server":{"id":10,"name":"web","status":"active"}}}"#;
    match News::decode(text) {
        Some(News::Server {
            server,
            asked_at_ms,
        }) => {
            assert_eq!(server.id, 10);
            assert_eq!(asked_at_ms, None);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn anything_else_on_the_channel_is_ignored() {
    for text in [
        "",
        "null",
        "{}",
        "[]",
        r#"{"news":"launched"}"#,
        r#"{"news":"deleted","snapshot_id":"one"}"#,
        r#"{"news":"created"}"#,
        r#"{"launched":{}}"#,
        r#"{"deleted":{"snapshot_id":"one"}}"#,
        r#"{"created":{}}"#,
        "<html>",
    ] {
        assert_eq!(News::decode(text), None, "{text}");
    }
}

#[test]
fn a_tab_showing_one_server_takes_only_its_news() {
    for news in every_kind() {
        assert!(news.concerns(None));
        assert!(news.concerns(Some(10)));
        assert!(!news.concerns(Some(11)));
    }
}

#[test]
fn channels_are_per_api_and_account_and_none_without_an_account() {
    let alice = channel_name("/api/v1/", "alice@example.com").unwrap();
    let bob = channel_name("/api/v1/", "bob@example.com").unwrap();
    let elsewhere = channel_name("https://other.example/api/v1/", "alice@example.com").unwrap();
    assert_ne!(alice, bob);
    assert_ne!(alice, elsewhere);
    assert_eq!(channel_name("/api/v1/", "  "), None);
    assert_ne!(lock_name(&alice, None), lock_name(&alice, Some(10)));
    assert_ne!(lock_name(&alice, None), lock_name(&bob, None));
}

#[test]
fn a_tab_asks_for_the_lock_when_it_wants_to_poll_and_leads_once_given_it() {
    let mut tab = Leadership::default();
    assert!(!tab.leads());
    let LockStep::Ask(ticket) = tab.want(true) else {
        panic!("asks")
    };
    assert_eq!(tab.want(true), LockStep::Nothing, "asks once");
    assert!(!tab.leads(), "not before the browser says so");
    assert_eq!(tab.granted(ticket), LockStep::Nothing);
    assert!(tab.leads());
    // To the background: gives it back, for another tab to take.
    assert_eq!(tab.want(false), LockStep::Release);
    assert!(!tab.leads());
    assert_eq!(tab.want(false), LockStep::Nothing);
}

#[test]
fn a_lock_given_after_the_tab_stopped_wanting_it_goes_straight_back() {
    let mut tab = Leadership::default();
    let LockStep::Ask(first) = tab.want(true) else {
        panic!("asks")
    };
    assert_eq!(tab.want(false), LockStep::Nothing);
    assert_eq!(tab.granted(first), LockStep::Release);
    assert!(!tab.leads());
    // Wanted again: a new request; the old answer, if it came now, would go back too.
    let LockStep::Ask(second) = tab.want(true) else {
        panic!("asks again")
    };
    assert_ne!(first, second);
    assert_eq!(tab.granted(first), LockStep::Release);
    assert_eq!(tab.granted(second), LockStep::Nothing);
    assert!(tab.leads());
}

#[test]
fn a_new_view_means_a_new_lock() {
    let mut tab = Leadership::default();
    let LockStep::Ask(ticket) = tab.want(true) else {
        panic!("asks")
    };
    tab.granted(ticket);
    let (release, next) = tab.moved();
    assert!(release, "the old view's lock goes back");
    let LockStep::Ask(new_ticket) = next else {
        panic!("asks for the new view's")
    };
    assert!(!tab.leads());
    assert_eq!(
        tab.granted(ticket),
        LockStep::Release,
        "the old answer is stale"
    );
    assert_eq!(tab.granted(new_ticket), LockStep::Nothing);
    assert!(tab.leads());
    // A tab in the background moves without asking.
    tab.want(false);
    assert_eq!(tab.moved(), (false, LockStep::Nothing));
}

#[test]
fn on_another_channel_an_answer_to_the_old_channel_is_not_taken_for_the_new() {
    let mut tab = Leadership::default();
    let LockStep::Ask(old) = tab.want(true) else {
        panic!("asks")
    };
    // Another account: the old request is still queued in the browser.
    tab.reset();
    assert!(!tab.leads());
    let LockStep::Ask(new) = tab.want(true) else {
        panic!("asks on the new channel")
    };
    assert_ne!(old, new);
    assert_eq!(
        tab.granted(old),
        LockStep::Release,
        "the old lock goes back"
    );
    assert!(!tab.leads());
    assert_eq!(tab.granted(new), LockStep::Nothing);
    assert!(tab.leads());
}

#[test]
fn a_tab_that_does_not_lead_checks_a_job_itself_only_once_it_is_well_overdue() {
    assert_eq!(grace_ms(true), 0.0);
    assert_eq!(grace_ms(false), FOLLOWER_GRACE_MS);
}
