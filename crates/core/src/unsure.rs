//! Changes whose answer went missing (see [`crate::ApiError::no_answer`]) and that the API did
//! not show when the panel looked: the panel remembers them, so that confirming one again
//! looks first and sends it only if it still was not made.

use std::collections::BTreeSet;

use crate::error::NoAnswer;
use crate::model::{Server, ServerStatus, Snapshot};

/// How long a change is looked for before it is sent again: an API that answers late makes
/// the change within seconds of it; past this, a second confirmation is a new change.
pub const LOOK_FIRST_FOR_MS: u64 = 10 * 60 * 1000;

/// A change the person asked for, as far as telling whether it was made goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A snapshot of that name on that server.
    Create {
        server_id: u64,
        name: String,
    },
    /// The safety snapshot before a restore from that snapshot, by the name it was asked for
    /// with (each confirmation names its safety snapshot anew).
    Safety {
        snapshot_id: u64,
        name: String,
    },
    /// A restore from that snapshot.
    Restore {
        snapshot_id: u64,
    },
    Delete {
        snapshot_id: u64,
    },
}

impl Change {
    /// Whether confirming `self` is confirming `earlier` again: the same change, but that a
    /// safety snapshot's name may differ.
    pub fn repeats(&self, earlier: &Change) -> bool {
        match (self, earlier) {
            (
                Self::Safety { snapshot_id, .. },
                Self::Safety {
                    snapshot_id: was, ..
                },
            ) => snapshot_id == was,
            _ => self == earlier,
        }
    }

    /// The name of the snapshot it asked the API to create, if it did.
    pub fn created_name(&self) -> Option<&str> {
        match self {
            Self::Create { name, .. } | Self::Safety { name, .. } => Some(name),
            Self::Restore { .. } | Self::Delete { .. } => None,
        }
    }
}

/// A change whose answer went missing, not seen made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsure {
    pub change: Change,
    pub why: NoAnswer,
    /// The snapshots of its server before it was first asked for: a snapshot it created is
    /// one not among them.
    pub before: BTreeSet<u64>,
    /// A restore's server's `updated_at` when the panel last looked: a restore that ran
    /// meanwhile changes it.
    pub server_changed_at: Option<String>,
    /// Whether a restore's safety snapshot was taken before it was sent.
    pub safety_taken: bool,
    /// When the panel last looked and did not see it.
    pub at_ms: u64,
}

impl Unsure {
    /// `change`, whose answer went missing as `why` says.
    pub fn new(change: Change, why: NoAnswer) -> Self {
        Self {
            change,
            why,
            before: BTreeSet::new(),
            server_changed_at: None,
            safety_taken: false,
            at_ms: 0,
        }
    }

    /// The snapshot it created, among `listed`, if it created one and it is there.
    pub fn made_in(&self, listed: Vec<Snapshot>) -> Option<Snapshot> {
        let name = self.change.created_name()?;
        listed.into_iter().find(|s| is_new(s, name, &self.before))
    }
}

/// What a restore confirmed again after its answer went missing does, by its server as the API
/// shows it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreAgain {
    /// The first confirmation started it: nothing is sent.
    Started,
    /// The server changed since the panel looked: the first may have run and finished. Nothing
    /// is sent this time; the person is told, and a further confirmation sends it.
    ServerChanged,
    /// Send it, after taking a safety snapshot if `take_safety`: one is asked for now and the
    /// first confirmation took none (one it took serves).
    Send { take_safety: bool },
}

/// What confirming `unsure`, a restore, again does, `server` being what the API shows now and
/// `safety_asked` whether the person asks for a safety snapshot this time.
pub fn restore_again(unsure: &Unsure, server: &Server, safety_asked: bool) -> RestoreAgain {
    if server.status == ServerStatus::Restoring {
        RestoreAgain::Started
    } else if unsure.server_changed_at.is_some() && server.updated_at != unsure.server_changed_at {
        RestoreAgain::ServerChanged
    } else {
        RestoreAgain::Send {
            take_safety: safety_asked && !unsure.safety_taken,
        }
    }
}

/// Whether `s` is a snapshot named `name` that was not among `before`.
pub fn is_new(s: &Snapshot, name: &str, before: &BTreeSet<u64>) -> bool {
    s.name == name && !before.contains(&s.id)
}

/// Every change the panel is unsure of, one entry a change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsures(Vec<Unsure>);

impl Unsures {
    /// Remembers `unsure`, in place of what was remembered of the same change.
    pub fn remember(&mut self, unsure: Unsure) {
        self.0.retain(|u| !unsure.change.repeats(&u.change));
        self.0.push(unsure);
    }

    /// Takes what is remembered of `change` (confirmed again at `now_ms`), unless it is older
    /// than [`LOOK_FIRST_FOR_MS`]. Forgets whatever is older than that.
    pub fn take(&mut self, change: &Change, now_ms: u64) -> Option<Unsure> {
        self.0
            .retain(|u| now_ms.saturating_sub(u.at_ms) <= LOOK_FIRST_FOR_MS);
        let at = self.0.iter().position(|u| change.repeats(&u.change))?;
        Some(self.0.remove(at))
    }

    /// Forgets the creates that the page shows made (`shown`: the snapshots it shows of a
    /// server). The person has seen them, so asking again for one of that name is asking for
    /// another.
    pub fn forget_seen_creates(&mut self, shown: impl Fn(u64) -> Vec<Snapshot>) {
        self.0.retain(|u| match u.change {
            Change::Create { server_id, .. } => u.made_in(shown(server_id)).is_none(),
            _ => true,
        });
    }

    /// How many changes it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
