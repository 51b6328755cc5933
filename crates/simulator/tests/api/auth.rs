//! Authentication, permissions, isolation between users, routing errors and CORS.

use reqwest::Method;
use serde_json::{json, Value};
use vps_simulator::Config;

use crate::support::{test_config, Sim, ALICE, BOB, CAROL};

const ENDPOINTS: [(&str, &str); 6] = [
    ("GET", "/api/v1/snapshots/"),
    ("POST", "/api/v1/snapshots/"),
    ("POST", "/api/v1/snapshots/801/restore/"),
    ("DELETE", "/api/v1/snapshots/801/"),
    ("GET", "/api/v1/servers/"),
    ("GET", "/api/v1/account/me/"),
];

fn method(name: &str) -> Method {
    name.parse().unwrap()
}

#[tokio::test]
async fn missing_and_invalid_credentials_are_401() {
    let sim = Sim::new().await;
    let missing = json!({"detail": "Authentication credentials were not provided."});
    let invalid = json!({"detail": "Invalid token."});
    for (m, path) in ENDPOINTS
        .into_iter()
        .chain([("GET", "/api/v1/servers/12345/")])
    {
        let reply = sim.call(method(m), None, path, None).await;
        reply.assert(401, &missing);
        assert_eq!(
            reply.header("www-authenticate"),
            Some("Bearer realm=\"api\"")
        );
        let reply = sim.call(method(m), Some("vps_nope"), path, None).await;
        reply.assert(401, &invalid);
        assert_eq!(
            reply.header("www-authenticate"),
            Some("Bearer realm=\"api\"")
        );
    }
    let with_header = |value: &'static str| {
        let sim = &sim;
        async move {
            let response = sim
                .http
                .get(sim.url("/api/v1/account/me/"))
                .header("authorization", value)
                .send()
                .await
                .unwrap();
            (
                response.status().as_u16(),
                response.json::<Value>().await.unwrap(),
            )
        }
    };
    // Another scheme counts as no credentials; the keyword is case-insensitive.
    assert_eq!(
        with_header("Basic YWxpY2U6eA==").await,
        (401, missing.clone())
    );
    assert_eq!(with_header("Token vps_demo_alice").await, (401, missing));
    assert_eq!(with_header("bearer vps_demo_alice").await.0, 200);
    assert_eq!(
        with_header("Bearer").await,
        (
            401,
            json!({"detail": "Invalid token header. No credentials provided."})
        )
    );
    assert_eq!(
        with_header("Bearer a b").await,
        (
            401,
            json!({"detail": "Invalid token header. Token string should not contain spaces."})
        )
    );
    // Nothing happened to the data.
    assert_eq!(sim.get(ALICE, "/api/v1/snapshots/").await.json["count"], 13);
}

#[tokio::test]
async fn read_only_token_gets_403_on_writes() {
    let sim = Sim::new().await;
    let forbidden = json!({"detail": "You do not have permission to perform this action: your token lacks the snapshots:write permission."});
    let create = json!({"server_id": 33333, "name": "carol-new"});
    sim.post(CAROL, "/api/v1/snapshots/", &create)
        .await
        .assert(403, &forbidden);
    // Even invalid input or unknown ids: permissions are checked first.
    sim.post(CAROL, "/api/v1/snapshots/", &json!({}))
        .await
        .assert(403, &forbidden);
    sim.post_empty(CAROL, "/api/v1/snapshots/950/restore/")
        .await
        .assert(403, &forbidden);
    sim.post_empty(CAROL, "/api/v1/snapshots/12/restore/")
        .await
        .assert(403, &forbidden);
    sim.delete(CAROL, "/api/v1/snapshots/950/")
        .await
        .assert(403, &forbidden);
    sim.call(Method::PUT, Some(CAROL), "/api/v1/snapshots/", None)
        .await
        .assert(403, &forbidden);

    // Reads work, and nothing changed.
    let mine = sim.get(CAROL, "/api/v1/snapshots/").await;
    assert_eq!(mine.ids(), [950]);
    assert_eq!(mine.json["results"][0]["name"], "carol-base");
    assert_eq!(mine.json["results"][0]["status"], "completed");
    let servers = sim.get(CAROL, "/api/v1/servers/").await;
    assert_eq!(servers.ids(), [33333]);
    assert_eq!(servers.json["results"][0]["name"], "carol-app");
    assert_eq!(
        sim.get(CAROL, "/api/v1/servers/33333/").await.json["status"],
        "active"
    );
}

