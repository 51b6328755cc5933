//! The `/__sim/` control endpoints: request log, reset, and servers changed behind the
//! API's back.

use reqwest::Method;
use serde_json::{json, Value};
use vps_simulator::Config;

use crate::support::{test_config, wait_for_transitions, Reply, Sim, ALICE, BOB};

async fn log(sim: &Sim) -> Value {
    let reply = sim.call(Method::GET, None, "/__sim/requests", None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type(), Some("application/json"));
    reply.json
}

#[tokio::test]
async fn request_log_lists_api_requests_only() {
    let sim = Sim::new().await;
    sim.get(ALICE, "/api/v1/snapshots/?server_id=12345&page=1")
        .await;
    sim.post(
        ALICE,
        "/api/v1/snapshots/",
        &json!({"server_id": 12347, "name": "logged"}),
    )
    .await;
    sim.delete(BOB, "/api/v1/snapshots/801/").await;
    sim.call(Method::GET, None, "/api/v1/account/me/", None)
        .await;
    sim.get(ALICE, "/api/v1/nowhere").await;
    sim.get(ALICE, "/not-api/").await;
    sim.control("/__sim/faults", &json!({"kinds": ["drop"], "count": 1}))
        .await;
    assert!(sim
        .try_call(Method::GET, Some(ALICE), "/api/v1/servers/", None)
        .await
        .is_err());
    assert_eq!(
        log(&sim).await,
        json!([
            {"method": "GET", "path": "/api/v1/snapshots/", "query": "server_id=12345&page=1", "status": 200, "fault": null},
            {"method": "POST", "path": "/api/v1/snapshots/", "query": "", "status": 201, "fault": null},
            {"method": "DELETE", "path": "/api/v1/snapshots/801/", "query": "", "status": 404, "fault": null},
            {"method": "GET", "path": "/api/v1/account/me/", "query": "", "status": 401, "fault": null},
            {"method": "GET", "path": "/api/v1/nowhere", "query": "", "status": 404, "fault": null},
            {"method": "GET", "path": "/api/v1/servers/", "query": "", "status": null, "fault": "drop"}
        ])
    );
    let cleared = sim
        .call(Method::DELETE, None, "/__sim/requests", None)
        .await;
    assert_eq!(cleared.status, 204);
    assert_eq!(log(&sim).await, json!([]));
    sim.get(ALICE, "/api/v1/servers/").await;
    assert_eq!(log(&sim).await.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn reset_restores_the_seed_and_applies_settings() {
    let sim = Sim::new().await;
    let before_snapshots = sim.get(ALICE, "/api/v1/snapshots/").await.json;
    let before_servers = sim.get(ALICE, "/api/v1/servers/").await.json;

    // Change everything.
    sim.create(ALICE, 12347, "temporary").await;
    assert_eq!(
        sim.delete(ALICE, "/api/v1/snapshots/798/").await.status,
        204
    );
    assert_eq!(
        sim.post_empty(ALICE, "/api/v1/snapshots/801/restore/")
            .await
            .status,
        200
    );
    sim.control(
        "/__sim/faults",
        &json!({"kinds": ["500"], "rate": 1.0, "path_prefix": "/api/v1/servers/"}),
    )
    .await;
    assert_eq!(sim.get(ALICE, "/api/v1/servers/").await.status, 500);
    wait_for_transitions().await;
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12349")
            .await
            .json["results"][0]["status"],
        "completed"
    );

    sim.control(
        "/__sim/reset",
        &json!({"create_secs": 60, "restore_secs": 60, "page_size": 4}),
    )
    .await;
    assert_eq!(log(&sim).await, json!([]));
    let servers = sim.get(ALICE, "/api/v1/servers/?page=2").await;
    assert_eq!(servers.status, 200, "faults are cleared");
    assert_eq!(servers.ids(), [12349, 12350, 12351], "page size 4 applied");

    let first_page = sim.get(ALICE, "/api/v1/snapshots/").await;
    assert_eq!(first_page.json["count"], 13);
    assert_eq!(first_page.ids(), [791, 781, 775, 790]);
    // The seeded in-progress snapshot is in progress again, created "now".
    assert_eq!(first_page.json["results"][0]["status"], "in_progress");
    assert!(
        first_page.json["results"][0]["created_at"]
            .as_str()
            .unwrap()
            >= before_snapshots["results"][0]["created_at"]
                .as_str()
                .unwrap()
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12345/").await.json["status"],
        "active"
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12345")
            .await
            .ids(),
        [801, 798]
    );
    // Ids start again from 802; durations are 60 s now.
    let created = sim.create(ALICE, 12347, "after-reset").await;
    assert_eq!(created["id"], 802);
    assert_eq!(
        sim.post_empty(ALICE, "/api/v1/snapshots/801/restore/")
            .await
            .status,
        200
    );
    wait_for_transitions().await;
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12345/").await.json["status"],
        "restoring"
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12347")
            .await
            .json["results"][0]["status"],
        "in_progress"
    );

    // An empty reset returns to the start-up settings and data.
    let empty = sim.http.post(sim.url("/__sim/reset")).send().await.unwrap();
    assert_eq!(empty.status(), 204);
    let mut after = sim.get(ALICE, "/api/v1/snapshots/").await.json;
    let mut before = before_snapshots.clone();
    // Only the seeded in-progress snapshot's created_at (start-up time) may differ.
    after["results"][0]["created_at"] = Value::Null;
    before["results"][0]["created_at"] = Value::Null;
    assert_eq!(after, before);
    let mut servers_after = sim.get(ALICE, "/api/v1/servers/").await.json;
    let mut servers_before = before_servers.clone();
    servers_after["results"][4]["updated_at"] = Value::Null;
    servers_before["results"][4]["updated_at"] = Value::Null;
    assert_eq!(servers_after, servers_before);

    for bad in [
        json!({"page_size": 0}),
        json!({"create_secs": -1}),
        json!({"bogus": 1}),
    ] {
        let reply = sim
            .call(Method::POST, None, "/__sim/reset", Some(&bad))
            .await;
        assert_eq!(reply.status, 400, "{bad}");
    }
}

