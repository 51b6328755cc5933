//! The `/api/v1/` handlers: authentication, permissions, filters and routing.

use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, MatchedPath, Path, State};
use axum::http::header::{ALLOW, AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Serialize;

use crate::clock::rfc3339;
use crate::dialect::Dialect;
use crate::error::ApiError;
use crate::model::{ServerStatus, User};
use crate::pagination::LinkBase;
use crate::seed::{self, SERVERS_READ, SNAPSHOTS_READ, SNAPSHOTS_WRITE};
use crate::{parsers, query, validation, AppState};

const SNAPSHOTS: &str = "/api/v1/snapshots/";
const SNAPSHOT: &str = "/api/v1/snapshots/{id}/";
const RESTORE: &str = "/api/v1/snapshots/{id}/restore/";
const SERVERS: &str = "/api/v1/servers/";
const SERVER: &str = "/api/v1/servers/{id}/";
const ACCOUNT_ME: &str = "/api/v1/account/me/";

/// The `Allow` header of each route, as DRF computes it.
fn allowed_methods(route: &str) -> &'static str {
    match route {
        SNAPSHOTS => "GET, POST, HEAD, OPTIONS",
        SNAPSHOT => "DELETE, OPTIONS",
        RESTORE => "POST, OPTIONS",
        _ => "GET, HEAD, OPTIONS",
    }
}

/// The API routes. Paths without their trailing slash are unknown (404); OPTIONS (when CORS
/// does not answer it first) and methods a route lacks go to [`options_or_not_allowed`].
pub fn api() -> Router<AppState> {
    let other = options_or_not_allowed;
    Router::new()
        .route(
            SNAPSHOTS,
            get(list_snapshots).post(create_snapshot).fallback(other),
        )
        .route(SNAPSHOT, delete(delete_snapshot).fallback(other))
        .route(RESTORE, post(restore_snapshot).fallback(other))
        .route(SERVERS, get(list_servers).fallback(other))
        .route(SERVER, get(get_server).fallback(other))
        .route(ACCOUNT_ME, get(account_me).fallback(other))
        .fallback(not_found)
}

/// The authenticated user of a request, and the words the simulator answers in.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// Whose token the request carries.
    pub user: &'static User,
    /// The dialect in force when the request arrived.
    pub dialect: Dialect,
}

/// DRF's 401 for a request without (usable) credentials.
const NOT_AUTHENTICATED: &str = "Authentication credentials were not provided.";

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let dialect = state.dialect();
        let token = match parts.headers.get(AUTHORIZATION) {
            None => state
                .config()
                .default_token
                .clone()
                .ok_or(NOT_AUTHENTICATED),
            Some(header) => bearer_token(header),
        }
        .map_err(|message| dialect.unauthorized(message))?;
        let user =
            seed::user_by_token(&token).ok_or_else(|| dialect.unauthorized("Invalid token."))?;
        state.lock().touch_token(user);
        Ok(Self { user, dialect })
    }
}

/// Reads `Bearer <token>` as DRF's `TokenAuthentication` does; `Err` is the 401 message.
fn bearer_token(header: &HeaderValue) -> Result<String, &'static str> {
    let text = String::from_utf8_lossy(header.as_bytes()).into_owned();
    let mut words = text.split_whitespace();
    match words.next() {
        Some(keyword) if keyword.eq_ignore_ascii_case("bearer") => {}
        // Another scheme: DRF treats it as no credentials at all.
        _ => return Err(NOT_AUTHENTICATED),
    }
    let token = words
        .next()
        .ok_or("Invalid token header. No credentials provided.")?;
    if words.next().is_some() {
        return Err("Invalid token header. Token string should not contain spaces.");
    }
    Ok(token.to_owned())
}

impl Caller {
    /// The user, if their token carries `permission` (403 otherwise).
    fn require(self, permission: &str) -> Result<&'static User, ApiError> {
        if self.user.can(permission) {
            Ok(self.user)
        } else {
            Err(self.dialect.forbidden(permission))
        }
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Parses an id from the path; anything else is a bare 404 `Not found.` in both dialects
/// (DRF's `get_object_or_404` turns the `ValueError` of a non-numeric pk into `Http404()`).
fn path_id(id: &str) -> Result<u64, ApiError> {
    id.parse().map_err(|_| ApiError::not_found())
}

/// A path no route matches.
async fn not_found(State(state): State<AppState>) -> Response {
    state.dialect().unknown_path()
}

/// The fallback with `--static`: API paths stay unknown paths; anything else is a file from
/// `dir`, or `index.html` so that deep links open the panel.
pub fn static_files(
    dir: &std::path::Path,
    state: AppState,
) -> impl Fn(
    axum::extract::Request,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = axum::response::Response> + Send>>
       + Clone
       + Send
       + Sync
       + 'static {
    use axum::response::IntoResponse;
    use tower::ServiceExt;
    let files = tower_http::services::ServeDir::new(dir)
        .fallback(tower_http::services::ServeFile::new(dir.join("index.html")));
    move |request: axum::extract::Request| {
        let files = files.clone();
        let dialect = state.dialect();
        Box::pin(async move {
            if request.uri().path().starts_with("/api/") {
                return dialect.unknown_path();
            }
            match files.oneshot(request).await {
                Ok(response) => response.into_response(),
                Err(never) => match never {},
            }
        })
    }
}

/// OPTIONS (when CORS does not answer it) and any method a route does not have.
/// Order as DRF: authentication (401), permission (403), then 405.
async fn options_or_not_allowed(
    caller: Caller,
    route: MatchedPath,
    method: Method,
) -> Result<Response, ApiError> {
    let route = route.as_str();
    let allow = allowed_methods(route);
    if route.starts_with(SNAPSHOTS) && !is_safe(&method) {
        caller.require(SNAPSHOTS_WRITE)?;
    }
    if method != Method::OPTIONS {
        return Err(ApiError::method_not_allowed(method.as_str(), allow));
    }
    let metadata = serde_json::json!({
        "name": route,
        "description": "",
        "renders": ["application/json"],
        "parses": parsers::PARSES,
    });
    let mut response = Json(metadata).into_response();
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    Ok(response)
}

/// A listing's request: where its links point and its query.
impl FromRequestParts<AppState> for LinkBase {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        Ok(Self::new(
            state.config().public_url.as_deref(),
            &parts.headers,
            parts.uri.path(),
            query::parse(parts.uri.query().unwrap_or_default()),
        ))
    }
}

