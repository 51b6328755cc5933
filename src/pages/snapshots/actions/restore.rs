//! Restoring a server from a snapshot, with a safety snapshot of it first if the person wants
//! one: created, followed on the board (which polls it like any snapshot being created), and
//! the restore sent only once it completed. Cancel, a failure, or the page going means the
//! restore is never sent.

use leptos::prelude::*;
use snapshot_core::format::display_name;
use snapshot_core::model::{NewSnapshot, Server, ServerStatus, Snapshot};
use snapshot_core::safety::{safety_step, SafetyStep};
use snapshot_core::unsure::{restore_again, Change, RestoreAgain, Unsure};
use snapshot_core::validate::description_error;
use snapshot_core::{ApiError, Unconfirmed};

use super::{look_again, Flows, RestoreRequest};
use crate::api::sleep;
use crate::components::restore_dialog::SafetyState;
use crate::notices::{Tone, Topic};

/// How often a restore waiting on its safety snapshot looks at the board (no request: the
/// board's own polling brings the news).
const WATCH_MS: u64 = 500;
/// How long before looking again for a safety snapshot whose server's list could not be read.
const UNREAD_MS: u64 = 5_000;

/// What a confirmed restore does before it is sent.
enum First {
    /// Takes this safety snapshot, and sends the restore once it completed.
    TakeSafety(String),
    /// Nothing: it is sent at once. `safety_taken`: an earlier confirmation took one.
    Nothing { safety_taken: bool },
}

impl Flows {
    pub(super) async fn restore(self, request: RestoreRequest) {
        let RestoreRequest {
            snapshot,
            safety_first,
        } = request;
        let run = self.restore_run.get_value().wrapping_add(1);
        self.restore_run.set_value(run);
        self.in_background.set(false);
        let live = move || self.restore_run.try_get_value() == Some(run);
        self.running.set(Some(snapshot.id));
        let change = Change::Restore {
            snapshot_id: snapshot.id,
        };
        let server_id = snapshot.server.id;
        let reread = || self.board.reread_server(server_id);
        // Whether to send it, and what first.
        let send = match self.look_first(&change, reread).await {
            Ok(Some((earlier, server))) => {
                match restore_again(&earlier, &server, safety_first.is_some()) {
                    RestoreAgain::Started => {
                        self.restore_started(&snapshot, None);
                        None
                    }
                    RestoreAgain::ServerChanged => {
                        let server = display_name(self.t, &server.name, server.id);
                        let seen = Unconfirmed::ServerChanged { server };
                        self.error
                            .set(Some(ApiError::Unconfirmed(earlier.why, seen)));
                        None
                    }
                    // A safety snapshot the first confirmation took serves.
                    RestoreAgain::Send { take_safety } => Some(match safety_first {
                        Some(name) if take_safety => First::TakeSafety(name),
                        _ => First::Nothing {
                            safety_taken: earlier.safety_taken,
                        },
                    }),
                }
            }
            Ok(None) => Some(match safety_first {
                Some(name) => First::TakeSafety(name),
                None => First::Nothing {
                    safety_taken: false,
                },
            }),
            Err(error) => {
                self.error.set(Some(error));
                None
            }
        };
        let safety_taken = match send {
            Some(First::TakeSafety(name)) => self
                .take_safety_snapshot(&snapshot, name, live)
                .await
                .then_some(true),
            Some(First::Nothing { safety_taken }) => Some(safety_taken),
            None => None,
        };
        if let Some(safety_taken) = safety_taken {
            self.restore_now(&snapshot, change, safety_taken).await;
        }
        if live() {
            self.running.set(None);
        }
    }

