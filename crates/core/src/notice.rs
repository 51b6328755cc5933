//! What a notice is: how it reads, and what it is about, so that a later notice about the same
//! thing takes its place (a job's end replaces the notice of its start). Each [`Event`] of the
//! store says which, and whether it ends a job, which a system notification may tell of.

use crate::model::SnapshotStatus;
use crate::poll::Finished;
use crate::store::Event;

/// How a notice reads: good news, news, or a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Info,
    Problem,
}

/// What a notice is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Topic {
    /// A snapshot, by its server and name.
    Snapshot { server_id: u64, name: String },
    /// A server's restore.
    Restore { server_id: u64 },
}

impl Event {
    /// A snapshot that completed, or a restore that ended: good news; a snapshot that ended
    /// any other way: a problem; a server that went: news.
    pub fn tone(&self) -> Tone {
        match self {
            Self::Finished(Finished::Snapshot {
                status: SnapshotStatus::Completed,
                ..
            })
            | Self::Restored(_) => Tone::Success,
            Self::Finished(_) => Tone::Problem,
            Self::ServerGone(_) => Tone::Info,
        }
    }

    /// The job it ends, whose earlier notices it replaces; `None` for a server that went.
    pub fn topic(&self) -> Option<Topic> {
        match self {
            Self::Finished(Finished::Snapshot { name, server, .. }) => Some(Topic::Snapshot {
                server_id: server.id,
                name: name.clone(),
            }),
            Self::Finished(Finished::Restore { server, .. }) => Some(Topic::Restore {
                server_id: server.id,
            }),
            Self::Restored(server) => Some(Topic::Restore {
                server_id: server.id,
            }),
            Self::ServerGone(_) => None,
        }
    }

    /// Whether it ends a job the person may be waiting on in another tab.
    pub fn ends_a_job(&self) -> bool {
        self.topic().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Server, ServerRef, ServerStatus};

    fn web() -> ServerRef {
        ServerRef {
            id: 12345,
            name: "web-server-01".to_owned(),
        }
    }

    fn snapshot_ended(status: SnapshotStatus) -> Event {
        Event::Finished(Finished::Snapshot {
            name: "nightly".to_owned(),
            server: web(),
            status,
        })
    }

    #[test]
    fn a_snapshot_that_completed_is_good_news_and_any_other_end_a_problem() {
        assert_eq!(
            snapshot_ended(SnapshotStatus::Completed).tone(),
            Tone::Success
        );
        for status in [
            SnapshotStatus::Failed,
            SnapshotStatus::Other("deleting".to_owned()),
        ] {
            assert_eq!(snapshot_ended(status).tone(), Tone::Problem);
        }
        let nightly = Topic::Snapshot {
            server_id: 12345,
            name: "nightly".to_owned(),
        };
        let ended = snapshot_ended(SnapshotStatus::Failed);
        assert_eq!(ended.topic(), Some(nightly));
        assert!(ended.ends_a_job());
    }

    #[test]
    fn a_restore_that_ended_is_good_news_about_its_server() {
        let restored = Event::Restored(Server {
            status: ServerStatus::Active,
            ..Server::placeholder(12345, "web-server-01".to_owned())
        });
        assert_eq!(restored.tone(), Tone::Success);
        assert_eq!(restored.topic(), Some(Topic::Restore { server_id: 12345 }));
        assert!(restored.ends_a_job());
    }

    #[test]
    fn a_server_that_went_is_news_of_no_job() {
        let gone = Event::ServerGone(web());
        assert_eq!(gone.tone(), Tone::Info);
        assert_eq!(gone.topic(), None);
        assert!(!gone.ends_a_job());
    }
}
