//! The panel's only door to the network: one plain function per endpoint, and the one place
//! gloo-net is used.
//!
//! Every answer goes through [`snapshot_core::response`], which checks the status before the
//! body and turns every failure into an [`ApiError`]. A request in flight is aborted when its
//! future is dropped (the component that asked for it is gone), and after the configured
//! timeout.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use futures::stream::{self, StreamExt};
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
pub use snapshot_core::listing::Listed;
use snapshot_core::listing::{pages_after_first, Identified, Listing, MAX_PAGES};
use snapshot_core::model::{CreatedSnapshot, Me, NewSnapshot, RestoreStarted, Server, Snapshot};
use snapshot_core::response::{self, parse_retry_after, Page, RawResponse};
use snapshot_core::retry::read_retry_delay_ms;
use snapshot_core::url::{split_query, ApiBase};
use snapshot_core::validate::{clean_token, token_error};
use snapshot_core::{ApiError, Locale};

use crate::browser;

/// The header every request carries, so that a proxy that adds the token itself can tell the
/// panel's requests from a cross-site form's (see `deploy/nginx.conf`). It is one that
/// django-cors-headers allows by default, so a direct, cross-origin deployment keeps working.
const PANEL_HEADER: (&str, &str) = ("X-Requested-With", "XMLHttpRequest");

/// How many pages of one list are read at a time, when the first page says how they are
/// numbered: two lists (servers and snapshots) then keep six requests out, a browser's limit
/// per host over HTTP/1.1.
const PAGES_AT_ONCE: usize = 3;

/// Why a walk through a list's pages ended early.
enum Walk {
    /// A page after the first answered 404: the pages moved under the walk.
    LaterPageGone(ApiError),
    Failed(ApiError),
}

impl Walk {
    /// A failure reading a page after the first.
    fn later(error: ApiError) -> Self {
        match error {
            gone @ ApiError::NotFound { .. } => Self::LaterPageGone(gone),
            error => Self::Failed(error),
        }
    }
}

impl From<ApiError> for Walk {
    fn from(error: ApiError) -> Self {
        Self::Failed(error)
    }
}

/// The languages the panel asks the API to answer in: its own, so that a DRF deployment's
/// translated words (`LocaleMiddleware`) match the panel's. A CORS-safelisted header.
fn accept_language(t: Locale) -> &'static str {
    match t {
        Locale::En => "en",
        Locale::PtBr => "pt-BR, pt;q=0.9",
    }
}

/// What the client needs to talk to the API. Cheap to clone; the token is shared, so a new
/// token (sign-in, a host's rotation) applies to every later request.
#[derive(Clone)]
pub struct Client {
    base: ApiBase,
    token: RwSignal<Option<String>>,
    timeout: Duration,
    on_unauthorized: Callback<()>,
    /// How many reads are waiting to be tried again.
    retrying: RwSignal<u32>,
    /// While every snapshot is read: how many rows have been, of how many.
    reading: RwSignal<Option<(usize, u64)>>,
    /// The panel's language: asked of the API too, so that its own words match.
    locale: Locale,
}

impl Client {
    /// The API's base, as configured.
    pub fn api_base(&self) -> &str {
        self.base.as_str()
    }

    /// A client for `base`, sending `token` when there is one. `on_unauthorized` is told of
    /// every 401, so the panel can ask for a token again without losing its place.
    pub fn new(
        base: ApiBase,
        token: RwSignal<Option<String>>,
        timeout_ms: u32,
        locale: Locale,
        on_unauthorized: Callback<()>,
    ) -> Self {
        Self {
            base,
            token,
            locale,
            timeout: Duration::from_millis(u64::from(timeout_ms)),
            on_unauthorized,
            retrying: RwSignal::new(0),
            reading: RwSignal::new(None),
        }
    }

    /// Whether a read failed and is about to be tried again: the page says so.
    pub fn retrying(&self) -> Signal<bool> {
        let retrying = self.retrying;
        Signal::derive(move || retrying.try_get().unwrap_or(0) > 0)
    }

    /// While every snapshot is read, how many rows have been, of how many the API counts.
    pub fn reading(&self) -> Signal<Option<(usize, u64)>> {
        self.reading.into()
    }

