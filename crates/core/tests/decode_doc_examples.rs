#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! The provider's own example bodies (copied verbatim from `snapshots-api-doc.txt`) and the
//! servers and account shapes `CONTRACT.md` gives, decoded the way the panel decodes them.

use snapshot_core::model::{CreatedSnapshot, Me, RestoreStarted, ServerRef};
use snapshot_core::response::{decode, decode_page, expect_success, Page, RawResponse};
use snapshot_core::time::parse_rfc3339;
use snapshot_core::Locale;
use snapshot_core::{ApiError, Server, ServerStatus, Snapshot, SnapshotStatus};

const NOW: i64 = 1_737_044_100; // 2025-01-16T16:15:00Z

/// "Listar todos os instantâneos", "Exemplo de resposta", verbatim.
const DOC_LIST: &str = r#"{
  "count": 2,
  "results": [
    {
      "id": 801,
      "server": {
        "id": 12345,
        "name": "web-server-01"
      },
      "name": "pre-migration-snapshot",
      "status": "completed",
      "size_mb": 5120,
      "created_at": "2025-01-15T18:30:00Z",
      "description": "Before major migration"
    },
    {
      "id": 798,
      "server": {
        "id": 12345,
        "name": "web-server-01"
      },
      "name": "weekly-snapshot-2025-01-08",
      "status": "completed",
      "size_mb": 4856,
      "created_at": "2025-01-08T12:00:00Z",
      "description": "Weekly snapshot"
    }
  ]
}"#;

/// "Criar instantâneo", "Exemplo de resposta", verbatim.
const DOC_CREATE: &str = r#"{
  "id": 802,
  "server": {
    "id": 12345,
    "name": "web-server-01"
  },
  "name": "before-update-snapshot",
  "status": "in_progress",
  "size_mb": null,
  "created_at": "2025-01-16T16:15:00Z",
  "description": "Snapshot before system update",
  "message": "Snapshot is being created. This may take 3-10 minutes depending on server size."
}"#;

/// "Restaurar a partir do instantâneo", "Exemplo de resposta", verbatim.
const DOC_RESTORE: &str = r#"{
  "status": "success",
  "message": "Server is being restored from snapshot. This may take 5-15 minutes.",
  "snapshot": {
    "id": 801,
    "name": "pre-migration-snapshot",
    "created_at": "2025-01-15T18:30:00Z"
  },
  "server": {
    "id": 12345,
    "name": "web-server-01",
    "status": "restoring"
  }
}"#;

/// `GET /api/v1/servers/` in the shape CONTRACT.md gives, with plan and os (not read).
const SERVERS_LIST: &str = r#"{
  "count": 3,
  "next": null,
  "previous": null,
  "results": [
    {
      "id": 12345,
      "name": "web-server-01",
      "hostname": "web01.example.com",
      "status": "active",
      "ip_address": "203.0.113.10",
      "location": "Lisbon",
      "plan": {"id": 3, "name": "VPS-4", "vcpus": 4, "memory": 8192, "storage": 160},
      "os": {"id": 12, "name": "Ubuntu 24.04"},
      "created_at": "2024-03-01T09:00:00Z",
      "updated_at": "2025-01-15T18:00:00Z"
    },
    {
      "id": 12346,
      "name": "db-server-01",
      "hostname": "db01.example.com",
      "status": "stopped",
      "ip_address": "203.0.113.11",
      "location": "Frankfurt",
      "plan": {"id": 4, "name": "VPS-8", "vcpus": 8, "memory": 16384, "storage": 320},
      "os": {"id": 12, "name": "Ubuntu 24.04"},
      "created_at": "2024-03-02T09:00:00Z",
      "updated_at": "2025-01-15T18:05:00Z"
    },
    {
      "id": 12347,
      "name": "staging",
      "hostname": null,
      "status": "restoring",
      "ip_address": "",
      "location": null,
      "plan": null,
      "os": null,
      "created_at": "2024-05-02T09:00:00Z",
      "updated_at": "2025-01-16T16:00:00Z"
    }
  ]
}"#;

/// `GET /api/v1/account/me/` in the shape CONTRACT.md gives.
const ACCOUNT_ME: &str = r#"{
  "account": {
    "email": "ada@example.com",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "company_name": "Analytical Engines Ltd",
    "created_at": "2023-06-01T10:00:00Z"
  },
  "token": {
    "name": "snapshot-panel",
    "permissions": ["snapshots:read", "snapshots:write", "servers:read"],
    "created_at": "2024-01-01T00:00:00Z",
    "last_used_at": "2025-01-16T16:00:00Z"
  }
}"#;

fn ok(body: &str) -> RawResponse<'_> {
    RawResponse {
        status: 200,
        content_type: Some("application/json"),
        retry_after: None,
        body,
    }
}

