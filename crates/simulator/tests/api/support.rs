//! Starting a simulator and calling it.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use vps_simulator::{serve, Config};

pub const ALICE: &str = "vps_demo_alice";
pub const BOB: &str = "vps_demo_bob";
pub const CAROL: &str = "vps_readonly_carol";

/// Create and restore durations of the test configuration.
pub const CREATE_SECS: f64 = 0.8;
pub const RESTORE_SECS: f64 = 0.8;

/// Long enough for a transition of the test configuration to have happened.
pub async fn wait_for_transitions() {
    tokio::time::sleep(Duration::from_millis(1000)).await;
}

/// The configuration most tests use: short durations, control endpoints on.
pub fn test_config() -> Config {
    Config {
        create_secs: CREATE_SECS,
        restore_secs: RESTORE_SECS,
        control: true,
        ..Config::default()
    }
}

/// [`test_config`] in plain-DRF mode.
pub fn plain_config() -> Config {
    Config {
        plain_drf: true,
        ..test_config()
    }
}

/// A running simulator.
pub struct Sim {
    pub base: String,
    pub http: reqwest::Client,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    /// The body as JSON; `Value::Null` when it is not JSON (or empty).
    pub json: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// Asserts `status` and an `application/json` body equal to `body`.
    #[track_caller]
    pub fn assert(&self, status: u16, body: &Value) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        assert_eq!(self.content_type(), Some("application/json"));
        assert_eq!(&self.json, body);
    }

    /// Reads a response whole.
    async fn read(response: reqwest::Response) -> reqwest::Result<Self> {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await?;
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        Ok(Self {
            status,
            headers,
            text,
            json,
        })
    }

    /// Asserts `status` and Django's HTML error page titled `title`.
    #[track_caller]
    pub fn assert_django_page(&self, status: u16, title: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        assert_eq!(self.content_type(), Some("text/html; charset=utf-8"));
        assert!(
            self.text.contains(&format!("<title>{title}</title>")),
            "{}",
            self.text
        );
        assert_eq!(self.json, Value::Null);
    }

    /// The ids in `results`.
    pub fn ids(&self) -> Vec<u64> {
        self.json["results"]
            .as_array()
            .unwrap_or_else(|| panic!("no results in {}", self.text))
            .iter()
            .map(|r| r["id"].as_u64().unwrap())
            .collect()
    }
}

impl Sim {
    /// Starts a simulator with `config` on 127.0.0.1 and an ephemeral port.
    pub async fn start(config: Config) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, config));
        Self {
            base: format!("http://{addr}"),
            http: reqwest::Client::new(),
        }
    }

    /// Starts a simulator with [`test_config`].
    pub async fn new() -> Self {
        Self::start(test_config()).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a request; `token` None = no Authorization header; `body` sent as JSON.
    pub async fn try_call(
        &self,
        method: Method,
        token: Option<&str>,
        path: &str,
        body: Option<&Value>,
    ) -> reqwest::Result<Reply> {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        Reply::read(request.send().await?).await
    }

    /// POSTs `body` as is with this `Content-Type` (`None` = no header).
    pub async fn post_raw(
        &self,
        token: &str,
        path: &str,
        content_type: Option<&str>,
        body: &str,
    ) -> Reply {
        let mut request = self
            .http
            .post(self.url(path))
            .bearer_auth(token)
            .body(body.to_owned());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        Reply::read(request.send().await.unwrap()).await.unwrap()
    }

    pub async fn call(
        &self,
        method: Method,
        token: Option<&str>,
        path: &str,
        body: Option<&Value>,
    ) -> Reply {
        self.try_call(method, token, path, body).await.unwrap()
    }

    pub async fn get(&self, token: &str, path: &str) -> Reply {
        self.call(Method::GET, Some(token), path, None).await
    }

    /// The simulator's request log (`GET /__sim/requests`), oldest first.
    pub async fn requests(&self) -> Value {
        let reply = self.call(Method::GET, None, "/__sim/requests", None).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json
    }

    /// The ids of every page of the list at `url` (absolute), following `next`, in the
    /// order served.
    pub async fn walk(&self, token: &str, url: &str) -> Vec<u64> {
        let mut ids = Vec::new();
        let mut url = Some(url.to_owned());
        while let Some(next) = url {
            let page: Value = self
                .http
                .get(&next)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            ids.extend(
                page["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|item| item["id"].as_u64().unwrap()),
            );
            url = page["next"].as_str().map(str::to_owned);
        }
        ids
    }

    pub async fn post(&self, token: &str, path: &str, body: &Value) -> Reply {
        self.call(Method::POST, Some(token), path, Some(body)).await
    }

    /// POST without a body (restore).
    pub async fn post_empty(&self, token: &str, path: &str) -> Reply {
        self.call(Method::POST, Some(token), path, None).await
    }

    pub async fn delete(&self, token: &str, path: &str) -> Reply {
        self.call(Method::DELETE, Some(token), path, None).await
    }

    /// POST to a control endpoint; asserts 204.
    pub async fn control(&self, path: &str, body: &Value) {
        let reply = self.call(Method::POST, None, path, Some(body)).await;
        assert_eq!(
            reply.status,
            StatusCode::NO_CONTENT,
            "{path}: {}",
            reply.text
        );
    }

    /// Creates a snapshot as `token`; asserts 201 and returns the body.
    pub async fn create(&self, token: &str, server_id: u64, name: &str) -> Value {
        let reply = self
            .post(
                token,
                "/api/v1/snapshots/",
                &serde_json::json!({"server_id": server_id, "name": name}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text);
        reply.json
    }
}
