//! Who is signed in, and where the API token comes from.
//!
//! The token lives in memory. Only when the person ticks "remember in this tab" is it kept in
//! `sessionStorage`, which the browser forgets with the tab; never in `localStorage`, never in
//! a URL, never in a log.

use leptos::prelude::*;
use snapshot_core::config::AuthMode;
use snapshot_core::model::Me;
use snapshot_core::url::ApiBase;
use snapshot_core::ApiError;

use crate::api::Client;
use crate::browser::session_storage;
use crate::host::Host;
use crate::tasks::{TaskOwner, TaskSlot};

/// Where a remembered token is kept: one per API, so that a panel pointed at another API (on
/// the same page, or later in the same tab) never sends it there.
fn storage_key(api_base: &ApiBase) -> String {
    format!("snapshot-panel:token:{}", api_base.as_str())
}

/// Where the session stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// Checking the token (or the proxy) with `account/me`.
    Checking,
    /// The panel needs a token from the person.
    SignIn,
    /// The check failed for a reason other than the token: shown with a retry.
    CheckFailed(ApiError),
    /// Ready. `me` is who the token belongs to, when the API said.
    Ready { me: Option<Me> },
}

impl SessionState {
    /// The account signed in (its email), once the API has said whose the token is.
    pub fn account(&self) -> Option<String> {
        match self {
            Self::Ready { me: Some(me) } => Some(me.account.email.clone()),
            _ => None,
        }
    }
}

/// The session. `Copy`.
#[derive(Clone, Copy)]
pub struct Session {
    pub mode: AuthMode,
    pub token: RwSignal<Option<String>>,
    pub state: RwSignal<SessionState>,
    /// Set when a request was refused with 401 in mid-session: the page stays, and a sign-in
    /// dialog (or, embedded, the host) brings a new token.
    pub expired: RwSignal<bool>,
    /// The last sign-in attempt's error, for the form.
    pub sign_in_error: RwSignal<Option<ApiError>>,
    pub checking: RwSignal<bool>,
    /// Set when the person signed in through the form or signed out: the next screen then
    /// takes focus.
    arrived_by_action: StoredValue<bool>,
    host: Host,
    /// The panel's root: checks belong to it, not to the button that asked for one, which the
    /// next screen replaces.
    owner: StoredValue<TaskOwner>,
    /// The check running: a newer one (a rotated token, Try again) replaces it.
    checks: TaskSlot,
    /// In proxy and host modes, the check that waits for the page's first load
    /// ([`Session::page_loaded`]).
    deferred: StoredValue<Option<Client>>,
    /// Where a token remembered in this tab is kept.
    storage_key: StoredValue<String>,
}

