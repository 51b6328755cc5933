#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Everything the provider does not document: odd fields, odd lists, and every shape of error
//! body, each checked for the value or the `ApiError` a person would end up seeing.

use snapshot_core::model::{CreatedSnapshot, Me, RestoreStarted};
use snapshot_core::response::{
    decode, decode_page, error_for, parse_retry_after, safe_excerpt, Page, RawResponse,
};
use snapshot_core::Locale;
use snapshot_core::{ApiError, FieldErrors, Server, ServerStatus, Snapshot, SnapshotStatus};

/// 2015-10-21T07:26:30Z: 90 s before the HTTP date used below.
const NOW: i64 = 1_445_412_390;

fn ok(body: &str) -> RawResponse<'_> {
    RawResponse::new(200, body)
}

/// One snapshot row with `extra` spliced in after the required fields.
fn snapshot_with(extra: &str) -> String {
    format!(
        r#"{{"id": 801, "server": {{"id": 12345, "name": "web-server-01"}},
            "name": "pre-migration-snapshot", "status": "completed",
            "created_at": "2025-01-15T18:30:00Z"{extra}}}"#
    )
}

fn snapshot(body: &str) -> Snapshot {
    decode(ok(body), NOW).unwrap_or_else(|e| panic!("{body} did not decode: {e:?}"))
}

fn page<T: serde::de::DeserializeOwned>(body: &str) -> Page<T> {
    decode_page(ok(body), NOW).unwrap_or_else(|e| panic!("{body} did not decode: {e:?}"))
}

fn err(status: u16, body: &str) -> ApiError {
    error_for(RawResponse::new(status, body), NOW)
}

// ----- fields ---------------------------------------------------------------------------------

#[test]
fn unknown_extra_fields_are_ignored() {
    let s = snapshot(&snapshot_with(
        r#", "size_mb": 10, "region": "eu-west", "tags": ["a", {"b": 1}], "meta": null"#,
    ));
    assert_eq!(s.id, 801);
    assert_eq!(s.size_mb, Some(10));
    assert_eq!(s.description, None);
}