    /// `GET snapshots/`, every page, optionally for one server.
    pub async fn list_snapshots(
        &self,
        server_id: Option<u64>,
    ) -> Result<Listed<Snapshot>, ApiError> {
        match server_id {
            Some(id) => {
                let path = format!("snapshots/?server_id={id}");
                self.list_all(self.base.endpoint(&path), None).await
            }
            None => {
                let url = self.base.endpoint("snapshots/");
                // Cleared however the read ends: done, failed, or dropped for a newer one.
                struct Cleared(RwSignal<Option<(usize, u64)>>);
                impl Drop for Cleared {
                    fn drop(&mut self) {
                        self.0.try_set(None);
                    }
                }
                let _cleared = Cleared(self.reading);
                self.list_all(url, Some(self.reading)).await
            }
        }
    }

    /// `POST snapshots/`.
    pub async fn create_snapshot(&self, new: &NewSnapshot) -> Result<CreatedSnapshot, ApiError> {
        let body = serde_json::to_string(new).map_err(|_| ApiError::Malformed {
            status: 0,
            excerpt: String::new(),
        })?;
        let url = self.base.endpoint("snapshots/");
        self.post_json(url, Some(body)).await
    }

    /// `POST snapshots/{id}/restore/`.
    pub async fn restore_snapshot(&self, snapshot_id: u64) -> Result<RestoreStarted, ApiError> {
        let url = self
            .base
            .endpoint(&format!("snapshots/{snapshot_id}/restore/"));
        self.post_json(url, None).await
    }

    /// `DELETE snapshots/{id}/`: 204 and no body.
    pub async fn delete_snapshot(&self, snapshot_id: u64) -> Result<(), ApiError> {
        let url = self.base.endpoint(&format!("snapshots/{snapshot_id}/"));
        let answer = self.send(Method::DELETE, url, None).await;
        self.checked(answer.and_then(|answer| response::expect_success(answer.raw(), now_secs())))
    }

    /// `GET servers/`, every page.
    pub async fn list_servers(&self) -> Result<Listed<Server>, ApiError> {
        self.list_all(self.base.endpoint("servers/"), None).await
    }

    /// `GET servers/{id}/`.
    pub async fn get_server(&self, server_id: u64) -> Result<Server, ApiError> {
        let url = self.base.endpoint(&format!("servers/{server_id}/"));
        self.read(url, response::decode).await
    }