#[tokio::test]
async fn control_endpoints_need_the_flag() {
    let sim = Sim::start(Config {
        control: false,
        ..test_config()
    })
    .await;
    for (method, path) in [
        (Method::POST, "/__sim/reset"),
        (Method::POST, "/__sim/faults"),
        (Method::DELETE, "/__sim/faults"),
        (Method::GET, "/__sim/requests"),
        (Method::DELETE, "/__sim/requests"),
        (Method::PATCH, "/__sim/servers/12345"),
        (Method::DELETE, "/__sim/servers/12345"),
    ] {
        let reply = sim.call(method, None, path, Some(&json!({}))).await;
        reply.assert(404, &json!({"detail": "Not found."}));
    }
    assert_eq!(sim.get(ALICE, "/api/v1/servers/").await.status, 200);
}

async fn patch_server(sim: &Sim, id: &str, body: &Value) -> Reply {
    let path = format!("/__sim/servers/{id}");
    sim.call(Method::PATCH, None, &path, Some(body)).await
}

async fn delete_server(sim: &Sim, id: u64) -> Reply {
    let path = format!("/__sim/servers/{id}");
    sim.call(Method::DELETE, None, &path, None).await
}

/// The `server.name` of each snapshot of `server_id`.
async fn names_in_snapshots(sim: &Sim, server_id: u64) -> Vec<Value> {
    let path = format!("/api/v1/snapshots/?server_id={server_id}");
    let reply = sim.get(ALICE, &path).await;
    reply.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["server"]["name"].clone())
        .collect()
}

