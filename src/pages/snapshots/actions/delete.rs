//! Deleting snapshots: one, or several in a row.

use leptos::prelude::*;
use snapshot_core::bulk::{BulkRun, Outcome};
use snapshot_core::model::Snapshot;
use snapshot_core::unsure::{Change, Unsure};
use snapshot_core::{ApiError, Unconfirmed};

use super::{look_again, Flows};
use crate::api::sleep;
use crate::notices::Tone;

impl Flows {
    /// Deletes one snapshot and takes it off the board: `Ok(already_gone)` (a 404 means
    /// someone else deleted it first), or why not.
    async fn delete_one(self, snapshot: &Snapshot) -> Result<bool, ApiError> {
        let change = Change::Delete {
            snapshot_id: snapshot.id,
        };
        let reread = || self.board.reread_snapshots_of(snapshot.server.id);
        let already_gone = match self.look_first(&change, reread).await? {
            // Gone when looked for: its first confirmation deleted it.
            Some((_, listed)) if is_gone(snapshot, &listed) => false,
            _ => self.send_delete(snapshot, change).await?,
        };
        self.board.remove_snapshot(snapshot.id);
        Ok(already_gone)
    }

    /// Sends the delete of `snapshot` (the `change`): `Ok(already_gone)`, or why not. A
    /// missing answer is checked against the list.
    async fn send_delete(self, snapshot: &Snapshot, change: Change) -> Result<bool, ApiError> {
        let error = match self.board.client().delete_snapshot(snapshot.id).await {
            Ok(()) => return Ok(false),
            Err(ApiError::NotFound { .. }) => return Ok(true),
            Err(error) => error,
        };
        let Some(why) = error.no_answer() else {
            return Err(error);
        };
        let reread = || self.board.reread_snapshots_of(snapshot.server.id);
        let seen = match look_again(reread, |listed| is_gone(snapshot, listed)).await {
            Some(listed) if is_gone(snapshot, &listed) => return Ok(false),
            Some(_) => Unconfirmed::NotDeleted {
                name: snapshot.name.clone(),
            },
            None => Unconfirmed::Unchecked,
        };
        Err(self.unsure_of(Unsure::new(change, why), seen))
    }

    pub(super) async fn delete(self, snapshot: Snapshot) {
        match self.delete_one(&snapshot).await {
            Ok(already_gone) => self.deleted(&snapshot, already_gone),
            Err(error) => self.error.set(Some(error)),
        }
    }

    /// Deletes `list` one at a time, telling `run` how far it is, until the end or a stop;
    /// the dialog stays open to show the end, with what could not be deleted.
    pub(super) async fn delete_all(self, list: Vec<Snapshot>) {
        self.bulk.set(Some(BulkRun::new(list.len())));
        for snapshot in &list {
            let go_on = self
                .bulk
                .try_update(|run| run.as_mut().is_some_and(BulkRun::go_on));
            if go_on != Some(true) {
                break;
            }
            let outcome = self.delete_waiting_out_limits(snapshot).await;
            if !matches!(outcome, Outcome::Failed(_)) {
                self.selection.set(snapshot.id, false);
            }
            // Named with its server: names repeat from one server to the next.
            let server = self.server_name(snapshot.server.id, &snapshot.server.name);
            let named = self.t.snapshot_of_server(&snapshot.name, &server);
            self.bulk.update(|run| {
                if let Some(run) = run {
                    run.record(&named, outcome);
                }
            });
        }
        // A stop after the last delete was sent has nothing left to keep.
        self.bulk.update(|run| {
            if let Some(run) = run {
                run.go_on();
            }
        });
        if let Some(run) = self.bulk.get_untracked() {
            let tone = if !run.failed.is_empty() {
                Tone::Problem
            } else if run.fell_short() {
                Tone::Info
            } else {
                Tone::Success
            };
            // Its dialog, open until the person closes it, says how it ended.
            self.notices.show(tone, run.notice(self.t));
        }
    }

    /// Deletes one snapshot of a run, sending it again after the API's rate limit has passed
    /// (see [`BulkRun::wait_after`]); a Stop pressed during the wait sends nothing more.
    async fn delete_waiting_out_limits(self, snapshot: &Snapshot) -> Outcome {
        let mut tries = 0;
        loop {
            tries += 1;
            let error = match self.delete_one(snapshot).await {
                Err(error) => error,
                answer => return Outcome::of(answer),
            };
            let wait = self
                .bulk
                .try_update(|run| run.as_mut().and_then(|run| run.wait_after(&error, tries)))
                .flatten();
            match wait {
                Some(ms) => sleep(ms).await,
                None => return Outcome::Failed(error),
            }
            if self
                .bulk
                .try_with_untracked(|run| run.as_ref().is_some_and(BulkRun::is_stopping))
                != Some(false)
            {
                return Outcome::Failed(error);
            }
        }
    }

    fn deleted(self, snapshot: &Snapshot, already_gone: bool) {
        self.close.run(());
        let (tone, text) = if already_gone {
            (Tone::Info, self.t.already_gone(&snapshot.name))
        } else {
            (Tone::Success, self.t.deleted(&snapshot.name))
        };
        self.notices.say(tone, text);
    }
}

fn is_gone(snapshot: &Snapshot, listed: &[Snapshot]) -> bool {
    listed.iter().all(|s| s.id != snapshot.id)
}
