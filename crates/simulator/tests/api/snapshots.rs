//! Listing, creating and deleting snapshots.

use reqwest::Method;
use serde_json::{json, Value};
use vps_simulator::Config;

use crate::support::{test_config, wait_for_transitions, Sim, ALICE};

/// Alice's snapshots, newest first, as seeded.
pub const ALICE_IDS: [u64; 13] = [
    791, 781, 775, 790, 774, 780, 773, 772, 771, 750, 801, 798, 760,
];

fn doc_example() -> Value {
    json!({
      "count": 2,
      "results": [
        {
          "id": 801,
          "server": {"id": 12345, "name": "web-server-01"},
          "name": "pre-migration-snapshot",
          "status": "completed",
          "size_mb": 5120,
          "created_at": "2025-01-15T18:30:00Z",
          "description": "Before major migration"
        },
        {
          "id": 798,
          "server": {"id": 12345, "name": "web-server-01"},
          "name": "weekly-snapshot-2025-01-08",
          "status": "completed",
          "size_mb": 4856,
          "created_at": "2025-01-08T12:00:00Z",
          "description": "Weekly snapshot"
        }
      ]
    })
}

fn is_rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    text.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
}

#[tokio::test]
async fn doc_example_is_returned_exactly() {
    let sim = Sim::new().await;
    let reply = sim.get(ALICE, "/api/v1/snapshots/?server_id=12345").await;
    let mut body = reply.json.clone();
    let map = body.as_object_mut().unwrap();
    assert_eq!(map.remove("next"), Some(Value::Null));
    assert_eq!(map.remove("previous"), Some(Value::Null));
    assert_eq!(body, doc_example());
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type(), Some("application/json"));
    // Field order as in the doc.
    assert!(reply.text.starts_with(r#"{"count":2,"next":null,"previous":null,"results":[{"id":801,"server":{"id":12345,"name":"web-server-01"},"name":"#));
}

#[tokio::test]
async fn list_is_newest_first_and_filtered() {
    let sim = Sim::new().await;
    let all = sim.get(ALICE, "/api/v1/snapshots/").await;
    assert_eq!(all.status, 200);
    assert_eq!(all.json["count"], 13);
    assert_eq!(all.ids(), ALICE_IDS);
    for snapshot in all.json["results"].as_array().unwrap() {
        assert!(is_rfc3339_utc(snapshot["created_at"].as_str().unwrap()));
        let keys: Vec<&String> = snapshot.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 7, "{snapshot}");
    }

    let db = sim.get(ALICE, "/api/v1/snapshots/?server_id=12346").await;
    assert_eq!(db.ids(), [775, 774, 773, 772, 771]);
    let results = &db.json["results"];
    assert_eq!(results[0]["name"], "db-nightly-5");
    assert_eq!(results[3]["description"], Value::Null);
    assert_eq!(results[2]["description"], "");

    let runner = sim.get(ALICE, "/api/v1/snapshots/?server_id=12348").await;
    assert_eq!(runner.json["results"][0]["status"], "failed");
    assert_eq!(runner.json["results"][0]["size_mb"], Value::Null);
    assert_eq!(
        runner.json["results"][1]["description"],
        "Clean image <b>before</b> the toolchain upgrade & cache purge"
    );

    let analytics = sim.get(ALICE, "/api/v1/snapshots/?server_id=12349").await;
    assert_eq!(analytics.json["results"][0]["name"], "analytics-hourly");
    assert_eq!(analytics.json["results"][0]["status"], "in_progress");
    assert_eq!(analytics.json["results"][0]["size_mb"], Value::Null);

    let empty = sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
    empty.assert(
        200,
        &json!({"count": 0, "next": null, "previous": null, "results": []}),
    );
    // Unknown server: just an empty list. Empty value: no filter.
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=1").await.json["count"],
        0
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=").await.json["count"],
        13
    );
    // Unknown params are ignored.
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?foo=bar").await.json["count"],
        13
    );

    sim.get(ALICE, "/api/v1/snapshots/?server_id=abc")
        .await
        .assert(400, &json!({"server_id": ["Enter a whole number."]}));
    sim.get(ALICE, "/api/v1/snapshots/?server_id=1.5")
        .await
        .assert(400, &json!({"server_id": ["Enter a whole number."]}));
}

