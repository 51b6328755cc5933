//! Taking a snapshot: the create itself, and what a missing answer is checked against.

use std::collections::BTreeSet;

use leptos::prelude::*;
use snapshot_core::model::{NewSnapshot, Snapshot};
use snapshot_core::unsure::{is_new, Change, Unsure};
use snapshot_core::{ApiError, Unconfirmed};

use super::{look_again, Flows};
use crate::notices::{Tone, Topic};

impl Flows {
    pub(super) async fn create(self, new: NewSnapshot) {
        let change = Change::Create {
            server_id: new.server_id,
            name: new.name.clone(),
        };
        match self.create_one(&new, change).await {
            Ok((snapshot, message)) => self.created(snapshot, message),
            Err(error) => self.refused(new.server_id, error).await,
        }
    }

    /// Creates `new`, the `change` the person asked for: the snapshot and the API's words on
    /// it, or why not. A missing answer is checked against the list for a snapshot of that
    /// name that was not there before (the provider does not say names are unique, so an
    /// older one proves nothing).
    pub(super) async fn create_one(
        self,
        new: &NewSnapshot,
        change: Change,
    ) -> Result<(Snapshot, Option<String>), ApiError> {
        let server_id = new.server_id;
        let reread = || self.board.reread_snapshots_of(server_id);
        let mut before = self.board.with_store(|store| {
            store
                .snapshots_of(server_id)
                .map(|s| s.id)
                .collect::<BTreeSet<_>>()
        });
        if let Some((earlier, listed)) = self.look_first(&change, reread).await? {
            if let Some(made) = earlier.made_in(listed) {
                return Ok((made, None));
            }
            before = earlier.before;
        }
        let error = match self.board.client().create_snapshot(new).await {
            Ok(created) => return Ok((created.snapshot, created.message)),
            Err(error) => error,
        };
        let Some(why) = error.no_answer() else {
            return Err(error);
        };
        let is_it = |s: &Snapshot| is_new(s, &new.name, &before);
        let listed = look_again(reread, |list| list.iter().any(is_it)).await;
        let seen = match listed.map(|list| list.into_iter().find(is_it)) {
            Some(Some(made)) => return Ok((made, None)),
            Some(None) => Unconfirmed::NotCreated {
                name: new.name.clone(),
                server: self.server_name(server_id, ""),
            },
            None => Unconfirmed::Unchecked,
        };
        Err(self.unsure_of(
            Unsure {
                before,
                ..Unsure::new(change, why)
            },
            seen,
        ))
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
}
