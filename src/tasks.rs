//! Work that belongs to a part of the panel, and ends with it.
//!
//! Hand-made on purpose, and small: Leptos's `Action` runs its future to the end whatever
//! happens to the component that dispatched it, and a click handler runs under whichever owner
//! happens to be current. A [`TaskOwner`] is taken when a part of the panel is made (the page,
//! the session); every task it starts is polled only while that part lives, and is dropped the
//! moment the part is cleaned up (unmount, a screen switch), which aborts its fetch. No answer
//! can land in a part that is gone.

use std::future::Future;

use futures::future::{AbortHandle, Abortable, FutureExt};
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use leptos::task::spawn_local_scoped_with_cancellation;

/// The owner that a part's tasks belong to. Weak: it never keeps a part alive.
#[derive(Clone)]
pub struct TaskOwner(Option<WeakOwner>);

impl TaskOwner {
    /// The owner of the part being made now (call it in a component's body).
    pub fn current() -> Self {
        Self(Owner::current().map(|owner| owner.downgrade()))
    }

    /// Runs `task` under this owner, cancelled with it. Does nothing once the owner is gone.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        if let Some(owner) = self.0.as_ref().and_then(WeakOwner::upgrade) {
            owner.with(|| spawn_local_scoped_with_cancellation(task));
        }
    }

    /// Wraps `future` so that it is never polled again once this owner is cleaned up, and then
    /// yields `None`: for the futures of a Leptos `Action`, which does not cancel by itself.
    pub fn guard<F: Future + 'static>(&self, future: F) -> impl Future<Output = Option<F::Output>> {
        let (handle, registration) = AbortHandle::new_pair();
        match self.0.as_ref().and_then(WeakOwner::upgrade) {
            Some(owner) => owner.with(|| on_cleanup(move || handle.abort())),
            None => handle.abort(),
        }
        Abortable::new(future, registration).map(Result::ok)
    }
}

/// One task at a time: starting another cancels the one running. A full load that supersedes a
/// poll or an older load goes through one of these. `Copy`.
#[derive(Clone, Copy)]
pub struct TaskSlot(StoredValue<Option<AbortHandle>>);

impl TaskSlot {
    /// An empty slot, owned by the current owner.
    pub fn new() -> Self {
        Self(StoredValue::new(None))
    }

    /// Cancels the task in the slot, if any, and runs `task` in its place under `owner`.
    pub fn replace(self, owner: &TaskOwner, task: impl Future<Output = ()> + 'static) {
        self.cancel();
        let (handle, registration) = AbortHandle::new_pair();
        self.0.try_set_value(Some(handle));
        owner.spawn(async move {
            if Abortable::new(task, registration).await.is_ok() {
                self.0.try_set_value(None);
            }
        });
    }

    /// Cancels the task in the slot, if any.
    pub fn cancel(self) {
        if let Some(handle) = self.0.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    }

    /// Whether a task is running in the slot.
    pub fn is_busy(self) -> bool {
        self.0.try_with_value(Option::is_some).unwrap_or(false)
    }
}

impl Default for TaskSlot {
    fn default() -> Self {
        Self::new()
    }
}