#[tokio::test]
async fn pagination_links_from_the_host_header() {
    let sim = Sim::start(Config {
        page_size: 5,
        ..test_config()
    })
    .await;
    let base = format!("{}/api/v1/snapshots/", sim.base);

    let first = sim.get(ALICE, "/api/v1/snapshots/").await;
    assert_eq!(first.json["count"], 13);
    assert_eq!(first.ids(), ALICE_IDS[..5]);
    assert_eq!(first.json["next"], format!("{base}?page=2"));
    assert_eq!(first.json["previous"], Value::Null);

    let second = sim.get(ALICE, "/api/v1/snapshots/?page=2").await;
    assert_eq!(second.ids(), ALICE_IDS[5..10]);
    assert_eq!(second.json["next"], format!("{base}?page=3"));
    assert_eq!(second.json["previous"], base);

    let third = sim.get(ALICE, "/api/v1/snapshots/?page=3").await;
    assert_eq!(third.ids(), ALICE_IDS[10..]);
    assert_eq!(third.json["next"], Value::Null);
    assert_eq!(third.json["previous"], format!("{base}?page=2"));
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?page=last").await.ids(),
        ALICE_IDS[10..]
    );

    // Following the links reads everything exactly once.
    assert_eq!(sim.walk(ALICE, &base).await, ALICE_IDS);

    for bad in ["4", "0", "-1", "abc", "1.5"] {
        sim.get(ALICE, &format!("/api/v1/snapshots/?page={bad}"))
            .await
            .assert(404, &json!({"detail": "Invalid page."}));
    }
    // An empty list still has a page 1.
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12347&page=1")
            .await
            .status,
        200
    );

    // Other params are kept (keys sorted, as DRF does).
    let filtered = sim
        .get(ALICE, "/api/v1/snapshots/?server_id=12346&page=1")
        .await;
    assert_eq!(filtered.json["next"], Value::Null);
    let sim2 = Sim::start(Config {
        page_size: 2,
        ..test_config()
    })
    .await;
    let db = sim2.get(ALICE, "/api/v1/snapshots/?server_id=12346").await;
    assert_eq!(
        db.json["next"],
        format!("{}/api/v1/snapshots/?page=2&server_id=12346", sim2.base)
    );
    let db3 = sim2
        .get(ALICE, "/api/v1/snapshots/?server_id=12346&page=3")
        .await;
    assert_eq!(db3.ids(), [771]);
    assert_eq!(
        db3.json["previous"],
        format!("{}/api/v1/snapshots/?page=2&server_id=12346", sim2.base)
    );
}

#[tokio::test]
async fn pagination_links_use_the_public_url() {
    let sim = Sim::start(Config {
        page_size: 5,
        public_url: Some("https://admin.vps.org/".to_owned()),
        ..test_config()
    })
    .await;
    let second = sim.get(ALICE, "/api/v1/snapshots/?page=2&server_id=").await;
    assert_eq!(
        second.json["next"],
        "https://admin.vps.org/api/v1/snapshots/?page=3&server_id="
    );
    assert_eq!(
        second.json["previous"],
        "https://admin.vps.org/api/v1/snapshots/?server_id="
    );
}

