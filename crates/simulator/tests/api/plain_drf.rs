//! `--plain-drf`: DRF's default words, a list that lags one read behind a create or a delete,
//! pages that drift between requests, and faults that stay deterministic.

use std::collections::{BTreeMap, BTreeSet};

use reqwest::Method;
use serde_json::{json, Value};
use vps_simulator::{Config, FaultKind, FaultSpec};

use crate::snapshots::ALICE_IDS;
use crate::support::{plain_config, Sim, ALICE, BOB, CAROL};

const SNAPSHOTS: &str = "/api/v1/snapshots/";

async fn create_on(sim: &Sim, server_id: u64, name: &str) -> crate::support::Reply {
    sim.post(
        ALICE,
        SNAPSHOTS,
        &json!({"server_id": server_id, "name": name}),
    )
    .await
}

#[tokio::test]
async fn permissions_and_lookups_in_drf_words() {
    let sim = Sim::start(plain_config()).await;
    let forbidden = json!({"detail": "You do not have permission to perform this action."});
    sim.post(CAROL, SNAPSHOTS, &json!({"server_id": 33333, "name": "c"}))
        .await
        .assert(403, &forbidden);
    sim.delete(CAROL, "/api/v1/snapshots/950/")
        .await
        .assert(403, &forbidden);

    let no_snapshot = json!({"detail": "No Snapshot matches the given query."});
    for id in [99999, 901] {
        sim.post_empty(ALICE, &format!("/api/v1/snapshots/{id}/restore/"))
            .await
            .assert(404, &no_snapshot);
        sim.delete(ALICE, &format!("/api/v1/snapshots/{id}/"))
            .await
            .assert(404, &no_snapshot);
    }
    let no_server = json!({"detail": "No Server matches the given query."});
    for id in [99999, 22222] {
        sim.get(ALICE, &format!("/api/v1/servers/{id}/"))
            .await
            .assert(404, &no_server);
        create_on(&sim, id, "x").await.assert(404, &no_server);
    }
    // A pk that is not a number: get_object_or_404 raises a bare Http404.
    let bare = json!({"detail": "Not found."});
    sim.delete(ALICE, "/api/v1/snapshots/abc/")
        .await
        .assert(404, &bare);
    sim.get(ALICE, "/api/v1/servers/abc/")
        .await
        .assert(404, &bare);
    // No route at all: Django's own HTML page, before DRF is involved.
    for path in ["/api/v1/nowhere/", "/api/v1/snapshots"] {
        sim.get(ALICE, path)
            .await
            .assert_django_page(404, "Not Found");
    }
}

#[tokio::test]
async fn refusals_are_bare_lists_and_names_are_slugs() {
    let sim = Sim::start(plain_config()).await;
    let list = |message: &str| json!([message]);
    create_on(&sim, 12345, "pre-migration-snapshot")
        .await
        .assert(
            400,
            &list("A snapshot with this name already exists on this server."),
        );
    create_on(&sim, 12346, "sixth").await.assert(
        400,
        &list("Snapshot limit reached: a server can have at most 5 snapshots."),
    );
    create_on(&sim, 12350, "while-restoring").await.assert(
        400,
        &list("Server is being restored; try again when the restore has finished."),
    );
    sim.post_empty(ALICE, "/api/v1/snapshots/781/restore/")
        .await
        .assert(
            400,
            &list("Snapshot is not completed and cannot be restored."),
        );
    sim.post_empty(ALICE, "/api/v1/snapshots/760/restore/")
        .await
        .assert(
            400,
            &list("Server is not in a valid state for restoration."),
        );
    create_on(&sim, 12347, "a b").await.assert(
        400,
        &json!({"name": ["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."]}),
    );
    // Serializer field errors are DRF's own in both modes.
    sim.post(ALICE, SNAPSHOTS, &json!({})).await.assert(
        400,
        &json!({"server_id": ["This field is required."], "name": ["This field is required."]}),
    );
    // A body without Content-Type matches no parser.
    sim.post_raw(
        ALICE,
        SNAPSHOTS,
        None,
        r#"{"server_id": 12347, "name": "x"}"#,
    )
    .await
    .assert(
        415,
        &json!({"detail": "Unsupported media type \"\" in request."}),
    );
    assert_eq!(sim.get(ALICE, SNAPSHOTS).await.json["count"], 13);
}

