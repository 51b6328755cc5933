//! The panel's only door to the network: one plain function per endpoint, and the one place
//! gloo-net is used.
//!
//! Every answer goes through [`snapshot_core::response`], which checks the status before the
//! body and turns every failure into an [`ApiError`]. A request in flight is aborted when its
//! future is dropped (the component that asked for it is gone), and after the configured
//! timeout.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use snapshot_core::model::{CreatedSnapshot, Me, NewSnapshot, RestoreStarted, Server, Snapshot};
use snapshot_core::response::{self, Page, RawResponse};
use snapshot_core::url::{split_query, ApiBase};
use snapshot_core::ApiError;

/// The most pages of one list the client reads before giving up.
pub const MAX_PAGES: usize = 50;

/// What the client needs to talk to the API. Cheap to clone; the token is shared, so a new
/// token (sign-in, a host's rotation) applies to every later request.
#[derive(Clone)]
pub struct Client {
    base: ApiBase,
    token: RwSignal<Option<String>>,
    timeout: Duration,
    on_unauthorized: Callback<()>,
}

/// A list and how many of its rows could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub skipped: usize,
}

impl Client {
    /// A client for `base`, sending `token` when there is one. `on_unauthorized` is told of
    /// every 401, so the panel can ask for a token again without losing its place.
    pub fn new(
        base: ApiBase,
        token: RwSignal<Option<String>>,
        timeout_ms: u32,
        on_unauthorized: Callback<()>,
    ) -> Self {
        Self {
            base,
            token,
            timeout: Duration::from_millis(u64::from(timeout_ms)),
            on_unauthorized,
        }
    }

    /// `GET snapshots/`, every page, optionally for one server.
    pub async fn list_snapshots(
        &self,
        server_id: Option<u64>,
    ) -> Result<Listed<Snapshot>, ApiError> {
        let path = match server_id {
            Some(id) => format!("snapshots/?server_id={id}"),
            None => "snapshots/".to_owned(),
        };
        self.list_all(self.base.endpoint(&path)).await
    }

    /// `POST snapshots/`.
    pub async fn create_snapshot(&self, new: &NewSnapshot) -> Result<CreatedSnapshot, ApiError> {
        let body = serde_json::to_string(new).map_err(|_| ApiError::Malformed {
            status: 0,
            excerpt: String::new(),
        })?;
        let url = self.base.endpoint("snapshots/");
        self.send_json(Method::POST, url, Some(body)).await
    }

    /// `POST snapshots/{id}/restore/`.
    pub async fn restore_snapshot(&self, snapshot_id: u64) -> Result<RestoreStarted, ApiError> {
        let url = self
            .base
            .endpoint(&format!("snapshots/{snapshot_id}/restore/"));
        self.send_json(Method::POST, url, None).await
    }

    /// `DELETE snapshots/{id}/`: 204 and no body.
    pub async fn delete_snapshot(&self, snapshot_id: u64) -> Result<(), ApiError> {
        let url = self.base.endpoint(&format!("snapshots/{snapshot_id}/"));
        let answer = self.send(Method::DELETE, url, None).await?;
        self.checked(response::expect_success(answer.raw(), now_secs()))
    }

    /// `GET servers/`, every page.
    pub async fn list_servers(&self) -> Result<Listed<Server>, ApiError> {
        self.list_all(self.base.endpoint("servers/")).await
    }

    /// `GET servers/{id}/`.
    pub async fn get_server(&self, server_id: u64) -> Result<Server, ApiError> {
        let url = self.base.endpoint(&format!("servers/{server_id}/"));
        self.send_json(Method::GET, url, None).await
    }

