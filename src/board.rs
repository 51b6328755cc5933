//! What the panel knows about the person's servers and snapshots, how it loads them, and how it
//! keeps them fresh while something is running.
//!
//! Three parts, one job each: the [`Store`] (pure, in `snapshot-core`) decides what every
//! answer does to the data; the [`PollState`] (pure too) decides which server to check when,
//! each on its own schedule; the board runs the requests, keeps both in the reactive graph and
//! forwards the store's events. Signals are written only when their value really changes, so a
//! poll that brings nothing new touches nothing on screen.
//!
//! Every request runs under the page's [`TaskOwner`]: when the page goes (unmount, sign-out),
//! its loads and polls are dropped mid-flight and their fetches aborted.
//!
//! Other tabs of the same account hear what the board learns ([`Tabs`]): what this tab
//! creates, restores and deletes, and what its polls read. Only the tab that leads polls;
//! the others take its news as if they had read it themselves.

use std::time::Duration;

use leptos::prelude::*;
use snapshot_core::model::{Server, Snapshot};
use snapshot_core::poll::{Job, JobKind, Pace, PollState};
use snapshot_core::screen::by_server;
use snapshot_core::store::{Event, Loaded, RestoreClock, Store};
use snapshot_core::tabs::{channel_name, grace_ms, News};
use snapshot_core::{ApiError, Locale};

use crate::api::Client;
use crate::browser;
use crate::host::Host;
use crate::intl::locale;
use crate::keyed::{set_if_changed, Keyed};
use crate::notices::Notices;
use crate::notify::Notifier;
use crate::session::{Session, SessionState};
use crate::tabs::Tabs;
use crate::tasks::{TaskOwner, TaskSlot};

/// How the first load went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// The first load is running: the only time a loading state is shown.
    Loading,
    /// Data is on screen.
    Ready,
    /// The first load failed; the page shows the error and a retry.
    Failed(ApiError),
}

/// The panel's data and its loading state. `Copy`: every field is a signal or a stored value.
#[derive(Clone, Copy)]
pub struct Board {
    /// Servers, by id: from the servers endpoint, or made up from the snapshots if it failed.
    pub servers: RwSignal<Vec<Server>>,
    /// Every snapshot on screen, newest first.
    pub snapshots: RwSignal<Vec<Snapshot>>,
    /// The same snapshots, each server's on its own signal: what a server's section reads.
    pub snapshots_of: Keyed<Vec<Snapshot>>,
    /// The same servers, one signal each, `None` for a server that is not listed.
    pub server: Keyed<Option<Server>>,
    /// Whether `servers` came from the servers endpoint (so empty servers are listed too).
    pub servers_listed: RwSignal<bool>,
    /// Restores being followed: server id and since when (ms, this browser's clock).
    pub restoring: RwSignal<Vec<(u64, RestoreClock)>>,
    /// The first load.
    pub state: RwSignal<LoadState>,
    /// The last background refresh's error, with the data kept on screen.
    pub refresh_error: RwSignal<Option<ApiError>>,
    /// When the data was last read from the API (ms).
    pub updated_at: RwSignal<Option<f64>>,
    /// Whether the last full load failed (see [`Board::succeeded`]).
    load_failed: StoredValue<bool>,
    /// Rows the API sent that could not be read.
    pub skipped: RwSignal<usize>,
    /// Whether the last full load stopped at the page cap, so rows may be missing.
    pub incomplete: RwSignal<bool>,
    /// Which server the data is for: all of them, or one.
    pub scope: RwSignal<Option<u64>>,
    /// A full load is running (not a background poll, which must not touch the page).
    reloading: RwSignal<bool>,
    store: StoredValue<Store>,
    poll: StoredValue<PollState>,
    /// Bumped whenever the poll schedule changes, so the timer is set again.
    schedule: RwSignal<u64>,
    loads: TaskSlot,
    polls: TaskSlot,
    client: StoredValue<Client>,
    owner: StoredValue<TaskOwner>,
    notices: Notices,
    host: Host,
    /// The language its announcements are in.
    t: Locale,
    /// Told when a job ends, for a notification if the tab is in the background.
    notifier: Notifier,
    /// The other tabs of the account.
    tabs: Tabs,
    /// Whether the API refused the token in mid-session: nothing is asked until a new one.
    expired: Signal<bool>,
    /// Told when a full load ends, for the check it defers.
    session: Option<Session>,
}

