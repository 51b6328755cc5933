//! What the page does when a person confirms a create, a restore, a delete, or a delete of
//! several at once.
//!
//! Each is a Leptos `Action` whose future belongs to the page ([`TaskOwner::guard`]): if the
//! page goes while the request is out, the request is aborted and nothing lands. Each commits
//! its result to the board, the notices and the dialog before the host page hears of it.
//!
//! A change is never sent twice behind the person's back. When its answer goes missing (see
//! [`ApiError::no_answer`]), the page reads what the API now shows and says so: twice if need
//! be ([`look_again`]), since a read replica may not show the change at first. When it did not
//! show the change, the same change confirmed again looks once more before it is sent
//! ([`Unsure`]): the API may have made it since, after the panel stopped waiting.
//!
//! A restore can take a safety snapshot first: it creates it, follows it on the board (which
//! polls it like any snapshot being created), and sends the restore only once it completed.
//! Cancel, a failure, or the page going means the restore is never sent.

use std::collections::BTreeSet;
use std::future::Future;

use leptos::prelude::*;
use snapshot_core::bulk::{BulkRun, Outcome};
use snapshot_core::format::display_name;
use snapshot_core::i18n::Text;
use snapshot_core::model::{NewSnapshot, Server, ServerStatus, Snapshot};
use snapshot_core::safety::{safety_step, SafetyStep};
use snapshot_core::validate::description_error;
use snapshot_core::{ApiError, Locale, NoAnswer, Unconfirmed};

use crate::api::sleep;
use crate::board::Board;
use crate::browser::Timer;
use crate::components::form::Confirmation;
use crate::components::restore_dialog::SafetyState;
use crate::components::selection::Selection;
use crate::host::Host;
use crate::intl::locale;
use crate::notices::{Notices, Tone, Topic};

/// How long to wait before a second look at what the API shows, after a first that did not
/// show a change whose answer was lost.
const LOOK_AGAIN_MS: u64 = 2_000;
/// How often a restore waiting on its safety snapshot looks at the board (no request: the
/// board's own polling brings the news).
const WATCH_MS: u64 = 500;

/// A restore as the person confirmed it.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreRequest {
    /// The snapshot to restore from.
    pub snapshot: Snapshot,
    /// The safety snapshot to take first, by name, if the person wants one.
    pub safety_first: Option<String>,
}

/// A change the person asked for, as far as telling whether it was made goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    /// A snapshot of that name on that server.
    Create {
        server_id: u64,
        name: String,
    },
    Restore {
        snapshot_id: u64,
    },
    Delete {
        snapshot_id: u64,
    },
}

/// A change whose answer went missing and that the API did not show when the panel looked
/// (or that the panel could not look for): if the person confirms it again, the panel looks
/// first ([`Flows::look_first`]), and sends it only if it still was not made.
#[derive(Debug, Clone)]
struct Unsure {
    change: Change,
    why: NoAnswer,
    /// The snapshots of its server before it was first asked for: a created one is new.
    before: BTreeSet<u64>,
}

/// The page's actions, and the error the open dialog shows.
#[derive(Clone, Copy)]
pub struct PageActions {
    pub create: Action<NewSnapshot, Option<()>>,
    pub restore: Action<RestoreRequest, Option<()>>,
    pub delete: Action<Snapshot, Option<()>>,
    /// Deletes the selected snapshots, one at a time.
    pub delete_all: Action<Vec<Snapshot>, Option<()>>,
    /// How the last of those runs went; cleared when a dialog opens.
    pub bulk: RwSignal<Option<BulkRun>>,
    /// The last action's failure, shown in its dialog; cleared when a dialog opens.
    pub error: RwSignal<Option<ApiError>>,
    /// How the safety snapshot before a restore is doing.
    pub safety: RwSignal<SafetyState>,
    flows: Flows,
}

