//! The one error type the panel knows, and every sentence a person reads about a failure.

use crate::format::format_seconds_short;
use crate::i18n::Locale;
use crate::validate::SNAPSHOTS_PER_SERVER;

/// Field errors from a DRF-style body: `{"name": ["..."], "non_field_errors": ["..."]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldErrors {
    /// Messages by field name, in the order the API sent them.
    pub fields: Vec<(String, Vec<String>)>,
    /// Messages that belong to no one field.
    pub non_field: Vec<String>,
}

impl FieldErrors {
    /// The messages for one field, if the API named it.
    pub fn for_field(&self, field: &str) -> Option<&[String]> {
        self.fields
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, messages)| messages.as_slice())
    }

    /// Every message that is not attached to one of `known` fields, in order: the ones a form
    /// shows at its top.
    pub fn outside(&self, known: &[&str]) -> Vec<String> {
        let mut messages = self.non_field.clone();
        for (field, field_messages) in &self.fields {
            if !known.contains(&field.as_str()) {
                messages.extend(field_messages.iter().map(|m| format!("{field}: {m}")));
            }
        }
        messages
    }

    /// True when there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.non_field.is_empty()
    }
}

/// Every way a call to the API can fail, as the UI needs to tell them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: the token is missing, wrong or expired.
    Unauthorized,
    /// 403: the token is valid but lacks a permission. Carries the API's words.
    Forbidden { detail: Option<String> },
    /// 404: the thing is not there (or not the caller's).
    NotFound { detail: Option<String> },
    /// The server a view asked for is not in the account (its page and its snapshots are 404
    /// and empty).
    NoSuchServer { id: u64 },
    /// 400 with field errors.
    Validation(FieldErrors),
    /// 400 because the server already has its 5 snapshots.
    LimitReached { detail: Option<String> },
    /// Any other refusal (a 400 with a `detail`, a 405, a 409, …), with the API's words.
    Rejected { status: u16, detail: Option<String> },
    /// 429, with how long to wait if the API said.
    RateLimited { retry_after_secs: Option<u64> },
    /// 5xx, including a proxy's HTML error page (never shown).
    Server { status: u16, detail: Option<String> },
    /// The browser says it is offline.
    Offline,
    /// The request never got an answer: DNS, refused or dropped connection, CORS.
    Network,
    /// No answer within the configured time.
    Timeout,
    /// An answer the panel could not read. `excerpt` is short, tag-free text, safe to show
    /// (empty for JSON, which is never shown).
    Malformed { status: u16, excerpt: String },
    /// A list's next page is outside the API's path: the panel does not send the token there.
    ForeignLink,
    /// A change whose answer went missing (see [`ApiError::no_answer`]), and what the API
    /// showed when the panel looked again.
    Unconfirmed(NoAnswer, Unconfirmed),
}

/// How the answer to a change went missing, so that the panel cannot tell whether it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoAnswer {
    /// The connection broke after the request left (the API goes on without it), or the API
    /// said yes in words the panel could not read. The change may show later.
    Lost,
    /// Nobody waited long enough: the panel's own time ran out, or a proxy's (504). The API
    /// may still be working on it, and make the change after the panel has looked.
    Late,
    /// The API failed while answering (500), or died and its proxy said so (502): it may have
    /// saved the change first, but does nothing more about it.
    Failed(u16),
}

impl NoAnswer {
    /// Whether the API may still make the change after the panel has looked.
    pub fn may_still_happen(self) -> bool {
        !matches!(self, Self::Failed(_))
    }
}

/// What the API showed after a change whose answer went missing, when it did not show the
/// change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unconfirmed {
    /// The server's list has no snapshot of that name.
    NotCreated { name: String, server: String },
    /// The server is not restoring.
    NotRestored { server: String, status: String },
    /// The snapshot is still listed.
    NotDeleted { name: String },
    /// Confirmed again, the restore's server is not restoring but has changed since the panel
    /// looked: the first may have run already.
    ServerChanged { server: String },
    /// The panel could not read what the API shows now either.
    Unchecked,
}