impl Board {
    /// A board that reads through `client`, announces through `notices` and checks running
    /// jobs at `pace`. Its requests belong to the current owner (the page).
    pub fn new(client: Client, notices: Notices, host: Host, pace: Pace) -> Self {
        // The board hears the other tabs once it exists.
        let hear = StoredValue::new(None::<Board>);
        let api_base = client.api_base().to_owned();
        let session = use_context::<Session>();
        let board = Self {
            expired: session.map_or_else(|| Signal::stored(false), |s| s.expired.into()),
            tabs: Tabs::new(Callback::new(move |news| {
                if let Some(board) = hear.try_get_value().flatten() {
                    board.hear(news);
                }
            })),
            t: locale(),
            notifier: use_context::<Notifier>().unwrap_or_default(),
            servers: RwSignal::new(Vec::new()),
            snapshots: RwSignal::new(Vec::new()),
            snapshots_of: Keyed::new(),
            server: Keyed::new(),
            servers_listed: RwSignal::new(false),
            restoring: RwSignal::new(Vec::new()),
            state: RwSignal::new(LoadState::Loading),
            refresh_error: RwSignal::new(None),
            updated_at: RwSignal::new(None),
            load_failed: StoredValue::new(false),
            skipped: RwSignal::new(0),
            incomplete: RwSignal::new(false),
            scope: RwSignal::new(None),
            reloading: RwSignal::new(false),
            store: StoredValue::new(Store::default()),
            poll: StoredValue::new(PollState::new(pace)),
            schedule: RwSignal::new(0),
            loads: TaskSlot::new(),
            polls: TaskSlot::new(),
            client: StoredValue::new(client),
            owner: StoredValue::new(TaskOwner::current()),
            notices,
            host,
            session,
        };
        hear.set_value(Some(board));
        // The other tabs of the account, once the API has said whose the token is (in proxy
        // and host modes that comes after the page shows).
        if let Some(session) = session {
            Effect::new(move |_| {
                let account = session.state.with(SessionState::account);
                if let Some(channel) = account.and_then(|a| channel_name(&api_base, &a)) {
                    board.tabs.connect(channel);
                }
            });
        }
        board
    }

    /// The client, for the page's actions.
    pub fn client(&self) -> Client {
        self.client.get_value()
    }

    /// The owner the page's tasks belong to.
    pub fn owner(&self) -> TaskOwner {
        self.owner.get_value()
    }

    /// Whether a full load (first load, Refresh, a new view) is running. Background polls
    /// do not count: a poll that brings nothing new must change nothing on the page.
    pub fn busy_loading(&self) -> Signal<bool> {
        self.reloading.into()
    }

    /// Reads the current picture.
    pub fn with_store<T>(&self, read: impl FnOnce(&Store) -> T) -> T {
        self.store.with_value(read)
    }

    /// Refresh, as the person asks for it: a full load already on its way is left to finish,
    /// since pressing again would only send its requests again. (A load waiting to retry has
    /// its own "Try again now", which [`Board::reload`]s.)
    pub fn refresh(self) {
        if !self.reloading.get_untracked() {
            self.reload();
        }
    }

    /// Loads everything in `scope` again, keeping what is on screen until the answer comes.
    /// A load asked while another load or a poll runs replaces it: the newest view wins, and
    /// a full load answers everything a poll would have.
    pub fn reload(self) {
        self.polls.cancel();
        self.reloading.set(true);
        let scope = self.scope.get_untracked();
        self.tabs.follow_scope(scope);
        let client = self.client();
        self.loads.replace(&self.owner(), async move {
            let result = load(&client, scope).await;
            self.reloading.set(false);
            match result {
                Ok((loaded, listed)) => {
                    set_if_changed(&self.skipped, listed.skipped);
                    set_if_changed(&self.incomplete, listed.incomplete);
                    self.change(|store, now| store.load(loaded, scope, now));
                    let now = browser::now_ms();
                    self.poll.update_value(|poll| poll.all_succeeded(now));
                    self.load_failed.set_value(false);
                    self.succeeded();
                    set_if_changed(&self.state, LoadState::Ready);
                }
                Err(error) => self.fail_load(error),
            }
            if let Some(session) = self.session {
                session.page_loaded();
            }
        });
    }

