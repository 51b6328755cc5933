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
//! ([`Flows::look_first`]): the API may have made it since, after the panel stopped waiting.
//!
//! One flow a file: [`create`], [`restore`] (with its safety snapshot), [`delete`] (one or
//! several).

mod create;
mod delete;
mod restore;

use std::future::Future;

use leptos::prelude::*;
use snapshot_core::bulk::BulkRun;
use snapshot_core::format::display_name;
use snapshot_core::i18n::Text;
use snapshot_core::model::{NewSnapshot, Snapshot};
use snapshot_core::unsure::{Change, Unsure, Unsures};
use snapshot_core::{ApiError, Locale, Unconfirmed};

use crate::api::sleep;
use crate::board::Board;
use crate::browser::{self, Timer};
use crate::components::form::Confirmation;
use crate::components::restore_dialog::SafetyState;
use crate::components::selection::Selection;
use crate::host::Host;
use crate::intl::locale;
use crate::notices::Notices;

/// How long to wait before a second look at what the API shows, after a first that did not
/// show a change whose answer went missing.
const LOOK_AGAIN_MS: u64 = 2_000;

/// A restore as the person confirmed it.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoreRequest {
    /// The snapshot to restore from.
    pub snapshot: Snapshot,
    /// The safety snapshot to take first, by name, if the person wants one.
    pub safety_first: Option<String>,
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
    /// The snapshot whose restore is on its way (its safety snapshot included), if one is.
    running: RwSignal<Option<u64>>,
    /// Whether the live restore waits for its safety snapshot with its dialog closed: what
    /// becomes of it is then said in a notice.
    in_background: RwSignal<bool>,
    /// The changes whose answer went missing and that the API did not show.
    unsure: StoredValue<Unsures>,
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
            running: RwSignal::new(None),
            in_background: RwSignal::new(false),
            unsure: StoredValue::new(Unsures::default()),
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
        self.flows.forget_seen_creates();
        self.error.set(None);
        self.bulk.set(None);
        // A restore waiting on its safety snapshot in the background goes on waiting.
        if !matches!(self.safety.get_untracked(), SafetyState::Waiting { .. }) {
            self.safety.set(SafetyState::Idle);
        }
    }

    /// Closes the restore dialog while its restore waits for the safety snapshot: the page can
    /// be used meanwhile, its server says what is waiting, and a notice says how it ended.
    pub fn wait_in_background(self) {
        if matches!(self.safety.get_untracked(), SafetyState::Waiting { .. }) {
            self.flows.in_background.set(true);
            self.flows.close.run(());
            // Heard where the focus goes back to: the page says it at its top.
            if let Some((_, words)) = self.waiting_restore().get_untracked() {
                self.flows.notices.announce(words);
            }
        }
    }

    /// The restore that waits in the background for its safety snapshot, if one does: its
    /// server's name, and what the page says of it.
    pub fn waiting_restore(self) -> Signal<Option<(String, String)>> {
        let safety = self.safety;
        let flows = self.flows;
        let t = flows.t;
        Signal::derive(move || match safety.get() {
            SafetyState::Waiting {
                server, from, name, ..
            } if flows.in_background.get() => {
                let words = t.about(&server, &t.safety_waiting_here(&from.name, &name));
                Some((server, words.into_owned()))
            }
            _ => None,
        })
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

    /// The snapshot whose restore is on its way, if one is. Unlike the action's own `pending`,
    /// a restore whose wait was cancelled is not, though its safety snapshot's create may still
    /// be answered.
    pub fn restore_running(self) -> Signal<Option<u64>> {
        self.flows.running.into()
    }

    /// Brings the restore from `snapshot_id` back to its dialog, opened again, if it waits in
    /// the background: the dialog then shows its wait, and Cancel or Escape cancels it there.
    pub fn to_the_front(self, snapshot_id: u64) {
        let waits = matches!(
            self.safety.get_untracked(),
            SafetyState::Waiting { from, .. } if from.id == snapshot_id
        );
        if waits {
            self.flows.in_background.set(false);
        }
    }

    /// Sends `request` unless a restore is already on its way.
    pub fn start_restore(self, request: RestoreRequest) {
        if self.flows.running.get_untracked().is_none() {
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

    /// Remembers `unsure`, a change the API did not show (`seen`) after its answer went
    /// missing, so that confirming it again looks first; and says so.
    fn unsure_of(self, unsure: Unsure, seen: Unconfirmed) -> ApiError {
        let why = unsure.why;
        let unsure = Unsure {
            at_ms: now_ms(),
            ..unsure
        };
        self.unsure.try_update_value(|all| all.remember(unsure));
        ApiError::Unconfirmed(why, seen)
    }

    /// Forgets the creates with a missing answer that the page now shows made: asked for
    /// again in a dialog opened since, they are asked for anew.
    fn forget_seen_creates(self) {
        let shown = |server_id| {
            self.board
                .with_store(|store| store.snapshots_of(server_id).cloned().collect())
        };
        self.unsure
            .try_update_value(|all| all.forget_seen_creates(shown));
    }

    /// When `change` is confirmed again after its answer went missing: what the panel
    /// remembers of it, and what the API shows now, by `read`. `Ok(None)` when there is
    /// nothing to look for, and the change is simply sent; an error when `read` failed.
    async fn look_first<T, Read: Future<Output = Option<T>>>(
        self,
        change: &Change,
        read: impl FnOnce() -> Read,
    ) -> Result<Option<(Unsure, T)>, ApiError> {
        let unsure = self
            .unsure
            .try_update_value(|all| all.take(change, now_ms()))
            .flatten();
        let Some(unsure) = unsure else {
            return Ok(None);
        };
        match read().await {
            Some(seen) => Ok(Some((unsure, seen))),
            None => Err(self.unsure_of(unsure, Unconfirmed::Unchecked)),
        }
    }
}

fn now_ms() -> u64 {
    // A float to an integer saturates: a clock before 1970 reads 0.
    browser::now_ms() as u64
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