#[tokio::test]
async fn create_returns_201_in_progress() {
    let sim = Sim::new().await;
    let reply = sim
        .post(
            ALICE,
            "/api/v1/snapshots/",
            &json!({"server_id": 12345, "name": "before-update-snapshot", "description": "Snapshot before system update"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(reply.content_type(), Some("application/json"));
    let mut body = reply.json.clone();
    let created_at = body.as_object_mut().unwrap().remove("created_at").unwrap();
    assert!(is_rfc3339_utc(created_at.as_str().unwrap()), "{created_at}");
    assert_eq!(
        body,
        json!({
          "id": 802,
          "server": {"id": 12345, "name": "web-server-01"},
          "name": "before-update-snapshot",
          "status": "in_progress",
          "size_mb": null,
          "description": "Snapshot before system update",
          "message": "Snapshot is being created. This may take 3-10 minutes depending on server size."
        })
    );
    // Newest first in the list now.
    let list = sim.get(ALICE, "/api/v1/snapshots/?server_id=12345").await;
    assert_eq!(list.ids(), [802, 801, 798]);
    assert_eq!(list.json["results"][0]["created_at"], created_at);

    // Description absent or null -> null; blanks trimmed as DRF does.
    let second = sim.create(ALICE, 12345, "no-description").await;
    assert_eq!(
        (second["id"].clone(), second["description"].clone()),
        (json!(803), Value::Null)
    );
    let third = sim
        .post(
            ALICE,
            "/api/v1/snapshots/",
            &json!({"server_id": "12347", "name": " padded ", "description": null}),
        )
        .await;
    assert_eq!(third.status, 201);
    assert_eq!(third.json["name"], "padded");
    assert_eq!(third.json["description"], Value::Null);
    assert_eq!(
        third.json["server"],
        json!({"id": 12347, "name": "staging-app"})
    );
}

#[tokio::test]
async fn create_field_errors() {
    let sim = Sim::new().await;
    let path = "/api/v1/snapshots/";
    let cases: Vec<(Value, Value)> = vec![
        (
            json!({}),
            json!({"server_id": ["This field is required."], "name": ["This field is required."]}),
        ),
        (
            json!({"server_id": 12345}),
            json!({"name": ["This field is required."]}),
        ),
        (
            json!({"name": "ok"}),
            json!({"server_id": ["This field is required."]}),
        ),
        (
            json!({"server_id": 12345, "name": ""}),
            json!({"name": ["This field may not be blank."]}),
        ),
        (
            json!({"server_id": 12345, "name": "   "}),
            json!({"name": ["This field may not be blank."]}),
        ),
        (
            json!({"server_id": 12345, "name": null}),
            json!({"name": ["This field may not be null."]}),
        ),
        (
            json!({"server_id": 12345, "name": ["a"]}),
            json!({"name": ["Not a valid string."]}),
        ),
        (
            json!({"server_id": 12345, "name": "bad name!"}),
            json!({"name": ["Enter a valid name consisting of letters, numbers, underscores or hyphens."]}),
        ),
        (
            json!({"server_id": 12345, "name": "a".repeat(65)}),
            json!({"name": ["Ensure this field has no more than 64 characters."]}),
        ),
        (
            json!({"server_id": 12345, "name": "ok", "description": "d".repeat(256)}),
            json!({"description": ["Ensure this field has no more than 255 characters."]}),
        ),
        (
            json!({"server_id": "abc", "name": "ok"}),
            json!({"server_id": ["A valid integer is required."]}),
        ),
        (
            json!({"server_id": 1.5, "name": "ok"}),
            json!({"server_id": ["A valid integer is required."]}),
        ),
        (
            json!({"server_id": true, "name": "ok"}),
            json!({"server_id": ["A valid integer is required."]}),
        ),
        (
            json!({"server_id": null, "name": "ok"}),
            json!({"server_id": ["This field may not be null."]}),
        ),
        (
            json!({"server_id": "x", "name": "no spaces allowed", "description": "d".repeat(300)}),
            json!({
                "server_id": ["A valid integer is required."],
                "name": ["Enter a valid name consisting of letters, numbers, underscores or hyphens."],
                "description": ["Ensure this field has no more than 255 characters."]
            }),
        ),
        (
            json!([1, 2]),
            json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}),
        ),
        // Field errors come before the server lookup.
        (
            json!({"server_id": 99999, "name": "a b"}),
            json!({"name": ["Enter a valid name consisting of letters, numbers, underscores or hyphens."]}),
        ),
    ];
    for (body, expected) in cases {
        let reply = sim.post(ALICE, path, &body).await;
        assert_eq!(reply.status, 400, "{body} -> {}", reply.text);
        assert_eq!(reply.json, expected, "{body}");
        assert_eq!(reply.content_type(), Some("application/json"));
    }
    // Both name errors at once, and a message key order as the serializer's fields.
    let both = sim
        .post(
            ALICE,
            path,
            &json!({"name": "x ".repeat(40), "server_id": 1}),
        )
        .await;
    assert_eq!(both.json["name"].as_array().unwrap().len(), 2);

    // Not JSON at all.
    let raw = sim
        .http
        .post(sim.url(path))
        .bearer_auth(ALICE)
        .header("content-type", "application/json")
        .body("{\"server_id\": 12345,")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let body: Value = raw.json().await.unwrap();
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("JSON parse error - "),
        "{body}"
    );

    // Another media type.
    let text = sim
        .http
        .post(sim.url(path))
        .bearer_auth(ALICE)
        .header("content-type", "text/plain")
        .body("server_id=1")
        .send()
        .await
        .unwrap();
    assert_eq!(text.status(), 415);
    let body: Value = text.json().await.unwrap();
    assert_eq!(
        body,
        json!({"detail": "Unsupported media type \"text/plain\" in request."})
    );

    // Nothing was created.
    assert_eq!(sim.get(ALICE, "/api/v1/snapshots/").await.json["count"], 13);
}

