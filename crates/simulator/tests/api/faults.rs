//! Fault injection: every kind, filters, count, seed repeatability, start-up faults.

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};
use vps_simulator::{Config, FaultKind, FaultSpec};

use crate::support::{test_config, Sim, ALICE};

const LIST: &str = "/api/v1/snapshots/?server_id=12345";

async fn fault_once(sim: &Sim, kind: &str) {
    sim.control("/__sim/faults", &json!({"kinds": [kind], "count": 1}))
        .await;
}

#[tokio::test]
async fn server_error_500() {
    let sim = Sim::new().await;
    fault_once(&sim, "500").await;
    sim.get(ALICE, LIST)
        .await
        .assert(500, &json!({"detail": "A server error occurred."}));
    assert_eq!(
        sim.get(ALICE, LIST).await.status,
        200,
        "count: 1 means one fault only"
    );
}

#[tokio::test]
async fn html_502_from_a_proxy() {
    let sim = Sim::new().await;
    fault_once(&sim, "html502").await;
    let reply = sim.get(ALICE, LIST).await;
    assert_eq!(reply.status, 502);
    assert_eq!(reply.content_type(), Some("text/html"));
    assert!(
        reply.text.contains("<title>502 Bad Gateway</title>"),
        "{}",
        reply.text
    );
    assert!(reply.text.contains("nginx"));
    assert_eq!(reply.json, Value::Null);
    // A faulted create is not performed.
    fault_once(&sim, "html502").await;
    let create = sim
        .post(
            ALICE,
            "/api/v1/snapshots/",
            &json!({"server_id": 12347, "name": "lost"}),
        )
        .await;
    assert_eq!(create.status, 502);
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12347")
            .await
            .json["count"],
        0
    );
}

#[tokio::test]
async fn throttled_429_with_retry_after() {
    let sim = Sim::new().await;
    sim.control(
        "/__sim/faults",
        &json!({"kinds": ["429"], "count": 2, "retry_after_secs": 3}),
    )
    .await;
    let reply = sim.get(ALICE, LIST).await;
    reply.assert(
        429,
        &json!({"detail": "Request was throttled. Expected available in 3 seconds."}),
    );
    assert_eq!(reply.header("retry-after"), Some("3"));
    sim.control(
        "/__sim/faults",
        &json!({"kinds": ["429"], "count": 1, "retry_after_secs": 1}),
    )
    .await;
    let reply = sim.get(ALICE, LIST).await;
    reply.assert(
        429,
        &json!({"detail": "Request was throttled. Expected available in 1 second."}),
    );
    assert_eq!(reply.header("retry-after"), Some("1"));
}

#[tokio::test]
async fn truncated_json() {
    let sim = Sim::new().await;
    let full = sim.get(ALICE, LIST).await;
    fault_once(&sim, "truncated").await;
    let cut = sim.get(ALICE, LIST).await;
    assert_eq!(cut.status, 200);
    assert_eq!(cut.content_type(), Some("application/json"));
    assert!(serde_json::from_str::<Value>(&cut.text).is_err());
    assert_eq!(cut.text.len(), full.text.len() / 2);
    assert!(full.text.starts_with(&cut.text));
    // The request itself was performed: a truncated create did create.
    fault_once(&sim, "truncated").await;
    let create = sim
        .post(
            ALICE,
            "/api/v1/snapshots/",
            &json!({"server_id": 12347, "name": "half"}),
        )
        .await;
    assert_eq!(create.status, 200);
    assert!(create.text.starts_with("{\"id\":802"), "{}", create.text);
    assert_eq!(
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12347")
            .await
            .ids(),
        [802]
    );
}

#[tokio::test]
async fn dropped_connection_is_a_network_error() {
    let sim = Sim::new().await;
    fault_once(&sim, "drop").await;
    let error = sim
        .try_call(Method::GET, Some(ALICE), LIST, None)
        .await
        .unwrap_err();
    assert!(
        error.is_request() || error.is_connect() || error.is_body(),
        "{error:?}"
    );
    assert!(error.status().is_none());
    // A fresh client, no pooled connection either.
    let again = reqwest::Client::new()
        .get(sim.url(LIST))
        .bearer_auth(ALICE)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(sim.get(ALICE, LIST).await.status, 200);
}

#[tokio::test]
async fn latency_delays_then_answers() {
    let sim = Sim::new().await;
    sim.control(
        "/__sim/faults",
        &json!({"kinds": ["latency"], "latency_ms": 250, "count": 1}),
    )
    .await;
    let started = Instant::now();
    let reply = sim.get(ALICE, LIST).await;
    assert!(started.elapsed() >= Duration::from_millis(250));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json["count"], 2);
    // Only the one request was delayed.
    assert_eq!(sim.get(ALICE, LIST).await.status, 200);
    let log = sim.requests().await;
    assert_eq!(log[0]["fault"], "latency");
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[1]["fault"], Value::Null);
}

#[tokio::test]
async fn a_500_after_the_save_keeps_what_was_saved() {
    let sim = Sim::new().await;
    fault_once(&sim, "500saved").await;
    let create = sim
        .post(
            ALICE,
            "/api/v1/snapshots/",
            &json!({"server_id": 12347, "name": "saved-then-failed"}),
        )
        .await;
    create.assert(500, &json!({"detail": "A server error occurred."}));
    let listed = sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
    assert_eq!(listed.json["count"], 1);
    assert_eq!(listed.json["results"][0]["name"], "saved-then-failed");
}