/// What the actions run, each a flow of requests and what it tells (create, restore with its
/// safety snapshot, delete, delete several), and everything those touch. The page's
/// [`PageActions`] share the signals of it that the dialogs show.
#[derive(Clone, Copy)]
struct Flows {
    t: Locale,
    board: Board,
    notices: Notices,
    host: Host,
    error: RwSignal<Option<ApiError>>,
    close: Callback<()>,
    bulk: RwSignal<Option<BulkRun>>,
    selection: Selection,
    safety: RwSignal<SafetyState>,
    /// Which restore is the live one: bumped by each restore and by Cancel, so that an older
    /// one (its safety snapshot's create still on its way) sends nothing more.
    restore_run: StoredValue<u64>,
    /// Whether the live restore is on its way, its safety snapshot included.
    restoring: RwSignal<bool>,
    /// The last change the panel could not tell was made.
    unsure: StoredValue<Option<Unsure>>,
}

/// A refusal that asked to wait (a 429 with `Retry-After`) holds its dialog's button; it is
/// cleared once the wait is over, so the button comes back without the person guessing when.
/// One that was replaced meanwhile is left alone.
fn clear_when_the_wait_is_over(error: RwSignal<Option<ApiError>>) {
    let timer = Timer::new();
    Effect::new(move |_| {
        timer.stop();
        let held = error.get();
        let Some(secs) = held.as_ref().and_then(ApiError::retry_after_secs) else {
            return;
        };
        timer.start(std::time::Duration::from_secs(secs), move || {
            if error.try_with_untracked(|now| *now == held) == Some(true) {
                error.try_set(None);
            }
        });
    });
}

impl PageActions {
    /// The actions of a page showing `board`; `close` closes the open dialog.
    pub fn new(
        board: Board,
        notices: Notices,
        host: Host,
        close: Callback<()>,
        selection: Selection,
    ) -> Self {
        let error = RwSignal::new(None);
        let bulk = RwSignal::new(None);
        let safety = RwSignal::new(SafetyState::Idle);
        let flows = Flows {
            bulk,
            selection,
            safety,
            restore_run: StoredValue::new(0),
            restoring: RwSignal::new(false),
            unsure: StoredValue::new(None),
            t: locale(),
            board,
            notices,
            host,
            error,
            close,
        };
        let owner = board.owner();
        let create = {
            let owner = owner.clone();
            Action::new_local(move |new: &NewSnapshot| owner.guard(flows.create(new.clone())))
        };
        let restore = {
            let owner = owner.clone();
            Action::new_local(move |r: &RestoreRequest| owner.guard(flows.restore(r.clone())))
        };
        let delete = {
            let owner = owner.clone();
            Action::new_local(move |s: &Snapshot| owner.guard(flows.delete(s.clone())))
        };
        let delete_all = Action::new_local(move |list: &Vec<Snapshot>| {
            owner.guard(flows.delete_all(list.clone()))
        });
        clear_when_the_wait_is_over(error);
        Self {
            create,
            restore,
            delete,
            delete_all,
            bulk,
            error,
            safety,
            flows,
        }
    }

    /// Forgets how the last action went, for a dialog that opens.
    pub fn reset(self) {
        self.error.set(None);
        self.bulk.set(None);
        self.safety.set(SafetyState::Idle);
    }

    /// Whether a restore is waiting on its safety snapshot: the page keeps polling for it
    /// even in a background tab.
    pub fn waiting_on_safety(self) -> Signal<bool> {
        let safety = self.safety;
        Signal::derive(move || matches!(safety.get(), SafetyState::Waiting { .. }))
    }

    /// Cancels a restore that waits on its safety snapshot: it is never sent. The safety
    /// snapshot itself is kept (a create cannot be called back).
    pub fn cancel_safety(self) {
        self.flows.cancel_safety();
    }

    /// Whether a restore is on its way. Unlike the action's own `pending`, a restore whose wait
    /// was cancelled is not, though its safety snapshot's create may still be answered.
    pub fn restore_pending(self) -> Signal<bool> {
        self.flows.restoring.into()
    }

    /// Sends `request` unless a restore is already on its way.
    pub fn start_restore(self, request: RestoreRequest) {
        if !self.flows.restoring.get_untracked() {
            self.error.set(None);
            self.restore.dispatch_local(request);
        }
    }

