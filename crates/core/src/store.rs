//! What the panel knows of the account, and what each answer from the API does to it.
//!
//! Every change is a method on [`Store`] that takes the old picture and an answer and returns
//! the events a person should hear of (a snapshot finished, a restore ended, a server went
//! away). The browser side only keeps the store in a signal and forwards the events.
//!
//! Two things make the API's lists lag behind what the panel itself did: a read replica that
//! has not seen a create yet, and one that still shows a deleted snapshot. The store remembers
//! its own writes for [`READ_LAG_MS`] and does not let a lagging list undo them.

// Id sets are `BTreeSet`s filled with `extend`, not collected: see `crate::order` for why.
use std::collections::BTreeSet;

use crate::format::display_name;
use crate::i18n::Locale;
use crate::model::{Server, ServerRef, ServerStatus, Snapshot, SnapshotStatus};
use crate::order::{descending, rank, signed, sort_by_rank};
use crate::poll::{Finished, Job, JobKind};
use crate::time::parse_rfc3339;

/// How long the panel trusts its own create, delete or restore over a read that does not show
/// it yet.
pub const READ_LAG_MS: f64 = 60_000.0;

/// Sorts snapshots the one way the panel shows them: newest first by `created_at`; ties (and
/// unreadable times, which go last) by id, newest first. Everything that needs "the newest" or
/// "the oldest" of a server relies on this order (see [`crate::screen::oldest_of`]).
pub fn sort_newest_first(snapshots: &mut [Snapshot]) {
    sort_by_rank(snapshots, |s| {
        let created = parse_rfc3339(&s.created_at).unwrap_or(i64::MIN);
        rank(descending(signed(created)), descending(s.id))
    });
}

/// Something a person should hear of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A snapshot or a restore finished.
    Finished(Finished),
    /// A server that was being restored is not any more; the host page is told with it.
    Restored(Server),
    /// A server the panel was following is no longer in the account.
    ServerGone(ServerRef),
}

impl Event {
    /// The sentence announced and shown for it.
    pub fn message(&self, t: Locale) -> String {
        match self {
            Self::Finished(finished) => finished.message(t),
            Self::Restored(server) => Finished::Restore {
                server: ServerRef {
                    id: server.id,
                    name: server.name.clone(),
                },
                status: server.status.clone(),
            }
            .message(t),
            Self::ServerGone(server) => t
                .server_gone(&display_name(t, &server.name, server.id))
                .into_owned(),
        }
    }
}

/// A write of the panel's own that the API's lists may not show yet.
#[derive(Debug, Clone, PartialEq)]
enum OwnWrite {
    Created(Snapshot),
    Deleted(u64),
}

/// The panel's picture of the account.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Store {
    /// Servers, by id.
    servers: Vec<Server>,
    /// Snapshots, newest first, each id once.
    snapshots: Vec<Snapshot>,
    /// Whether `servers` came from the servers endpoint (so servers without snapshots show).
    servers_listed: bool,
    /// Restores being followed.
    restores: Vec<Restore>,
    /// The panel's own recent writes, with when they were made (ms).
    own_writes: Vec<(OwnWrite, f64)>,
    /// When the newest full load taken in was asked for (ms).
    loaded_asked_at: f64,
    /// Per server, when the newest list of its snapshots taken in since was asked for (ms):
    /// an answer to an older request is older news, and is not taken.
    lists_asked_at: Vec<(u64, f64)>,
    /// The same for each server's own record (a poll while it is restored).
    servers_asked_at: Vec<(u64, f64)>,
}

/// The clock of a restore the panel follows, as its server's header shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RestoreClock {
    /// When it began (ms): when the panel, or another tab, sent it; for one found running,
    /// the latest it can have begun.
    pub since_ms: f64,
    /// Whether `since_ms` is when it began; else it was found running, and has run at least
    /// since then.
    pub start_known: bool,
}

/// A restore the panel follows.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Restore {
    server_id: u64,
    /// When the panel sent it or first saw it running (ms).
    since_ms: f64,
    /// Whether the panel sent it, so that `since_ms` is when it started.
    sent_here: bool,
    /// The latest it can have begun (ms): `since_ms`, or for one found running, the server's
    /// last change, if earlier (a restore changes its server).
    began_by_ms: f64,
    /// For one the panel sent, its server's last change before it (seconds): a record that
    /// shows no later change is from before the restore.
    changed_before: Option<i64>,
}