    /// Applies one change to the store, puts the result on screen, follows what now runs, and
    /// announces what the change finished.
    fn change(self, apply: impl FnOnce(&mut Store, f64) -> Vec<Event>) {
        let now = browser::now_ms();
        let Some(events) = self.store.try_update_value(|store| apply(store, now)) else {
            return;
        };
        self.store.with_value(|store| {
            set_if_changed(&self.snapshots, store.snapshots().to_vec());
            set_if_changed(&self.servers, store.servers().to_vec());
            self.snapshots_of.set_all(by_server(store.snapshots()));
            self.server
                .set_all(store.servers().iter().map(|s| (s.id, Some(s.clone()))));
            set_if_changed(&self.servers_listed, store.servers_listed());
            let restoring: Vec<(u64, RestoreClock)> = store
                .servers()
                .iter()
                .filter_map(|s| store.restore_clock(s.id).map(|clock| (s.id, clock)))
                .collect();
            set_if_changed(&self.restoring, restoring);
            let jobs = store.jobs();
            self.poll.update_value(|poll| poll.follow(&jobs, now));
        });
        self.schedule.update(|n| *n = n.wrapping_add(1));
        for event in events {
            self.announce(event);
        }
    }

    fn announce(self, event: Event) {
        let text = event.message(self.t);
        if event.ends_a_job() {
            self.notifier.job_ended(&text);
        }
        match event.topic() {
            Some(topic) => self.notices.say_about(topic, event.tone(), text),
            None => self.notices.say(event.tone(), text),
        }
        if let Event::Restored(server) = event {
            self.host.restore_finished(&server);
        }
    }

    /// A read succeeded. After a full load that failed, a poll of one server has not read the
    /// rest: the load's error stays, and the list does not count as updated.
    fn succeeded(self) {
        if self.load_failed.get_value() {
            return;
        }
        self.updated_at.set(Some(browser::now_ms()));
        let failing = self.poll.with_value(PollState::has_failures);
        if !failing {
            set_if_changed(&self.refresh_error, None);
        }
    }

    fn fail_load(self, error: ApiError) {
        if let Some(secs) = error.retry_after_secs() {
            let now = browser::now_ms();
            self.poll.update_value(|poll| poll.keep_quiet(now, secs));
        }
        if matches!(self.state.get_untracked(), LoadState::Ready) {
            self.load_failed.set_value(true);
            set_if_changed(&self.refresh_error, Some(error));
            // The polls that waited for this load go on with what is on screen.
            self.schedule.update(|n| *n = n.wrapping_add(1));
        } else {
            self.state.set(LoadState::Failed(error));
        }
    }

    /// Polls while something runs: sets one timer for the next job due, again whenever the
    /// schedule, `paused` (a background tab), the lead among the tabs or the load state
    /// changes. Cleans it up with its owner.
    pub fn keep_fresh(self, paused: Signal<bool>) {
        // A tab that would poll asks to lead; one that would not (in the background, still
        // loading, or signed out by a 401) lets another lead.
        let can_poll = move || matches!(self.state.get(), LoadState::Ready) && !self.expired.get();
        Effect::new(move |_| self.tabs.want(!paused.get() && can_poll()));
        let leads = self.tabs.leads;
        let timer = browser::Timer::new();
        Effect::new(move |_| {
            self.schedule.track();
            let leads = leads.get();
            timer.stop();
            if paused.get() || !can_poll() {
                return;
            }
            // A tab that does not lead hears the leader's reads; it checks itself only a job
            // it has heard nothing of for a while.
            if let Some(due) = self.poll.with_value(PollState::next_due_ms) {
                let delay =
                    (due + grace_ms(leads) - browser::now_ms()).clamp(0.0, 3_600_000.0) as u64;
                timer.start(Duration::from_millis(delay), move || self.poll_due(leads));
            }
        });
    }

    /// The tab is back in front: checks every running job now.
    pub fn catch_up(self) {
        let now = browser::now_ms();
        self.poll.update_value(|poll| poll.all_due(now));
        self.schedule.update(|n| *n = n.wrapping_add(1));
    }

    /// Whether the API asked, by a `Retry-After`, to be left alone for now.
    pub fn is_asked_to_wait(self) -> bool {
        let now = browser::now_ms();
        self.poll.with_value(|poll| poll.is_quiet_at(now))
    }

    /// Whether anything on screen is being followed.
    pub fn is_following(self) -> bool {
        !self.poll.with_value(PollState::is_idle)
    }