    /// Runs `action` on `input` unless it is already on its way: one request per
    /// confirmation. (Its dialog stays open until it is done, so no other dialog can be
    /// confirmed meanwhile; a restore, whose wait can be cancelled, has [`Self::start_restore`].)
    pub fn start<I: 'static>(self, action: Action<I, Option<()>>, input: I) {
        if !action.pending().get_untracked() {
            self.error.set(None);
            action.dispatch_local(input);
        }
    }

    /// A confirmation dialog wired to `action` on `input`, closed by `close`.
    pub fn confirmation<I: Clone + Send + Sync + 'static>(
        self,
        action: Action<I, Option<()>>,
        input: I,
        close: Callback<()>,
    ) -> Confirmation {
        Confirmation {
            pending: action.pending().into(),
            error: self.error.into(),
            on_confirm: Callback::new(move |()| self.start(action, input.clone())),
            on_close: close,
        }
    }
}

impl Flows {
    fn server_name(self, id: u64, fallback: &str) -> String {
        let name = self
            .board
            .with_store(|store| store.server(id).map(|s| s.name.clone()))
            .unwrap_or_else(|| fallback.to_owned());
        display_name(self.t, &name, id)
    }

    /// The API's own words on a change it accepted, where they are in the panel's language
    /// (the provider writes them in English); else the panel's.
    fn news(self, api_words: Option<String>, own: Text) -> String {
        api_words
            .filter(|_| self.t == Locale::En)
            .unwrap_or_else(|| own.into_owned())
    }

    async fn create(self, new: NewSnapshot) {
        match self.create_one(&new).await {
            Ok((snapshot, message)) => self.created(snapshot, message),
            Err(error) => self.refused(new.server_id, error).await,
        }
    }

    /// Shows why a change of `server_id` was refused; when the refusal shows that the page is
    /// out of date (the snapshot went, the server filled up or is being restored), reads that
    /// server again, so that the page behind the dialog shows what the API holds.
    async fn refused(self, server_id: u64, error: ApiError) {
        let stale = error.shows_a_stale_view();
        self.error.set(Some(error));
        if stale {
            self.board.reread_server(server_id).await;
            self.board.reread_snapshots_of(server_id).await;
        }
    }

    /// Creates `new`: the snapshot and the API's words on it, or why not. A missing answer is
    /// checked against the list for a snapshot of that name that was not there before (names
    /// need not be unique: an older one proves nothing).
    async fn create_one(self, new: &NewSnapshot) -> Result<(Snapshot, Option<String>), ApiError> {
        let server_id = new.server_id;
        let change = Change::Create {
            server_id,
            name: new.name.clone(),
        };
        let reread = || self.board.reread_snapshots_of(server_id);
        let mut before = BTreeSet::new();
        self.board.with_store(|store| {
            before.extend(store.snapshots_of(server_id).map(|s| s.id));
        });
        if let Some((listed, earlier)) = self.look_first(&change, reread).await? {
            before = earlier;
            if let Some(made) = listed.into_iter().find(|s| is_new(s, new, &before)) {
                return Ok((made, None));
            }
        }
        let error = match self.board.client().create_snapshot(new).await {
            Ok(created) => return Ok((created.snapshot, created.message)),
            Err(error) => error,
        };
        let Some(why) = error.no_answer() else {
            return Err(error);
        };
        let is_it = |s: &Snapshot| is_new(s, new, &before);
        let listed = look_again(reread, |list| list.iter().any(is_it)).await;
        let seen = match listed.map(|list| list.into_iter().find(is_it)) {
            Some(Some(made)) => return Ok((made, None)),
            Some(None) => Unconfirmed::NotCreated {
                name: new.name.clone(),
                server: self.server_name(server_id, ""),
            },
            None => Unconfirmed::Unchecked,
        };
        Err(self.unsure_of(change, why, before, seen))
    }

    /// Remembers `change`, which the API did not show (`seen`) after its answer went missing
    /// (`why`), so that confirming it again looks first; and says so.
    fn unsure_of(
        self,
        change: Change,
        why: NoAnswer,
        before: BTreeSet<u64>,
        seen: Unconfirmed,
    ) -> ApiError {
        self.unsure.set_value(Some(Unsure {
            change,
            why,
            before,
        }));
        ApiError::Unconfirmed(why, seen)
    }