    /// `GET account/me/`: who the token belongs to, and the sign-in check.
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.read(self.base.endpoint("account/me/"), response::decode)
            .await
    }

    /// Reads a list page by page, following `next` through this panel's own base, each id
    /// once, never the same page twice, and at most [`MAX_PAGES`] pages, or the pages its
    /// first page's `count` says it needs (see [`Listing`]); past that, what was read is
    /// returned, marked incomplete. When the first page's link numbers the pages, the rest are
    /// read [`PAGES_AT_ONCE`] at a time. A later page that is gone starts the walk again, once.
    /// `reading`, if given, hears how many rows have been read, of how many the API counts.
    async fn list_all<T: serde::de::DeserializeOwned + Identified>(
        &self,
        first: String,
        reading: Option<RwSignal<Option<(usize, u64)>>>,
    ) -> Result<Listed<T>, ApiError> {
        let heard = |listing: &Listing<T>, count: Option<u64>| {
            if let (Some(reading), Some(count)) = (reading, count) {
                reading.try_set(Some((listing.rows(), count)));
            }
        };
        let mut walked_again = false;
        loop {
            match self.walk(&first, &heard).await {
                // A later page gone (DRF's 404 "Invalid page."): rows went between the reads
                // and the pages moved.
                Err(Walk::LaterPageGone(_)) if !walked_again => walked_again = true,
                Err(Walk::LaterPageGone(error) | Walk::Failed(error)) => return Err(error),
                Ok(listed) => return Ok(listed),
            }
        }
    }

    /// One walk through the pages of the list at `first`.
    async fn walk<T: serde::de::DeserializeOwned + Identified>(
        &self,
        first: &str,
        heard: impl Fn(&Listing<T>, Option<u64>),
    ) -> Result<Listed<T>, Walk> {
        let mut listing = Listing::new(first, MAX_PAGES);
        let page: Page<T> = self.read(first.to_owned(), response::decode_page).await?;
        let per_page = page.items.len().saturating_add(page.skipped);
        let count = page.count;
        let next = self.next_of(&page)?;
        let ahead = next
            .as_deref()
            .and_then(|next| pages_after_first(next, count, per_page));
        let mut url = match ahead {
            None => {
                let url = listing.add(page, next);
                heard(&listing, count);
                url
            }
            Some(ahead) => {
                listing.add(page, None);
                heard(&listing, count);
                let planned = listing.plan(ahead);
                let mut pages = stream::iter(planned)
                    .map(|url| self.read(url, response::decode_page))
                    .buffered(PAGES_AT_ONCE);
                let mut next = None;
                while let Some(page) = pages.next().await {
                    let page: Page<T> = page.map_err(Walk::later)?;
                    next = self.next_of(&page)?;
                    listing.add(page, None);
                    heard(&listing, count);
                    // A page that says it is the last is: the list shrank since the count, and
                    // the pages planned after it are not asked for (those out are aborted).
                    if next.is_none() {
                        break;
                    }
                }
                // The last page's link: rows added since the count was given.
                next.and_then(|next| listing.follow(next))
            }
        };
        while let Some(current) = url.take() {
            let page: Page<T> = self
                .read(current, response::decode_page)
                .await
                .map_err(Walk::later)?;
            let next = self.next_of(&page)?;
            url = listing.add(page, next);
            heard(&listing, count);
        }
        Ok(listing.finish())
    }

    /// Where a page's `next` link is fetched from, through this panel's own base.
    fn next_of<T>(&self, page: &Page<T>) -> Result<Option<String>, ApiError> {
        match &page.next {
            Some(next) => self
                .base
                .follow(next)
                .map(Some)
                .ok_or(ApiError::ForeignLink),
            None => Ok(None),
        }
    }

    /// A GET, tried again on the failures that may pass (a proxy's 502, a dropped connection,
    /// a timeout, an unreadable 200, a rate limit), a few times with a growing, jittered wait.
    async fn read<T>(
        &self,
        url: String,
        decode: impl Fn(RawResponse<'_>, i64) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut retry = 0;
        loop {
            let (result, retry_after) = match self.send(Method::GET, url.clone(), None).await {
                Ok(answer) => {
                    let retry_after = answer
                        .retry_after
                        .as_deref()
                        .and_then(|value| parse_retry_after(value, now_secs()));
                    (decode(answer.raw(), now_secs()), retry_after)
                }
                Err(error) => (Err(error), None),
            };
            let error = match result {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            retry += 1;
            match read_retry_delay_ms(retry, &error, retry_after, browser::random()) {
                Some(delay) => self.waiting_to_retry(sleep(delay)).await,
                None => return self.checked(Err(error)),
            }
        }
    }

    /// Counts a wait before a retry while it lasts, even if it is cancelled half-way.
    async fn waiting_to_retry(&self, wait: impl Future<Output = ()>) {
        struct Waiting(RwSignal<u32>);
        impl Drop for Waiting {
            fn drop(&mut self) {
                self.0.try_update(|n| *n = n.saturating_sub(1));
            }
        }
        self.retrying.try_update(|n| *n = n.saturating_add(1));
        let _waiting = Waiting(self.retrying);
        wait.await;
    }

    /// A POST (never retried), decoded.
    async fn post_json<T: serde::de::DeserializeOwned>(
        &self,
        url: String,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let answer = self.send(Method::POST, url, body).await;
        self.checked(answer.and_then(|answer| response::decode(answer.raw(), now_secs())))
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
        // Only when the panel has a token: behind a proxy that injects it, none is sent. A
        // host's is taken as the sign-in form takes one typed: without what copying added
        // around it; one with a character no token has is refused, which the browser would
        // throw on.
        let token = self.token.get_untracked();
        let token = token.as_deref().map(clean_token).filter(|t| !t.is_empty());
        if token.is_some_and(|t| token_error(t).is_some()) {
            return Err(ApiError::Unauthorized);
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
        // A read that fails offline waits for the network; a change that was on its way when
        // the network went may have been made, so its answer is only lost.
        let is_read = method == Method::GET;
        let mut request = RequestBuilder::new(path)
            .query(query.iter().map(|(key, value)| (key.as_str(), value)))
            .method(method)
            .abort_signal(Some(&abort.controller.signal()))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .header("Accept-Language", accept_language(self.locale))
            .header(PANEL_HEADER.0, PANEL_HEADER.1);
        if let Some(token) = token {
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
            } else if is_read && !is_online() {
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

/// Waits `ms`; the timer is cleared if the wait is dropped first.
pub async fn sleep(ms: u64) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    let timer = set_timeout_with_handle(
        move || {
            let _ = done.send(());
        },
        Duration::from_millis(ms),
    )
    .ok()
    .map(ClearOnDrop);
    let _ = wait.await;
    drop(timer);
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