#[tokio::test]
async fn users_never_see_each_other() {
    let sim = Sim::new().await;
    // Bob's own view.
    let bob = sim.get(BOB, "/api/v1/snapshots/").await;
    assert_eq!(bob.ids(), [901]);
    assert_eq!(bob.json["results"][0]["name"], "bob-nightly");
    assert_eq!(
        bob.json["results"][0]["server"],
        json!({"id": 22222, "name": "bob-web"})
    );
    assert_eq!(sim.get(BOB, "/api/v1/servers/").await.ids(), [22222]);
    assert_eq!(
        sim.get(BOB, "/api/v1/servers/22222/").await.json["status"],
        "active"
    );

    // Alice cannot see or touch Bob's things: same answers as for nonexistent ids.
    let not_found = json!({"detail": "Not found."});
    sim.get(ALICE, "/api/v1/snapshots/?server_id=22222")
        .await
        .assert(
            200,
            &json!({"count": 0, "next": null, "previous": null, "results": []}),
        );
    assert!(!sim
        .get(ALICE, "/api/v1/snapshots/")
        .await
        .ids()
        .contains(&901));
    assert!(!sim
        .get(ALICE, "/api/v1/servers/")
        .await
        .ids()
        .contains(&22222));
    sim.get(ALICE, "/api/v1/servers/22222/")
        .await
        .assert(404, &not_found);
    sim.post_empty(ALICE, "/api/v1/snapshots/901/restore/")
        .await
        .assert(404, &not_found);
    sim.delete(ALICE, "/api/v1/snapshots/901/")
        .await
        .assert(404, &not_found);
    sim.post(
        ALICE,
        "/api/v1/snapshots/",
        &json!({"server_id": 22222, "name": "mine-now"}),
    )
    .await
    .assert(404, &json!({"detail": "Server not found."}));
    // Bob likewise.
    sim.delete(BOB, "/api/v1/snapshots/801/")
        .await
        .assert(404, &not_found);
    assert_eq!(
        sim.get(BOB, "/api/v1/snapshots/?server_id=12345")
            .await
            .json["count"],
        0
    );

    // Bob's data is untouched; Bob can use it.
    assert_eq!(sim.get(BOB, "/api/v1/snapshots/").await.ids(), [901]);
    let created = sim.create(BOB, 22222, "bob-second").await;
    assert_eq!(created["id"], 802);
    assert_eq!(
        sim.post_empty(BOB, "/api/v1/snapshots/901/restore/")
            .await
            .status,
        200
    );
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12345/").await.json["status"],
        "active"
    );
    assert_eq!(sim.get(ALICE, "/api/v1/snapshots/").await.json["count"], 13);
}

#[tokio::test]
async fn wrong_method_is_405_with_allow() {
    let sim = Sim::new().await;
    let cases = [
        ("PUT", "/api/v1/snapshots/", "GET, POST, HEAD, OPTIONS"),
        ("PATCH", "/api/v1/snapshots/", "GET, POST, HEAD, OPTIONS"),
        ("DELETE", "/api/v1/snapshots/", "GET, POST, HEAD, OPTIONS"),
        ("GET", "/api/v1/snapshots/801/", "DELETE, OPTIONS"),
        ("PUT", "/api/v1/snapshots/801/", "DELETE, OPTIONS"),
        ("GET", "/api/v1/snapshots/801/restore/", "POST, OPTIONS"),
        ("POST", "/api/v1/servers/", "GET, HEAD, OPTIONS"),
        ("DELETE", "/api/v1/servers/12345/", "GET, HEAD, OPTIONS"),
        ("POST", "/api/v1/account/me/", "GET, HEAD, OPTIONS"),
    ];
    for (m, path, allow) in cases {
        let reply = sim.call(method(m), Some(ALICE), path, None).await;
        reply.assert(
            405,
            &json!({"detail": format!("Method \"{m}\" not allowed.")}),
        );
        assert_eq!(reply.header("allow"), Some(allow), "{m} {path}");
    }
    // Authentication comes first.
    assert_eq!(
        sim.call(Method::PUT, None, "/api/v1/snapshots/", None)
            .await
            .status,
        401
    );
    // Nothing was deleted by the GET/PUT on a snapshot.
    assert_eq!(sim.get(ALICE, "/api/v1/snapshots/").await.json["count"], 13);
    // HEAD is answered like GET, without a body.
    let head = sim
        .call(Method::HEAD, Some(ALICE), "/api/v1/servers/", None)
        .await;
    assert_eq!(head.status, 200);
    assert_eq!(head.text, "");
}

#[tokio::test]
async fn unknown_paths_and_missing_slashes_are_404() {
    let sim = Sim::new().await;
    let not_found = json!({"detail": "Not found."});
    for path in [
        "/api/v1/snapshots",
        "/api/v1/servers",
        "/api/v1/servers/12345",
        "/api/v1/account/me",
        "/api/v1/snapshots/801/restore",
        "/api/v1/backups/",
        "/api/v2/snapshots/",
        "/api/v1/snapshots/801/restore/now/",
        "/",
    ] {
        sim.get(ALICE, path).await.assert(404, &not_found);
        // Before authentication, as URL resolution comes first.
        sim.call(Method::GET, None, path, None)
            .await
            .assert(404, &not_found);
    }
    sim.call(
        Method::POST,
        Some(ALICE),
        "/api/v1/snapshots",
        Some(&json!({"server_id": 12345, "name": "x"})),
    )
    .await
    .assert(404, &not_found);
}