impl Restore {
    /// One the panel sent at `now_ms` to `server` (as the panel last read it, if it did).
    fn sent(server_id: u64, server: Option<&Server>, now_ms: f64) -> Self {
        Self {
            server_id,
            since_ms: now_ms,
            sent_here: true,
            began_by_ms: now_ms,
            changed_before: server.and_then(last_change),
        }
    }

    /// One `server` shows running at `now_ms`.
    fn found(server: &Server, now_ms: f64) -> Self {
        let changed_ms = last_change(server).map(|secs| secs as f64 * 1000.0);
        Self {
            server_id: server.id,
            since_ms: now_ms,
            sent_here: false,
            // Never later than now: the API's clock may be ahead of the browser's.
            began_by_ms: changed_ms.map_or(now_ms, |at| at.min(now_ms)),
            changed_before: None,
        }
    }
}

/// What a full load read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loaded {
    pub snapshots: Vec<Snapshot>,
    /// The servers, or `None` when the servers endpoint failed (then the snapshots name them).
    pub servers: Option<Vec<Server>>,
    /// When its first request was sent (ms), if known: see [`Store::update_server`].
    pub asked_at_ms: Option<f64>,
}

impl Store {
    /// Servers, by id.
    pub fn servers(&self) -> &[Server] {
        &self.servers
    }

    /// Every snapshot, newest first.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// Whether the servers came from the servers endpoint.
    pub fn servers_listed(&self) -> bool {
        self.servers_listed
    }

    /// One server.
    pub fn server(&self, id: u64) -> Option<&Server> {
        self.servers.iter().find(|s| s.id == id)
    }

    /// The clock of a server's restore, while the panel follows it.
    pub fn restore_clock(&self, server_id: u64) -> Option<RestoreClock> {
        self.restore(server_id).map(|r| RestoreClock {
            since_ms: r.began_by_ms,
            start_known: r.sent_here,
        })
    }

    fn restore(&self, server_id: u64) -> Option<&Restore> {
        self.restores.iter().find(|r| r.server_id == server_id)
    }

    /// Follows `restore`, unless its server's already is.
    fn follow_restore(&mut self, restore: Restore) {
        if self.restore(restore.server_id).is_none() {
            self.restores.push(restore);
        }
    }

    /// A server's snapshots, newest first.
    pub fn snapshots_of(&self, server_id: u64) -> impl Iterator<Item = &Snapshot> {
        self.snapshots
            .iter()
            .filter(move |s| s.server.id == server_id)
    }