#[test]
fn doc_list_response_decodes_as_a_page_with_both_snapshots() {
    let page: Page<Snapshot> = decode_page(ok(DOC_LIST), NOW).unwrap();
    assert_eq!(page.count, Some(2), "count");
    assert_eq!(page.next, None, "the doc's list has no next link");
    assert_eq!(page.skipped, 0, "no row skipped");
    assert_eq!(page.items.len(), 2, "two rows");

    let first = &page.items[0];
    assert_eq!(first.id, 801);
    assert_eq!(
        first.server,
        ServerRef {
            id: 12345,
            name: "web-server-01".to_owned()
        }
    );
    assert_eq!(first.name, "pre-migration-snapshot");
    assert_eq!(first.status, SnapshotStatus::Completed);
    assert_eq!(first.status.label(Locale::En), "Completed");
    assert_eq!(first.size_mb, Some(5120));
    assert_eq!(first.created_at, "2025-01-15T18:30:00Z");
    assert_eq!(parse_rfc3339(&first.created_at), Some(1_736_965_800));
    assert_eq!(first.description.as_deref(), Some("Before major migration"));

    let second = &page.items[1];
    assert_eq!(second.id, 798);
    assert_eq!(second.server.id, 12345);
    assert_eq!(second.server.name, "web-server-01");
    assert_eq!(second.name, "weekly-snapshot-2025-01-08");
    assert_eq!(second.status, SnapshotStatus::Completed);
    assert_eq!(second.size_mb, Some(4856));
    assert_eq!(second.created_at, "2025-01-08T12:00:00Z");
    assert_eq!(parse_rfc3339(&second.created_at), Some(1_736_337_600));
    assert_eq!(second.description.as_deref(), Some("Weekly snapshot"));
}

#[test]
fn doc_list_response_also_decodes_as_a_plain_struct_via_decode() {
    #[derive(serde::Deserialize)]
    struct List {
        count: u64,
        results: Vec<Snapshot>,
    }
    let list: List = decode(ok(DOC_LIST), NOW).unwrap();
    assert_eq!(list.count, 2);
    let ids: Vec<u64> = list.results.iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![801, 798]);
}

#[test]
fn doc_create_response_decodes_with_its_message() {
    let created: CreatedSnapshot = decode(RawResponse::new(201, DOC_CREATE), NOW).unwrap();
    assert_eq!(
        created.message.as_deref(),
        Some("Snapshot is being created. This may take 3-10 minutes depending on server size.")
    );
    let snapshot = &created.snapshot;
    assert_eq!(snapshot.id, 802);
    assert_eq!(snapshot.server.id, 12345);
    assert_eq!(snapshot.server.name, "web-server-01");
    assert_eq!(snapshot.name, "before-update-snapshot");
    assert_eq!(snapshot.status, SnapshotStatus::InProgress);
    assert_eq!(snapshot.status.label(Locale::En), "In progress");
    assert_eq!(snapshot.status.as_api_str(), "in_progress");
    assert_eq!(snapshot.size_mb, None, "size_mb is null while in progress");
    assert_eq!(snapshot.created_at, "2025-01-16T16:15:00Z");
    assert_eq!(parse_rfc3339(&snapshot.created_at), Some(NOW));
    assert_eq!(
        snapshot.description.as_deref(),
        Some("Snapshot before system update")
    );
}

#[test]
fn doc_create_response_also_decodes_as_a_bare_snapshot() {
    // The message is an extra field to `Snapshot`, so it is ignored there.
    let snapshot: Snapshot = decode(RawResponse::new(201, DOC_CREATE), NOW).unwrap();
    assert_eq!(snapshot.id, 802);
    assert_eq!(snapshot.status, SnapshotStatus::InProgress);
}

#[test]
fn doc_restore_response_decodes_every_field() {
    let restore: RestoreStarted = decode(ok(DOC_RESTORE), NOW).unwrap();
    assert_eq!(restore.status, "success");
    assert_eq!(
        restore.message.as_deref(),
        Some("Server is being restored from snapshot. This may take 5-15 minutes.")
    );
    let snapshot = restore.snapshot.expect("restore names its snapshot");
    assert_eq!(snapshot.id, 801);
    assert_eq!(snapshot.name, "pre-migration-snapshot");
    assert_eq!(snapshot.created_at, "2025-01-15T18:30:00Z");
    let server = restore.server.expect("restore names its server");
    assert_eq!(server.id, 12345);
    assert_eq!(server.name, "web-server-01");
    assert_eq!(server.status, ServerStatus::Restoring);
    assert_eq!(server.status.label(Locale::En), "Restoring");
}

