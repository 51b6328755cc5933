//! Servers and account endpoints.

use serde_json::{json, Value};
use vps_simulator::Config;

use crate::support::{test_config, Sim, ALICE, BOB, CAROL};

#[tokio::test]
async fn server_list_and_filters() {
    let sim = Sim::new().await;
    let all = sim.get(ALICE, "/api/v1/servers/").await;
    assert_eq!(all.status, 200);
    assert_eq!(all.content_type(), Some("application/json"));
    assert_eq!(all.json["count"], 7);
    assert_eq!(all.json["next"], Value::Null);
    assert_eq!(all.json["previous"], Value::Null);
    assert_eq!(all.ids(), [12345, 12346, 12347, 12348, 12349, 12350, 12351]);
    let statuses: Vec<&str> = all.json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "active",
            "stopped",
            "active",
            "active",
            "active",
            "restoring",
            "suspended"
        ]
    );

    let filter = |q: &'static str| {
        let sim = &sim;
        async move { sim.get(ALICE, &format!("/api/v1/servers/{q}")).await }
    };
    assert_eq!(
        filter("?status=active").await.ids(),
        [12345, 12347, 12348, 12349]
    );
    assert_eq!(filter("?status=stopped").await.ids(), [12346]);
    assert_eq!(filter("?status=suspended").await.ids(), [12351]);
    assert_eq!(filter("?status=restoring").await.ids(), [12350]);
    assert_eq!(filter("?location=Lisbon").await.ids(), [12345, 12347]);
    assert_eq!(filter("?location=S%C3%A3o+Paulo").await.ids(), [12348]);
    assert_eq!(
        filter("?location=Amsterdam&status=suspended").await.ids(),
        [12351]
    );
    assert_eq!(
        filter("?location=Frankfurt&status=stopped").await.ids(),
        [12346]
    );
    assert_eq!(filter("?location=Nowhere").await.json["count"], 0);
    assert_eq!(filter("?status=").await.json["count"], 7);
    filter("?status=bogus").await.assert(
        400,
        &json!({"status": ["Select a valid choice. bogus is not one of the available choices."]}),
    );
}

#[tokio::test]
async fn server_list_pages() {
    let sim = Sim::start(Config {
        page_size: 3,
        ..test_config()
    })
    .await;
    let first = sim.get(ALICE, "/api/v1/servers/?status=active").await;
    assert_eq!(first.ids(), [12345, 12347, 12348]);
    assert_eq!(first.json["count"], 4);
    assert_eq!(
        first.json["next"],
        format!("{}/api/v1/servers/?page=2&status=active", sim.base)
    );
    let second = sim
        .get(ALICE, "/api/v1/servers/?status=active&page=2")
        .await;
    assert_eq!(second.ids(), [12349]);
    assert_eq!(
        second.json["previous"],
        format!("{}/api/v1/servers/?status=active", sim.base)
    );
    sim.get(ALICE, "/api/v1/servers/?page=9")
        .await
        .assert(404, &json!({"detail": "Invalid page."}));
}

#[tokio::test]
async fn one_server() {
    let sim = Sim::new().await;
    sim.get(ALICE, "/api/v1/servers/12345/").await.assert(
        200,
        &json!({
            "id": 12345,
            "name": "web-server-01",
            "hostname": "web-server-01.vps.example",
            "status": "active",
            "ip_address": "203.0.113.10",
            "location": "Lisbon",
            "plan": {"id": 2, "name": "VPS-2", "vcpus": 2, "memory": 4096, "storage": 80},
            "os": {"id": 12, "name": "Ubuntu 24.04 LTS"},
            "created_at": "2024-03-02T09:14:00Z",
            "updated_at": "2025-01-15T18:30:00Z"
        }),
    );
    let not_found = json!({"detail": "Not found."});
    for path in [
        "/api/v1/servers/1/",
        "/api/v1/servers/abc/",
        "/api/v1/servers/22222/",
    ] {
        sim.get(ALICE, path).await.assert(404, &not_found);
    }
    sim.get(BOB, "/api/v1/servers/22222/").await.assert(
        200,
        &sim.get(BOB, "/api/v1/servers/").await.json["results"][0],
    );
}

#[tokio::test]
async fn account_me_for_each_token() {
    let sim = Sim::new().await;
    let me = sim.get(ALICE, "/api/v1/account/me/").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.content_type(), Some("application/json"));
    assert_eq!(
        me.json["account"],
        json!({
            "email": "alice@example.com",
            "first_name": "Alice",
            "last_name": "Example",
            "company_name": "Example Hosting Ltd",
            "created_at": "2023-06-01T10:00:00Z"
        })
    );
    assert_eq!(me.json["token"]["name"], "Demo token");
    assert_eq!(
        me.json["token"]["permissions"],
        json!(["snapshots:read", "snapshots:write", "servers:read"])
    );
    assert_eq!(me.json["token"]["created_at"], "2024-09-10T08:30:00Z");
    let last_used = me.json["token"]["last_used_at"].as_str().unwrap();
    assert!(
        last_used.ends_with('Z') && last_used > "2025-01-15T18:29:12Z",
        "{last_used}"
    );

    let bob = sim.get(BOB, "/api/v1/account/me/").await;
    assert_eq!(bob.json["account"]["email"], "bob@example.com");
    let carol = sim.get(CAROL, "/api/v1/account/me/").await;
    assert_eq!(carol.json["account"]["email"], "carol@example.com");
    assert_eq!(
        carol.json["token"]["permissions"],
        json!(["snapshots:read", "servers:read"])
    );
}
