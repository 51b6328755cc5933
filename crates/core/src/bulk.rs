//! Deleting several snapshots at once: what the selection may hold, how a server's "select
//! all" box reads, and how a run that deletes them one at a time is told.

use std::collections::BTreeSet;

use crate::error::ApiError;
use crate::i18n::Locale;
use crate::model::{ServerStatus, Snapshot};
use crate::rules::delete_blocker;

/// The selected snapshots that may be deleted now, in the order of `snapshots` (the list as
/// shown): one that is no longer listed, or whose server is being restored, drops out.
pub fn deletable(
    selected: &BTreeSet<u64>,
    snapshots: &[Snapshot],
    status_of: impl Fn(u64) -> ServerStatus,
) -> Vec<Snapshot> {
    snapshots
        .iter()
        .filter(|s| selected.contains(&s.id))
        .filter(|s| delete_blocker(&status_of(s.server.id)).is_none())
        .cloned()
        .collect()
}

/// How a server's "select all" box reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupSelection {
    /// None of its snapshots is selected (or it has none).
    None,
    /// Some are (the box is drawn half-ticked).
    Some,
    /// Every one is.
    All,
}

/// How the box of a server whose snapshots are `ids` reads.
pub fn group_selection(selected: &BTreeSet<u64>, ids: &[u64]) -> GroupSelection {
    let chosen = ids.iter().filter(|id| selected.contains(id)).count();
    match chosen {
        0 => GroupSelection::None,
        n if n == ids.len() => GroupSelection::All,
        _ => GroupSelection::Some,
    }
}

/// What happened to one snapshot of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Deleted,
    /// A 404: someone else deleted it first. It is gone, which is what was asked.
    AlreadyGone,
    Failed(ApiError),
}

impl Outcome {
    /// The outcome of one delete: `Ok(already_gone)` (a 404 counts as gone), or why not.
    pub fn of(answer: Result<bool, ApiError>) -> Self {
        match answer {
            Ok(false) => Self::Deleted,
            Ok(true) => Self::AlreadyGone,
            Err(error) => Self::Failed(error),
        }
    }
}

/// A run of deletes, one at a time: how far it is, what failed, and whether the person
/// stopped it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BulkRun {
    /// How many it deletes in all.
    pub total: usize,
    /// Deleted now, or found already gone.
    pub gone: usize,
    /// The names that could not be deleted, with why.
    pub failed: Vec<(String, ApiError)>,
    /// The person asked it to stop: the delete on its way finishes, no other is sent.
    stopping: bool,
    /// How many were never sent, because it stopped.
    kept: usize,
    /// Waiting out the API's rate limit before sending one again.
    waiting: bool,
}

/// How many times one delete of a run is sent while the API answers "too many requests".
pub const MAX_TRIES: u32 = 3;
/// The wait after a rate limit that came without a `Retry-After`, and the least one.
pub const RATE_LIMIT_WAIT_MS: u64 = 2_000;
/// The longest rate limit waited out; past it, that delete counts as failed.
pub const MAX_RATE_LIMIT_WAIT_MS: u64 = 60_000;

impl BulkRun {
    /// A run over `total` snapshots, none done yet.
    pub fn new(total: usize) -> Self {
        Self {
            total,
            ..Self::default()
        }
    }

    /// Takes in what happened to `name`. A refused token stops the run: every delete after
    /// it would be refused too, so none is sent until the person signs in and tries again.
    pub fn record(&mut self, name: &str, outcome: Outcome) {
        self.waiting = false;
        match outcome {
            Outcome::Deleted | Outcome::AlreadyGone => self.gone = self.gone.saturating_add(1),
            Outcome::Failed(error) => {
                if matches!(error, ApiError::Unauthorized) {
                    self.stopping = true;
                }
                self.failed.push((name.to_owned(), error));
            }
        }
    }

    /// How long to wait before sending the delete that just failed with `error` again, on its
    /// `tries`-th try, or `None` to count it as failed. Only a rate limit is waited out: the API
    /// said it did nothing and when to come back, so sending it again deletes nothing twice.
    /// Without a `Retry-After`, [`RATE_LIMIT_WAIT_MS`]; never longer than
    /// [`MAX_RATE_LIMIT_WAIT_MS`], a wait no one would sit through.
    pub fn wait_after(&mut self, error: &ApiError, tries: u32) -> Option<u64> {
        let ApiError::RateLimited { retry_after_secs } = error else {
            return None;
        };
        if tries >= MAX_TRIES || self.stopping {
            return None;
        }
        let wait = retry_after_secs
            .map_or(RATE_LIMIT_WAIT_MS, |secs| secs.saturating_mul(1000))
            .max(RATE_LIMIT_WAIT_MS);
        let wait = (wait <= MAX_RATE_LIMIT_WAIT_MS).then_some(wait)?;
        self.waiting = true;
        Some(wait)
    }

    /// Asks it to stop after the delete on its way, if there is one.
    pub fn stop(&mut self) {
        self.stopping = true;
    }

    /// Whether it was asked to stop.
    pub fn is_stopping(&self) -> bool {
        self.stopping
    }

    /// Whether the next delete may be sent; if not, the rest are kept and the run is over.
    pub fn go_on(&mut self) -> bool {
        if self.stopping {
            let sent = self.gone.saturating_add(self.failed.len());
            self.kept = self.total.saturating_sub(sent);
        }
        !self.stopping
    }

    /// How many have been tried, or left out by a stop.
    pub fn tried(&self) -> usize {
        self.gone
            .saturating_add(self.failed.len())
            .saturating_add(self.kept)
    }

    /// Whether every one has been tried or left out.
    pub fn is_finished(&self) -> bool {
        self.tried() >= self.total
    }

    /// Whether it ended with some not deleted: failed, or kept by a stop.
    pub fn fell_short(&self) -> bool {
        self.is_finished() && self.gone < self.total
    }

    /// "2 of 3 deleted": said while it runs, and at its end; while it waits out a rate limit,
    /// says so.
    pub fn progress(&self, t: Locale) -> String {
        if self.waiting {
            t.bulk_waiting(self.gone, self.total).into_owned()
        } else {
            t.bulk_progress(self.gone, self.total).into_owned()
        }
    }

    /// The sentence at its end: all gone, how many could not be deleted, or where it stopped.
    pub fn summary(&self, t: Locale) -> String {
        let failed = self.failed.len();
        match (self.kept, failed) {
            (0, 0) => t.bulk_all_deleted(self.gone),
            (0, _) => t.bulk_some_failed(self.gone, self.total, failed),
            (kept, 0) => t.bulk_stopped(self.gone, self.total, kept),
            (kept, _) => t.bulk_stopped_some_failed(self.gone, self.total, kept, failed),
        }
        .into_owned()
    }

    /// The notice at its end, which outlives the dialog and its list of failures: the
    /// summary, and the names of those that could not be deleted.
    pub fn notice(&self, t: Locale) -> String {
        let summary = self.summary(t);
        if self.failed.is_empty() {
            return summary;
        }
        let names: Vec<&str> = self.failed.iter().map(|(name, _)| name.as_str()).collect();
        format!("{summary} {}.", names.join(", "))
    }
}