#[tokio::test]
async fn json_content_type_on_every_json_answer() {
    let sim = Sim::new().await;
    let replies = [
        sim.get(ALICE, "/api/v1/snapshots/").await,
        sim.post(
            ALICE,
            "/api/v1/snapshots/",
            &json!({"server_id": 12347, "name": "ct"}),
        )
        .await,
        sim.post(ALICE, "/api/v1/snapshots/", &json!({})).await,
        sim.call(Method::GET, None, "/api/v1/snapshots/", None)
            .await,
        sim.delete(CAROL, "/api/v1/snapshots/950/").await,
        sim.get(ALICE, "/api/v1/nothing/").await,
        sim.call(Method::PUT, Some(ALICE), "/api/v1/servers/", None)
            .await,
        sim.post_empty(ALICE, "/api/v1/snapshots/801/restore/")
            .await,
    ];
    let statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(statuses, [200, 201, 400, 401, 403, 404, 405, 200]);
    for reply in replies {
        assert_eq!(
            reply.content_type(),
            Some("application/json"),
            "{}",
            reply.text
        );
    }
}

#[tokio::test]
async fn default_token_stands_in_for_a_missing_header() {
    let sim = Sim::start(Config {
        default_token: Some(ALICE.to_owned()),
        ..test_config()
    })
    .await;
    let me = sim
        .call(Method::GET, None, "/api/v1/account/me/", None)
        .await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json["account"]["email"], "alice@example.com");
    let created = sim
        .call(
            Method::POST,
            None,
            "/api/v1/snapshots/",
            Some(&json!({"server_id": 12347, "name": "via-proxy"})),
        )
        .await;
    assert_eq!(created.status, 201);
    // An explicit header still wins, and a bad one is still refused.
    assert_eq!(
        sim.get(BOB, "/api/v1/account/me/").await.json["account"]["email"],
        "bob@example.com"
    );
    assert_eq!(sim.get("vps_nope", "/api/v1/account/me/").await.status, 401);

    let bad_default = Sim::start(Config {
        default_token: Some("vps_wrong".to_owned()),
        ..test_config()
    })
    .await;
    bad_default
        .call(Method::GET, None, "/api/v1/account/me/", None)
        .await
        .assert(401, &json!({"detail": "Invalid token."}));
}

#[tokio::test]
async fn cors_is_permissive_by_default() {
    let sim = Sim::new().await;
    let preflight = sim
        .http
        .request(Method::OPTIONS, sim.url("/api/v1/snapshots/801/"))
        .header("origin", "http://127.0.0.1:5173")
        .header("access-control-request-method", "DELETE")
        .header(
            "access-control-request-headers",
            "authorization,content-type,x-requested-with",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let h = preflight.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    let allowed = h["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_ascii_lowercase();
    for header in ["authorization", "content-type", "x-requested-with"] {
        assert!(allowed.contains(header), "{header} not in {allowed}");
    }
    assert!(h.contains_key("access-control-allow-methods"));

    // Real answers carry the header too, errors included, and Retry-After is readable.
    for token in [Some(ALICE), None] {
        let mut request = sim
            .http
            .get(sim.url("/api/v1/snapshots/"))
            .header("origin", "http://x.test");
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.headers()["access-control-allow-origin"], "*");
        let exposed = response.headers()["access-control-expose-headers"]
            .to_str()
            .unwrap()
            .to_ascii_lowercase();
        assert!(exposed.contains("retry-after"), "{exposed}");
    }
}

#[tokio::test]
async fn no_cors_leaves_options_to_the_api() {
    let sim = Sim::start(Config {
        cors: false,
        ..test_config()
    })
    .await;
    let response = sim
        .http
        .get(sim.url("/api/v1/servers/"))
        .bearer_auth(ALICE)
        .header("origin", "http://x.test")
        .send()
        .await
        .unwrap();
    assert!(!response
        .headers()
        .contains_key("access-control-allow-origin"));
    let options = sim
        .call(Method::OPTIONS, Some(ALICE), "/api/v1/snapshots/", None)
        .await;
    assert_eq!(options.status, 200);
    assert_eq!(options.header("allow"), Some("GET, POST, HEAD, OPTIONS"));
    assert_eq!(options.json["name"], "/api/v1/snapshots/");
    assert_eq!(
        sim.call(Method::OPTIONS, None, "/api/v1/snapshots/", None)
            .await
            .status,
        401
    );
}
