//! Form-encoded and multipart bodies, accepted in every mode as DRF's default parsers do
//! (a cross-site HTML form can send them), and 415 for anything else.

use serde_json::json;

use crate::support::{plain_config, test_config, Sim, ALICE};

const SNAPSHOTS: &str = "/api/v1/snapshots/";
const FORM: &str = "application/x-www-form-urlencoded";

/// A `multipart/form-data` body with these text fields, and its `Content-Type`.
fn multipart(fields: &[(&str, &str)]) -> (String, String) {
    let boundary = "----simulator-test-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn form_encoded_and_multipart_creates_are_accepted_in_every_mode() {
    for config in [test_config(), plain_config()] {
        let sim = Sim::start(config).await;
        let form = sim
            .post_raw(
                ALICE,
                SNAPSHOTS,
                Some("application/x-www-form-urlencoded; charset=UTF-8"),
                "server_id=12347&name=from-a-form&description=sent+by+a+%3Cform%3E",
            )
            .await;
        assert_eq!(form.status, 201, "{}", form.text);
        assert_eq!(
            form.json["server"],
            json!({"id": 12347, "name": "staging-app"})
        );
        assert_eq!(form.json["name"], "from-a-form");
        assert_eq!(form.json["description"], "sent by a <form>");
        assert_eq!(form.json["status"], "in_progress");

        let (content_type, body) = multipart(&[
            ("server_id", "12347"),
            ("name", "from-multipart"),
            ("description", "two\r\nlines"),
        ]);
        let multi = sim
            .post_raw(ALICE, SNAPSHOTS, Some(&content_type), &body)
            .await;
        assert_eq!(multi.status, 201, "{}", multi.text);
        assert_eq!(multi.json["name"], "from-multipart");
        assert_eq!(multi.json["description"], "two\r\nlines");

        // Both were created (read twice: in plain-DRF mode the first read lags).
        sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
        let listed = sim.get(ALICE, "/api/v1/snapshots/?server_id=12347").await;
        assert_eq!(listed.json["count"], 2);
    }
}

#[tokio::test]
async fn form_fields_are_validated_like_json_ones() {
    let sim = Sim::new().await;
    sim.post_raw(ALICE, SNAPSHOTS, Some(FORM), "server_id=abc&name=")
        .await
        .assert(
            400,
            &json!({"server_id": ["A valid integer is required."], "name": ["This field may not be blank."]}),
        );
    sim.post_raw(ALICE, SNAPSHOTS, Some(FORM), "description=only")
        .await
        .assert(
            400,
            &json!({"server_id": ["This field is required."], "name": ["This field is required."]}),
        );
    let (content_type, body) = multipart(&[("server_id", "99999"), ("name", "x")]);
    sim.post_raw(ALICE, SNAPSHOTS, Some(&content_type), &body)
        .await
        .assert(404, &json!({"detail": "Server not found."}));
    sim.post_raw(ALICE, SNAPSHOTS, Some("multipart/form-data"), "name=x")
        .await
        .assert(
            400,
            &json!({"detail": "Multipart form parse error - Invalid boundary in multipart: None"}),
        );
    assert_eq!(sim.get(ALICE, SNAPSHOTS).await.json["count"], 13);
}

#[tokio::test]
async fn restore_takes_any_body_or_none() {
    let sim = Sim::new().await;
    let form = sim
        .post_raw(
            ALICE,
            "/api/v1/snapshots/801/restore/",
            Some(FORM),
            "confirm=yes",
        )
        .await;
    assert_eq!(form.status, 200, "{}", form.text);
    assert_eq!(form.json["server"]["status"], "restoring");
    assert_eq!(
        sim.get(ALICE, "/api/v1/servers/12345/").await.json["status"],
        "restoring"
    );
    let text = sim
        .post_raw(
            ALICE,
            "/api/v1/snapshots/771/restore/",
            Some("text/plain"),
            "please",
        )
        .await;
    assert_eq!(text.status, 200, "{}", text.text);
    assert_eq!(text.json["server"]["id"], 12346);
}

#[tokio::test]
async fn other_media_types_are_refused_with_415_in_every_mode() {
    for config in [test_config(), plain_config()] {
        let sim = Sim::start(config).await;
        sim.post_raw(
            ALICE,
            SNAPSHOTS,
            Some("text/plain"),
            "server_id=12347&name=x",
        )
        .await
        .assert(
            415,
            &json!({"detail": "Unsupported media type \"text/plain\" in request."}),
        );
        sim.post_raw(
            ALICE,
            SNAPSHOTS,
            Some("text/plain; charset=utf-8"),
            "server_id=12347&name=x",
        )
        .await
        .assert(
            415,
            &json!({"detail": "Unsupported media type \"text/plain; charset=utf-8\" in request."}),
        );
        assert_eq!(
            sim.get(ALICE, "/api/v1/snapshots/?server_id=12347")
                .await
                .json["count"],
            0
        );
    }
}