#[tokio::test]
async fn patch_server_sets_a_null_name_everywhere_the_server_appears() {
    let sim = Sim::new().await;
    assert_eq!(
        patch_server(&sim, "12345", &json!({"name": null}))
            .await
            .status,
        204
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12345/").await.json["name"],
        Value::Null
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/").await.json["results"][0]["name"],
        Value::Null
    );
    assert_eq!(
        names_in_snapshots(&sim, 12345).await,
        [Value::Null, Value::Null]
    );

    for name in ["", "renamed"] {
        assert_eq!(
            patch_server(&sim, "12345", &json!({"name": name}))
                .await
                .status,
            204
        );
        assert_eq!(
            sim.get(ALICE, "/api/v1/servers/12345/").await.json["name"],
            name
        );
        assert_eq!(names_in_snapshots(&sim, 12345).await, [name, name]);
    }
    // Whoever owns the server.
    assert_eq!(
        patch_server(&sim, "22222", &json!({"name": null}))
            .await
            .status,
        204
    );
    let bobs = sim.get(BOB, "/api/v1/snapshots/").await;
    assert_eq!(
        bobs.json["results"][0]["server"],
        json!({"id": 22222, "name": null})
    );
}

#[tokio::test]
async fn patch_server_sets_a_status() {
    let sim = Sim::new().await;
    let patched = patch_server(&sim, "12345", &json!({"status": "stopped"})).await;
    assert_eq!(patched.status, 204);
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/?status=stopped")
            .await
            .ids(),
        [12345, 12346]
    );
    // `restoring` lasts until the next change; the API refuses restores and creates meanwhile.
    patch_server(&sim, "12345", &json!({"status": "restoring"})).await;
    wait_for_transitions().await;
    let server = sim.get(ALICE, "/api/v1/servers/12345/").await;
    assert_eq!(server.json["status"], "restoring");
    let restore = sim
        .post_empty(ALICE, "/api/v1/snapshots/801/restore/")
        .await;
    assert_eq!(restore.status, 400);
    // Another status ends a restore, even a real one.
    patch_server(&sim, "12345", &json!({"status": "active", "name": "back"})).await;
    let restore = sim
        .post_empty(ALICE, "/api/v1/snapshots/801/restore/")
        .await;
    assert_eq!(restore.status, 200);
    assert_eq!(restore.json["server"]["name"], "back");
    patch_server(&sim, "12345", &json!({"status": "suspended"})).await;
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12345/").await.json["status"],
        "suspended"
    );

    let not_found = json!({"detail": "Not found."});
    patch_server(&sim, "99999", &json!({"name": "x"}))
        .await
        .assert(404, &not_found);
    patch_server(&sim, "abc", &json!({}))
        .await
        .assert(404, &not_found);
    patch_server(&sim, "12345", &json!({"status": "melting"}))
        .await
        .assert(
            400,
            &json!({"status": ["\"melting\" is not a valid choice."]}),
        );
    assert_eq!(
        patch_server(&sim, "12345", &json!({"bogus": 1}))
            .await
            .status,
        400
    );
    assert_eq!(
        patch_server(&sim, "12345", &json!({"name": 5}))
            .await
            .status,
        400
    );
}

#[tokio::test]
async fn delete_server_removes_it_with_its_snapshots_and_restore() {
    let sim = Sim::new().await;
    let restore = sim
        .post_empty(ALICE, "/api/v1/snapshots/790/restore/")
        .await;
    assert_eq!(restore.status, 200);
    assert_eq!(delete_server(&sim, 12349).await.status, 204);

    let not_found = json!({"detail": "Not found."});
    sim.get(ALICE, "/api/v1/servers/12349/")
        .await
        .assert(404, &not_found);
    assert!(!sim
        .get(ALICE, "/api/v1/servers/")
        .await
        .ids()
        .contains(&12349));
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12349")
            .await
            .json["count"],
        0
    );
    let all = sim.get(ALICE, "/api/v1/snapshots/").await;
    assert_eq!(all.json["count"], 11);
    assert!(!all.ids().contains(&790) && !all.ids().contains(&791));
    sim.post_empty(ALICE, "/api/v1/snapshots/790/restore/")
        .await
        .assert(404, &not_found);
    // The restore in progress just vanished: nothing comes back once it would have ended.
    wait_for_transitions().await;
    sim.get(ALICE, "/api/v1/servers/12349/")
        .await
        .assert(404, &not_found);
    assert_eq!(sim.get(ALICE, "/api/v1/servers/").await.json["count"], 6);

    delete_server(&sim, 12349).await.assert(404, &not_found);
    delete_server(&sim, 99999).await.assert(404, &not_found);
}