#[tokio::test]
async fn name_rule() {
    let sim = Sim::new().await;
    let max = "n".repeat(64);
    for name in ["a", "A-b_9", "UPPER_lower-123", max.as_str()] {
        let reply = sim
            .post(
                ALICE,
                "/api/v1/snapshots/",
                &json!({"server_id": 12347, "name": name}),
            )
            .await;
        assert_eq!(reply.status, 201, "{name}: {}", reply.text);
    }
    for name in ["a.b", "a b", "ção", "a/b", "a+b", "<b>x</b>", "x\ny"] {
        let reply = sim
            .post(
                ALICE,
                "/api/v1/snapshots/",
                &json!({"server_id": 12347, "name": name}),
            )
            .await;
        assert_eq!(reply.status, 400, "{name}");
        assert_eq!(
            reply.json,
            json!({"name": ["Enter a valid name consisting of letters, numbers, underscores or hyphens."]}),
            "{name}"
        );
    }
}

#[tokio::test]
async fn create_server_errors_and_the_limit() {
    let sim = Sim::new().await;
    let path = "/api/v1/snapshots/";
    let not_found = json!({"detail": "Server not found."});
    for server in [99999, 0, -5, 22222, 33333] {
        sim.post(ALICE, path, &json!({"server_id": server, "name": "x"}))
            .await
            .assert(404, &not_found);
    }
    // Duplicate name on the same server; fine on another server.
    let duplicate = json!({"name": ["A snapshot with this name already exists on this server."]});
    sim.post(
        ALICE,
        path,
        &json!({"server_id": 12345, "name": "pre-migration-snapshot"}),
    )
    .await
    .assert(400, &duplicate);
    sim.create(ALICE, 12347, "pre-migration-snapshot").await;
    // The duplicate check comes before the limit check.
    sim.post(
        ALICE,
        path,
        &json!({"server_id": 12346, "name": "db-nightly-1"}),
    )
    .await
    .assert(400, &duplicate);

    let limit = json!({"non_field_errors": ["Snapshot limit reached: a server can have at most 5 snapshots."]});
    sim.post(ALICE, path, &json!({"server_id": 12346, "name": "sixth"}))
        .await
        .assert(400, &limit);
    // 12345 has 2: three more fit, the sixth does not (in-progress ones count).
    for name in ["s3", "s4", "s5"] {
        sim.create(ALICE, 12345, name).await;
    }
    sim.post(ALICE, path, &json!({"server_id": 12345, "name": "s6"}))
        .await
        .assert(400, &limit);
    // 12348 has a failed one: failed ones count too; deleting frees a slot.
    for name in ["r3", "r4", "r5"] {
        sim.create(ALICE, 12348, name).await;
    }
    sim.post(ALICE, path, &json!({"server_id": 12348, "name": "r6"}))
        .await
        .assert(400, &limit);
    assert_eq!(
        sim.delete(ALICE, "/api/v1/snapshots/781/").await.status,
        204
    );
    sim.create(ALICE, 12348, "r6").await;

    // A server being restored refuses new snapshots.
    sim.post(ALICE, path, &json!({"server_id": 12350, "name": "while-restoring"}))
        .await
        .assert(
            400,
            &json!({"non_field_errors": ["Server is being restored; try again when the restore has finished."]}),
        );
    // Suspended and stopped servers accept them.
    sim.create(ALICE, 12351, "suspended-ok").await;
}

