//! What the panel knows about the person's servers and snapshots, how it loads them, and how it
//! keeps them fresh while something is running.
//!
//! Signals are only written when their value really changes, so a poll that brings nothing new
//! touches nothing on screen.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use leptos::task::spawn_local_scoped_with_cancellation;
use snapshot_core::model::{Server, ServerRef, ServerStatus, Snapshot};
use snapshot_core::poll;
use snapshot_core::time::parse_rfc3339;
use snapshot_core::ApiError;

use crate::api::{Client, Listed};
use crate::browser;
use crate::host::Host;
use crate::notices::Notices;

/// How the first load went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// The first load is running: the only time a loading state is shown.
    Loading,
    /// Data is on screen.
    Ready,
    /// The first load failed; the page shows the error and a retry.
    Failed(ApiError),
}

/// A server that is being restored, and since when (ms), by this browser's clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Restoring {
    pub server_id: u64,
    pub since_ms: f64,
}

/// The panel's data and its loading state. `Copy`: every field is a signal.
#[derive(Clone, Copy)]
pub struct Board {
    /// Servers, by id: from the servers endpoint, or made up from the snapshots if it failed.
    pub servers: RwSignal<Vec<Server>>,
    /// Every snapshot on screen, newest first.
    pub snapshots: RwSignal<Vec<Snapshot>>,
    /// Whether `servers` came from the servers endpoint (so empty servers are listed too).
    pub servers_listed: RwSignal<bool>,
    /// The first load.
    pub state: RwSignal<LoadState>,
    /// The last background refresh's error, with the data kept on screen.
    pub refresh_error: RwSignal<Option<ApiError>>,
    /// When the data was last read from the API (ms).
    pub updated_at: RwSignal<Option<f64>>,
    /// Rows the API sent that could not be read.
    pub skipped: RwSignal<usize>,
    /// Restores being followed.
    pub restoring: RwSignal<Vec<Restoring>>,
    /// Which server the data is for: all of them, or one.
    pub scope: RwSignal<Option<u64>>,
    in_flight: RwSignal<bool>,
    /// A full load is running (not a background poll, which must not touch the page).
    reloading: RwSignal<bool>,
    failures: RwSignal<u32>,
    retry_after: RwSignal<Option<u64>>,
    polls: RwSignal<u64>,
    client: StoredValue<Client>,
    /// The page that made the board: its requests belong to it, not to the view that asked.
    owner: StoredValue<Option<WeakOwner>>,
    notices: Notices,
    host: Host,
}

/// Sets a signal only if the value differs, so nothing downstream wakes for nothing.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// Newest first; ties (and unreadable times) by id, newest first.
pub fn sort_newest_first(snapshots: &mut [Snapshot]) {
    snapshots.sort_by(|a, b| {
        let at = |s: &Snapshot| parse_rfc3339(&s.created_at).unwrap_or(i64::MIN);
        at(b).cmp(&at(a)).then(b.id.cmp(&a.id))
    });
}

/// The servers to show when the servers endpoint failed: one per server the snapshots name.
fn servers_from_snapshots(snapshots: &[Snapshot]) -> Vec<Server> {
    let mut refs: Vec<&ServerRef> = snapshots.iter().map(|s| &s.server).collect();
    refs.sort_by_key(|r| r.id);
    refs.dedup_by_key(|r| r.id);
    refs.into_iter()
        .map(|r| Server {
            id: r.id,
            name: r.name.clone(),
            status: ServerStatus::Unknown,
            hostname: None,
            ip_address: None,
            location: None,
        })
        .collect()
}

impl Board {
    /// A board that reads through `client` and announces through `notices`.
    pub fn new(client: Client, notices: Notices, host: Host) -> Self {
        Self {
            servers: RwSignal::new(Vec::new()),
            snapshots: RwSignal::new(Vec::new()),
            servers_listed: RwSignal::new(false),
            state: RwSignal::new(LoadState::Loading),
            refresh_error: RwSignal::new(None),
            updated_at: RwSignal::new(None),
            skipped: RwSignal::new(0),
            restoring: RwSignal::new(Vec::new()),
            scope: RwSignal::new(None),
            in_flight: RwSignal::new(false),
            reloading: RwSignal::new(false),
            failures: RwSignal::new(0),
            retry_after: RwSignal::new(None),
            polls: RwSignal::new(0),
            client: StoredValue::new(client),
            owner: StoredValue::new(Owner::current().map(|owner| owner.downgrade())),
            notices,
            host,
        }
    }

    /// The client, for the page's actions.
    pub fn client(&self) -> Client {
        self.client.get_value()
    }

    /// Whether a full load (first load, Refresh, a new view) is running. Background polls
    /// do not count: a poll that brings nothing new must change nothing on the page.
    pub fn busy_loading(&self) -> Signal<bool> {
        self.reloading.into()
    }