/// A filter's value from the query; blank is no filter, as django-filter reads it.
fn filter_value<'a>(base: &'a LinkBase, name: &str) -> Option<&'a str> {
    query::get(&base.pairs, name).filter(|value| !value.is_empty())
}

async fn list_snapshots(
    State(state): State<AppState>,
    caller: Caller,
    base: LinkBase,
) -> Result<Response, ApiError> {
    let user = caller.require(SNAPSHOTS_READ)?;
    let server_id = filter_value(&base, "server_id")
        .map(|text| {
            validation::integer_text(text)
                .ok_or_else(|| ApiError::field("server_id", "Enter a whole number."))
        })
        .transpose()?;
    let page = state.lock().snapshot_page(user.id, server_id, &base)?;
    Ok(Json(page).into_response())
}

/// A created snapshot plus the provider's message.
#[derive(Serialize)]
struct Created {
    #[serde(flatten)]
    snapshot: crate::store::SnapshotView,
    message: &'static str,
}

async fn create_snapshot(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let user = caller.require(SNAPSHOTS_WRITE)?;
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let data = parsers::request_data(content_type, &body, caller.dialect)?;
    let request = validation::create_snapshot(&data, caller.dialect)?;
    let snapshot = state.lock().create_snapshot(
        user.id,
        request.server_id,
        request.name,
        request.description,
    )?;
    let created = Created {
        snapshot,
        message: "Snapshot is being created. This may take 3-10 minutes depending on server size.",
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

async fn restore_snapshot(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let user = caller.require(SNAPSHOTS_WRITE)?;
    let id = path_id(&id)?;
    let restored = state.lock().restore(user.id, id)?;
    Ok(Json(restored).into_response())
}

async fn delete_snapshot(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let user = caller.require(SNAPSHOTS_WRITE)?;
    let id = path_id(&id)?;
    state.lock().delete_snapshot(user.id, id)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_servers(
    State(state): State<AppState>,
    caller: Caller,
    base: LinkBase,
) -> Result<Response, ApiError> {
    let user = caller.require(SERVERS_READ)?;
    let status = filter_value(&base, "status")
        .map(|text| {
            ServerStatus::parse(text).ok_or_else(|| {
                ApiError::field(
                    "status",
                    format!("Select a valid choice. {text} is not one of the available choices."),
                )
            })
        })
        .transpose()?;
    let location = filter_value(&base, "location");
    let mut store = state.lock();
    let items = store.list_servers(user.id, status, location);
    let page = store.settings.pager().page(items, &base)?;
    Ok(Json(page).into_response())
}

async fn get_server(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let user = caller.require(SERVERS_READ)?;
    let id = path_id(&id)?;
    let server = state.lock().server(user.id, id)?;
    Ok(Json(server).into_response())
}

#[derive(Serialize)]
struct Account {
    email: &'static str,
    first_name: &'static str,
    last_name: &'static str,
    company_name: &'static str,
    created_at: String,
}

#[derive(Serialize)]
struct Token {
    name: &'static str,
    permissions: &'static [&'static str],
    created_at: String,
    last_used_at: String,
}

#[derive(Serialize)]
struct Me {
    account: Account,
    token: Token,
}

async fn account_me(State(state): State<AppState>, caller: Caller) -> Json<Me> {
    let user = caller.user;
    let last_used = state.lock().token_last_used(user);
    Json(Me {
        account: Account {
            email: user.email,
            first_name: user.first_name,
            last_name: user.last_name,
            company_name: user.company_name,
            created_at: rfc3339(user.created_at),
        },
        token: Token {
            name: user.token_name,
            permissions: user.permissions,
            created_at: rfc3339(user.token_created_at),
            last_used_at: rfc3339(last_used),
        },
    })
}