    /// What the API shows now, by `read`, when `change` is confirmed again after its answer
    /// went missing (see [`Unsure`]), with the snapshots its server had before it was first
    /// asked for. `Ok(None)` when it is not such a change: it is simply sent.
    async fn look_first<T, Read: Future<Output = Option<T>>>(
        self,
        change: &Change,
        read: impl FnOnce() -> Read,
    ) -> Result<Option<(T, BTreeSet<u64>)>, ApiError> {
        let unsure = self
            .unsure
            .try_update_value(|slot| slot.take_if(|unsure| unsure.change == *change))
            .flatten();
        let Some(Unsure { why, before, .. }) = unsure else {
            return Ok(None);
        };
        match read().await {
            Some(seen) => Ok(Some((seen, before))),
            None => Err(self.unsure_of(change.clone(), why, before, Unconfirmed::Unchecked)),
        }
    }

    fn created(self, snapshot: Snapshot, message: Option<String>) {
        let message = self.news(message, self.t.being_created());
        self.board.add_snapshot(snapshot.clone());
        self.close.run(());
        let topic = Topic::Snapshot {
            server_id: snapshot.server.id,
            name: snapshot.name.clone(),
        };
        self.notices
            .say_about(topic, Tone::Info, self.t.about(&snapshot.name, &message));
        self.host.snapshot_created(&snapshot);
    }