#[test]
fn description_missing_null_empty_or_blank_is_none() {
    let cases = [
        ("missing", ""),
        ("null", r#", "description": null"#),
        ("empty", r#", "description": """#),
        ("blank", r#", "description": "   ""#),
    ];
    for (what, extra) in cases {
        assert_eq!(
            snapshot(&snapshot_with(extra)).description,
            None,
            "description {what}"
        );
    }
    assert_eq!(
        snapshot(&snapshot_with(r#", "description": "kept""#))
            .description
            .as_deref(),
        Some("kept"),
        "a real description is kept"
    );
}

#[test]
fn size_mb_in_every_shape() {
    let cases: [(&str, Option<u64>); 10] = [
        (r#", "size_mb": 5120"#, Some(5120)),
        (r#", "size_mb": null"#, None),
        ("", None),
        (r#", "size_mb": 5120.4"#, Some(5120)),
        (r#", "size_mb": 5120.6"#, Some(5121)),
        (r#", "size_mb": "5120""#, Some(5120)),
        (r#", "size_mb": " 42 ""#, Some(42)),
        (r#", "size_mb": -5"#, None),
        (r#", "size_mb": -0.5"#, None),
        (r#", "size_mb": "big""#, None),
    ];
    for (extra, want) in cases {
        assert_eq!(
            snapshot(&snapshot_with(extra)).size_mb,
            want,
            "size_mb from `{extra}`"
        );
    }
    assert_eq!(
        snapshot(&snapshot_with(r#", "size_mb": true"#)).size_mb,
        None,
        "a boolean size is no size"
    );
    assert_eq!(
        snapshot(&snapshot_with(r#", "size_mb": 1e300"#)).size_mb,
        None,
        "an absurd float is no size"
    );
}

#[test]
fn unknown_snapshot_status_is_kept_as_itself() {
    let body = snapshot_with("").replace("\"completed\"", "\"deleting\"");
    let s = snapshot(&body);
    assert_eq!(s.status, SnapshotStatus::Other("deleting".to_owned()));
    assert_eq!(s.status.label(Locale::En), "Deleting");
    assert_eq!(s.status.as_api_str(), "deleting");
}

#[test]
fn other_snapshot_statuses_are_humanized() {
    let cases = [
        ("failed", SnapshotStatus::Failed, "Failed"),
        ("error", SnapshotStatus::Other("error".to_owned()), "Error"),
        (
            "pending_restore",
            SnapshotStatus::Other("pending_restore".to_owned()),
            "Pending restore",
        ),
        (
            "re-sync",
            SnapshotStatus::Other("re-sync".to_owned()),
            "Re sync",
        ),
        (
            "COMPLETED",
            SnapshotStatus::Other("COMPLETED".to_owned()),
            "COMPLETED",
        ),
    ];
    for (raw, status, label) in cases {
        let s = snapshot(&snapshot_with("").replace("\"completed\"", &format!("\"{raw}\"")));
        assert_eq!(s.status, status, "status {raw}");
        assert_eq!(s.status.label(Locale::En), label, "label of {raw}");
    }
}

#[test]
fn null_snapshot_status_is_shown_as_unknown_not_dropped() {
    let s = snapshot(&snapshot_with("").replace("\"completed\"", "null"));
    assert_eq!(s.status, SnapshotStatus::Other(String::new()));
    assert_eq!(s.status.label(Locale::En), "Unknown");
}

#[test]
fn null_names_read_as_empty_text() {
    let body = r#"{"id": 1, "server": {"id": 2, "name": null}, "name": null,
                   "status": "completed", "created_at": null}"#;
    let s = snapshot(body);
    assert_eq!(s.name, "");
    assert_eq!(s.server.name, "");
    assert_eq!(s.created_at, "");
}

#[test]
fn unicode_in_names_and_descriptions_is_kept() {
    let body = snapshot_with(r#", "description": "Avant la migração — 名前 🚀""#)
        .replace("\"web-server-01\"", "\"servidor-é-名\"");
    let s = snapshot(&body);
    assert_eq!(s.server.name, "servidor-é-名");
    assert_eq!(
        s.description.as_deref(),
        Some("Avant la migração — 名前 🚀")
    );
    let escaped = snapshot(&snapshot_with(
        r#", "description": "caf\u00e9 \ud83d\ude80""#,
    ));
    assert_eq!(
        escaped.description.as_deref(),
        Some("café 🚀"),
        "JSON escapes decoded"
    );
}

#[test]
fn markup_in_text_stays_text() {
    let s = snapshot(&snapshot_with(
        r#", "description": "<b>bold</b> & <script>x</script>""#,
    ));
    assert_eq!(
        s.description.as_deref(),
        Some("<b>bold</b> & <script>x</script>"),
        "text from the API is kept exactly, to be shown as text"
    );
}

// ----- lists ----------------------------------------------------------------------------------

#[test]
fn bare_array_list_is_read() {
    let body = format!(
        "[{}, {}]",
        snapshot_with(""),
        snapshot_with("").replace("801", "802")
    );
    let p: Page<Snapshot> = page(&body);
    assert_eq!(
        p.items.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![801, 802]
    );
    assert_eq!(p.count, None);
    assert_eq!(p.next, None);
    assert_eq!(p.skipped, 0);
}

#[test]
fn empty_bare_array_is_an_empty_page() {
    let p: Page<Snapshot> = page("[]");
    assert!(p.items.is_empty(), "no items");
    assert_eq!((p.count, p.next, p.skipped), (None, None, 0));
}

#[test]
fn paginated_list_keeps_next_and_count() {
    let body = format!(
        r#"{{"count": 7, "next": "https://admin.vps.org/api/v1/snapshots/?page=2",
             "previous": null, "results": [{}]}}"#,
        snapshot_with("")
    );
    let p: Page<Snapshot> = page(&body);
    assert_eq!(p.count, Some(7));
    assert_eq!(
        p.next.as_deref(),
        Some("https://admin.vps.org/api/v1/snapshots/?page=2")
    );
    assert_eq!(p.items.len(), 1);
}

#[test]
fn next_null_empty_blank_or_not_a_string_is_no_next() {
    for next in ["null", r#""""#, r#""  ""#, "5", "false"] {
        let body = format!(r#"{{"count": 0, "next": {next}, "results": []}}"#);
        let p: Page<Snapshot> = page(&body);
        assert_eq!(p.next, None, "next: {next}");
        assert_eq!(p.count, Some(0), "count with next: {next}");
    }
}

#[test]
fn count_that_is_not_a_number_is_none() {
    let p: Page<Snapshot> = page(r#"{"count": "2", "results": []}"#);
    assert_eq!(p.count, None);
    let p: Page<Snapshot> = page(r#"{"results": []}"#);
    assert_eq!(p.count, None, "count missing");
}

#[test]
fn row_without_id_is_skipped_and_counted_others_kept() {
    let body = format!(
        r#"{{"count": 3, "results": [{}, {{"server": {{"id": 1, "name": "x"}}, "name": "no-id",
             "status": "completed"}}, {}]}}"#,
        snapshot_with(""),
        snapshot_with("").replace("801", "803")
    );
    let p: Page<Snapshot> = page(&body);
    assert_eq!(
        p.items.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![801, 803]
    );
    assert_eq!(p.skipped, 1, "one row skipped");
    assert_eq!(p.count, Some(3), "count as sent");
}

#[test]
fn id_overflowing_u64_skips_only_that_row() {
    let body = format!(
        "[{}, {}, {}]",
        snapshot_with("").replace("801", "18446744073709551616"),
        snapshot_with("").replace("801", "18446744073709551615"),
        snapshot_with("").replace("801", "-1"),
    );
    let p: Page<Snapshot> = page(&body);
    assert_eq!(
        p.items.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![u64::MAX],
        "u64::MAX is read; 2^64 and -1 are not"
    );
    assert_eq!(p.skipped, 2);
}

#[test]
fn rows_of_the_wrong_shape_are_skipped() {
    let body = format!(
        r#"[null, 5, "x", [], {}, {{"id": "801"}}, {}]"#,
        snapshot_with("").replace("801", "1"),
        snapshot_with("").replace("801", "2")
    );
    let p: Page<Snapshot> = page(&body);
    assert_eq!(p.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(p.skipped, 5, "null, 5, \"x\", [] and a string id");
}

#[test]
fn results_not_an_array_is_malformed() {
    for body in [
        r#"{"count": 1, "results": {"id": 801}}"#,
        r#"{"count": 1, "results": null}"#,
        r#"{"count": 1}"#,
    ] {
        match decode_page::<Snapshot>(ok(body), NOW) {
            Err(ApiError::Malformed {
                status: 200,
                excerpt,
            }) => {
                assert_eq!(excerpt, "", "JSON is never quoted: {body}");
            }
            other => panic!("{body} gave {other:?}"),
        }
    }
}

#[test]
fn json_string_or_number_as_a_list_is_malformed() {
    assert_eq!(
        decode_page::<Snapshot>(ok(r#""hello""#), NOW),
        Err(ApiError::Malformed {
            status: 200,
            excerpt: String::new()
        })
    );
    assert_eq!(
        decode_page::<Snapshot>(ok("42"), NOW),
        Err(ApiError::Malformed {
            status: 200,
            excerpt: String::new()
        })
    );
}

#[test]
fn empty_body_with_200_is_malformed_with_nothing_to_quote() {
    let e = decode::<Snapshot>(ok(""), NOW).unwrap_err();
    assert_eq!(
        e,
        ApiError::Malformed {
            status: 200,
            excerpt: String::new()
        }
    );
    assert_eq!(
        e.detail(Locale::En),
        None,
        "no 'It began' line for an empty body"
    );
    assert!(e.is_transient());
    let e = decode_page::<Snapshot>(ok("   \n"), NOW).unwrap_err();
    assert_eq!(
        e,
        ApiError::Malformed {
            status: 200,
            excerpt: String::new()
        }
    );
}

#[test]
fn truncated_json_is_malformed_and_never_quoted() {
    let long = format!(
        r#"{{"count": 200, "results": [{}"#,
        snapshot_with("").repeat(3)
    );
    for body in [
        r#"{"count": 2, "results": [{"id": 801, "server": {"id": 12"#,
        long.as_str(),
    ] {
        let e = decode_page::<Snapshot>(ok(body), NOW).unwrap_err();
        assert_eq!(
            e,
            ApiError::Malformed {
                status: 200,
                excerpt: String::new()
            }
        );
        assert_eq!(e.detail(Locale::En), None, "no raw JSON under the message");
    }
}

#[test]
fn create_answer_missing_required_fields_is_malformed() {
    let e = decode::<CreatedSnapshot>(
        RawResponse::new(201, r#"{"message": "Snapshot is being created."}"#),
        NOW,
    )
    .unwrap_err();
    assert_eq!(
        e,
        ApiError::Malformed {
            status: 201,
            excerpt: String::new()
        }
    );
}

#[test]
fn create_answer_with_empty_message_has_no_message() {
    let body =
        snapshot_with(r#", "size_mb": null, "message": """#).replace("completed", "in_progress");
    let created: CreatedSnapshot = decode(RawResponse::new(201, &body), NOW).unwrap();
    assert_eq!(created.message, None);
    assert_eq!(created.snapshot.status, SnapshotStatus::InProgress);
}

#[test]
fn restore_answer_with_only_a_message_still_decodes() {
    let r: RestoreStarted = decode(ok(r#"{"message": "Restoring."}"#), NOW).unwrap();
    assert_eq!(r.status, "");
    assert_eq!(r.message.as_deref(), Some("Restoring."));
    assert_eq!(r.snapshot, None);
    assert_eq!(r.server, None);
}

// ----- HTML and text --------------------------------------------------------------------------

const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";

#[test]
fn html_502_page_is_a_server_error_that_never_shows_markup() {
    let response = RawResponse {
        status: 502,
        content_type: Some("text/html"),
        retry_after: None,
        body: NGINX_502,
    };
    let e = error_for(response, NOW);
    assert_eq!(
        e,
        ApiError::Server {
            status: 502,
            detail: None
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "The API is having trouble (HTTP 502). Nothing was lost; try again in a moment."
    );
    assert!(
        !e.message(Locale::En).contains('<'),
        "no markup in the message"
    );
    assert_eq!(e.detail(Locale::En), None);
    // Same without a content type: the leading '<' gives it away.
    assert_eq!(
        err(502, NGINX_502),
        ApiError::Server {
            status: 502,
            detail: None
        }
    );
}

#[test]
fn html_with_200_is_malformed_and_excerpt_has_no_markup() {
    let body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Sign in · VPS.org</title><style>body{color:red}</style></head>\n<body><div id=\"app\">\
<h1>Please sign in to continue</h1><p>Your session has expired. You will be redirected to the \
login page in a few seconds.</p></div></body></html>";
    let response = RawResponse {
        status: 200,
        content_type: Some("text/html; charset=utf-8"),
        retry_after: None,
        body,
    };
    let e = decode_page::<Snapshot>(response, NOW).unwrap_err();
    let ApiError::Malformed { status, excerpt } = &e else {
        panic!("not malformed: {e:?}")
    };
    assert_eq!(*status, 200);
    assert!(
        !excerpt.contains('<') && !excerpt.contains('>'),
        "no markup: {excerpt}"
    );
    assert!(
        excerpt.chars().count() <= 81,
        "{} chars",
        excerpt.chars().count()
    );
    assert!(
        excerpt.starts_with("Sign in · VPS.org body{color:red} Please sign in to continue"),
        "tags removed and whitespace collapsed: {excerpt}"
    );
    assert!(!e.message(Locale::En).contains('<'));
    assert!(!e.detail(Locale::En).unwrap().contains('<'));
}

#[test]
fn safe_excerpt_strips_tags_controls_and_unclosed_tags() {
    assert_eq!(safe_excerpt("<p>Hello\t\u{0}\u{7}world</p>"), "Hello world");
    assert_eq!(safe_excerpt("Bad <gateway"), "Bad");
    assert_eq!(safe_excerpt("a > b"), "a > b", "a lone > is text");
    assert_eq!(safe_excerpt(""), "");
    let long = "é".repeat(200);
    let cut = safe_excerpt(&long);
    assert_eq!(cut.chars().count(), 81);
    assert_eq!(cut, format!("{}…", "é".repeat(80)));
}

#[test]
fn plain_text_400_is_rejected_with_the_text() {
    let response = RawResponse {
        status: 400,
        content_type: Some("text/plain"),
        retry_after: None,
        body: "  Server is busy with another task.\n",
    };
    let e = error_for(response, NOW);
    assert_eq!(
        e,
        ApiError::Rejected {
            status: 400,
            detail: Some("Server is busy with another task.".to_owned())
        }
    );
    assert_eq!(e.message(Locale::En), "Server is busy with another task.");
}

#[test]
fn long_plain_text_error_is_not_shown() {
    let body = "x".repeat(301);
    assert_eq!(
        err(400, &body),
        ApiError::Rejected {
            status: 400,
            detail: None
        }
    );
    assert_eq!(
        err(400, &body).message(Locale::En),
        "The API refused this request (HTTP 400)."
    );
}

#[test]
fn an_error_body_that_is_broken_json_is_never_shown() {
    // Cut short on the way (a proxy's truncation), a Python repr, a JSON-typed body that is
    // not JSON: the person is told the request was refused, not shown the raw text.
    for (status, body, content_type) in [
        (400, r#"{"name": ["Too lo"#, Some("application/json")),
        (400, r#"{"name": ["Too lo"#, None),
        (400, "{'detail': 'Bad request'}", None),
        (400, r#"["unterminated"#, None),
        (400, "Bad request", Some("application/json; charset=utf-8")),
        (500, r#"{"detail": "Internal"#, Some("application/json")),
    ] {
        let e = error_for(
            RawResponse {
                status,
                content_type,
                retry_after: None,
                body,
            },
            NOW,
        );
        let message = e.message(Locale::En);
        assert!(
            !message.contains(['{', '[', '\'', '"']) && !message.contains("Bad request"),
            "{body:?} ({content_type:?}) showed: {message}"
        );
        assert_eq!(e.detail(Locale::En), None, "{body:?}");
    }
}

#[test]
fn a_name_too_long_for_the_api_is_a_name_error_not_the_snapshot_limit() {
    let body = r#"{"name": ["Name exceeds the maximum length of 50."]}"#;
    assert_eq!(
        err(400, body),
        ApiError::Validation(FieldErrors {
            fields: vec![(
                "name".to_owned(),
                vec!["Name exceeds the maximum length of 50.".to_owned()]
            )],
            non_field: Vec::new(),
        })
    );
    // So is a description's, or a length said at the top of the form.
    for body in [
        r#"{"description": ["Description exceeds the maximum length of 255."]}"#,
        r#"{"non_field_errors": ["The maximum length of a name is 50 characters."]}"#,
    ] {
        assert!(matches!(err(400, body), ApiError::Validation(_)), "{body}");
    }
    // The limit named under another field still reads as the limit.
    assert!(matches!(
        err(
            400,
            r#"{"server_id": ["Snapshot limit reached for this server."]}"#
        ),
        ApiError::LimitReached { .. }
    ));
}

#[test]
fn html_400_is_rejected_without_detail() {
    let e = err(400, "<html><body><h1>Bad Request</h1></body></html>");
    assert_eq!(
        e,
        ApiError::Rejected {
            status: 400,
            detail: None
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "The API refused this request (HTTP 400)."
    );
}

#[test]
fn json_string_error_body_is_rejected_with_its_text() {
    let e = err(400, r#""Invalid server_id""#);
    assert_eq!(
        e,
        ApiError::Rejected {
            status: 400,
            detail: Some("Invalid server_id".to_owned())
        }
    );
    assert_eq!(e.message(Locale::En), "Invalid server_id");
}

// ----- status codes ---------------------------------------------------------------------------

#[test]
fn status_401_is_unauthorized_whatever_the_body() {
    for body in [
        r#"{"detail":"Authentication credentials were not provided."}"#,
        r#"{"detail":"Invalid token."}"#,
        "",
        "<html>401</html>",
    ] {
        assert_eq!(err(401, body), ApiError::Unauthorized, "401 with {body:?}");
    }
}

#[test]
fn status_403_with_detail_is_forbidden_with_those_words() {
    let e = err(
        403,
        r#"{"detail": "You do not have permission to perform this action."}"#,
    );
    assert_eq!(
        e,
        ApiError::Forbidden {
            detail: Some("You do not have permission to perform this action.".to_owned())
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "Not allowed: You do not have permission to perform this action."
    );
    assert_eq!(err(403, ""), ApiError::Forbidden { detail: None });
}

#[test]
fn status_404_with_drf_detail_is_not_found() {
    let e = err(404, r#"{"detail":"Not found."}"#);
    assert_eq!(
        e,
        ApiError::NotFound {
            detail: Some("Not found.".to_owned())
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "It isn't there any more: it may have been deleted elsewhere."
    );
    assert_eq!(e.detail(Locale::En).as_deref(), Some("Not found."));
    assert!(!e.is_transient());
}

#[test]
fn status_400_field_errors_are_validation_for_that_field() {
    let e = err(
        400,
        r#"{"name": ["Snapshot name may only contain letters, numbers, hyphens and underscores."]}"#,
    );
    let ApiError::Validation(errors) = &e else {
        panic!("not validation: {e:?}")
    };
    assert_eq!(
        errors.for_field("name"),
        Some(
            &[
                "Snapshot name may only contain letters, numbers, hyphens and underscores."
                    .to_owned()
            ][..]
        )
    );
    assert_eq!(errors.for_field("description"), None);
    assert!(errors.non_field.is_empty());
    assert_eq!(
        e.message(Locale::En),
        "The API refused this: name: Snapshot name may only contain letters, numbers, hyphens and underscores."
    );
}

#[test]
fn status_400_nested_field_errors_keep_every_field() {
    let e = err(
        400,
        r#"{"server_id": ["A valid integer is required."],
            "name": ["This field is required.", "Ensure this field has no more than 64 characters."]}"#,
    );
    let ApiError::Validation(errors) = &e else {
        panic!("not validation: {e:?}")
    };
    assert_eq!(
        errors.for_field("server_id"),
        Some(&["A valid integer is required.".to_owned()][..])
    );
    assert_eq!(
        errors.for_field("name"),
        Some(
            &[
                "This field is required.".to_owned(),
                "Ensure this field has no more than 64 characters.".to_owned()
            ][..]
        )
    );
    assert_eq!(
        errors.outside(&["name"]),
        vec!["server_id: A valid integer is required.".to_owned()],
        "server_id has no form field, so it goes to the top"
    );
    assert!(errors.outside(&["name", "server_id"]).is_empty());
}

#[test]
fn status_400_drf_object_messages_are_read() {
    let e = err(
        400,
        r#"{"name": [{"message": "Bad name.", "code": "invalid"}], "errors": [{"detail": "Try again."}]}"#,
    );
    assert_eq!(
        e,
        ApiError::Validation(FieldErrors {
            fields: vec![("name".to_owned(), vec!["Bad name.".to_owned()])],
            non_field: vec!["Try again.".to_owned()],
        })
    );
}

#[test]
fn status_400_non_field_limit_is_limit_reached() {
    let e = err(
        400,
        r#"{"non_field_errors": ["Snapshot limit reached for this server (maximum 5)."]}"#,
    );
    assert_eq!(
        e,
        ApiError::LimitReached {
            detail: Some("Snapshot limit reached for this server (maximum 5).".to_owned())
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "This server already has 5 snapshots, the most it can have. Delete one to make room."
    );
    assert_eq!(
        e.detail(Locale::En).as_deref(),
        Some("Snapshot limit reached for this server (maximum 5).")
    );
}

#[test]
fn status_400_limit_in_detail_or_bare_list_is_limit_reached() {
    assert_eq!(
        err(
            400,
            r#"{"detail": "You have reached the maximum number of snapshots."}"#
        ),
        ApiError::LimitReached {
            detail: Some("You have reached the maximum number of snapshots.".to_owned())
        }
    );
    assert_eq!(
        err(400, r#"["Snapshot LIMIT reached"]"#),
        ApiError::LimitReached {
            detail: Some("Snapshot LIMIT reached".to_owned())
        }
    );
    assert_eq!(
        err(400, "Snapshot limit reached"),
        ApiError::LimitReached {
            detail: Some("Snapshot limit reached".to_owned())
        },
        "plain-text limit message"
    );
}

#[test]
fn status_400_invalid_state_detail_is_rejected_in_the_providers_words() {
    let e = err(
        400,
        r#"{"detail": "Server is not in a valid state for restoration."}"#,
    );
    assert_eq!(
        e,
        ApiError::Rejected {
            status: 400,
            detail: Some("Server is not in a valid state for restoration.".to_owned())
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "Server is not in a valid state for restoration."
    );
    assert_eq!(e.detail(Locale::En), None, "the message already says it");
}

#[test]
fn status_400_with_empty_field_lists_is_a_plain_refusal() {
    for body in [r#"{"name": []}"#, "{}", "[]", r#"{"detail": null}"#, ""] {
        assert_eq!(
            err(400, body),
            ApiError::Rejected {
                status: 400,
                detail: None
            },
            "400 with {body:?}"
        );
    }
}

#[test]
fn status_422_reads_like_400() {
    assert_eq!(
        err(422, r#"{"name": ["Bad."]}"#),
        ApiError::Validation(FieldErrors {
            fields: vec![("name".to_owned(), vec!["Bad.".to_owned()])],
            non_field: vec![],
        })
    );
}

#[test]
fn status_429_with_retry_after_seconds() {
    let response = RawResponse {
        status: 429,
        content_type: Some("application/json"),
        retry_after: Some("20"),
        body: r#"{"detail": "Request was throttled."}"#,
    };
    let e = error_for(response, NOW);
    assert_eq!(
        e,
        ApiError::RateLimited {
            retry_after_secs: Some(20)
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "The API is busy; trying again in 20 s."
    );
    assert_eq!(e.retry_after_secs(), Some(20));
    assert!(e.is_transient());
}

#[test]
fn status_429_with_an_http_date_retry_after() {
    let response = RawResponse {
        status: 429,
        content_type: None,
        retry_after: Some("Wed, 21 Oct 2015 07:28:00 GMT"),
        body: "",
    };
    let e = error_for(response, NOW);
    assert_eq!(
        e,
        ApiError::RateLimited {
            retry_after_secs: Some(90)
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "The API is busy; trying again in 1 min 30 s."
    );
}

#[test]
fn status_429_with_drf_throttle_text_and_no_header() {
    let e = err(
        429,
        r#"{"detail": "Request was throttled. Expected available in 7 seconds."}"#,
    );
    assert_eq!(
        e,
        ApiError::RateLimited {
            retry_after_secs: Some(7)
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "The API is busy; trying again in 7 s."
    );
}

#[test]
fn status_429_with_nothing_to_go_on() {
    let e = err(429, "");
    assert_eq!(
        e,
        ApiError::RateLimited {
            retry_after_secs: None
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "The API is busy; trying again shortly."
    );
    let garbled = RawResponse {
        status: 429,
        content_type: None,
        retry_after: Some("soon"),
        body: "",
    };
    assert_eq!(
        error_for(garbled, NOW),
        ApiError::RateLimited {
            retry_after_secs: None
        },
        "an unreadable Retry-After is no Retry-After"
    );
}

#[test]
fn retry_after_is_capped_at_an_hour() {
    let response = RawResponse {
        status: 429,
        content_type: None,
        retry_after: Some("999999"),
        body: "",
    };
    assert_eq!(
        error_for(response, NOW),
        ApiError::RateLimited {
            retry_after_secs: Some(3600)
        }
    );
    assert_eq!(
        err(429, r#"{"detail": "Expected available in 86400 seconds."}"#),
        ApiError::RateLimited {
            retry_after_secs: Some(3600)
        },
        "throttle text capped too"
    );
    assert_eq!(
        parse_retry_after("Thu, 21 Oct 2100 07:28:00 GMT", NOW),
        Some(3600)
    );
}

#[test]
fn retry_after_parsing_edge_cases() {
    assert_eq!(parse_retry_after(" 20 ", NOW), Some(20), "whitespace");
    assert_eq!(parse_retry_after("0", NOW), Some(0));
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", NOW),
        Some(0),
        "a date in the past means now"
    );
    assert_eq!(parse_retry_after("-5", NOW), None);
    assert_eq!(parse_retry_after("", NOW), None);
    assert_eq!(parse_retry_after("1.5", NOW), None);
}

#[test]
fn status_500_with_json_detail_keeps_it_as_detail() {
    let e = err(
        500,
        r#"{"detail": "Internal error: hypervisor unreachable"}"#,
    );
    assert_eq!(
        e,
        ApiError::Server {
            status: 500,
            detail: Some("Internal error: hypervisor unreachable".to_owned())
        }
    );
    assert_eq!(
        e.message(Locale::En),
        "The API is having trouble (HTTP 500). Nothing was lost; try again in a moment."
    );
    assert_eq!(
        e.detail(Locale::En).as_deref(),
        Some("Internal error: hypervisor unreachable")
    );
}

#[test]
fn status_503_and_504_with_empty_bodies() {
    assert_eq!(
        err(503, ""),
        ApiError::Server {
            status: 503,
            detail: None
        }
    );
    assert_eq!(
        err(504, "\n"),
        ApiError::Server {
            status: 504,
            detail: None
        }
    );
}

#[test]
fn status_405_is_rejected_with_drf_words() {
    let e = err(405, r#"{"detail": "Method \"GET\" not allowed."}"#);
    assert_eq!(
        e,
        ApiError::Rejected {
            status: 405,
            detail: Some("Method \"GET\" not allowed.".to_owned())
        }
    );
    assert_eq!(e.message(Locale::En), "Method \"GET\" not allowed.");
    assert_eq!(
        err(409, "").message(Locale::En),
        "The API refused this request (HTTP 409)."
    );
}

#[test]
fn decode_checks_the_status_before_the_body() {
    // A 404 whose body happens to look like a snapshot is still a 404.
    let e = decode::<Snapshot>(RawResponse::new(404, &snapshot_with("")), NOW).unwrap_err();
    assert!(matches!(e, ApiError::NotFound { .. }), "{e:?}");
    // And 201/204 are successes.
    assert!(decode::<Snapshot>(RawResponse::new(201, &snapshot_with("")), NOW).is_ok());
    assert_eq!(
        decode_page::<Snapshot>(RawResponse::new(500, r#"{"count":0,"results":[]}"#), NOW),
        Err(ApiError::Server {
            status: 500,
            detail: None
        })
    );
}

// ----- servers and account --------------------------------------------------------------------

#[test]
fn server_statuses_running_and_unknown_ones() {
    let cases = [
        ("running", ServerStatus::Active, "Running"),
        ("active", ServerStatus::Active, "Running"),
        (
            "rebuilding",
            ServerStatus::Other("rebuilding".to_owned()),
            "Rebuilding",
        ),
        ("", ServerStatus::Unknown, "Status unknown"),
    ];
    for (raw, want, label) in cases {
        let body = format!(r#"[{{"id": 1, "name": "a", "status": "{raw}"}}]"#);
        let p: Page<Server> = page(&body);
        assert_eq!(p.items[0].status, want, "server status {raw:?}");
        assert_eq!(
            p.items[0].status.label(Locale::En),
            label,
            "label of {raw:?}"
        );
    }
    let p: Page<Server> = page(r#"[{"id": 1}, {"id": 2, "status": null}]"#);
    assert_eq!(p.items[0].status, ServerStatus::Unknown, "status missing");
    assert_eq!(p.items[1].status, ServerStatus::Unknown, "status null");
    assert_eq!(p.items[0].name, "");
}

#[test]
fn account_me_with_missing_fields_uses_defaults() {
    let me: Me = decode(ok("{}"), NOW).unwrap();
    assert_eq!(me, Me::default());
    assert_eq!(me.account.display_name(), "");
    assert!(me.token.permissions.is_empty());

    let me: Me = decode(
        ok(
            r#"{"account": {"email": "ops@example.com", "first_name": null, "last_name": " ",
               "company_name": ""}, "token": {"permissions": null}}"#,
        ),
        NOW,
    )
    .unwrap();
    assert_eq!(
        me.account.display_name(),
        "ops@example.com",
        "falls back to email"
    );
    assert_eq!(me.account.company_name, None);
    assert_eq!(me.token.name, None);
    assert!(
        me.token.permissions.is_empty(),
        "null permissions read as none"
    );
}

#[test]
fn account_me_with_null_or_odd_parts_is_still_a_working_token() {
    for body in [
        r#"{"account": null, "token": null}"#,
        r#"{"account": "alice", "token": 5}"#,
        r#"{"account": {"email": 7}, "token": {"permissions": "read"}}"#,
    ] {
        let me: Me = decode(ok(body), NOW).unwrap_or_else(|e| panic!("{body}: {e:?}"));
        assert_eq!(me.account.email, "", "{body}");
        assert!(me.token.permissions.is_empty(), "{body}");
    }
    let me: Me = decode(ok(r#"{"account": {"email": "a@b.c"}, "token": null}"#), NOW).unwrap();
    assert_eq!(
        me.account.email, "a@b.c",
        "a readable part is kept beside an odd one"
    );
}

#[test]
fn account_display_name_with_one_name() {
    let me: Me = decode(
        ok(r#"{"account": {"email": "a@b.c", "first_name": "", "last_name": "Hopper"}}"#),
        NOW,
    )
    .unwrap();
    assert_eq!(me.account.display_name(), "Hopper");
    let me: Me = decode(
        ok(r#"{"account": {"email": "a@b.c", "first_name": "  Grace ", "last_name": ""}}"#),
        NOW,
    )
    .unwrap();
    assert_eq!(me.account.display_name(), "Grace");
}

#[test]
fn token_permissions_skip_non_strings() {
    let me: Me = decode(
        ok(r#"{"token": {"name": "t", "permissions": ["snapshots:read", 5, null, {"x": 1}, "servers:read"]}}"#),
        NOW,
    )
    .unwrap();
    assert_eq!(me.token.permissions, vec!["snapshots:read", "servers:read"]);
    let me: Me = decode(ok(r#"{"token": {"permissions": "all"}}"#), NOW).unwrap();
    assert!(me.token.permissions.is_empty(), "a string is not a list");
}
