#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Every `ApiError` variant and the exact sentence, detail, transience and wait it carries.

use snapshot_core::{ApiError, FieldErrors, Locale};

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn field_errors() -> FieldErrors {
    FieldErrors {
        fields: vec![
            (
                "name".to_owned(),
                vec!["Bad name.".to_owned(), "Too long.".to_owned()],
            ),
            (
                "server_id".to_owned(),
                vec!["A valid integer is required.".to_owned()],
            ),
        ],
        non_field: vec!["Something else.".to_owned()],
    }
}

/// (error, message, detail, is_transient, retry_after_secs)
type Row = (ApiError, &'static str, Option<String>, bool, Option<u64>);

fn table() -> Vec<Row> {
    vec![
        (
            ApiError::Unauthorized,
            "The API refused the token: it may have expired or been revoked.",
            None,
            false,
            None,
        ),
        (
            ApiError::Forbidden { detail: some("You do not have permission to perform this action.") },
            "Not allowed: You do not have permission to perform this action.",
            None,
            false,
            None,
        ),
        (
            ApiError::Forbidden { detail: None },
            "Not allowed: this token doesn't have the permission for that.",
            None,
            false,
            None,
        ),
        (
            ApiError::NotFound { detail: some("Not found.") },
            "It isn't there any more: it may have been deleted elsewhere.",
            some("Not found."),
            false,
            None,
        ),
        (
            ApiError::NotFound { detail: None },
            "It isn't there any more: it may have been deleted elsewhere.",
            None,
            false,
            None,
        ),
        (
            ApiError::Validation(field_errors()),
            "The API refused this: Something else.",
            None,
            false,
            None,
        ),
        (
            ApiError::Validation(FieldErrors {
                fields: vec![("name".to_owned(), vec!["Bad name.".to_owned()])],
                non_field: vec![],
            }),
            "The API refused this: name: Bad name.",
            None,
            false,
            None,
        ),
        (
            ApiError::Validation(FieldErrors::default()),
            "The API refused this request.",
            None,
            false,
            None,
        ),
        (
            ApiError::LimitReached { detail: some("Snapshot limit reached.") },
            "This server already has 5 snapshots, the most it can have. Delete one to make room.",
            some("Snapshot limit reached."),
            false,
            None,
        ),
        (
            ApiError::LimitReached { detail: None },
            "This server already has 5 snapshots, the most it can have. Delete one to make room.",
            None,
            false,
            None,
        ),
        (
            ApiError::Rejected {
                status: 400,
                detail: some("Server is not in a valid state for restoration."),
            },
            "Server is not in a valid state for restoration.",
            None,
            false,
            None,
        ),
        (
            ApiError::Rejected { status: 405, detail: None },
            "The API refused this request (HTTP 405).",
            None,
            false,
            None,
        ),
        (
            ApiError::RateLimited { retry_after_secs: Some(20) },
            "The API is busy; trying again in 20 s.",
            None,
            true,
            Some(20),
        ),
        (
            ApiError::RateLimited { retry_after_secs: Some(120) },
            "The API is busy; trying again in 2 min.",
            None,
            true,
            Some(120),
        ),
        (
            ApiError::RateLimited { retry_after_secs: Some(90) },
            "The API is busy; trying again in 1 min 30 s.",
            None,
            true,
            Some(90),
        ),
        (
            ApiError::RateLimited { retry_after_secs: None },
            "The API is busy; trying again shortly.",
            None,
            true,
            None,
        ),
        (
            ApiError::Server { status: 502, detail: None },
            "The API is having trouble (HTTP 502). Nothing was lost; try again in a moment.",
            None,
            true,
            None,
        ),
        (
            ApiError::Server { status: 500, detail: some("Database unavailable") },
            "The API is having trouble (HTTP 500). Nothing was lost; try again in a moment.",
            some("Database unavailable"),
            true,
            None,
        ),
        (
            ApiError::Offline,
            "You're offline. The panel will carry on when you're back.",
            None,
            true,
            None,
        ),
        (
            ApiError::Network,
            "Couldn't reach the API. Check your connection, or the proxy in front of the API.",
            None,
            true,
            None,
        ),
        (
            ApiError::Timeout,
            "The API took too long to answer. Try again.",
            None,
            true,
            None,
        ),
        (
            ApiError::Malformed { status: 200, excerpt: "Sign in · VPS.org".to_owned() },
            "The API sent an answer the panel couldn't read (HTTP 200). Try again; if it keeps happening, the API or the proxy may be misconfigured.",
            some("It began: “Sign in · VPS.org”"),
            true,
            None,
        ),
        (
            ApiError::ForeignLink,
            "The API's list continues at an address outside the API, and the panel doesn't send your token there. The API or the proxy may be misconfigured.",
            None,
            false,
            None,
        ),
        (
            ApiError::NoSuchServer { id: 99999 },
            "There is no server 99999 in this account.",
            None,
            false,
            None,
        ),
        (
            ApiError::Malformed { status: 201, excerpt: String::new() },
            "The API sent an answer the panel couldn't read (HTTP 201). Try again; if it keeps happening, the API or the proxy may be misconfigured.",
            None,
            true,
            None,
        ),
    ]
}

#[test]
fn every_variant_has_its_exact_message() {
    for (error, message, _, _, _) in table() {
        assert_eq!(error.message(Locale::En), message, "message of {error:?}");
    }
}

#[test]
fn display_is_the_message() {
    for (error, message, _, _, _) in table() {
        assert_eq!(error.to_string(), message, "Display of {error:?}");
    }
}

#[test]
fn every_variant_has_its_detail() {
    for (error, _, detail, _, _) in table() {
        assert_eq!(error.detail(Locale::En), detail, "detail of {error:?}");
    }
}

#[test]
fn every_variant_is_transient_or_not() {
    for (error, _, _, transient, _) in table() {
        assert_eq!(error.is_transient(), transient, "is_transient of {error:?}");
    }
}

#[test]
fn only_rate_limits_carry_a_wait() {
    for (error, _, _, _, wait) in table() {
        assert_eq!(
            error.retry_after_secs(),
            wait,
            "retry_after_secs of {error:?}"
        );
    }
}

#[test]
fn no_message_or_detail_shows_markup_or_raw_json() {
    for (error, _, _, _, _) in table() {
        let message = error.message(Locale::En);
        assert!(!message.contains('<'), "markup in {message}");
        assert!(!message.contains('{'), "JSON in {message}");
        assert!(!message.is_empty(), "empty message for {error:?}");
    }
}

#[test]
fn every_variant_is_said_in_portuguese_too() {
    for (error, english, _, _, _) in table() {
        let portuguese = error.message(Locale::PtBr);
        assert!(!portuguese.is_empty(), "no Portuguese for {error:?}");
        assert!(!portuguese.contains('<'), "markup in {portuguese}");
        let api_words = matches!(
            error,
            ApiError::Rejected {
                detail: Some(_),
                ..
            }
        );
        assert_eq!(
            portuguese == english,
            api_words,
            "{error:?}: only the API's own words are the same in both"
        );
    }
    assert_eq!(
        ApiError::RateLimited {
            retry_after_secs: Some(90)
        }
        .action_message(Locale::PtBr),
        "A API está ocupada; tente de novo em 1 min 30 s."
    );
}

#[test]
fn error_is_a_std_error() {
    let boxed: Box<dyn std::error::Error> = Box::new(ApiError::Timeout);
    assert_eq!(
        boxed.to_string(),
        "The API took too long to answer. Try again."
    );
}

#[test]
fn for_field_finds_a_fields_messages() {
    let errors = field_errors();
    assert_eq!(
        errors.for_field("name"),
        Some(&["Bad name.".to_owned(), "Too long.".to_owned()][..])
    );
    assert_eq!(
        errors.for_field("server_id"),
        Some(&["A valid integer is required.".to_owned()][..])
    );
    assert_eq!(errors.for_field("description"), None);
    assert_eq!(
        errors.for_field("non_field_errors"),
        None,
        "non-field messages are not a field"
    );
    assert_eq!(
        errors.for_field("Name"),
        None,
        "field names are case-sensitive"
    );
}

#[test]
fn outside_lists_non_field_then_unknown_fields_prefixed() {
    let errors = field_errors();
    assert_eq!(
        errors.outside(&[]),
        vec![
            "Something else.".to_owned(),
            "name: Bad name.".to_owned(),
            "name: Too long.".to_owned(),
            "server_id: A valid integer is required.".to_owned(),
        ]
    );
    assert_eq!(
        errors.outside(&["name"]),
        vec![
            "Something else.".to_owned(),
            "server_id: A valid integer is required.".to_owned(),
        ]
    );
    assert_eq!(
        errors.outside(&["name", "server_id", "description"]),
        vec!["Something else.".to_owned()]
    );
}

#[test]
fn empty_field_errors() {
    let empty = FieldErrors::default();
    assert!(empty.is_empty());
    assert!(empty.outside(&[]).is_empty());
    assert_eq!(empty.for_field("name"), None);
    let only_field = FieldErrors {
        fields: vec![("name".to_owned(), vec!["x".to_owned()])],
        non_field: vec![],
    };
    assert!(!only_field.is_empty());
    let only_non_field = FieldErrors {
        fields: vec![],
        non_field: vec!["x".to_owned()],
    };
    assert!(!only_non_field.is_empty());
}

#[test]
fn actions_the_person_started_are_told_when_to_try_again_not_that_the_panel_will() {
    let limited = ApiError::RateLimited {
        retry_after_secs: Some(20),
    };
    assert_eq!(
        limited.action_message(Locale::En),
        "The API is busy; try again in 20 s."
    );
    assert_eq!(
        limited.message(Locale::En),
        "The API is busy; trying again in 20 s."
    );
    assert_eq!(
        ApiError::RateLimited {
            retry_after_secs: None
        }
        .action_message(Locale::En),
        "The API is busy; try again in a moment."
    );
    assert_eq!(
        ApiError::Timeout.action_message(Locale::En),
        ApiError::Timeout.message(Locale::En)
    );
    // A read offline waits for the network; a change asked for offline is not sent later.
    assert_eq!(
        ApiError::Offline.action_message(Locale::En),
        "You're offline, so nothing was sent. Try again once you're back online."
    );
    assert_eq!(
        ApiError::Offline.action_message(Locale::PtBr),
        "Você está sem conexão, então nada foi enviado. Tente de novo quando a conexão voltar."
    );
    // A load or a Refresh asked for offline is read again when the browser is back.
    assert_eq!(
        ApiError::Offline.load_message(Locale::En),
        "You're offline. The panel will carry on when you're back."
    );
    assert_eq!(
        limited.load_message(Locale::En),
        "The API is busy; try again in 20 s."
    );
}
