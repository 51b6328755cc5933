//! When to poll, and what a poll changed: pure decisions the panel's timers follow.

use crate::model::{Server, ServerStatus, Snapshot, SnapshotStatus};

/// How often to refresh while something is running.
pub const ACTIVE_INTERVAL_MS: u64 = 5_000;
/// The longest wait between tries after errors.
pub const MAX_BACKOFF_MS: u64 = 120_000;
/// The provider says a snapshot takes 3 to 10 minutes.
pub const CREATE_EXPECTED_SECS: (u64, u64) = (180, 600);
/// The provider says a restore takes 5 to 15 minutes.
pub const RESTORE_EXPECTED_SECS: (u64, u64) = (300, 900);

/// How long to wait before the next poll, or `None` for no poll at all.
///
/// - Nothing running and no error: `None`; the panel makes no requests.
/// - Something running: every [`ACTIVE_INTERVAL_MS`].
/// - After `failures` errors in a row: doubling from the interval up to [`MAX_BACKOFF_MS`],
///   spread by `jitter` (0.0..=1.0, from a random source) by ±20%, and never sooner than the
///   API's `Retry-After`.
pub fn next_poll_delay_ms(
    busy: bool,
    failures: u32,
    retry_after_secs: Option<u64>,
    jitter: f64,
) -> Option<u64> {
    if !busy {
        return None;
    }
    if failures == 0 {
        return Some(ACTIVE_INTERVAL_MS);
    }
    let doubling = 1_u64.checked_shl(failures.min(16)).unwrap_or(u64::MAX);
    let base = ACTIVE_INTERVAL_MS
        .saturating_mul(doubling)
        .min(MAX_BACKOFF_MS);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let spread = (base as f64 * (0.8 + 0.4 * jitter)) as u64;
    let asked = retry_after_secs.unwrap_or(0).saturating_mul(1000);
    Some(spread.max(asked))
}

/// The servers that need polling: those with a snapshot in progress (their snapshot list) and
/// those restoring (the server itself).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Busy {
    /// Servers with a snapshot being created.
    pub creating: Vec<u64>,
    /// Servers being restored.
    pub restoring: Vec<u64>,
}

impl Busy {
    /// True when nothing on screen is running.
    pub fn is_idle(&self) -> bool {
        self.creating.is_empty() && self.restoring.is_empty()
    }
}

/// What on screen is running.
pub fn busy_servers(snapshots: &[Snapshot], servers: &[Server]) -> Busy {
    let mut creating: Vec<u64> = snapshots
        .iter()
        .filter(|s| s.status == SnapshotStatus::InProgress)
        .map(|s| s.server.id)
        .collect();
    creating.sort_unstable();
    creating.dedup();
    let restoring = servers
        .iter()
        .filter(|s| s.status == ServerStatus::Restoring)
        .map(|s| s.id)
        .collect();
    Busy {
        creating,
        restoring,
    }
}

/// Something that finished between two polls, to announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    /// A snapshot left `in_progress`, to the status it now has.
    Snapshot {
        name: String,
        server: String,
        status: SnapshotStatus,
    },
    /// A server left `restoring`, to the status it now has.
    Restore {
        server: String,
        status: ServerStatus,
    },
}

impl Finished {
    /// The sentence announced to a screen reader and shown as a notice.
    pub fn message(&self) -> String {
        match self {
            Self::Snapshot {
                name,
                server,
                status: SnapshotStatus::Completed,
            } => {
                format!("Snapshot {name} of {server} is ready.")
            }
            Self::Snapshot {
                name,
                server,
                status: SnapshotStatus::Failed,
            } => {
                format!("Snapshot {name} of {server} failed.")
            }
            Self::Snapshot {
                name,
                server,
                status,
            } => {
                format!(
                    "Snapshot {name} of {server} is now {}.",
                    status.label().to_lowercase()
                )
            }
            Self::Restore { server, status } => format!(
                "{server} has been restored and is {}.",
                status.label().to_lowercase()
            ),
        }
    }
}

/// The snapshots that were in progress in `before` and are not in `after` (by id).
pub fn finished_snapshots(before: &[Snapshot], after: &[Snapshot]) -> Vec<Finished> {
    after
        .iter()
        .filter(|now| now.status != SnapshotStatus::InProgress)
        .filter(|now| {
            before
                .iter()
                .any(|was| was.id == now.id && was.status == SnapshotStatus::InProgress)
        })
        .map(|now| Finished::Snapshot {
            name: now.name.clone(),
            server: now.server.name.clone(),
            status: now.status.clone(),
        })
        .collect()
}

/// Whether a server that was restoring has left that state.
pub fn finished_restore(before: &ServerStatus, after: &Server) -> Option<Finished> {
    (*before == ServerStatus::Restoring && after.status != ServerStatus::Restoring).then(|| {
        Finished::Restore {
            server: after.name.clone(),
            status: after.status.clone(),
        }
    })
}

/// Whether a job has run past the provider's longest estimate.
pub fn is_overdue(elapsed_secs: u64, expected: (u64, u64)) -> bool {
    elapsed_secs > expected.1
}

/// The line under a running job: elapsed time against the provider's estimate.
pub fn progress_note(elapsed_secs: u64, expected: (u64, u64)) -> String {
    let (low, high) = (expected.0 / 60, expected.1 / 60);
    if is_overdue(elapsed_secs, expected) {
        format!(
            "{} elapsed: taking longer than the usual {low}–{high} minutes. Still checking.",
            crate::format::format_elapsed(elapsed_secs)
        )
    } else {
        format!(
            "{} elapsed, usually {low}–{high} minutes",
            crate::format::format_elapsed(elapsed_secs)
        )
    }
}
