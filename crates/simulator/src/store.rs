//! The in-memory state of the simulated API and the rules that change it.
//!
//! Time passes lazily: every operation first calls [`Store::tick`], which completes the
//! snapshots and finishes the restores whose deadlines have passed.
//!
//! In plain-DRF mode the snapshot list is read from a lagging replica, one read behind both
//! creates and deletes: see [`Store::snapshot_page`].

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::clock::{now_unix, rfc3339};
use crate::dialect::{Dialect, Missing, Refusal};
use crate::error::ApiError;
use crate::faults::{FaultState, RequestRecord};
use crate::model::{
    Os, Plan, Restore, Server, ServerStatus, Snapshot, SnapshotStatus, User, UserId, SNAPSHOT_LIMIT,
};
use crate::pagination::{LinkBase, Page, Pager};
use crate::query;
use crate::rng::splitmix64;
use crate::seed;

/// Settings that `POST /__sim/reset` may change at run time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Seconds from `in_progress` to `completed`.
    pub create_secs: f64,
    /// Seconds from `restoring` back to the previous status.
    pub restore_secs: f64,
    /// Items per page.
    pub page_size: u32,
    /// Plain-DRF mode (`--plain-drf`, `"plain_drf"` of a reset) or the simulator's own words.
    pub dialect: Dialect,
    /// Whether snapshots being created end `failed` instead of `completed` (`"creates_fail"`
    /// of a reset): how a journey sees a create that fails.
    pub creates_fail: bool,
}

impl Settings {
    /// How lists are paginated: they drift between requests in plain-DRF mode.
    pub fn pager(&self) -> Pager {
        Pager {
            size: self.page_size,
            drift: self.dialect.is_plain(),
        }
    }
}

/// `{"id", "name"}` of a server inside a snapshot.
#[derive(Debug, Clone, Serialize)]
pub struct ServerRef {
    /// Server id.
    pub id: u64,
    /// Server name (may be null).
    pub name: Option<String>,
}

/// A snapshot as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotView {
    /// Snapshot id.
    pub id: u64,
    /// Its server.
    pub server: ServerRef,
    /// Name.
    pub name: String,
    /// Status.
    pub status: &'static str,
    /// Size in MB, null unless completed.
    pub size_mb: Option<u32>,
    /// RFC 3339 creation time.
    pub created_at: String,
    /// Description (may be null or "").
    pub description: Option<String>,
}

/// A server as the API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ServerView {
    /// Server id.
    pub id: u64,
    /// Name (may be null).
    pub name: Option<String>,
    /// Host name.
    pub hostname: String,
    /// Status.
    pub status: &'static str,
    /// Public IPv4 address.
    pub ip_address: String,
    /// Data-centre city.
    pub location: String,
    /// Plan.
    pub plan: Plan,
    /// Operating system.
    pub os: Os,
    /// RFC 3339 creation time.
    pub created_at: String,
    /// RFC 3339 last change.
    pub updated_at: String,
}

/// `{"id", "name", "created_at"}` of the snapshot in a restore answer.
#[derive(Debug, Clone, Serialize)]
pub struct RestoredSnapshot {
    /// Snapshot id.
    pub id: u64,
    /// Snapshot name.
    pub name: String,
    /// RFC 3339 creation time.
    pub created_at: String,
}

/// `{"id", "name", "status"}` of the server in a restore answer.
#[derive(Debug, Clone, Serialize)]
pub struct RestoringServer {
    /// Server id.
    pub id: u64,
    /// Server name (may be null).
    pub name: Option<String>,
    /// Always `restoring`.
    pub status: &'static str,
}

/// The answer to a restore.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreView {
    /// Always `success`.
    pub status: &'static str,
    /// Fixed message.
    pub message: &'static str,
    /// The snapshot restored from.
    pub snapshot: RestoredSnapshot,
    /// The server being restored.
    pub server: RestoringServer,
}

/// All mutable state.
#[derive(Debug)]
pub struct Store {
    /// Durations and page size in force.
    pub settings: Settings,
    /// Servers by id.
    pub servers: BTreeMap<u64, Server>,
    /// Snapshots by id.
    pub snapshots: BTreeMap<u64, Snapshot>,
    /// Every snapshot id ever used (ids are never reused).
    pub issued_ids: BTreeSet<u64>,
    /// Next candidate for a new snapshot id.
    pub next_id: u64,
    /// Plain-DRF mode: snapshots created since the last list read that would have shown them
    /// (the replica the list is read from has not caught up with them yet).
    pub unread: BTreeSet<u64>,
    /// Plain-DRF mode: snapshots deleted that the replica still lists.
    pub ghosts: BTreeMap<u64, Ghost>,
    /// `last_used_at` of each user's token.
    pub token_last_used: BTreeMap<UserId, i64>,
    /// Fault injection.
    pub faults: FaultState,
    /// Requests to `/api/` since the last reset.
    pub log: Vec<RequestRecord>,
}

