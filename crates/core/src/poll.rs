//! When to poll, and what a poll changed: pure decisions the panel's timers follow.

use crate::format::display_name;
use crate::i18n::{Locale, Text};
use crate::model::{ServerRef, ServerStatus, SnapshotStatus};
use crate::order::{float, sort_by_rank};
use crate::retry::spread;

/// The backoff's unit: after `n` failed checks in a row, a job waits 2ⁿ times this (10 s,
/// 20 s, 40 s, …) up to [`MAX_BACKOFF_MS`].
pub const BACKOFF_UNIT_MS: u64 = 5_000;
/// The longest wait between tries after errors.
pub const MAX_BACKOFF_MS: u64 = 120_000;
/// The provider says a snapshot takes 3 to 10 minutes.
pub const CREATE_EXPECTED_SECS: (u64, u64) = (180, 600);
/// The provider says a restore takes 5 to 15 minutes.
pub const RESTORE_EXPECTED_SECS: (u64, u64) = (300, 900);

/// The wait before checking a job again after `failures` (at least one) failed checks in a
/// row: doubling from twice [`BACKOFF_UNIT_MS`] up to [`MAX_BACKOFF_MS`], spread by `jitter`
/// (0.0..=1.0, from a random source) by ±20%, and never sooner than the API's `Retry-After`.
/// [`PollState::failed`] uses it; a job's normal pace is [`job_interval_ms`].
pub fn backoff_ms(failures: u32, retry_after_secs: Option<u64>, jitter: f64) -> u64 {
    let doubling = 1_u64.checked_shl(failures.min(16)).unwrap_or(u64::MAX);
    let base = BACKOFF_UNIT_MS.saturating_mul(doubling).min(MAX_BACKOFF_MS);
    let asked = retry_after_secs.unwrap_or(0).saturating_mul(1000);
    spread(base, jitter, 20).max(asked)
}

/// Something that finished between two polls, to announce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finished {
    /// A snapshot left `in_progress`, to the status it now has.
    Snapshot {
        name: String,
        server: ServerRef,
        status: SnapshotStatus,
    },
    /// A server left `restoring`, to the status it now has.
    Restore {
        server: ServerRef,
        status: ServerStatus,
    },
}

impl Finished {
    /// The sentence announced to a screen reader and shown as a notice.
    pub fn message(&self, t: Locale) -> String {
        let text = match self {
            Self::Snapshot {
                name,
                server,
                status,
            } => {
                let server = display_name(t, &server.name, server.id);
                match status {
                    SnapshotStatus::Completed => t.snapshot_ready(name, &server),
                    SnapshotStatus::Failed => t.snapshot_failed(name, &server),
                    other => t.snapshot_now(name, &server, &other.label(t).to_ascii_lowercase()),
                }
            }
            Self::Restore { server, status } => t.restored(
                &display_name(t, &server.name, server.id),
                &status.label(t).to_ascii_lowercase(),
            ),
        };
        text.into_owned()
    }
}

/// Whether a job has run past the provider's longest estimate.
pub fn is_overdue(elapsed_secs: u64, expected: (u64, u64)) -> bool {
    elapsed_secs > expected.1
}

/// The line under a running job: elapsed time against the provider's estimate.
pub fn progress_note(t: Locale, elapsed_secs: u64, expected: (u64, u64)) -> Text {
    note(t, elapsed_secs, expected, false)
}

/// The line under a job found running, whose start the panel cannot know: "at least" the time
/// it has been seen running.
pub fn progress_note_at_least(t: Locale, seen_secs: u64, expected: (u64, u64)) -> Text {
    note(t, seen_secs, expected, true)
}

fn note(t: Locale, secs: u64, expected: (u64, u64), at_least: bool) -> Text {
    let (low, high) = (expected.0 / 60, expected.1 / 60);
    let elapsed = crate::format::format_elapsed(t, secs);
    match (is_overdue(secs, expected), at_least) {
        (false, false) => t.progress(&elapsed, low, high),
        (true, false) => t.overdue(&elapsed, low, high),
        (false, true) => t.progress_at_least(&elapsed, low, high),
        (true, true) => t.overdue_at_least(&elapsed, low, high),
    }
}

/// What kind of job a server is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobKind {
    /// A snapshot of it is being created: its snapshot list is polled.
    Creating,
    /// It is being restored: the server itself is polled.
    Restoring,
}