#[test]
fn doc_create_request_body_serializes_as_documented() {
    let body = snapshot_core::model::NewSnapshot {
        server_id: 12345,
        name: "before-update-snapshot".to_owned(),
        description: Some("Snapshot before system update".to_owned()),
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::json!({
            "server_id": 12345,
            "name": "before-update-snapshot",
            "description": "Snapshot before system update"
        })
    );
    let without = snapshot_core::model::NewSnapshot {
        server_id: 12345,
        name: "x".to_owned(),
        description: None,
    };
    assert_eq!(
        serde_json::to_string(&without).unwrap(),
        r#"{"server_id":12345,"name":"x"}"#,
        "no description key at all when there is none"
    );
}

#[test]
fn doc_delete_204_with_empty_body_succeeds() {
    assert_eq!(expect_success(RawResponse::new(204, ""), NOW), Ok(()));
    assert_eq!(
        expect_success(RawResponse::new(404, r#"{"detail":"Not found."}"#), NOW),
        Err(ApiError::NotFound {
            detail: Some("Not found.".to_owned())
        })
    );
}

#[test]
fn servers_list_decodes_every_server() {
    let page: Page<Server> = decode_page(ok(SERVERS_LIST), NOW).unwrap();
    assert_eq!(page.count, Some(3));
    assert_eq!(page.next, None);
    assert_eq!(page.skipped, 0);
    assert_eq!(page.items.len(), 3);

    assert_eq!(
        page.items[0],
        Server {
            id: 12345,
            name: "web-server-01".to_owned(),
            status: ServerStatus::Active,
            hostname: Some("web01.example.com".to_owned()),
            ip_address: Some("203.0.113.10".to_owned()),
            location: Some("Lisbon".to_owned()),
            updated_at: Some("2025-01-15T18:00:00Z".to_owned()),
        }
    );
    assert_eq!(page.items[0].status.label(Locale::En), "Running");
    assert_eq!(
        page.items[1],
        Server {
            id: 12346,
            name: "db-server-01".to_owned(),
            status: ServerStatus::Stopped,
            hostname: Some("db01.example.com".to_owned()),
            ip_address: Some("203.0.113.11".to_owned()),
            location: Some("Frankfurt".to_owned()),
            updated_at: Some("2025-01-15T18:05:00Z".to_owned()),
        }
    );
    assert_eq!(page.items[1].status.label(Locale::En), "Stopped");
    assert_eq!(
        page.items[2],
        Server {
            id: 12347,
            name: "staging".to_owned(),
            status: ServerStatus::Restoring,
            hostname: None,
            ip_address: None,
            location: None,
            updated_at: Some("2025-01-16T16:00:00Z".to_owned()),
        },
        "null and empty optional text read as None"
    );
}

#[test]
fn one_server_decodes_from_get_server() {
    let body = r#"{"id": 12345, "name": "web-server-01", "hostname": "web01.example.com",
        "status": "suspended", "ip_address": "203.0.113.10", "location": "Lisbon",
        "plan": {"id": 3}, "os": {"id": 12}, "created_at": "2024-03-01T09:00:00Z",
        "updated_at": "2025-01-15T18:00:00Z"}"#;
    let server: Server = decode(ok(body), NOW).unwrap();
    assert_eq!(server.id, 12345);
    assert_eq!(server.status, ServerStatus::Suspended);
    assert_eq!(server.status.label(Locale::En), "Suspended");
}

#[test]
fn account_me_decodes_account_and_token() {
    let me: Me = decode(ok(ACCOUNT_ME), NOW).unwrap();
    assert_eq!(me.account.email, "ada@example.com");
    assert_eq!(me.account.first_name, "Ada");
    assert_eq!(me.account.last_name, "Lovelace");
    assert_eq!(
        me.account.company_name.as_deref(),
        Some("Analytical Engines Ltd")
    );
    assert_eq!(me.account.display_name(), "Ada Lovelace");
    assert_eq!(me.token.name.as_deref(), Some("snapshot-panel"));
    assert_eq!(
        me.token.permissions,
        vec!["snapshots:read", "snapshots:write", "servers:read"]
    );
}

#[test]
fn snapshot_round_trips_through_serialize() {
    let page: Page<Snapshot> = decode_page(ok(DOC_LIST), NOW).unwrap();
    let first = &page.items[0];
    let value = serde_json::to_value(first).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "id": 801,
            "server": {"id": 12345, "name": "web-server-01"},
            "name": "pre-migration-snapshot",
            "status": "completed",
            "size_mb": 5120,
            "created_at": "2025-01-15T18:30:00Z",
            "description": "Before major migration"
        })
    );
    let back: Snapshot = serde_json::from_value(value).unwrap();
    assert_eq!(&back, first);
}