#[tokio::test]
async fn in_progress_completes_with_a_size() {
    let sim = Sim::new().await;
    let created = sim.create(ALICE, 12347, "soon-done").await;
    assert_eq!(created["status"], "in_progress");
    let listed = sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
    assert_eq!(listed.json["results"][0]["status"], "in_progress");
    assert_eq!(listed.json["results"][0]["size_mb"], Value::Null);
    // Not restorable yet.
    sim.post_empty(ALICE, "/api/v1/snapshots/802/restore/")
        .await
        .assert(
            400,
            &json!({"detail": "Snapshot is not completed and cannot be restored."}),
        );

    wait_for_transitions().await;
    let listed = sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
    let done = &listed.json["results"][0];
    assert_eq!(done["status"], "completed");
    let size = done["size_mb"].as_u64().unwrap();
    assert!((1024..=8192).contains(&size), "{size}");
    assert_eq!(done["created_at"], created["created_at"]);
    // Deterministic: the same id always gets the same size.
    let again = Sim::new().await;
    again.create(ALICE, 12347, "other-name").await;
    wait_for_transitions().await;
    let other = again.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
    assert_eq!(other.json["results"][0]["size_mb"], size);

    // The seeded in-progress snapshot completed too.
    let analytics = sim.get(ALICE, "/api/v1/snapshots/?server_id=12349").await;
    assert_eq!(analytics.json["results"][0]["id"], 791);
    assert_eq!(analytics.json["results"][0]["status"], "completed");
    assert!(analytics.json["results"][0]["size_mb"].is_u64());
}

#[tokio::test]
async fn delete_then_404() {
    let sim = Sim::new().await;
    let reply = sim.delete(ALICE, "/api/v1/snapshots/798/").await;
    assert_eq!(reply.status, 204);
    assert_eq!(reply.text, "");
    sim.delete(ALICE, "/api/v1/snapshots/798/")
        .await
        .assert(404, &json!({"detail": "Not found."}));
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12345")
            .await
            .ids(),
        [801]
    );
    for missing in [
        "/api/v1/snapshots/123456/",
        "/api/v1/snapshots/abc/",
        "/api/v1/snapshots/-1/",
    ] {
        sim.delete(ALICE, missing)
            .await
            .assert(404, &json!({"detail": "Not found."}));
    }
    // In-progress snapshots can be deleted.
    let created = sim.create(ALICE, 12347, "short-lived").await;
    let path = format!("/api/v1/snapshots/{}/", created["id"]);
    assert_eq!(sim.delete(ALICE, &path).await.status, 204);
    // The name is free again.
    sim.create(ALICE, 12347, "short-lived").await;
}

#[tokio::test]
async fn new_ids_count_up_from_802_skip_seeded_and_are_never_reused() {
    let sim = Sim::new().await;
    let mut ids = Vec::new();
    for i in 0..152 {
        let created = sim.create(ALICE, 12347, &format!("churn-{i}")).await;
        let id = created["id"].as_u64().unwrap();
        ids.push(id);
        let reply = sim
            .call(
                Method::DELETE,
                Some(ALICE),
                &format!("/api/v1/snapshots/{id}/"),
                None,
            )
            .await;
        assert_eq!(reply.status, 204);
    }
    assert_eq!(ids[0], 802);
    assert_eq!(ids[98], 900);
    assert_eq!(ids[99], 902, "901 is Bob's");
    assert!(!ids.contains(&950), "950 is Carol's");
    assert_eq!(*ids.last().unwrap(), 955);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
}