    /// `GET account/me/`: who the token belongs to, and the sign-in check.
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.send_json(Method::GET, self.base.endpoint("account/me/"), None)
            .await
    }

    /// Reads a list page by page, following `next` through this panel's own base, up to
    /// [`MAX_PAGES`].
    async fn list_all<T: serde::de::DeserializeOwned>(
        &self,
        first: String,
    ) -> Result<Listed<T>, ApiError> {
        let mut listed = Listed {
            items: Vec::new(),
            skipped: 0,
        };
        let mut url = Some(first);
        let mut pages = 0;
        while let Some(current) = url.take() {
            if pages == MAX_PAGES {
                return Err(ApiError::ListTooLong { pages: MAX_PAGES });
            }
            pages += 1;
            let answer = self.send(Method::GET, current, None).await?;
            let page: Page<T> = self.checked(response::decode_page(answer.raw(), now_secs()))?;
            listed.items.extend(page.items);
            listed.skipped = listed.skipped.saturating_add(page.skipped);
            url = match page.next {
                Some(next) => Some(self.base.follow(&next).ok_or_else(|| ApiError::Malformed {
                    status: answer.status,
                    excerpt: "a next-page link outside the API".to_owned(),
                })?),
                None => None,
            };
        }
        Ok(listed)
    }

    async fn send_json<T: serde::de::DeserializeOwned>(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let answer = self.send(method, url, body).await?;
        self.checked(response::decode(answer.raw(), now_secs()))
    }

    /// Passes a result through, telling the panel about a 401 on the way.
    fn checked<T>(&self, result: Result<T, ApiError>) -> Result<T, ApiError> {
        if matches!(result, Err(ApiError::Unauthorized)) {
            self.on_unauthorized.run(());
        }
        result
    }

    /// Sends one request and reads the whole answer as text. Network failures become
    /// [`ApiError::Offline`], [`ApiError::Timeout`] or [`ApiError::Network`]; HTTP statuses are
    /// left to the caller.
    async fn send(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
    ) -> Result<Answer, ApiError> {
        if !is_online() {
            return Err(ApiError::Offline);
        }
        let mut abort = AbortOnDrop::new()?;
        let timed_out = Rc::new(Cell::new(false));
        let _timer = {
            let timed_out = Rc::clone(&timed_out);
            let controller = abort.controller.clone();
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                self.timeout,
            )
            .ok()
            .map(ClearOnDrop)
        };

        // The query goes through the builder: given inside the URL, gloo-net would append a
        // stray `&` to it.
        let (path, query) = split_query(&url);
        let mut request = RequestBuilder::new(path)
            .query(query.iter().map(|(key, value)| (key.as_str(), value)))
            .method(method)
            .abort_signal(Some(&abort.controller.signal()))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json");
        // Only when the panel has a token: behind a proxy that injects it, none is sent.
        if let Some(token) = self.token.get_untracked().filter(|t| !t.is_empty()) {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => request.body(body),
            None => request.build(),
        }
        .map_err(|_| ApiError::Network)?;

        let network_error = |_| {
            if timed_out.get() {
                ApiError::Timeout
            } else if !is_online() {
                ApiError::Offline
            } else {
                ApiError::Network
            }
        };
        let answer = async {
            let response = request.send().await.map_err(network_error)?;
            let status = response.status();
            let content_type = response.headers().get("content-type");
            let retry_after = response.headers().get("retry-after");
            let body = response.text().await.map_err(network_error)?;
            Ok(Answer {
                status,
                content_type,
                retry_after,
                body,
            })
        }
        .await;
        // Finished, one way or the other: nothing left to abort.
        abort.done = true;
        answer
    }
}

/// A whole answer, owned.
struct Answer {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    body: String,
}

impl Answer {
    fn raw(&self) -> RawResponse<'_> {
        RawResponse {
            status: self.status,
            content_type: self.content_type.as_deref(),
            retry_after: self.retry_after.as_deref(),
            body: &self.body,
        }
    }
}

thread_local! {
    static ABANDONED: Cell<u32> = const { Cell::new(0) };
}

/// How many requests were aborted because whoever asked for them went away before the answer
/// came: a diagnostic, read by the browser tests.
pub fn abandoned_requests() -> u32 {
    ABANDONED.get()
}

/// Aborts the fetch when the future that owns it is dropped, so a stale answer can never land.
struct AbortOnDrop {
    controller: web_sys::AbortController,
    done: bool,
}

impl AbortOnDrop {
    fn new() -> Result<Self, ApiError> {
        web_sys::AbortController::new()
            .map(|controller| Self {
                controller,
                done: false,
            })
            .map_err(|_| ApiError::Network)
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.done {
            ABANDONED.set(ABANDONED.get().saturating_add(1));
            self.controller.abort();
        }
    }
}

/// Clears the timeout timer when the request is done.
struct ClearOnDrop(TimeoutHandle);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.clear();
    }
}

fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Seconds since the epoch, by the browser's clock.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