impl Session {
    /// A session with `api_base` in `mode`, starting from a host's token or a remembered one.
    pub fn new(
        api_base: &ApiBase,
        mode: AuthMode,
        host_token: RwSignal<Option<String>>,
        host: Host,
    ) -> Self {
        let storage_key = storage_key(api_base);
        // Where a token was remembered before it was kept per API: forgotten, not sent.
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item("snapshot-panel:token");
        }
        let remembered = match mode {
            AuthMode::Auto | AuthMode::Token => {
                session_storage().and_then(|s| s.get_item(&storage_key).ok().flatten())
            }
            AuthMode::Proxy | AuthMode::Host => None,
        };
        // In host mode the host's signal is the token itself, so `setToken` applies at once.
        let token = match mode {
            AuthMode::Host => host_token,
            AuthMode::Proxy => RwSignal::new(None),
            AuthMode::Auto | AuthMode::Token => {
                RwSignal::new(remembered.filter(|t| !t.trim().is_empty()))
            }
        };
        let expired = RwSignal::new(false);
        Self {
            mode,
            token,
            state: RwSignal::new(SessionState::Checking),
            expired,
            sign_in_error: RwSignal::new(None),
            checking: RwSignal::new(false),
            arrived_by_action: StoredValue::new(false),
            host,
            owner: StoredValue::new(TaskOwner::current()),
            checks: TaskSlot::new(),
            deferred: StoredValue::new(None),
            storage_key: StoredValue::new(storage_key),
        }
    }

    /// Decides how to start: check the token (or the proxy) or ask for one.
    pub fn start(self, client: Client) {
        if self.mode == AuthMode::Host {
            self.follow_host_token(client.clone());
        }
        match self.mode {
            AuthMode::Token if self.token.get_untracked().is_none() => {
                self.state.set(SessionState::SignIn)
            }
            AuthMode::Proxy | AuthMode::Host => {
                // Nothing to ask: show the panel, and learn who we are on the side once its
                // first load is in. Sooner, that answer (the name, the other tabs' channel)
                // would be handled on the way to the first rows.
                self.state.set(SessionState::Ready { me: None });
                self.deferred.set_value(Some(client));
            }
            _ => self.check(client, None),
        }
    }

    /// In host mode, each token the host hands in ends an expired session, and is checked to
    /// learn whose it is (a refused one reaches the host as `unauthorized`, like any 401).
    /// The checks run under the panel's owner, so the next rotation does not cancel one
    /// half-way.
    fn follow_host_token(self, client: Client) {
        Effect::new(move |first: Option<()>| {
            self.token.track();
            if first.is_some() {
                self.expired.set(false);
                self.check(client.clone(), None);
            }
        });
    }

    /// The page's first load is in, or failed: a check left for then runs now, unless the API
    /// refused the token on the way (the next token's check will say whose that one is).
    pub fn page_loaded(self) {
        let Some(client) = self.deferred.try_update_value(Option::take).flatten() else {
            return;
        };
        if !self.expired.get_untracked() {
            self.check(client, None);
        }
    }

    /// Checks a token with `account/me`: the one typed into the sign-in form, or else the
    /// current one.
    pub fn check(self, client: Client, candidate: Option<Candidate>) {
        let from_form = candidate.is_some();
        // This check answers what a deferred one would have.
        self.deferred.set_value(None);
        if from_form && self.checking.get_untracked() {
            return;
        }
        let previous = self.token.get_untracked();
        if let Some(Candidate { token, .. }) = &candidate {
            self.token.set(Some(token.clone()));
        }
        self.checking.set(true);
        self.checks.replace(&self.owner.get_value(), async move {
            let result = client.me().await;
            self.checking.set(false);
            match result {
                Ok(me) => {
                    if let Some(Candidate { token, remember }) = candidate {
                        self.remember_token(remember.then_some(token.as_str()));
                    }
                    self.sign_in_error.set(None);
                    self.expired.set(false);
                    // From the sign-in screen, not the dialog over a page that keeps its focus.
                    let from_screen = matches!(self.state.get_untracked(), SessionState::SignIn);
                    self.arrived_by_action.set_value(from_form && from_screen);
                    self.state.set(SessionState::Ready { me: Some(me) });
                }
                Err(error) if matches!(self.mode, AuthMode::Proxy | AuthMode::Host) => {
                    // The panel is already showing; the client reported any 401 itself.
                    let _ = error;
                }
                Err(ApiError::Unauthorized) => {
                    if from_form {
                        self.token.set(previous);
                        self.sign_in_error.set(Some(ApiError::Unauthorized));
                    } else {
                        self.token.set(None);
                        self.remember_token(None);
                    }
                    if !self.expired.get_untracked() {
                        self.state.set(SessionState::SignIn);
                    }
                }
                Err(error) if from_form => {
                    self.token.set(previous);
                    self.sign_in_error.set(Some(error));
                }
                Err(error) => self.state.set(SessionState::CheckFailed(error)),
            }
        });
    }

    /// Called on every 401: the token stopped working in mid-session.
    pub fn unauthorized(self) {
        match self.mode {
            // Once per refused token: the requests out with it each meet the 401, and the
            // host renews it once.
            AuthMode::Host if !self.expired.get_untracked() => {
                self.expired.set(true);
                self.host.emit("unauthorized", &[]);
            }
            AuthMode::Host => {}
            AuthMode::Proxy => self.expired.set(true),
            AuthMode::Auto | AuthMode::Token => {
                if matches!(self.state.get_untracked(), SessionState::Ready { .. }) {
                    self.expired.set(true);
                }
            }
        }
    }

    /// Whether the person just came to this screen by their own action: in through the
    /// sign-in form, or out by Sign out. The screen then takes the focus (asked once: it
    /// resets).
    pub fn take_arrival_focus(self) -> bool {
        let arrived = self.arrived_by_action.get_value();
        self.arrived_by_action.set_value(false);
        arrived
    }

    /// Forgets the token and goes back to sign-in. A check on its way is called off: its
    /// answer would sign the person back in.
    pub fn sign_out(self) {
        self.checks.cancel();
        self.checking.set(false);
        self.token.set(None);
        self.remember_token(None);
        self.expired.set(false);
        self.sign_in_error.set(None);
        self.arrived_by_action.set_value(true);
        self.state.set(SessionState::SignIn);
        self.host.emit("signed-out", &[]);
    }

    /// Whether the person can sign out here (not when a proxy or the host owns the token).
    pub fn can_sign_out(self) -> bool {
        matches!(self.mode, AuthMode::Auto | AuthMode::Token) && self.token.get().is_some()
    }

    /// Keeps `token` in this tab's `sessionStorage`, or with `None` forgets the one kept.
    fn remember_token(self, token: Option<&str>) {
        let Some(storage) = session_storage() else {
            return;
        };
        self.storage_key.with_value(|key| {
            let _ = match token {
                Some(token) => storage.set_item(key, token),
                None => storage.remove_item(key),
            };
        });
    }
}

/// A token typed into the sign-in form, and whether to remember it in this browser.
pub struct Candidate {
    pub token: String,
    pub remember: bool,
}