#[tokio::test]
async fn authentication_and_faults_in_drf_words() {
    let sim = Sim::start(plain_config()).await;
    let missing = sim.call(Method::GET, None, SNAPSHOTS, None).await;
    missing.assert(
        401,
        &json!({"detail": "Authentication credentials were not provided."}),
    );
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
    let invalid = sim.get("vps_nope", SNAPSHOTS).await;
    invalid.assert(401, &json!({"detail": "Invalid token."}));
    assert_eq!(invalid.header("www-authenticate"), Some("Bearer"));

    sim.control("/__sim/faults", &json!({"kinds": ["429"], "count": 1}))
        .await;
    let throttled = sim.get(ALICE, SNAPSHOTS).await;
    throttled.assert(
        429,
        &json!({"detail": "Request was throttled. Expected available in 2 seconds."}),
    );
    assert_eq!(throttled.header("retry-after"), Some("2"));
    sim.control("/__sim/faults", &json!({"kinds": ["500"], "count": 1}))
        .await;
    sim.get(ALICE, SNAPSHOTS)
        .await
        .assert_django_page(500, "Server Error (500)");
}

/// The body of a 403.
async fn forbidden(sim: &Sim) -> Value {
    sim.delete(CAROL, "/api/v1/snapshots/950/").await.json
}

#[tokio::test]
async fn reset_turns_plain_drf_on_and_back_to_the_flag() {
    let detailed = json!({"detail": "You do not have permission to perform this action: your token lacks the snapshots:write permission."});
    let plain = json!({"detail": "You do not have permission to perform this action."});
    let sim = Sim::new().await;
    assert_eq!(forbidden(&sim).await, detailed);
    sim.control("/__sim/reset", &json!({"plain_drf": true}))
        .await;
    assert_eq!(forbidden(&sim).await, plain);
    sim.control("/__sim/reset", &json!({})).await;
    assert_eq!(forbidden(&sim).await, detailed);

    let flagged = Sim::start(plain_config()).await;
    assert_eq!(forbidden(&flagged).await, plain);
    flagged.control("/__sim/reset", &json!({})).await;
    assert_eq!(forbidden(&flagged).await, plain);
    flagged
        .control("/__sim/reset", &json!({"plain_drf": false}))
        .await;
    assert_eq!(forbidden(&flagged).await, detailed);
}

#[tokio::test]
async fn a_new_snapshot_misses_the_first_list_read_after_its_creation() {
    let sim = Sim::start(plain_config()).await;
    let created = create_on(&sim, 12347, "lagging").await;
    assert_eq!(created.status, 201);
    let id = created.json["id"].as_u64().unwrap();

    // A read that would not show it leaves the lag in place.
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12345")
            .await
            .ids(),
        [801, 798]
    );
    let first = sim.get(ALICE, SNAPSHOTS).await;
    assert_eq!(first.json["count"], 13, "the replica has not seen it yet");
    assert_eq!(first.ids(), ALICE_IDS);
    let second = sim.get(ALICE, SNAPSHOTS).await;
    assert_eq!(second.json["count"], 14);
    assert_eq!(second.ids()[0], id);

    // The same through a filter.
    let next = create_on(&sim, 12347, "lagging-too").await.json["id"]
        .as_u64()
        .unwrap();
    let filtered = "/api/v1/snapshots/?server_id=12347";
    assert_eq!(sim.get(ALICE, filtered).await.ids(), [id]);
    assert_eq!(sim.get(ALICE, filtered).await.ids(), [next, id]);
}

#[tokio::test]
async fn a_deleted_snapshot_is_still_in_the_first_list_read_after_its_deletion() {
    let sim = Sim::start(plain_config()).await;
    let on_server = "/api/v1/snapshots/?server_id=12345";
    assert_eq!(sim.get(ALICE, on_server).await.ids(), [801, 798]);
    assert_eq!(
        sim.delete(ALICE, "/api/v1/snapshots/801/").await.status,
        204
    );

    // A read that would not show it leaves the lag in place.
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12347")
            .await
            .ids(),
        [] as [u64; 0]
    );
    let first = sim.get(ALICE, on_server).await;
    assert_eq!(
        first.ids(),
        [801, 798],
        "the replica has not seen the delete yet"
    );
    assert_eq!(first.json["count"], 2);
    let second = sim.get(ALICE, on_server).await;
    assert_eq!(second.ids(), [798]);
    assert_eq!(second.json["count"], 1);

    // The snapshot itself is gone at once: a second delete finds nothing.
    sim.delete(ALICE, "/api/v1/snapshots/801/").await.assert(
        404,
        &json!({"detail": "No Snapshot matches the given query."}),
    );

    // One created and deleted before any read saw it never shows.
    let id = create_on(&sim, 12345, "short-lived").await.json["id"]
        .as_u64()
        .unwrap();
    let deleted = sim.delete(ALICE, &format!("/api/v1/snapshots/{id}/")).await;
    assert_eq!(deleted.status, 204);
    assert_eq!(sim.get(ALICE, on_server).await.ids(), [798]);
}

/// A plain-DRF simulator at 5 a page, after alice deleted her first two snapshots.
async fn two_deleted_at_five_a_page() -> Sim {
    let sim = Sim::start(Config {
        page_size: 5,
        ..plain_config()
    })
    .await;
    for id in &ALICE_IDS[..2] {
        let deleted = sim.delete(ALICE, &format!("/api/v1/snapshots/{id}/")).await;
        assert_eq!(deleted.status, 204);
    }
    sim
}