impl JobKind {
    /// The provider's estimate for this kind of job.
    pub fn expected_secs(self) -> (u64, u64) {
        match self {
            Self::Creating => CREATE_EXPECTED_SECS,
            Self::Restoring => RESTORE_EXPECTED_SECS,
        }
    }
}

/// Something running on one server, and since when (ms, when known).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job {
    pub server_id: u64,
    pub kind: JobKind,
    pub since_ms: Option<f64>,
}

/// How often a job far past the provider's estimate is still checked.
pub const OVERDUE_INTERVAL_MS: u64 = 60_000;
/// How often a job is checked while it may end any moment: a job that ends then is on screen
/// within 10 s, this wait plus the request.
pub const WINDOW_INTERVAL_MS: u64 = 8_000;
/// The shortest wait between two checks of one job.
pub const MIN_INTERVAL_MS: u64 = 1_000;

/// How long to wait before checking again a job that has run for `elapsed_ms`, on the
/// provider's documented durations (`low` to `high`, [`JobKind::expected_secs`]):
///
/// - before `low`, when it cannot be done yet: only at `low`/6 (the early check, in case the API
///   is faster than documented), at `low`/2 and at `low`;
/// - from `low` to twice `high`: every [`WINDOW_INTERVAL_MS`];
/// - later, when it is unlikely to end any second: every [`OVERDUE_INTERVAL_MS`].
///
/// A job whose start is not known is checked every [`WINDOW_INTERVAL_MS`]. A 10-minute create
/// costs 55 checks (5.5 a minute) where a fixed 5 s pace cost 120.
pub fn job_interval_ms(kind: JobKind, elapsed_ms: Option<f64>) -> u64 {
    let Some(elapsed) = elapsed_ms.filter(|e| e.is_finite()) else {
        return WINDOW_INTERVAL_MS;
    };
    let elapsed = elapsed.max(0.0);
    let (low, high) = kind.expected_secs();
    if elapsed > high as f64 * 2_000.0 {
        return OVERDUE_INTERVAL_MS;
    }
    let low_ms = low as f64 * 1_000.0;
    match [low_ms / 6.0, low_ms / 2.0, low_ms]
        .into_iter()
        .find(|&check| elapsed < check)
    {
        Some(check) => ((check - elapsed) as u64).max(MIN_INTERVAL_MS),
        None => WINDOW_INTERVAL_MS,
    }
}

/// How often running jobs are checked: the `poll-seconds` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pace {
    /// `auto`, the default: rarely while a job cannot be done yet, often once it may be
    /// ([`job_interval_ms`]).
    #[default]
    Documented,
    /// Every this many milliseconds, however long the job has run: for an API whose jobs do not
    /// take the documented time, such as a simulator with 3-second jobs.
    Every(u64),
}

impl Pace {
    /// The wait before the next check of `job`, at `now_ms`.
    fn interval_ms(self, job: &Job, now_ms: f64) -> u64 {
        match self {
            Self::Documented => job_interval_ms(job.kind, job.since_ms.map(|since| now_ms - since)),
            Self::Every(ms) => ms.max(MIN_INTERVAL_MS),
        }
    }
}

/// One job being followed: when it is next due, and how its checks have gone.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Watch {
    job: Job,
    due_ms: f64,
    failures: u32,
}

/// The polling of every running job, each server on its own: one failing server backs off
/// alone, and the others keep their pace.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PollState {
    watches: Vec<Watch>,
    pace: Pace,
    /// Until when (ms) the API asked, by a `Retry-After`, to hear nothing: no job is due
    /// before it.
    quiet_until_ms: f64,
}

impl PollState {
    /// Nothing followed yet; jobs will be checked at `pace`.
    pub fn new(pace: Pace) -> Self {
        Self {
            watches: Vec::new(),
            pace,
            quiet_until_ms: 0.0,
        }
    }

    /// Follows what runs now: a new job is first due one interval from now, a job that ended
    /// is forgotten, and a job still running keeps its schedule and its failures.
    ///
    /// A start later than `now_ms` (the API's clock ahead of the browser's) counts as `now_ms`,
    /// so a skewed clock can make checks more frequent, never rarer.
    pub fn follow(&mut self, jobs: &[Job], now_ms: f64) {
        self.watches.retain(|w| {
            jobs.iter()
                .any(|j| j.server_id == w.job.server_id && j.kind == w.job.kind)
        });
        for job in jobs {
            let since_ms = job.since_ms.map(|since| since.min(now_ms));
            match self
                .watches
                .iter_mut()
                .find(|w| w.job.server_id == job.server_id && w.job.kind == job.kind)
            {
                Some(watch) => {
                    watch.job.since_ms = match (watch.job.since_ms, since_ms) {
                        (Some(seen), Some(since)) => Some(seen.min(since)),
                        (seen, since) => since.or(seen),
                    };
                }
                None => {
                    let job = Job { since_ms, ..*job };
                    self.watches.push(Watch {
                        job,
                        due_ms: now_ms + self.pace.interval_ms(&job, now_ms) as f64,
                        failures: 0,
                    });
                }
            }
        }
    }