    /// Runs one of the board's requests. It is cancelled with the page, not with whatever asked
    /// for it: the error's Try again button is gone as soon as the loading state shows, and
    /// must not take its reload with it.
    fn spawn(self, task: impl Future<Output = ()> + 'static) {
        match self.owner.get_value().and_then(|owner| owner.upgrade()) {
            Some(owner) => owner.with(|| spawn_local_scoped_with_cancellation(task)),
            None => spawn_local_scoped_with_cancellation(task),
        }
    }

    /// Loads everything in `scope` again, keeping what is on screen until the answer comes.
    /// Does nothing while another of the board's requests is in flight.
    pub fn reload(self) {
        if self.in_flight.get_untracked() {
            return;
        }
        self.in_flight.set(true);
        self.reloading.set(true);
        let scope = self.scope.get_untracked();
        let client = self.client();
        self.spawn(async move {
            let result = load(&client, scope).await;
            self.in_flight.set(false);
            self.reloading.set(false);
            if self.scope.get_untracked() != scope {
                // The view changed while this was loading: load what is shown now.
                self.reload();
                return;
            }
            match result {
                Ok(loaded) => {
                    self.accept(loaded);
                    self.state.set(LoadState::Ready);
                }
                Err(error) => self.fail(error),
            }
        });
    }

    fn accept(self, loaded: Loaded) {
        set_if_changed(self.servers_listed, loaded.servers_listed);
        set_if_changed(self.skipped, loaded.skipped);
        self.publish(loaded.snapshots, loaded.servers);
    }

    /// Puts fresh data on screen: follows restores, writes only what changed, records a
    /// successful read, and announces what finished since the last one.
    fn publish(self, snapshots: Vec<Snapshot>, servers: Vec<Server>) {
        let finished = self
            .snapshots
            .with_untracked(|before| poll::finished_snapshots(before, &snapshots));
        let old_servers = self.servers.get_untracked();
        for server in &servers {
            self.notice_server(old_servers.iter().find(|s| s.id == server.id), server);
        }
        set_if_changed(self.snapshots, snapshots);
        set_if_changed(self.servers, servers);
        self.succeeded();
        for done in finished {
            self.notices.announce_finished(&done);
        }
    }

    fn succeeded(self) {
        set_if_changed(self.refresh_error, None);
        set_if_changed(self.failures, 0);
        set_if_changed(self.retry_after, None);
        self.updated_at.set(Some(browser::now_ms()));
        self.polls.update(|n| *n = n.wrapping_add(1));
    }

    fn fail(self, error: ApiError) {
        if matches!(self.state.get_untracked(), LoadState::Ready) {
            self.retry_after.set(error.retry_after_secs());
            self.failures.update(|n| *n = n.saturating_add(1));
            set_if_changed(self.refresh_error, Some(error));
            self.polls.update(|n| *n = n.wrapping_add(1));
        } else {
            self.state.set(LoadState::Failed(error));
        }
    }

    /// Keeps the restore clock and announces the end of a restore when a server changes.
    fn notice_server(self, before: Option<&Server>, after: &Server) {
        let was = before.map(|s| s.status.clone()).unwrap_or_default();
        if after.status == ServerStatus::Restoring {
            self.track_restore(after.id);
        } else if let Some(done) = poll::finished_restore(&was, after) {
            self.restoring
                .update(|r| r.retain(|x| x.server_id != after.id));
            self.notices.announce_finished(&done);
            self.host.restore_finished(after);
        }
    }

    /// Starts the clock on a restore, unless it is already running.
    pub fn track_restore(self, server_id: u64) {
        if !self
            .restoring
            .with_untracked(|r| r.iter().any(|x| x.server_id == server_id))
        {
            self.restoring.update(|r| {
                r.push(Restoring {
                    server_id,
                    since_ms: browser::now_ms(),
                })
            });
        }
    }

    /// What is running on screen.
    pub fn busy(self) -> poll::Busy {
        let snapshots = self.snapshots.read();
        let servers = self.servers.read();
        poll::busy_servers(&snapshots, &servers)
    }

    /// Polls while something runs: schedules the next poll whenever what runs, the tab's
    /// visibility, or the last poll's outcome changes. Cleans its timer up with its owner.
    pub fn keep_fresh(self, hidden: ReadSignal<bool>) {
        let busy = Memo::new(move |_| !self.busy().is_idle());
        let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        let clear = move || {
            if let Some(handle) = timer.try_update_value(Option::take).flatten() {
                handle.clear();
            }
        };
        Effect::new(move |_| {
            self.polls.track();
            let busy = busy.get() && matches!(self.state.get(), LoadState::Ready);
            let hidden = hidden.get();
            clear();
            let delay = poll::next_poll_delay_ms(
                busy && !hidden,
                self.failures.get_untracked(),
                self.retry_after.get_untracked(),
                browser::random(),
            );
            if let Some(delay) = delay {
                let handle =
                    set_timeout_with_handle(move || self.poll_once(), Duration::from_millis(delay));
                timer.set_value(handle.ok());
            }
        });
        on_cleanup(clear);
    }

