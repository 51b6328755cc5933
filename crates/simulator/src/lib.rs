//! A simulator of the VPS.org Snapshots API (Django REST Framework style), for development,
//! demos and tests.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! vps_simulator::serve(listener, vps_simulator::Config::default()).await
//! # }
//! ```

mod clock;
pub mod config;
mod control;
mod dialect;
mod error;
pub mod faults;
mod model;
mod pagination;
mod parsers;
mod query;
mod rng;
mod routes;
mod seed;
mod store;
mod validation;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::http::header::{ALLOW, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::HeaderName;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::cors::{Any, CorsLayer};

pub use config::{parse_args, Command, Config, USAGE};
pub use faults::{FaultKind, FaultSpec};
pub use seed::FIRST_NEW_SNAPSHOT_ID;

use dialect::Dialect;
use store::{Settings, Store};

/// Shared state of a running simulator: its configuration and the data store.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
}

struct Shared {
    config: Config,
    store: Mutex<Store>,
    /// How many resets there have been: a slow request that began before one is not
    /// performed after it, in another test's world.
    resets: AtomicU64,
}

impl AppState {
    /// Seeds the data and arms the start-up faults of `config`.
    pub fn new(config: Config) -> Self {
        let mut store = Store::seeded(settings_of(&config));
        store.faults = faults::FaultState::new(config.faults.clone());
        Self {
            shared: Arc::new(Shared {
                config,
                store: Mutex::new(store),
                resets: AtomicU64::new(0),
            }),
        }
    }

    /// The start-up configuration.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// Locks the store (a poisoned lock is still usable: every change is a whole step).
    pub(crate) fn lock(&self) -> MutexGuard<'_, Store> {
        self.shared
            .store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Back to the seeded data, with these settings, no faults and an empty request log.
    pub(crate) fn reset(&self, settings: Settings) {
        let mut store = self.lock();
        *store = Store::seeded(settings);
        self.shared.resets.fetch_add(1, Ordering::SeqCst);
    }

    /// Which reset the store is at (see [`AppState::reset`]).
    pub(crate) fn era(&self) -> u64 {
        self.shared.resets.load(Ordering::SeqCst)
    }

    /// The words in force (plain DRF or the simulator's own).
    pub(crate) fn dialect(&self) -> Dialect {
        self.lock().settings.dialect
    }
}

fn settings_of(config: &Config) -> Settings {
    Settings {
        create_secs: config.create_secs,
        restore_secs: config.restore_secs,
        page_size: config.page_size.max(1),
        dialect: Dialect::new(config.plain_drf),
        creates_fail: false,
    }
}

/// Permissive CORS: any origin, any method, the `Authorization`, `Content-Type` and
/// `X-Requested-With` request headers, and the headers a client needs to read exposed.
/// The panel sends `X-Requested-With: XMLHttpRequest` on every request (django-cors-headers
/// allows that header by default).
fn cors() -> CorsLayer {
    let x_requested_with = HeaderName::from_static("x-requested-with");
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods(Any)
        .allow_headers([AUTHORIZATION, CONTENT_TYPE, x_requested_with])
        .expose_headers([RETRY_AFTER, ALLOW, WWW_AUTHENTICATE])
        .max_age(Duration::from_secs(600))
}

/// The whole application: API routes, control routes (with `--control`), the fault and
/// request-log middleware and CORS (unless `--no-cors`).
pub fn app(state: AppState) -> Router {
    let mut router = routes::api();
    if state.config().control {
        router = router.merge(control::routes());
    }
    if let Some(dir) = &state.config().static_dir {
        router = router.fallback(routes::static_files(dir, state.clone()));
    }
    let router = router
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject_and_log,
        ))
        .with_state(state.clone());
    if state.config().cors {
        router.layer(cors())
    } else {
        router
    }
}

/// Serves the simulator on `listener` until the process ends.
pub async fn serve(listener: TcpListener, config: Config) -> std::io::Result<()> {
    axum::serve(listener, app(AppState::new(config))).await
}