/// How long the replica takes to see a delete at most, however few reads come.
const GHOST_SECS: u64 = 10;

/// A deleted snapshot that the replica still lists: until a read of a list has shown it and
/// the next walk through that list's pages starts (so that the pages of one walk agree), or
/// for [`GHOST_SECS`].
#[derive(Debug)]
pub struct Ghost {
    pub snapshot: Snapshot,
    /// The lists (by their `server_id` filter) a read has shown it in.
    pub shown_in: BTreeSet<Option<i64>>,
    pub until: Instant,
}

/// Adds `secs` to `now`; `None` when it does not fit (treated as "never").
pub fn deadline(now: Instant, secs: f64) -> Option<Instant> {
    Duration::try_from_secs_f64(secs)
        .ok()
        .and_then(|d| now.checked_add(d))
}

/// Whole seconds to add to a wall-clock time for a duration of `secs`.
fn whole_secs(secs: f64) -> i64 {
    // `as` saturates for huge values; inputs are validated finite and >= 0.
    secs.ceil() as i64
}

/// The size a snapshot gets when it completes: 1024..=8192 MB, derived from its id.
pub fn completed_size(id: u64) -> u32 {
    let spread = splitmix64(id).checked_rem(7169).unwrap_or(0);
    u32::try_from(spread).unwrap_or(0).saturating_add(1024)
}

impl Store {
    /// The seeded state as at start-up, with `now` as the start-up time.
    pub fn seeded(settings: Settings) -> Self {
        let now = Instant::now();
        let unix = now_unix();
        let (servers, snapshots) = seed::data(unix, deadline(now, settings.create_secs));
        let issued_ids = snapshots.iter().map(|s| s.id).collect();
        Self {
            settings,
            servers: servers.into_iter().map(|s| (s.id, s)).collect(),
            snapshots: snapshots.into_iter().map(|s| (s.id, s)).collect(),
            issued_ids,
            next_id: seed::FIRST_NEW_SNAPSHOT_ID,
            unread: BTreeSet::new(),
            ghosts: BTreeMap::new(),
            token_last_used: seed::USERS
                .iter()
                .map(|u| (u.id, u.token_last_used_at))
                .collect(),
            faults: FaultState::off(),
            log: Vec::new(),
        }
    }

    /// Applies every transition whose deadline has passed.
    pub fn tick(&mut self) {
        let now = Instant::now();
        let fails = self.settings.creates_fail;
        for snapshot in self.snapshots.values_mut() {
            if snapshot.status == SnapshotStatus::InProgress
                && snapshot.completes_at.is_some_and(|t| t <= now)
            {
                if fails {
                    snapshot.status = SnapshotStatus::Failed;
                } else {
                    snapshot.status = SnapshotStatus::Completed;
                    snapshot.size_mb = Some(completed_size(snapshot.id));
                }
                snapshot.completes_at = None;
            }
        }
        for server in self.servers.values_mut() {
            let finished = server
                .restore
                .as_ref()
                .filter(|r| r.until.is_some_and(|t| t <= now))
                .map(|r| (r.previous, r.ends_unix));
            if let Some((previous, ends_unix)) = finished {
                server.status = previous;
                server.updated_at = ends_unix;
                server.restore = None;
            }
        }
    }

    /// Records that `user`'s token was used now.
    pub fn touch_token(&mut self, user: &User) {
        self.token_last_used.insert(user.id, now_unix());
    }

    /// `last_used_at` of `user`'s token.
    pub fn token_last_used(&self, user: &User) -> i64 {
        self.token_last_used
            .get(&user.id)
            .copied()
            .unwrap_or(user.token_last_used_at)
    }

    fn owned_server(&self, owner: UserId, id: u64) -> Option<&Server> {
        self.servers.get(&id).filter(|s| s.owner == owner)
    }

    fn owned_snapshot(&self, owner: UserId, id: u64) -> Option<&Snapshot> {
        self.snapshots
            .get(&id)
            .filter(|snap| self.owned_server(owner, snap.server_id).is_some())
    }

    fn snapshot_view(&self, snapshot: &Snapshot) -> SnapshotView {
        let server_name = self
            .servers
            .get(&snapshot.server_id)
            .and_then(|s| s.name.clone());
        SnapshotView {
            id: snapshot.id,
            server: ServerRef {
                id: snapshot.server_id,
                name: server_name,
            },
            name: snapshot.name.clone(),
            status: snapshot.status.as_str(),
            size_mb: snapshot.size_mb,
            created_at: rfc3339(snapshot.created_at),
            description: snapshot.description.clone(),
        }
    }

