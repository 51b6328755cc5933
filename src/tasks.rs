//! Work that belongs to a part of the panel, and ends with it.
//!
//! Hand-made on purpose, and small: Leptos's `Action` runs its future to the end whatever
//! happens to the component that dispatched it, and a click handler runs under whichever owner
//! happens to be current. A [`TaskOwner`] is taken when a part of the panel is made (the page,
//! the session); every task it starts is polled only while that part lives, and is dropped the
//! moment the part is cleaned up (unmount, a screen switch), which aborts its fetch. No answer
//! can land in a part that is gone.

use std::future::Future;
use std::sync::{Arc, Mutex};

use futures::future::{AbortHandle, Abortable, FutureExt};
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use leptos::task::spawn_local_scoped;

/// The owner that a part's tasks belong to. Weak: it never keeps a part alive.
///
/// Its running tasks are kept in one list, aborted together when the part is cleaned up; each
/// task takes itself off when it ends. (Leptos's own `spawn_local_scoped_with_cancellation`
/// adds a cleanup to the owner for every task, kept until the part goes: a page that polls
/// for a day would gather thousands.)
#[derive(Clone)]
pub struct TaskOwner {
    owner: Option<WeakOwner>,
    running: Arc<Mutex<Running>>,
}

/// The tasks of one owner that have not ended, by number.
#[derive(Default)]
struct Running {
    next: u64,
    tasks: Vec<(u64, AbortHandle)>,
}

/// A task on its owner's list, taken off when it ends or is dropped.
struct Registered {
    running: Arc<Mutex<Running>>,
    id: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut running) = self.running.lock() {
            running.tasks.retain(|(id, _)| *id != self.id);
        }
    }
}

impl TaskOwner {
    /// The owner of the part being made now (call it in a component's body, once per part).
    pub fn current() -> Self {
        let running = Arc::new(Mutex::new(Running::default()));
        let on_exit = Arc::clone(&running);
        on_cleanup(move || {
            let tasks = on_exit
                .lock()
                .map(|mut running| std::mem::take(&mut running.tasks))
                .unwrap_or_default();
            for (_, handle) in tasks {
                handle.abort();
            }
        });
        Self {
            owner: Owner::current().map(|owner| owner.downgrade()),
            running,
        }
    }

    /// How many of its tasks have not ended.
    pub fn running(&self) -> usize {
        self.running.lock().map_or(0, |running| running.tasks.len())
    }

    /// Puts a new task on the list: its registration and the abort it answers to, or `None`
    /// once the owner is gone.
    fn register(&self) -> Option<(Registered, futures::future::AbortRegistration)> {
        let _alive = self.owner.as_ref().and_then(WeakOwner::upgrade)?;
        let (handle, registration) = AbortHandle::new_pair();
        let mut running = self.running.lock().ok()?;
        let id = running.next;
        running.next = id.wrapping_add(1);
        running.tasks.push((id, handle));
        let registered = Registered {
            running: Arc::clone(&self.running),
            id,
        };
        Some((registered, registration))
    }

    /// Runs `task` under this owner, cancelled with it. Does nothing once the owner is gone.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        let Some(owner) = self.owner.as_ref().and_then(WeakOwner::upgrade) else {
            return;
        };
        let Some((registered, registration)) = self.register() else {
            return;
        };
        owner.with(|| {
            spawn_local_scoped(async move {
                let _ = Abortable::new(task, registration).await;
                drop(registered);
            })
        });
    }

    /// Wraps `future` so that it is never polled again once this owner is cleaned up, and then
    /// yields `None`: for the futures of a Leptos `Action`, which does not cancel by itself.
    pub fn guard<F: Future + 'static>(&self, future: F) -> impl Future<Output = Option<F::Output>> {
        let (registered, registration) = match self.register() {
            Some((registered, registration)) => (Some(registered), registration),
            None => {
                let (handle, registration) = AbortHandle::new_pair();
                handle.abort();
                (None, registration)
            }
        };
        Abortable::new(future, registration).map(move |result| {
            drop(registered);
            result.ok()
        })
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