    /// Checks the jobs that are due (for a tab that does not lead, well overdue), one request
    /// at a time, each server on its own: one that fails backs off alone, one that is gone is
    /// dropped, and each answer lands as it comes. A 429 ends the round: the rest wait out
    /// its `Retry-After`. A 401 stops the polling until the new token, whose reload sets it
    /// going again.
    fn poll_due(self, leads: bool) {
        if self.loads.is_busy() || self.polls.is_busy() {
            return;
        }
        let due = self
            .poll
            .with_value(|poll| poll.due(browser::now_ms() - grace_ms(leads)));
        if due.is_empty() {
            self.schedule.update(|n| *n = n.wrapping_add(1));
            return;
        }
        let client = self.client();
        self.polls.replace(&self.owner(), async move {
            for job in due {
                match self.check(&client, job).await {
                    Round::GoOn => {}
                    Round::Wait => break,
                    Round::Stop => return,
                }
            }
            self.schedule.update(|n| *n = n.wrapping_add(1));
        });
    }

    /// Checks one job and applies the answer, and says whether the round goes on.
    async fn check(self, client: &Client, job: Job) -> Round {
        let id = job.server_id;
        let asked_at_ms = Some(browser::now_ms());
        let outcome = match job.kind {
            JobKind::Creating => client.list_snapshots(Some(id)).await.map(|listed| {
                self.read_snapshots_of(id, listed.items, asked_at_ms);
            }),
            JobKind::Restoring => match client.get_server(id).await {
                Ok(server) => {
                    self.read_server(server, asked_at_ms);
                    Ok(())
                }
                Err(ApiError::NotFound { .. }) => {
                    self.tabs.tell(&News::ServerGone { server_id: id });
                    self.change(|store, _| store.remove_server(id));
                    Ok(())
                }
                Err(error) => Err(error),
            },
        };
        let now = browser::now_ms();
        match outcome {
            Ok(()) => {
                self.poll
                    .update_value(|poll| poll.succeeded(id, job.kind, now));
                self.succeeded();
                Round::GoOn
            }
            Err(ApiError::Unauthorized) => Round::Stop,
            Err(error) => {
                let wait = error.retry_after_secs();
                let jitter = browser::random();
                self.poll
                    .update_value(|poll| poll.failed(id, job.kind, now, wait, jitter));
                let next = if matches!(error, ApiError::RateLimited { .. }) {
                    Round::Wait
                } else {
                    Round::GoOn
                };
                set_if_changed(&self.refresh_error, Some(error));
                next
            }
        }
    }

    /// Shows a snapshot the API just accepted, at once, as it came back.
    pub fn add_snapshot(self, snapshot: Snapshot) {
        self.tell_and_apply(News::Created { snapshot });
    }

    /// Takes a snapshot off the screen, and keeps it off through lists that still show it.
    pub fn remove_snapshot(self, snapshot_id: u64) {
        let server = self.with_store(|store| {
            store
                .snapshots()
                .iter()
                .find(|s| s.id == snapshot_id)
                .map(|s| s.server.id)
        });
        // One no longer on screen is not news to the others; it is still kept off here.
        let news = News::Deleted {
            snapshot_id,
            server_id: server.unwrap_or_default(),
        };
        if server.is_some() {
            self.tabs.tell(&news);
        }
        self.apply(news);
    }

    /// Marks a server as restoring, after the API accepted a restore.
    pub fn mark_restoring(self, server_id: u64) {
        self.tell_and_apply(News::RestoreStarted { server_id });
    }

    /// Puts a server's snapshots, as just read, on screen, and tells the other tabs.
    fn read_snapshots_of(self, server_id: u64, snapshots: Vec<Snapshot>, asked_at_ms: Option<f64>) {
        self.tell_and_apply(News::SnapshotsOf {
            server_id,
            snapshots,
            asked_at_ms,
        });
    }

    /// Puts a server, as read by a request sent at `asked_at_ms`, on screen, and tells the
    /// other tabs.
    fn read_server(self, server: Server, asked_at_ms: Option<f64>) {
        self.tell_and_apply(News::Server {
            server,
            asked_at_ms,
        });
    }

    fn tell_and_apply(self, news: News) {
        self.tabs.tell(&news);
        self.apply(news);
    }