impl ApiError {
    /// The sentence a person reads. Every error sentence in the panel is chosen here, but for
    /// a token refused at sign-in, which the sign-in form words as such.
    pub fn message(&self, t: Locale) -> String {
        let text = match self {
            Self::Unauthorized => t.err_unauthorized(),
            Self::Forbidden {
                detail: Some(detail),
            } => t.err_forbidden_because(detail),
            Self::Forbidden { detail: None } => t.err_forbidden(),
            Self::NotFound { .. } => t.err_not_found(),
            Self::NoSuchServer { id } => t.err_no_such_server(*id),
            Self::Validation(errors) => match errors.outside(&[]).first() {
                Some(first) => t.err_refused_because(first),
                None => t.err_refused(),
            },
            Self::LimitReached { .. } => t.err_limit(SNAPSHOTS_PER_SERVER),
            Self::Rejected {
                detail: Some(detail),
                ..
            } => detail.clone().into(),
            Self::Rejected {
                status,
                detail: None,
            } => t.err_refused_status(*status),
            Self::RateLimited {
                retry_after_secs: Some(secs),
            } => t.err_busy_retrying_in(&format_seconds_short(*secs)),
            Self::RateLimited {
                retry_after_secs: None,
            } => t.err_busy_retrying(),
            Self::Server { status, .. } => t.err_server(*status),
            Self::Offline => t.err_offline(),
            Self::Network => t.err_network(),
            Self::Timeout => t.err_timeout(),
            Self::Malformed { status, .. } => t.err_malformed(*status),
            Self::ForeignLink => t.err_foreign_link(),
            Self::Unconfirmed(why, seen) => {
                let still = why.may_still_happen();
                let what = match seen {
                    Unconfirmed::NotCreated { name, server } if still => {
                        t.err_not_created_yet(server, name)
                    }
                    Unconfirmed::NotCreated { name, server } => t.err_not_created(server, name),
                    Unconfirmed::NotRestored { server, status } if still => {
                        t.err_not_restored_yet(server, status)
                    }
                    Unconfirmed::NotRestored { server, status } => {
                        t.err_not_restored(server, status)
                    }
                    Unconfirmed::NotDeleted { name } if still => t.err_not_deleted_yet(name),
                    Unconfirmed::NotDeleted { name } => t.err_not_deleted(name),
                    Unconfirmed::ServerChanged { server } => t.err_server_changed(server),
                    Unconfirmed::Unchecked => t.err_unchecked(),
                };
                let how = match why {
                    NoAnswer::Lost => t.err_answer_lost(),
                    NoAnswer::Late => t.err_answer_late(),
                    NoAnswer::Failed(status) => t.err_answer_failed(*status),
                };
                format!("{how} {what}").into()
            }
        };
        text.into_owned()
    }

    /// The sentence for an action the person started (a form, a confirmation): the same as
    /// [`ApiError::message`], except that nothing is retried for them, so a rate limit says
    /// when to try again rather than that the panel will, and being offline says that nothing
    /// was sent.
    pub fn action_message(&self, t: Locale) -> String {
        match self {
            Self::RateLimited {
                retry_after_secs: Some(secs),
            } => t.err_busy_try_in(&format_seconds_short(*secs)).into_owned(),
            Self::RateLimited {
                retry_after_secs: None,
            } => t.err_busy_try().into_owned(),
            Self::Offline => t.err_offline_not_sent().into_owned(),
            other => other.message(t),
        }
    }

    /// The sentence for a read the person asked for that failed (a load, a Refresh): when to
    /// try again after a rate limit, as for an action; but offline the panel does read again
    /// once the browser is back, and says so.
    pub fn load_message(&self, t: Locale) -> String {
        match self {
            Self::Offline => self.message(t),
            other => other.action_message(t),
        }
    }

    /// A short technical detail to show under the message, if any: the safe excerpt of an
    /// unreadable answer, or the API's own words where the message does not already say them.
    pub fn detail(&self, t: Locale) -> Option<String> {
        match self {
            Self::Malformed { excerpt, .. } if !excerpt.is_empty() => {
                Some(t.err_it_began(excerpt).into_owned())
            }
            Self::Server { detail, .. }
            | Self::NotFound { detail }
            | Self::LimitReached { detail } => detail.clone(),
            _ => None,
        }
    }

    /// Whether trying the same request again later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. }
                | Self::Server { .. }
                | Self::Offline
                | Self::Network
                | Self::Timeout
                | Self::Malformed { .. }
        )
    }

    /// Whether the API refused a change for what it holds now (the snapshot is gone, the
    /// server is full or in the wrong state, the name is taken): the panel's picture of that
    /// server is out of date, and is read again.
    pub fn shows_a_stale_view(&self) -> bool {
        matches!(
            self,
            Self::NotFound { .. }
                | Self::LimitReached { .. }
                | Self::Rejected { .. }
                | Self::Validation(_)
        )
    }

    /// How a request that changes something may have gone through although no answer said
    /// so (see [`NoAnswer`]); `None` when the answer says what happened. Such a request must
    /// not be sent again blindly: the panel reads what the API now shows. A 503 is not one:
    /// it says the API is not taking requests.
    pub fn no_answer(&self) -> Option<NoAnswer> {
        match self {
            Self::Network => Some(NoAnswer::Lost),
            Self::Timeout => Some(NoAnswer::Late),
            Self::Server { status: 504, .. } => Some(NoAnswer::Late),
            Self::Server {
                status: status @ (500 | 502),
                ..
            } => Some(NoAnswer::Failed(*status)),
            Self::Malformed { status, .. } if (200..300).contains(status) => Some(NoAnswer::Lost),
            _ => None,
        }
    }

    /// How long the API asked us to wait, if it did.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Self::RateLimited { retry_after_secs } => *retry_after_secs,
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Locale::En))
    }
}

impl std::error::Error for ApiError {}