    async fn restore(self, request: RestoreRequest) {
        let RestoreRequest {
            snapshot,
            safety_first,
        } = request;
        let run = self.restore_run.get_value().wrapping_add(1);
        self.restore_run.set_value(run);
        let live = move || self.restore_run.try_get_value() == Some(run);
        self.restoring.set(true);
        let change = Change::Restore {
            snapshot_id: snapshot.id,
        };
        let server_id = snapshot.server.id;
        let ready = match self
            .look_first(&change, || self.board.reread_server(server_id))
            .await
        {
            // Its first confirmation started it: no safety snapshot now, nothing sent again.
            Ok(Some((server, _))) if is_restoring(&server) => {
                self.restore_started(&snapshot, None);
                false
            }
            Ok(_) => match safety_first {
                Some(name) => self.take_safety_snapshot(&snapshot, name, live).await,
                None => true,
            },
            Err(error) => {
                self.error.set(Some(error));
                false
            }
        };
        if ready {
            self.restore_now(snapshot).await;
        }
        if live() {
            self.restoring.set(false);
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
        self.safety.set(SafetyState::Waiting {
            name: name.clone(),
            server: server.clone(),
        });
        let description = t.safety_description(&target.name).into_owned();
        let new = NewSnapshot {
            server_id,
            name: name.clone(),
            description: description_error(&description)
                .is_none()
                .then_some(description),
        };
        let created = match self.create_one(&new).await {
            Ok((created, _)) => created,
            Err(error) => {
                if live() {
                    let why = t.safety_not_taken(&error.action_message(t));
                    self.safety.set(SafetyState::Stopped(why.into_owned()));
                }
                return false;
            }
        };
        // On the board even if cancelled meanwhile: it exists, and is followed like any other.
        self.board.add_snapshot(created.clone());
        self.host.snapshot_created(&created);
        loop {
            if !live() {
                return false;
            }
            let listed = self.board.with_store(|store| {
                store
                    .snapshots_of(server_id)
                    .find(|s| s.id == created.id)
                    .cloned()
            });
            match safety_step(listed.as_ref()) {
                SafetyStep::Wait => sleep(WATCH_MS).await,
                SafetyStep::Restore => {
                    self.safety.set(SafetyState::Idle);
                    return true;
                }
                SafetyStep::Abandon(why) => {
                    let why = why.message(t, &created.name, &server).into_owned();
                    self.safety.set(SafetyState::Stopped(why));
                    return false;
                }
            }
        }
    }

    fn cancel_safety(self) {
        if let SafetyState::Waiting { name, server } = self.safety.get_untracked() {
            self.restore_run
                .update_value(|run| *run = run.wrapping_add(1));
            self.restoring.set(false);
            self.safety.set(SafetyState::Idle);
            self.notices
                .say(Tone::Info, self.t.safety_cancelled(&server, &name));
        }
    }

    async fn restore_now(self, snapshot: Snapshot) {
        let server_id = snapshot.server.id;
        let error = match self.board.client().restore_snapshot(snapshot.id).await {
            Ok(started) => return self.restore_started(&snapshot, started.message),
            Err(error) => error,
        };
        let Some(why) = error.no_answer() else {
            return self.refused(server_id, error).await;
        };
        let reread = || self.board.reread_server(server_id);
        let seen = match look_again(reread, is_restoring).await {
            Some(server) if is_restoring(&server) => {
                return self.restore_started(&snapshot, None);
            }
            Some(server) => Unconfirmed::NotRestored {
                server: display_name(self.t, &server.name, server.id),
                status: server.status.label(self.t).to_ascii_lowercase(),
            },
            None => Unconfirmed::Unchecked,
        };
        let change = Change::Restore {
            snapshot_id: snapshot.id,
        };
        let error = self.unsure_of(change, why, BTreeSet::new(), seen);
        self.error.set(Some(error));
    }

    fn restore_started(self, snapshot: &Snapshot, message: Option<String>) {
        let message = self.news(message, self.t.being_restored());
        let server = self.server_name(snapshot.server.id, &snapshot.server.name);
        self.board.mark_restoring(snapshot.server.id);
        self.close.run(());
        let topic = Topic::Restore {
            server_id: snapshot.server.id,
        };
        self.notices
            .say_about(topic, Tone::Info, self.t.about(&server, &message));
        self.host.restore_started(snapshot);
    }

    /// Deletes one snapshot and takes it off the board: `Ok(already_gone)` (a 404 means
    /// someone else deleted it first), or why not. A missing answer is checked against the list.
    async fn delete_one(self, snapshot: &Snapshot) -> Result<bool, ApiError> {
        let change = Change::Delete {
            snapshot_id: snapshot.id,
        };
        let reread = || self.board.reread_snapshots_of(snapshot.server.id);
        let gone = |list: &Vec<Snapshot>| list.iter().all(|s| s.id != snapshot.id);
        let looked = self.look_first(&change, reread).await?;
        let already_gone = if looked.is_some_and(|(listed, _)| gone(&listed)) {
            // Its first confirmation deleted it.
            false
        } else {
            match self.board.client().delete_snapshot(snapshot.id).await {
                Ok(()) => false,
                Err(ApiError::NotFound { .. }) => true,
                Err(error) => {
                    let Some(why) = error.no_answer() else {
                        return Err(error);
                    };
                    match look_again(reread, gone).await {
                        Some(listed) if gone(&listed) => false,
                        listed => {
                            let seen = match listed {
                                Some(_) => Unconfirmed::NotDeleted {
                                    name: snapshot.name.clone(),
                                },
                                None => Unconfirmed::Unchecked,
                            };
                            return Err(self.unsure_of(change, why, BTreeSet::new(), seen));
                        }
                    }
                }
            }
        };
        self.board.remove_snapshot(snapshot.id);
        Ok(already_gone)
    }

    async fn delete(self, snapshot: Snapshot) {
        match self.delete_one(&snapshot).await {
            Ok(already_gone) => self.deleted(&snapshot, already_gone),
            Err(error) => self.error.set(Some(error)),
        }
    }

    /// Deletes `list` one at a time, telling `run` how far it is, until the end or a stop;
    /// the dialog stays open to show the end, with what could not be deleted.
    async fn delete_all(self, list: Vec<Snapshot>) {
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
            self.bulk.update(|run| {
                if let Some(run) = run {
                    run.record(&snapshot.name, outcome);
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
            self.notices.say(tone, run.notice(self.t));
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

/// Whether `s` is the snapshot `new` asked for: of that name, and not among those its server
/// had `before`.
fn is_new(s: &Snapshot, new: &NewSnapshot, before: &BTreeSet<u64>) -> bool {
    s.name == new.name && !before.contains(&s.id)
}

fn is_restoring(server: &Server) -> bool {
    server.status == ServerStatus::Restoring
}

/// What the API shows after a change whose answer went missing, by `read`: read a second time, a
/// moment later, when the first read does not show the change (`shows_it`), since a read
/// replica may lag behind the write. `None` when a read failed.
async fn look_again<T, Read: Future<Output = Option<T>>>(
    read: impl Fn() -> Read,
    shows_it: impl Fn(&T) -> bool,
) -> Option<T> {
    let first = read().await;
    if first.as_ref().is_some_and(|seen| !shows_it(seen)) {
        sleep(LOOK_AGAIN_MS).await;
        return read().await;
    }
    first
}