    /// What is running and needs following: each server with a snapshot in progress (since
    /// the oldest such snapshot was taken) and each restoring server (since the panel sent
    /// the restore; a restore it found running started at a time it cannot know).
    pub fn jobs(&self) -> Vec<Job> {
        let mut running: Vec<(u64, Option<f64>)> = self
            .snapshots
            .iter()
            .filter(|s| s.status == SnapshotStatus::InProgress)
            .map(|s| {
                let since = parse_rfc3339(&s.created_at).map(|secs| secs as f64 * 1000.0);
                (s.server.id, since)
            })
            .collect();
        sort_by_rank(&mut running, |(server_id, _)| u128::from(*server_id));
        let mut jobs: Vec<Job> = Vec::new();
        for (server_id, since) in running {
            match jobs.last_mut() {
                Some(job) if job.server_id == server_id => {
                    job.since_ms = match (job.since_ms, since) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                _ => jobs.push(Job {
                    server_id,
                    kind: JobKind::Creating,
                    since_ms: since,
                }),
            }
        }
        jobs.extend(
            self.servers
                .iter()
                .filter(|s| s.status == ServerStatus::Restoring)
                .map(|s| Job {
                    server_id: s.id,
                    kind: JobKind::Restoring,
                    since_ms: self
                        .restore(s.id)
                        .filter(|r| r.sent_here)
                        .map(|r| r.since_ms),
                }),
        );
        sort_by_rank(&mut jobs, |job| rank(job.server_id, job.kind as u64));
        jobs
    }

    /// Takes a full load of `scope` (one server, or all) in: everything the panel shows now
    /// comes from it, except the panel's own writes that the API does not show yet.
    pub fn load(&mut self, loaded: Loaded, scope: Option<u64>, now_ms: f64) -> Vec<Event> {
        let mut snapshots = loaded.snapshots;
        if let Some(id) = scope {
            snapshots.retain(|s| s.server.id == id);
        }
        self.forget_old_writes(now_ms);
        self.reconcile(&mut snapshots, scope);
        // A server whose list or record was read again after this load was asked for keeps
        // what that read said.
        let mut newer_servers = BTreeSet::new();
        if let Some(asked) = loaded.asked_at_ms {
            let newer_lists = read_after(&self.lists_asked_at, asked);
            if !newer_lists.is_empty() {
                snapshots.retain(|s| !newer_lists.contains(&s.server.id));
                snapshots.extend(
                    self.snapshots
                        .iter()
                        .filter(|s| newer_lists.contains(&s.server.id))
                        .cloned(),
                );
            }
            newer_servers = read_after(&self.servers_asked_at, asked);
            self.loaded_asked_at = self.loaded_asked_at.max(asked);
            let baseline = self.loaded_asked_at;
            self.lists_asked_at.retain(|(_, at)| *at > baseline);
            self.servers_asked_at.retain(|(_, at)| *at > baseline);
        }
        let mut events = self.finished_snapshots(&snapshots);
        let (servers, listed) = match loaded.servers {
            Some(mut servers) => {
                sort_by_rank(&mut servers, |s| u128::from(s.id));
                servers.dedup_by_key(|s| s.id);
                for server in &mut servers {
                    if newer_servers.contains(&server.id) {
                        if let Some(known) = self.server(server.id) {
                            server.clone_from(known);
                        }
                    }
                }
                events.extend(self.follow_servers(&mut servers, loaded.asked_at_ms, now_ms));
                // A server the list left out (gone, or past its last page) whose snapshots
                // are still there: shown by what they say of it, not hidden with them.
                let mut listed = BTreeSet::new();
                listed.extend(servers.iter().map(|s| s.id));
                let unlisted: Vec<Snapshot> = snapshots
                    .iter()
                    .filter(|s| !listed.contains(&s.server.id))
                    .cloned()
                    .collect();
                if !unlisted.is_empty() {
                    servers.extend(self.servers_named_by(&unlisted));
                    sort_by_rank(&mut servers, |s| u128::from(s.id));
                }
                (servers, true)
            }
            // No server was read: those the snapshots name are kept as last known.
            None => (self.servers_named_by(&snapshots), false),
        };
        sort_newest_first(&mut snapshots);
        self.snapshots = snapshots;
        self.servers = servers;
        self.servers_listed = listed;
        events
    }

    /// Takes a fresh snapshot list of one server in (a poll while it creates a snapshot),
    /// read by a request sent at `asked_at_ms`, if known: one asked for before the newest list
    /// already taken in is older news, and changes nothing.
    pub fn update_snapshots_of(
        &mut self,
        server_id: u64,
        mut fresh: Vec<Snapshot>,
        asked_at_ms: Option<f64>,
        now_ms: f64,
    ) -> Vec<Event> {
        if let Some(asked) = asked_at_ms {
            if asked < newest_read(&self.lists_asked_at, server_id, self.loaded_asked_at) {
                return Vec::new();
            }
            note_read(&mut self.lists_asked_at, server_id, asked);
        }
        fresh.retain(|s| s.server.id == server_id);
        self.forget_old_writes(now_ms);
        self.reconcile(&mut fresh, Some(server_id));
        let events = self.finished_snapshots(&fresh);
        self.snapshots.retain(|s| s.server.id != server_id);
        self.snapshots.extend(fresh);
        dedup_snapshots(&mut self.snapshots);
        sort_newest_first(&mut self.snapshots);
        events
    }

    /// Takes a fresh record of one server in (a poll while it is restored), read by a request
    /// sent at `asked_at_ms`, if known. An answer to a request sent before a restore the panel
    /// follows was accepted (or heard of) cannot tell that restore's end: it keeps the server
    /// restoring, whatever status it read.
    pub fn update_server(
        &mut self,
        mut server: Server,
        asked_at_ms: Option<f64>,
        now_ms: f64,
    ) -> Vec<Event> {
        if let Some(asked) = asked_at_ms {
            if asked < newest_read(&self.servers_asked_at, server.id, self.loaded_asked_at) {
                return Vec::new();
            }
            note_read(&mut self.servers_asked_at, server.id, asked);
        }
        let events = self.follow_servers(std::slice::from_mut(&mut server), asked_at_ms, now_ms);
        match self.servers.iter_mut().find(|s| s.id == server.id) {
            Some(slot) => *slot = server,
            None => {
                self.servers.push(server);
                sort_by_rank(&mut self.servers, |s| u128::from(s.id));
            }
        }
        events
    }

    /// A server answered 404: it is gone, with its snapshots and any restore.
    pub fn remove_server(&mut self, server_id: u64) -> Vec<Event> {
        let name = self.server(server_id).map(|s| s.name.clone()).or_else(|| {
            self.snapshots_of(server_id)
                .next()
                .map(|s| s.server.name.clone())
        });
        self.servers.retain(|s| s.id != server_id);
        self.snapshots.retain(|s| s.server.id != server_id);
        self.restores.retain(|r| r.server_id != server_id);
        match name {
            Some(name) => vec![Event::ServerGone(ServerRef {
                id: server_id,
                name,
            })],
            None => Vec::new(),
        }
    }

    /// Shows a snapshot the API just accepted, at once, and keeps it through lists that do not
    /// show it yet.
    pub fn add_created(&mut self, snapshot: Snapshot, now_ms: f64) {
        self.own_writes
            .push((OwnWrite::Created(snapshot.clone()), now_ms));
        self.snapshots.retain(|s| s.id != snapshot.id);
        self.snapshots.push(snapshot);
        sort_newest_first(&mut self.snapshots);
    }

    /// Takes a deleted snapshot off, and keeps it off through lists that still show it.
    pub fn remove_deleted(&mut self, snapshot_id: u64, now_ms: f64) {
        self.own_writes
            .retain(|(w, _)| !matches!(w, OwnWrite::Created(s) if s.id == snapshot_id));
        self.own_writes
            .push((OwnWrite::Deleted(snapshot_id), now_ms));
        self.snapshots.retain(|s| s.id != snapshot_id);
    }

    /// Marks a server as restoring, after the API accepted a restore, and starts its clock.
    pub fn mark_restoring(&mut self, server_id: u64, now_ms: f64) {
        let restore = Restore::sent(server_id, self.server(server_id), now_ms);
        if let Some(server) = self.servers.iter_mut().find(|s| s.id == server_id) {
            server.status = ServerStatus::Restoring;
        }
        self.follow_restore(restore);
    }

    fn forget_old_writes(&mut self, now_ms: f64) {
        self.own_writes.retain(|(_, at)| now_ms - at < READ_LAG_MS);
    }

    /// Applies the panel's own recent writes to a list read from the API (of one server, or of
    /// everything): a created snapshot the list lacks is kept, a deleted one it still has is
    /// dropped. A write the list already agrees with is forgotten.
    fn reconcile(&mut self, list: &mut Vec<Snapshot>, only_server: Option<u64>) {
        dedup_snapshots(list);
        let mut listed = BTreeSet::new();
        listed.extend(list.iter().map(|s| s.id));
        let in_scope = |s: &Snapshot| only_server.is_none_or(|id| s.server.id == id);
        let mut kept = Vec::new();
        self.own_writes.retain(|(write, _)| match write {
            OwnWrite::Created(snapshot) if listed.contains(&snapshot.id) => false,
            OwnWrite::Created(snapshot) => {
                if in_scope(snapshot) {
                    kept.push(snapshot.clone());
                }
                true
            }
            OwnWrite::Deleted(id) => listed.contains(id) || only_server.is_some(),
        });
        let mut deleted = BTreeSet::new();
        deleted.extend(self.own_writes.iter().filter_map(|(w, _)| match w {
            OwnWrite::Deleted(id) => Some(*id),
            OwnWrite::Created(_) => None,
        }));
        list.retain(|s| !deleted.contains(&s.id));
        list.extend(kept);
    }

    /// The snapshots that were in progress and are not any more.
    fn finished_snapshots(&self, fresh: &[Snapshot]) -> Vec<Event> {
        let mut was_running = BTreeSet::new();
        was_running.extend(
            self.snapshots
                .iter()
                .filter(|s| s.status == SnapshotStatus::InProgress)
                .map(|s| s.id),
        );
        fresh
            .iter()
            .filter(|s| s.status != SnapshotStatus::InProgress && was_running.contains(&s.id))
            .map(|s| {
                Event::Finished(Finished::Snapshot {
                    name: s.name.clone(),
                    server: s.server.clone(),
                    status: s.status.clone(),
                })
            })
            .collect()
    }

    /// The servers `snapshots` name, as last known; one never read carries no status.
    fn servers_named_by(&self, snapshots: &[Snapshot]) -> Vec<Server> {
        let mut refs: Vec<&ServerRef> = snapshots.iter().map(|s| &s.server).collect();
        sort_by_rank(&mut refs, |r| u128::from(r.id));
        refs.dedup_by_key(|r| r.id);
        refs.into_iter()
            .map(|r| {
                self.server(r.id)
                    .cloned()
                    .unwrap_or_else(|| Server::placeholder(r.id, r.name.clone()))
            })
            .collect()
    }

    /// Follows restores through fresh server records, read by requests sent at
    /// `asked_at_ms`: starts the clock of a server seen restoring, and reports each that
    /// stopped. A record asked for before its restore was known is older than that restore: it
    /// is kept restoring. So is one that shows no change since before the panel sent it (a
    /// read replica behind the write), for [`READ_LAG_MS`]: an API whose restores do not touch
    /// `updated_at` is believed after that.
    fn follow_servers(
        &mut self,
        fresh: &mut [Server],
        asked_at_ms: Option<f64>,
        now_ms: f64,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        for server in fresh {
            if server.status == ServerStatus::Unknown {
                // A record without a status tells nothing of a restore: the known one stands.
                if let Some(known) = self.server(server.id) {
                    server.status.clone_from(&known.status);
                }
                continue;
            }
            if server.status == ServerStatus::Restoring {
                self.follow_restore(Restore::found(server, now_ms));
                continue;
            }
            let older_than_restore = self.restore(server.id).is_some_and(|restore| {
                asked_at_ms.is_some_and(|asked| asked < restore.since_ms)
                    || (now_ms - restore.since_ms < READ_LAG_MS
                        && restore
                            .changed_before
                            .zip(last_change(server))
                            .is_some_and(|(before, changed)| changed <= before))
            });
            if older_than_restore {
                server.status = ServerStatus::Restoring;
                continue;
            }
            let was_restoring = self.restore(server.id).is_some()
                || self
                    .server(server.id)
                    .is_some_and(|s| s.status == ServerStatus::Restoring);
            if was_restoring {
                self.restores.retain(|r| r.server_id != server.id);
                events.push(Event::Restored(server.clone()));
            }
        }
        events
    }
}

/// When `server` last changed, as the API says (seconds), if it says.
fn last_change(server: &Server) -> Option<i64> {
    server.updated_at.as_deref().and_then(parse_rfc3339)
}

/// Keeps the first of each id.
fn dedup_snapshots(list: &mut Vec<Snapshot>) {
    let mut seen = BTreeSet::new();
    list.retain(|s| seen.insert(s.id));
}

/// The ids whose newest read, in `reads` (id, when asked for), was asked for after `asked`.
fn read_after(reads: &[(u64, f64)], asked: f64) -> BTreeSet<u64> {
    let mut ids = BTreeSet::new();
    ids.extend(
        reads
            .iter()
            .filter(|(_, at)| *at > asked)
            .map(|(id, _)| *id),
    );
    ids
}

/// When the newest read of `id` taken in was asked for: its own, or the full load's.
fn newest_read(reads: &[(u64, f64)], id: u64, loaded_asked_at: f64) -> f64 {
    reads
        .iter()
        .find(|(read, _)| *read == id)
        .map_or(loaded_asked_at, |(_, at)| at.max(loaded_asked_at))
}

fn note_read(reads: &mut Vec<(u64, f64)>, id: u64, asked: f64) {
    reads.retain(|(read, _)| *read != id);
    reads.push((id, asked));
}
