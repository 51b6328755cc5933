//! The two vocabularies of the simulator: its own, more helpful words (the default) and those
//! of a plain Django REST Framework deployment with default settings (`--plain-drf`, or
//! `"plain_drf": true` in `POST /__sim/reset`). Every answer whose words differ between the
//! two is built here, so the README's table has one place to check against.

use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// Which words the simulator answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dialect {
    /// The simulator's own words: which permission is missing, which server was not found.
    #[default]
    Detailed,
    /// Plain DRF 3.15 with default settings, behind Django with `DEBUG = False`.
    PlainDrf,
}

/// An object a URL or a body names that the caller cannot see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The snapshot of `/snapshots/{id}/` or `/snapshots/{id}/restore/`.
    Snapshot,
    /// The server of `/servers/{id}/`.
    Server,
    /// The `server_id` of a snapshot creation.
    TargetServer,
}

/// A refusal the API's own code makes (not a serializer field rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The server already has a snapshot with this name.
    DuplicateName,
    /// The server already has [`crate::model::SNAPSHOT_LIMIT`] snapshots.
    LimitReached,
    /// A snapshot of a server being restored.
    ServerRestoring,
    /// A restore from a snapshot that is not completed.
    NotCompleted,
    /// A restore of a server that is already being restored.
    InvalidServerState,
}

impl Refusal {
    /// The words, the same in both dialects (only the shape of the body differs).
    pub fn message(self) -> &'static str {
        match self {
            Self::DuplicateName => "A snapshot with this name already exists on this server.",
            Self::LimitReached => "Snapshot limit reached: a server can have at most 5 snapshots.",
            Self::ServerRestoring => {
                "Server is being restored; try again when the restore has finished."
            }
            Self::NotCompleted => "Snapshot is not completed and cannot be restored.",
            Self::InvalidServerState => "Server is not in a valid state for restoration.",
        }
    }
}

/// Django's built-in error page (`django.views.defaults.ERROR_PAGE_TEMPLATE`).
fn django_error_page(status: StatusCode, title: &str, details: &str) -> Response {
    let page = format!(
        "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>{title}</title>\n</head>\n\
         <body>\n  <h1>{title}</h1><p>{details}</p>\n</body>\n</html>\n"
    );
    (
        status,
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        page,
    )
        .into_response()
}

impl Dialect {
    /// `PlainDrf` when `plain_drf`, else `Detailed`.
    pub fn new(plain_drf: bool) -> Self {
        if plain_drf {
            Self::PlainDrf
        } else {
            Self::Detailed
        }
    }

    /// Whether this is the plain-DRF dialect.
    pub fn is_plain(self) -> bool {
        self == Self::PlainDrf
    }

    /// 401 with `message` (DRF's `TokenAuthentication` words in both dialects) and
    /// `WWW-Authenticate`: `Bearer realm="api"`, or DRF's bare keyword `Bearer`.
    pub fn unauthorized(self, message: &str) -> ApiError {
        let challenge = match self {
            Self::Detailed => "Bearer realm=\"api\"",
            Self::PlainDrf => "Bearer",
        };
        ApiError::detail(StatusCode::UNAUTHORIZED, message)
            .with_header(WWW_AUTHENTICATE, HeaderValue::from_static(challenge))
    }

    /// 403 for a token that lacks `permission`.
    pub fn forbidden(self, permission: &str) -> ApiError {
        const DRF: &str = "You do not have permission to perform this action.";
        let message = match self {
            Self::Detailed => format!(
                "You do not have permission to perform this action: \
                 your token lacks the {permission} permission."
            ),
            Self::PlainDrf => DRF.to_owned(),
        };
        ApiError::detail(StatusCode::FORBIDDEN, message)
    }

    /// 404 for an object the caller cannot see: DRF 3.15 passes on the message of Django's
    /// `get_object_or_404`, `No <Model> matches the given query.`
    pub fn missing(self, missing: Missing) -> ApiError {
        let message = match (self, missing) {
            (Self::Detailed, Missing::TargetServer) => "Server not found.",
            (Self::Detailed, Missing::Snapshot | Missing::Server) => "Not found.",
            (Self::PlainDrf, Missing::Snapshot) => "No Snapshot matches the given query.",
            (Self::PlainDrf, Missing::Server | Missing::TargetServer) => {
                "No Server matches the given query."
            }
        };
        ApiError::detail(StatusCode::NOT_FOUND, message)
    }

    /// 400 for a refusal: shaped as a field, non-field or `detail` error by the simulator;
    /// a top-level `["..."]` list in plain DRF (a `ValidationError("...")` raised in a view).
    pub fn refuse(self, refusal: Refusal) -> ApiError {
        let message = refusal.message();
        if self.is_plain() {
            return ApiError::list(message);
        }
        match refusal {
            Refusal::DuplicateName => ApiError::field("name", message),
            Refusal::LimitReached | Refusal::ServerRestoring => ApiError::non_field(message),
            Refusal::NotCompleted | Refusal::InvalidServerState => {
                ApiError::detail(StatusCode::BAD_REQUEST, message)
            }
        }
    }

    /// The error of a snapshot name outside `^[A-Za-z0-9_-]+$` (plain: DRF's `SlugField`).
    pub fn bad_name(self) -> &'static str {
        match self {
            Self::Detailed => {
                "Enter a valid name consisting of letters, numbers, underscores or hyphens."
            }
            Self::PlainDrf => {
                "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."
            }
        }
    }

    /// A path no route matches: JSON `{"detail": "Not found."}`, or Django's HTML 404 page
    /// (the URL resolver answers before DRF is involved).
    pub fn unknown_path(self) -> Response {
        match self {
            Self::Detailed => ApiError::not_found().into_response(),
            Self::PlainDrf => django_error_page(
                StatusCode::NOT_FOUND,
                "Not Found",
                "The requested resource was not found on this server.",
            ),
        }
    }

    /// The `500` fault: JSON `{"detail": "A server error occurred."}`, or Django's HTML
    /// `Server Error (500)` page (DRF leaves unexpected exceptions to Django).
    pub fn server_error(self) -> Response {
        match self {
            Self::Detailed => ApiError::detail(
                StatusCode::INTERNAL_SERVER_ERROR,
                "A server error occurred.",
            )
            .into_response(),
            Self::PlainDrf => {
                django_error_page(StatusCode::INTERNAL_SERVER_ERROR, "Server Error (500)", "")
            }
        }
    }
}