    /// Refreshes only what is running: the snapshot lists of servers with a snapshot in
    /// progress, and each restoring server. One request at a time.
    pub fn poll_once(self) {
        if self.in_flight.get_untracked() {
            return;
        }
        let busy = self.busy();
        if busy.is_idle() {
            return;
        }
        self.in_flight.set(true);
        let client = self.client();
        self.spawn(async move {
            let result = refresh(&client, &busy).await;
            self.in_flight.set(false);
            match result {
                Ok(fresh) => self.merge(fresh),
                Err(error) => self.fail(error),
            }
        });
    }

    fn merge(self, fresh: Fresh) {
        let mut snapshots = self.snapshots.get_untracked();
        snapshots.retain(|s| !fresh.lists.iter().any(|(id, _)| *id == s.server.id));
        for (_, list) in fresh.lists {
            snapshots.extend(list);
        }
        sort_newest_first(&mut snapshots);
        let mut servers = self.servers.get_untracked();
        for server in fresh.servers {
            if let Some(slot) = servers.iter_mut().find(|s| s.id == server.id) {
                *slot = server;
            }
        }
        self.publish(snapshots, servers);
    }

    /// Shows a snapshot the API just accepted, at once, as it came back.
    pub fn add_snapshot(self, snapshot: Snapshot) {
        self.snapshots.update(|list| {
            list.retain(|s| s.id != snapshot.id);
            list.push(snapshot);
            sort_newest_first(list);
        });
    }

    /// Takes a snapshot off the screen.
    pub fn remove_snapshot(self, snapshot_id: u64) {
        self.snapshots
            .update(|list| list.retain(|s| s.id != snapshot_id));
    }

    /// Marks a server as restoring, after the API accepted a restore.
    pub fn mark_restoring(self, server_id: u64) {
        self.servers.update(|servers| {
            if let Some(server) = servers.iter_mut().find(|s| s.id == server_id) {
                server.status = ServerStatus::Restoring;
            }
        });
        self.track_restore(server_id);
    }

    /// When a restore started, if the panel is following it.
    pub fn restoring_since(self, server_id: u64) -> Option<f64> {
        self.restoring
            .read()
            .iter()
            .find(|r| r.server_id == server_id)
            .map(|r| r.since_ms)
    }
}

/// What a full load brings.
struct Loaded {
    snapshots: Vec<Snapshot>,
    servers: Vec<Server>,
    servers_listed: bool,
    skipped: usize,
}

async fn load(client: &Client, scope: Option<u64>) -> Result<Loaded, ApiError> {
    let Listed {
        items: mut snapshots,
        skipped,
    } = client.list_snapshots(scope).await?;
    sort_newest_first(&mut snapshots);
    let servers = match scope {
        None => client.list_servers().await.map(|listed| listed.items),
        Some(id) => match client.get_server(id).await {
            Err(ApiError::NotFound { .. }) if snapshots.is_empty() => {
                return Err(ApiError::NotFound {
                    detail: Some(format!("There is no server {id} in this account.")),
                });
            }
            other => other.map(|server| vec![server]),
        },
    };
    match servers {
        Ok(mut servers) => {
            servers.sort_by_key(|s| s.id);
            Ok(Loaded {
                snapshots,
                servers,
                servers_listed: true,
                skipped,
            })
        }
        Err(ApiError::Unauthorized) => Err(ApiError::Unauthorized),
        // The servers endpoint is a convenience: group by each snapshot's server instead.
        Err(_) => {
            let servers = servers_from_snapshots(&snapshots);
            Ok(Loaded {
                snapshots,
                servers,
                servers_listed: false,
                skipped,
            })
        }
    }
}

/// What a poll brings: fresh snapshot lists for some servers, fresh server records for others.
struct Fresh {
    lists: Vec<(u64, Vec<Snapshot>)>,
    servers: Vec<Server>,
}

async fn refresh(client: &Client, busy: &poll::Busy) -> Result<Fresh, ApiError> {
    let mut fresh = Fresh {
        lists: Vec::new(),
        servers: Vec::new(),
    };
    for &server_id in &busy.creating {
        let listed = client.list_snapshots(Some(server_id)).await?;
        fresh.lists.push((server_id, listed.items));
    }
    for &server_id in &busy.restoring {
        fresh.servers.push(client.get_server(server_id).await?);
    }
    Ok(fresh)
}