    /// True when nothing is being followed.
    pub fn is_idle(&self) -> bool {
        self.watches.is_empty()
    }

    /// The jobs due at `now_ms`, soonest first: none while the API asked for quiet.
    pub fn due(&self, now_ms: f64) -> Vec<Job> {
        if self.is_quiet_at(now_ms) {
            return Vec::new();
        }
        let mut due: Vec<&Watch> = self.watches.iter().filter(|w| w.due_ms <= now_ms).collect();
        sort_by_rank(&mut due, |w| u128::from(float(w.due_ms)));
        due.into_iter().map(|w| w.job).collect()
    }

    /// When the next job is due (ms), if any.
    pub fn next_due_ms(&self) -> Option<f64> {
        self.watches
            .iter()
            .map(|w| w.due_ms)
            .min_by(f64::total_cmp)
            .map(|due| due.max(self.quiet_until_ms))
    }

    /// The API answered 429 with a `Retry-After`: nothing is asked of it for that long.
    pub fn keep_quiet(&mut self, now_ms: f64, retry_after_secs: u64) {
        let until = now_ms + retry_after_secs.saturating_mul(1000) as f64;
        self.quiet_until_ms = self.quiet_until_ms.max(until);
    }

    /// Whether the API's `Retry-After` still holds at `now_ms`.
    pub fn is_quiet_at(&self, now_ms: f64) -> bool {
        now_ms < self.quiet_until_ms
    }

    /// Makes every job due now: the tab came back to the front.
    pub fn all_due(&mut self, now_ms: f64) {
        for watch in &mut self.watches {
            watch.due_ms = watch.due_ms.min(now_ms);
        }
    }

    /// A check of `server_id`'s `kind` job answered: back to its normal pace.
    pub fn succeeded(&mut self, server_id: u64, kind: JobKind, now_ms: f64) {
        let pace = self.pace;
        if let Some(watch) = self.watch(server_id, kind) {
            watch.failures = 0;
            watch.due_ms = now_ms + pace.interval_ms(&watch.job, now_ms) as f64;
        }
    }

    /// A check failed: this job alone backs off (see [`backoff_ms`]); a `Retry-After` holds
    /// every job.
    pub fn failed(
        &mut self,
        server_id: u64,
        kind: JobKind,
        now_ms: f64,
        retry_after_secs: Option<u64>,
        jitter: f64,
    ) {
        let pace = self.pace;
        if let Some(secs) = retry_after_secs {
            self.keep_quiet(now_ms, secs);
        }
        if let Some(watch) = self.watch(server_id, kind) {
            watch.failures = watch.failures.saturating_add(1);
            let backoff = backoff_ms(watch.failures, retry_after_secs, jitter)
                .max(pace.interval_ms(&watch.job, now_ms));
            watch.due_ms = now_ms + backoff as f64;
        }
    }

    /// A full load just read everything: every job is back to its normal pace.
    pub fn all_succeeded(&mut self, now_ms: f64) {
        let pace = self.pace;
        for watch in &mut self.watches {
            watch.failures = 0;
            watch.due_ms = now_ms + pace.interval_ms(&watch.job, now_ms) as f64;
        }
    }

    /// Whether the last check of any job failed.
    pub fn has_failures(&self) -> bool {
        self.watches.iter().any(|w| w.failures > 0)
    }

    /// How many checks in a row of this job have failed.
    pub fn failures(&self, server_id: u64, kind: JobKind) -> u32 {
        self.watches
            .iter()
            .find(|w| w.job.server_id == server_id && w.job.kind == kind)
            .map_or(0, |w| w.failures)
    }

    fn watch(&mut self, server_id: u64, kind: JobKind) -> Option<&mut Watch> {
        self.watches
            .iter_mut()
            .find(|w| w.job.server_id == server_id && w.job.kind == kind)
    }
}
