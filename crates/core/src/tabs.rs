//! Tabs that agree: what one tab of the panel tells the others of the same account, and which
//! of them polls.
//!
//! Tabs (and panels embedded in one page) of the same API and account share a channel. A tab
//! that creates, restores or deletes says so, and a tab that polls passes on what it read, so
//! the others show it at once without a request of their own. One tab polls for all the tabs
//! showing the same view: the one holding that view's lock, which a tab asks for only while it
//! wants to poll (in front, or asked to keep following in the background) and gives back when
//! it stops; the browser hands it to the next tab waiting. The decisions are here; the browser
//! side (BroadcastChannel, Web Locks) is the panel's.

use serde::{Deserialize, Serialize};

use crate::model::{Server, Snapshot};

/// Something one tab learned that the others can use without asking the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Tagged from outside (`{"created": {...}}`), serde's default: a tag inside the object
// (`{"news": "created", ...}`) would make serde buffer every message into a tree before
// reading it, which costs the wasm about 3 KB (brotli) of code for that tree alone.
#[serde(rename_all = "snake_case")]
pub enum News {
    /// The API accepted a new snapshot.
    Created { snapshot: Snapshot },
    /// A snapshot is gone.
    Deleted { snapshot_id: u64, server_id: u64 },
    /// The API accepted a restore of a server.
    RestoreStarted { server_id: u64 },
    /// A server's snapshots, as read by a request sent at `asked_at_ms` (see
    /// [`crate::store::Store::update_snapshots_of`]).
    SnapshotsOf {
        server_id: u64,
        snapshots: Vec<Snapshot>,
        #[serde(default)]
        asked_at_ms: Option<f64>,
    },
    /// A server, as just read by a request sent at `asked_at_ms` (see
    /// [`crate::store::Store::update_server`]).
    Server {
        server: Server,
        #[serde(default)]
        asked_at_ms: Option<f64>,
    },
    /// A server that is no longer there (a 404).
    ServerGone { server_id: u64 },
}

impl News {
    /// The server it is about.
    pub fn server_id(&self) -> u64 {
        match self {
            Self::Created { snapshot } => snapshot.server.id,
            Self::Server { server, .. } => server.id,
            Self::Deleted { server_id, .. }
            | Self::RestoreStarted { server_id }
            | Self::SnapshotsOf { server_id, .. }
            | Self::ServerGone { server_id } => *server_id,
        }
    }

    /// Whether a tab showing `scope` (one server, or all of them) takes it: a tab showing one
    /// server never learns of another's snapshots.
    pub fn concerns(&self, scope: Option<u64>) -> bool {
        scope.is_none_or(|id| id == self.server_id())
    }

    /// The message as sent between tabs.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A message from another tab, or `None` if it is not one this panel understands (another
    /// version of the panel, or anything else on the channel). Decoded as leniently as the
    /// API's own answers.
    pub fn decode(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
}

/// The channel of the tabs of one account on one API, or `None` when the account is not known:
/// then a tab shares nothing, and polls for itself.
pub fn channel_name(api_base: &str, account: &str) -> Option<String> {
    let account = account.trim();
    (!account.is_empty()).then(|| format!("snapshot-panel:{api_base}:{account}"))
}

/// The lock whose holder polls for the tabs of `channel` showing `scope`.
pub fn lock_name(channel: &str, scope: Option<u64>) -> String {
    match scope {
        None => format!("{channel}:poll:all"),
        Some(id) => format!("{channel}:poll:{id}"),
    }
}

/// What a tab does about the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockStep {
    /// Ask for it; the answer's ticket is this number.
    Ask(u64),
    /// Give back the one it holds (or was just given).
    Release,
    Nothing,
}

/// Where a tab stands with the lock of its view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Held {
    #[default]
    No,
    /// Asked, under this ticket, and waiting.
    Asking(u64),
    Yes,
}

/// How overdue (ms) a job must be before a tab that does not lead checks it itself. The
/// leading tab's reads reach the others and count as their own checks, which puts their next
/// check where the leader's is (both follow the same schedule), so this happens only for a
/// job the leader does not follow: one that started elsewhere, or that its load did not see.
pub const FOLLOWER_GRACE_MS: f64 = 30_000.0;

/// How long past its due time (ms) a tab checks a job: at once if it leads, else once it is
/// [`FOLLOWER_GRACE_MS`] overdue.
pub fn grace_ms(leads: bool) -> f64 {
    if leads {
        0.0
    } else {
        FOLLOWER_GRACE_MS
    }
}

/// One tab's side of the election: whether it wants to poll, whether it holds the lock, and
/// which of its requests is the live one (an answer to an older one is given back at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leadership {
    wanted: bool,
    held: Held,
    ticket: u64,
}

impl Leadership {
    /// Whether this tab polls now.
    pub fn leads(&self) -> bool {
        self.held == Held::Yes
    }

    /// Starts over on another channel: holds and wants nothing, but keeps counting tickets,
    /// so a late answer to a request made on the old channel is not taken for a new one.
    pub fn reset(&mut self) {
        *self = Self {
            ticket: self.ticket,
            ..Self::default()
        };
    }

    /// The tab wants to poll (in front, or following in the background) or not.
    pub fn want(&mut self, wanted: bool) -> LockStep {
        self.wanted = wanted;
        match (wanted, self.held) {
            (true, Held::No) => self.ask(),
            (false, Held::Yes) => {
                self.held = Held::No;
                LockStep::Release
            }
            // A request on its way is given back when it is answered.
            (false, Held::Asking(_)) => {
                self.held = Held::No;
                LockStep::Nothing
            }
            _ => LockStep::Nothing,
        }
    }

    /// The browser gave the lock asked for under `ticket`.
    pub fn granted(&mut self, ticket: u64) -> LockStep {
        if self.wanted && self.held == Held::Asking(ticket) {
            self.held = Held::Yes;
            LockStep::Nothing
        } else {
            LockStep::Release
        }
    }

    /// The view changed, and with it the lock: gives back the old one, and asks for the new
    /// one if the tab wants to poll. Returns whether to release, then what to do next.
    pub fn moved(&mut self) -> (bool, LockStep) {
        let release = self.held == Held::Yes;
        self.held = Held::No;
        let next = if self.wanted {
            self.ask()
        } else {
            LockStep::Nothing
        };
        (release, next)
    }

    fn ask(&mut self) -> LockStep {
        self.ticket = self.ticket.wrapping_add(1);
        self.held = Held::Asking(self.ticket);
        LockStep::Ask(self.ticket)
    }
}