/// Asks for a snapshot `name` of 12347 that the API takes `latency_ms` over, and stops
/// waiting for it after `waits_ms`.
async fn create_and_give_up(sim: &Sim, name: &str, latency_ms: u64, waits_ms: u64) {
    sim.control(
        "/__sim/faults",
        &json!({"kinds": ["latency"], "latency_ms": latency_ms, "count": 1}),
    )
    .await;
    let gave_up = sim
        .http
        .post(sim.url("/api/v1/snapshots/"))
        .bearer_auth(ALICE)
        .json(&json!({"server_id": 12347, "name": name}))
        .timeout(Duration::from_millis(waits_ms))
        .send()
        .await
        .unwrap_err();
    assert!(gave_up.is_timeout(), "{gave_up:?}");
}

#[tokio::test]
async fn a_slow_request_is_finished_after_the_client_stopped_waiting() {
    let sim = Sim::new().await;
    create_and_give_up(&sim, "finished-anyway", 600, 150).await;
    tokio::time::sleep(Duration::from_millis(900)).await;
    let listed = sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
    assert_eq!(listed.json["count"], 1, "{}", listed.text);
    assert_eq!(listed.json["results"][0]["name"], "finished-anyway");
    let log = sim.requests().await;
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["status"], 201);
    assert_eq!(log[0]["fault"], "latency");
}

#[tokio::test]
async fn a_slow_request_from_before_a_reset_is_not_performed_after_it() {
    let sim = Sim::new().await;
    create_and_give_up(&sim, "from-another-test", 500, 100).await;
    sim.control("/__sim/reset", &json!({})).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let listed = sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
    assert_eq!(listed.json["count"], 0, "{}", listed.text);
    let log = sim.requests().await;
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|r| r["method"] != "POST"),
        "{log}"
    );
}

/// Statuses of 40 GETs under a 50 % `500` fault rate with `seed`.
async fn pattern(sim: &Sim, seed: u64) -> Vec<u16> {
    sim.control(
        "/__sim/faults",
        &json!({"rate": 0.5, "kinds": ["500", "429"], "seed": seed}),
    )
    .await;
    let mut statuses = Vec::new();
    for _ in 0..40 {
        statuses.push(sim.get(ALICE, "/api/v1/servers/").await.status.as_u16());
    }
    statuses
}

#[tokio::test]
async fn same_seed_same_faults() {
    let sim = Sim::new().await;
    let first = pattern(&sim, 7).await;
    let second = pattern(&sim, 7).await;
    assert_eq!(first, second);
    for status in [200, 500, 429] {
        assert!(first.contains(&status), "{status} missing from {first:?}");
    }
    assert_ne!(first, pattern(&sim, 8).await);
    // And across simulators.
    let other = Sim::new().await;
    assert_eq!(pattern(&other, 7).await, first);
}

#[tokio::test]
async fn filters_by_path_prefix_and_method() {
    let sim = Sim::new().await;
    sim.control(
        "/__sim/faults",
        &json!({"kinds": ["500"], "path_prefix": "/api/v1/snapshots/", "method": "POST"}),
    )
    .await;
    assert_eq!(sim.get(ALICE, LIST).await.status, 200);
    assert_eq!(sim.get(ALICE, "/api/v1/servers/").await.status, 200);
    for _ in 0..3 {
        let reply = sim
            .post(
                ALICE,
                "/api/v1/snapshots/",
                &json!({"server_id": 12347, "name": "x"}),
            )
            .await;
        assert_eq!(reply.status, 500);
    }
    let state = sim
        .call(Method::GET, None, "/__sim/faults", None)
        .await
        .json;
    assert_eq!(state["kinds"], json!(["500"]));
    assert_eq!(state["rate"], 1.0);
    assert_eq!(state["remaining"], Value::Null);
    // Clearing switches them off.
    let cleared = sim
        .http
        .delete(sim.url("/__sim/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), 204);
    assert_eq!(sim.create(ALICE, 12347, "x").await["id"], 802);
}

#[tokio::test]
async fn count_limits_the_faults() {
    let sim = Sim::new().await;
    sim.control("/__sim/faults", &json!({"kinds": ["500"], "count": 3}))
        .await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(sim.get(ALICE, LIST).await.status.as_u16());
    }
    assert_eq!(statuses, [500, 500, 500, 200, 200]);
}

#[tokio::test]
async fn bad_fault_requests_are_400() {
    let sim = Sim::new().await;
    for body in [
        json!({"rate": 2.0}),
        json!({"kinds": ["boom"]}),
        json!({"what": 1}),
    ] {
        let reply = sim
            .call(Method::POST, None, "/__sim/faults", Some(&body))
            .await;
        assert_eq!(reply.status, 400, "{body}: {}", reply.text);
    }
    assert_eq!(sim.get(ALICE, LIST).await.status, 200);
}

#[tokio::test]
async fn start_up_faults_from_the_config() {
    let sim = Sim::start(Config {
        faults: FaultSpec {
            rate: 1.0,
            kinds: vec![FaultKind::Throttle],
            retry_after_secs: 5,
            ..FaultSpec::default()
        },
        ..test_config()
    })
    .await;
    let reply = sim.get(ALICE, LIST).await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("5"));
    // Control endpoints are never faulted (nor authenticated).
    let log = sim.requests().await;
    assert_eq!(
        log,
        json!([{"method": "GET", "path": "/api/v1/snapshots/", "query": "server_id=12345", "status": 429, "fault": "429"}])
    );
    // A reset clears start-up faults too.
    sim.control("/__sim/reset", &json!({})).await;
    assert_eq!(sim.get(ALICE, LIST).await.status, 200);
}