    /// Takes the safety snapshot `name` of `target`'s server and follows it until it is done:
    /// `true` once it completed, `false` when the restore must not be sent (cancelled, or the
    /// snapshot failed or went; `safety` says why).
    /// `live` tells whether this restore is still the one wanted.
    async fn take_safety_snapshot(
        self,
        target: &Snapshot,
        name: String,
        live: impl Fn() -> bool,
    ) -> bool {
        let t = self.t;
        let server_id = target.server.id;
        let server = self.server_name(server_id, &target.server.name);
        let waiting = |name: &str| SafetyState::Waiting {
            name: name.to_owned(),
            server: server.clone(),
            server_id,
            from: target.clone(),
        };
        self.safety.set(waiting(&name));
        let description = t.safety_description(&target.name).into_owned();
        let new = NewSnapshot {
            server_id,
            name: name.clone(),
            description: description_error(&description)
                .is_none()
                .then_some(description),
        };
        let change = Change::Safety {
            snapshot_id: target.id,
            name: name.clone(),
        };
        let created = match self.create_one(&new, change).await {
            Ok((created, _)) => created,
            Err(error) => {
                if live() {
                    let reason = error.action_message(t);
                    let why = match error {
                        ApiError::Unconfirmed(..) => t.safety_not_confirmed(&reason),
                        _ => t.safety_not_taken(&reason),
                    };
                    self.safety_stopped(&server, why.into_owned());
                }
                return false;
            }
        };
        if created.name != name && live() {
            // The one a first confirmation asked for, found made: that is the one waited for.
            self.safety.set(waiting(&created.name));
        }
        // On the board even if cancelled meanwhile: it exists, and is followed like any other.
        self.board.add_snapshot(created.clone());
        self.host.snapshot_created(&created);
        loop {
            if !live() {
                return false;
            }
            let on_board = self.board.with_store(|store| {
                store
                    .snapshots_of(server_id)
                    .find(|s| s.id == created.id)
                    .cloned()
            });
            let listed = match on_board {
                Some(listed) => Some(listed),
                // Not on the board: the page may show another server now, whose loads hold
                // only that one. Its server's list says whether it is gone; one that could
                // not be read is looked at again later.
                None => match self.board.reread_snapshots_of(server_id).await {
                    Some(all) => all.into_iter().find(|s| s.id == created.id),
                    None => {
                        sleep(UNREAD_MS).await;
                        continue;
                    }
                },
            };
            if !live() {
                return false;
            }
            match safety_step(listed.as_ref()) {
                SafetyStep::Wait => sleep(WATCH_MS).await,
                SafetyStep::Restore => {
                    self.safety.set(SafetyState::Idle);
                    return true;
                }
                SafetyStep::Abandon(why) => {
                    let why = why.message(t, &created.name, &server).into_owned();
                    self.safety_stopped(&server, why);
                    return false;
                }
            }
        }
    }

    /// Says why the restore waiting on its safety snapshot was not sent: in its dialog, or,
    /// when it waits in the background, in a notice about `server`.
    fn safety_stopped(self, server: &str, why: String) {
        if self.in_background.get_untracked() {
            self.safety.set(SafetyState::Idle);
            self.notices
                .say(Tone::Problem, self.t.about(server, &why).into_owned());
        } else {
            self.safety.set(SafetyState::Stopped(why));
        }
    }

    pub(super) fn cancel_safety(self) {
        if let SafetyState::Waiting { name, server, .. } = self.safety.get_untracked() {
            self.restore_run
                .update_value(|run| *run = run.wrapping_add(1));
            self.running.set(None);
            self.safety.set(SafetyState::Idle);
            self.notices
                .say(Tone::Info, self.t.safety_cancelled(&server, &name));
        }
    }

    /// Sends the restore from `snapshot` (the `change`), after a safety snapshot if
    /// `safety_taken`. A missing answer is checked against the server's status.
    async fn restore_now(self, snapshot: &Snapshot, change: Change, safety_taken: bool) {
        let server_id = snapshot.server.id;
        let error = match self.board.client().restore_snapshot(snapshot.id).await {
            Ok(started) => return self.restore_started(snapshot, started.message),
            Err(error) => error,
        };
        let Some(why) = error.no_answer() else {
            if self.in_background.get_untracked() {
                let server = self.server_name(server_id, &snapshot.server.name);
                self.safety_stopped(&server, error.action_message(self.t));
                if error.shows_a_stale_view() {
                    self.board.reread_server(server_id).await;
                    self.board.reread_snapshots_of(server_id).await;
                }
                return;
            }
            return self.refused(server_id, error).await;
        };
        let reread = || self.board.reread_server(server_id);
        let mut unsure = Unsure {
            safety_taken,
            ..Unsure::new(change, why)
        };
        let seen = match look_again(reread, is_restoring).await {
            Some(server) if is_restoring(&server) => {
                return self.restore_started(snapshot, None);
            }
            Some(server) => {
                unsure.server_changed_at = server.updated_at;
                Unconfirmed::NotRestored {
                    server: display_name(self.t, &server.name, server.id),
                    status: server.status.label(self.t).to_ascii_lowercase(),
                }
            }
            None => Unconfirmed::Unchecked,
        };
        let error = self.unsure_of(unsure, seen);
        if self.in_background.get_untracked() {
            let server = self.server_name(server_id, &snapshot.server.name);
            self.safety_stopped(&server, error.action_message(self.t));
        } else {
            self.error.set(Some(error));
        }
    }

    fn restore_started(self, snapshot: &Snapshot, message: Option<String>) {
        let message = self.news(message, self.t.being_restored());
        let server = self.server_name(snapshot.server.id, &snapshot.server.name);
        self.board.mark_restoring(snapshot.server.id);
        // Its dialog, unless it waited in the background: then the open one is another's.
        if !self.in_background.get_untracked() {
            self.close.run(());
        }
        let topic = Topic::Restore {
            server_id: snapshot.server.id,
        };
        self.notices
            .say_about(topic, Tone::Info, self.t.about(&server, &message));
        self.host.restore_started(snapshot);
    }
}

fn is_restoring(server: &Server) -> bool {
    server.status == ServerStatus::Restoring
}