    /// What another tab learned: taken as if this tab had read or done it, once its own first
    /// load is on screen, and only if it is about the view shown.
    fn hear(self, news: News) {
        let ready = matches!(self.state.try_get_untracked(), Some(LoadState::Ready));
        if !ready || !news.concerns(self.scope.get_untracked()) {
            return;
        }
        // A read by the leading tab counts as this tab's own check of that job.
        let checked = match &news {
            News::SnapshotsOf { server_id, .. } => Some((*server_id, JobKind::Creating)),
            News::Server { server, .. } => Some((server.id, JobKind::Restoring)),
            _ => None,
        };
        self.apply(news);
        if let Some((id, kind)) = checked {
            let now = browser::now_ms();
            self.poll.update_value(|poll| poll.succeeded(id, kind, now));
            self.succeeded();
        }
    }

    /// Applies one piece of news to the store.
    fn apply(self, news: News) {
        self.change(|store, now| match news {
            News::Created { snapshot } => {
                store.add_created(snapshot, now);
                Vec::new()
            }
            News::Deleted { snapshot_id, .. } => {
                store.remove_deleted(snapshot_id, now);
                Vec::new()
            }
            News::RestoreStarted { server_id } => {
                store.mark_restoring(server_id, now);
                Vec::new()
            }
            News::SnapshotsOf {
                server_id,
                snapshots,
                asked_at_ms,
            } => store.update_snapshots_of(server_id, snapshots, asked_at_ms, now),
            News::Server {
                server,
                asked_at_ms,
            } => store.update_server(server, asked_at_ms, now),
            News::ServerGone { server_id } => store.remove_server(server_id),
        });
    }

    /// Reads one server's snapshots again and puts them on screen: after an action whose
    /// outcome is unknown. Returns them, or `None` if they could not be read.
    pub async fn reread_snapshots_of(self, server_id: u64) -> Option<Vec<Snapshot>> {
        let asked_at_ms = Some(browser::now_ms());
        let listed = self.client().list_snapshots(Some(server_id)).await.ok()?;
        let items = listed.items.clone();
        self.read_snapshots_of(server_id, listed.items, asked_at_ms);
        Some(items)
    }

    /// Reads one server again and puts it on screen. Returns it, or `None`.
    pub async fn reread_server(self, server_id: u64) -> Option<Server> {
        let asked_at_ms = Some(browser::now_ms());
        let server = self.client().get_server(server_id).await.ok()?;
        self.read_server(server.clone(), asked_at_ms);
        Some(server)
    }

    /// The clock of a server's restore, if the panel is following it.
    pub fn restore_clock(self, server_id: u64) -> Option<RestoreClock> {
        self.restoring
            .read()
            .iter()
            .find(|(id, _)| *id == server_id)
            .map(|(_, clock)| *clock)
    }
}

/// What a poll round does after one check.
enum Round {
    /// On to the next job due.
    GoOn,
    /// The API asked to slow down: the rest wait for the next round.
    Wait,
    /// The token was refused: polling stops until the session has a new one.
    Stop,
}

/// How complete a full load's snapshot list was.
struct Completeness {
    skipped: usize,
    incomplete: bool,
}

/// Reads the snapshots and the servers in `scope` side by side: neither waits for the other.
async fn load(client: &Client, scope: Option<u64>) -> Result<(Loaded, Completeness), ApiError> {
    let asked_at_ms = Some(browser::now_ms());
    let servers = async {
        match scope {
            None => client.list_servers().await.map(|listed| listed.items),
            Some(id) => client.get_server(id).await.map(|server| vec![server]),
        }
    };
    let (listed, servers) = futures::future::join(client.list_snapshots(scope), servers).await;
    let listed = listed?;
    let servers = match (scope, servers) {
        (Some(id), Err(ApiError::NotFound { .. })) if listed.items.is_empty() => {
            return Err(ApiError::NoSuchServer { id });
        }
        (_, servers) => servers,
    };
    let servers = match servers {
        Ok(servers) => Some(servers),
        Err(ApiError::Unauthorized) => return Err(ApiError::Unauthorized),
        // The servers endpoint is a convenience: group by each snapshot's server instead.
        Err(_) => None,
    };
    let summary = Completeness {
        skipped: listed.skipped,
        incomplete: listed.incomplete,
    };
    Ok((
        Loaded {
            snapshots: listed.items,
            servers,
            asked_at_ms,
        },
        summary,
    ))
}
