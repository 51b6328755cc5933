//! Restoring a server from a snapshot.

use serde_json::json;

use crate::support::{wait_for_transitions, Sim, ALICE};

#[tokio::test]
async fn restore_then_back_to_previous_status() {
    let sim = Sim::new().await;
    let reply = sim
        .post_empty(ALICE, "/api/v1/snapshots/801/restore/")
        .await;
    reply.assert(
        200,
        &json!({
          "status": "success",
          "message": "Server is being restored from snapshot. This may take 5-15 minutes.",
          "snapshot": {"id": 801, "name": "pre-migration-snapshot", "created_at": "2025-01-15T18:30:00Z"},
          "server": {"id": 12345, "name": "web-server-01", "status": "restoring"}
        }),
    );
    let server = sim.get(ALICE, "/api/v1/servers/12345/").await;
    assert_eq!(server.json["status"], "restoring");
    let restoring = sim.get(ALICE, "/api/v1/servers/?status=restoring").await;
    assert_eq!(restoring.ids(), [12345, 12350]);

    // While restoring: no second restore, no new snapshot.
    sim.post_empty(ALICE, "/api/v1/snapshots/798/restore/")
        .await
        .assert(
            400,
            &json!({"detail": "Server is not in a valid state for restoration."}),
        );
    assert_eq!(
        sim.post(
            ALICE,
            "/api/v1/snapshots/",
            &json!({"server_id": 12345, "name": "x"})
        )
        .await
        .status,
        400
    );

    // A stopped server goes back to stopped.
    let db = sim.get(ALICE, "/api/v1/snapshots/?server_id=12346").await;
    let oldest_created_at = db.json["results"][4]["created_at"].clone();
    sim.post_empty(ALICE, "/api/v1/snapshots/771/restore/")
        .await
        .assert(
            200,
            &json!({
              "status": "success",
              "message": "Server is being restored from snapshot. This may take 5-15 minutes.",
              "snapshot": {"id": 771, "name": "db-nightly-1", "created_at": oldest_created_at},
              "server": {"id": 12346, "name": "db-primary", "status": "restoring"}
            }),
        );
    // A suspended server goes back to suspended.
    assert_eq!(
        sim.post_empty(ALICE, "/api/v1/snapshots/750/restore/")
            .await
            .status,
        200
    );

    wait_for_transitions().await;
    let web = sim.get(ALICE, "/api/v1/servers/12345/").await;
    assert_eq!(web.json["status"], "active");
    assert_ne!(web.json["updated_at"], "2025-01-15T18:30:00Z");
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12346/").await.json["status"],
        "stopped"
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12351/").await.json["status"],
        "suspended"
    );
    // The stuck server is still restoring.
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12350/").await.json["status"],
        "restoring"
    );
    // And the server can be restored again.
    assert_eq!(
        sim.post_empty(ALICE, "/api/v1/snapshots/798/restore/")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn restore_refusals() {
    let sim = Sim::new().await;
    let not_found = json!({"detail": "Not found."});
    for path in [
        "/api/v1/snapshots/999999/restore/",
        "/api/v1/snapshots/abc/restore/",
        "/api/v1/snapshots/901/restore/",
        "/api/v1/snapshots/950/restore/",
    ] {
        sim.post_empty(ALICE, path).await.assert(404, &not_found);
    }
    let not_completed = json!({"detail": "Snapshot is not completed and cannot be restored."});
    // Failed and in-progress snapshots.
    sim.post_empty(ALICE, "/api/v1/snapshots/781/restore/")
        .await
        .assert(400, &not_completed);
    sim.post_empty(ALICE, "/api/v1/snapshots/791/restore/")
        .await
        .assert(400, &not_completed);
    // The stuck server.
    sim.post_empty(ALICE, "/api/v1/snapshots/760/restore/")
        .await
        .assert(
            400,
            &json!({"detail": "Server is not in a valid state for restoration."}),
        );
    // A deleted snapshot.
    assert_eq!(
        sim.delete(ALICE, "/api/v1/snapshots/798/").await.status,
        204
    );
    sim.post_empty(ALICE, "/api/v1/snapshots/798/restore/")
        .await
        .assert(404, &not_found);
    // Nothing changed state.
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12348/").await.json["status"],
        "active"
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12349/").await.json["status"],
        "active"
    );
}