    fn server_view(server: &Server) -> ServerView {
        ServerView {
            id: server.id,
            name: server.name.clone(),
            hostname: server.hostname.clone(),
            status: server.status.as_str(),
            ip_address: server.ip_address.clone(),
            location: server.location.clone(),
            plan: server.plan,
            os: server.os,
            created_at: rfc3339(server.created_at),
            updated_at: rfc3339(server.updated_at),
        }
    }

    /// Views of those of `snapshots` that are the owner's (and on `server_id`), newest first
    /// (created_at desc, then id desc).
    fn views<'a>(
        &self,
        snapshots: impl Iterator<Item = &'a Snapshot>,
        owner: UserId,
        server_id: Option<i64>,
    ) -> Vec<SnapshotView> {
        let mut mine: Vec<&Snapshot> = snapshots
            .filter(|s| self.owned_server(owner, s.server_id).is_some())
            .filter(|s| server_id.is_none_or(|id| u64::try_from(id).ok() == Some(s.server_id)))
            .collect();
        mine.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        mine.into_iter().map(|s| self.snapshot_view(s)).collect()
    }

    /// The page of the owner's snapshots a list read answers. In plain-DRF mode the list is
    /// read from a replica one read behind: a snapshot created since the last read that would
    /// have shown it is left out of this read (of its page and of `count`), and one deleted
    /// since is still in it (see [`Ghost`]). The next read is up to date.
    pub fn snapshot_page(
        &mut self,
        owner: UserId,
        server_id: Option<i64>,
        base: &LinkBase,
    ) -> Result<Page<SnapshotView>, ApiError> {
        self.tick();
        let now = Instant::now();
        let new_walk = query::get(&base.pairs, "page").is_none_or(|page| page.trim() == "1");
        // A new walk through a list that showed a ghost finds the replica caught up; a walk
        // through another list (another user's, another filter) does not cut this one short.
        self.ghosts.retain(|_, ghost| {
            ghost.until > now && !(new_walk && ghost.shown_in.contains(&server_id))
        });
        let pager = self.settings.pager();
        let ghosts = self.ghosts.values().map(|ghost| &ghost.snapshot);
        let mut replica = self.views(self.snapshots.values().chain(ghosts), owner, server_id);
        let page = pager.page(replica.clone(), base)?;
        let shown: BTreeSet<u64> = page.results.iter().map(|s| s.id).collect();
        for (id, ghost) in &mut self.ghosts {
            if shown.contains(id) {
                ghost.shown_in.insert(server_id);
            }
        }
        let lagging: BTreeSet<u64> = shown.intersection(&self.unread).copied().collect();
        if lagging.is_empty() {
            return Ok(page);
        }
        self.unread.retain(|id| !lagging.contains(id));
        replica.retain(|s| !lagging.contains(&s.id));
        pager.page(replica, base)
    }

    /// Creates a snapshot (fields already validated).
    pub fn create_snapshot(
        &mut self,
        owner: UserId,
        server_id: i64,
        name: String,
        description: Option<String>,
    ) -> Result<SnapshotView, ApiError> {
        self.tick();
        let dialect = self.settings.dialect;
        let server = u64::try_from(server_id)
            .ok()
            .and_then(|id| self.owned_server(owner, id))
            .ok_or_else(|| dialect.missing(Missing::TargetServer))?;
        let server_id = server.id;
        let restoring = server.status == ServerStatus::Restoring;
        let on_server: Vec<&Snapshot> = self
            .snapshots
            .values()
            .filter(|s| s.server_id == server_id)
            .collect();
        if on_server.iter().any(|s| s.name == name) {
            return Err(dialect.refuse(Refusal::DuplicateName));
        }
        if on_server.len() >= SNAPSHOT_LIMIT {
            return Err(dialect.refuse(Refusal::LimitReached));
        }
        if restoring {
            return Err(dialect.refuse(Refusal::ServerRestoring));
        }
        while self.issued_ids.contains(&self.next_id) {
            self.next_id = self.next_id.saturating_add(1);
        }
        let id = self.next_id;
        self.issued_ids.insert(id);
        let snapshot = Snapshot {
            id,
            server_id,
            name,
            status: SnapshotStatus::InProgress,
            size_mb: None,
            created_at: now_unix(),
            description,
            completes_at: deadline(Instant::now(), self.settings.create_secs),
        };
        let view = self.snapshot_view(&snapshot);
        self.snapshots.insert(id, snapshot);
        if dialect.is_plain() {
            self.unread.insert(id);
        }
        Ok(view)
    }

    /// Starts restoring a server from one of its snapshots.
    pub fn restore(&mut self, owner: UserId, snapshot_id: u64) -> Result<RestoreView, ApiError> {
        self.tick();
        let dialect = self.settings.dialect;
        let snapshot = self
            .owned_snapshot(owner, snapshot_id)
            .ok_or_else(|| dialect.missing(Missing::Snapshot))?;
        if snapshot.status != SnapshotStatus::Completed {
            return Err(dialect.refuse(Refusal::NotCompleted));
        }
        let restored = RestoredSnapshot {
            id: snapshot.id,
            name: snapshot.name.clone(),
            created_at: rfc3339(snapshot.created_at),
        };
        let server_id = snapshot.server_id;
        let restore_secs = self.settings.restore_secs;
        let server = self
            .servers
            .get_mut(&server_id)
            .ok_or_else(|| dialect.missing(Missing::Snapshot))?;
        if server.status == ServerStatus::Restoring {
            return Err(dialect.refuse(Refusal::InvalidServerState));
        }
        let now = now_unix();
        server.restore = Some(Restore {
            until: deadline(Instant::now(), restore_secs),
            ends_unix: now.saturating_add(whole_secs(restore_secs)),
            previous: server.status,
        });
        server.status = ServerStatus::Restoring;
        server.updated_at = now;
        Ok(RestoreView {
            status: "success",
            message: "Server is being restored from snapshot. This may take 5-15 minutes.",
            snapshot: restored,
            server: RestoringServer {
                id: server.id,
                name: server.name.clone(),
                status: ServerStatus::Restoring.as_str(),
            },
        })
    }

    /// Deletes a snapshot.
    pub fn delete_snapshot(&mut self, owner: UserId, snapshot_id: u64) -> Result<(), ApiError> {
        self.tick();
        if self.owned_snapshot(owner, snapshot_id).is_none() {
            return Err(self.settings.dialect.missing(Missing::Snapshot));
        }
        let seen = !self.unread.remove(&snapshot_id);
        if let Some(snapshot) = self.snapshots.remove(&snapshot_id) {
            if seen && self.settings.dialect.is_plain() {
                let ghost = Ghost {
                    snapshot,
                    shown_in: BTreeSet::new(),
                    until: Instant::now() + Duration::from_secs(GHOST_SECS),
                };
                self.ghosts.insert(snapshot_id, ghost);
            }
        }
        Ok(())
    }

    /// The owner's servers ordered by id, optionally filtered.
    pub fn list_servers(
        &mut self,
        owner: UserId,
        status: Option<ServerStatus>,
        location: Option<&str>,
    ) -> Vec<ServerView> {
        self.tick();
        self.servers
            .values()
            .filter(|s| s.owner == owner)
            .filter(|s| status.is_none_or(|st| s.status == st))
            .filter(|s| location.is_none_or(|l| s.location == l))
            .map(Self::server_view)
            .collect()
    }

    /// One of the owner's servers.
    pub fn server(&mut self, owner: UserId, id: u64) -> Result<ServerView, ApiError> {
        self.tick();
        self.owned_server(owner, id)
            .map(Self::server_view)
            .ok_or_else(|| self.settings.dialect.missing(Missing::Server))
    }

    /// Control: changes the name and/or the status of a server, whoever owns it. A status
    /// other than `restoring` ends a restore in progress; `restoring` set this way lasts until
    /// the next change (the server is stuck, like 12350); on a server already restoring it
    /// changes nothing. 404 for an unknown id.
    pub fn patch_server(
        &mut self,
        id: u64,
        name: Option<Option<String>>,
        status: Option<ServerStatus>,
    ) -> Result<(), ApiError> {
        self.tick();
        let server = self.servers.get_mut(&id).ok_or_else(ApiError::not_found)?;
        let now = now_unix();
        if let Some(name) = name {
            server.name = name;
        }
        match status {
            None => {}
            Some(ServerStatus::Restoring) if server.restore.is_some() => {}
            Some(ServerStatus::Restoring) => {
                server.restore = Some(Restore {
                    until: None,
                    ends_unix: now,
                    previous: server.status,
                });
                server.status = ServerStatus::Restoring;
            }
            Some(other) => {
                server.restore = None;
                server.status = other;
            }
        }
        server.updated_at = now;
        Ok(())
    }

    /// Control: removes a server with its snapshots (and any restore in progress on it).
    /// 404 for an unknown id.
    pub fn delete_server(&mut self, id: u64) -> Result<(), ApiError> {
        self.servers.remove(&id).ok_or_else(ApiError::not_found)?;
        let gone: BTreeSet<u64> = self
            .snapshots
            .values()
            .filter(|s| s.server_id == id)
            .map(|s| s.id)
            .collect();
        self.snapshots.retain(|sid, _| !gone.contains(sid));
        self.unread.retain(|sid| !gone.contains(sid));
        self.ghosts
            .retain(|_, ghost| ghost.snapshot.server_id != id);
        Ok(())
    }
}