#[tokio::test]
async fn a_walk_through_the_pages_after_deletes_serves_every_snapshot_left() {
    let sim = two_deleted_at_five_a_page().await;
    let left: BTreeSet<u64> = ALICE_IDS[2..].iter().copied().collect();

    // The first walk reads the replica, which still lists both: each page of it agrees.
    let first: BTreeSet<u64> = sim
        .walk(ALICE, &sim.url(SNAPSHOTS))
        .await
        .into_iter()
        .collect();
    assert_eq!(
        first,
        ALICE_IDS.iter().copied().collect(),
        "the deleted two, and all the rest"
    );
    // The next walk is up to date.
    let second: BTreeSet<u64> = sim
        .walk(ALICE, &sim.url(SNAPSHOTS))
        .await
        .into_iter()
        .collect();
    assert_eq!(second, left);
}

#[tokio::test]
async fn a_first_page_of_another_list_does_not_cut_a_walk_short() {
    let sim = two_deleted_at_five_a_page().await;
    // The first page of the whole list shows both ghosts; before its second page is read,
    // another tab reads one server's list.
    let first = sim.get(ALICE, SNAPSHOTS).await;
    assert_eq!(first.ids()[..2], ALICE_IDS[..2]);
    sim.get(ALICE, "/api/v1/snapshots/?server_id=12346").await;
    let mut walked: BTreeSet<u64> = first.ids().into_iter().collect();
    walked.extend(sim.walk(ALICE, &sim.url("/api/v1/snapshots/?page=2")).await);
    assert_eq!(
        walked,
        ALICE_IDS.iter().copied().collect(),
        "no snapshot skipped"
    );
}

#[tokio::test]
async fn each_page_starts_with_the_last_item_of_the_page_before() {
    let sim = Sim::start(Config {
        page_size: 5,
        ..plain_config()
    })
    .await;
    let base = sim.url(SNAPSHOTS);
    let pages = [
        (1, &ALICE_IDS[..5]),
        (2, &ALICE_IDS[4..9]),
        (3, &ALICE_IDS[8..]),
    ];
    for (page, ids) in pages {
        let reply = sim
            .get(ALICE, &format!("/api/v1/snapshots/?page={page}"))
            .await;
        assert_eq!(reply.ids(), ids, "page {page}");
        assert_eq!(reply.json["count"], 13, "the true count");
    }

    // A client following `next` reads one id twice at each page boundary.
    let walked = sim.walk(ALICE, &base).await;
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    for id in &walked {
        *seen.entry(*id).or_default() += 1;
    }
    assert_eq!((walked.len(), seen.len()), (15, 13));
    let twice: Vec<u64> = seen
        .iter()
        .filter(|(_, n)| **n == 2)
        .map(|(id, _)| *id)
        .collect();
    let mut expected = vec![ALICE_IDS[4], ALICE_IDS[8]];
    expected.sort_unstable();
    assert_eq!(twice, expected);

    // A list that fits on one page does not drift; the servers list drifts too.
    let db = sim.get(ALICE, "/api/v1/snapshots/?server_id=12346").await;
    assert_eq!((db.ids().len(), &db.json["next"]), (5, &Value::Null));
    let servers = sim.get(ALICE, "/api/v1/servers/?page=2").await;
    assert_eq!(servers.ids(), [12349, 12350, 12351]);
    assert_eq!(servers.json["count"], 7);
}

#[tokio::test]
async fn faults_stay_deterministic_from_the_seed() {
    let config = Config {
        faults: FaultSpec {
            rate: 0.5,
            seed: 7,
            kinds: vec![FaultKind::ServerError, FaultKind::Throttle],
            ..FaultSpec::default()
        },
        ..plain_config()
    };
    let mut runs = Vec::new();
    for _ in 0..2 {
        let sim = Sim::start(config.clone()).await;
        let mut outcomes = Vec::new();
        for i in 0..24 {
            let path = if i % 2 == 0 {
                SNAPSHOTS
            } else {
                "/api/v1/servers/"
            };
            let reply = sim.get(BOB, path).await;
            if reply.status == 500 {
                reply.assert_django_page(500, "Server Error (500)");
            }
            outcomes.push((
                reply.status.as_u16(),
                reply.content_type().map(str::to_owned),
            ));
        }
        runs.push(outcomes);
    }
    assert_eq!(runs[0], runs[1]);
    let faulted = runs[0].iter().filter(|(status, _)| *status != 200).count();
    assert!((4..=20).contains(&faulted), "{faulted} of 24 faulted");
    assert!(runs[0].iter().any(|(status, _)| *status == 500));
    assert!(runs[0].iter().any(|(status, _)| *status == 429));
}
