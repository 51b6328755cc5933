//! Values by id, one signal each, so that a change to one id wakes what shows that id and
//! nothing else.
//!
//! A single signal holding every server's snapshots wakes every server's section on every
//! change, and each then has to find out that its own part did not change: with a thousand
//! servers that bookkeeping, not the DOM, is what a poll costs. Here the board sets all the
//! values at once and only the signals whose value differs are written.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;

/// A signal per id. `Copy`; the signals are reference-counted, so one asked for by a section
/// lives as long as that section or the board, whichever is longer.
pub struct Keyed<T: Send + Sync + 'static> {
    signals: StoredValue<BTreeMap<u64, ArcRwSignal<T>>>,
}

impl<T: Send + Sync + 'static> Clone for Keyed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Keyed<T> {}

impl<T: Clone + Default + PartialEq + Send + Sync + 'static> Keyed<T> {
    /// No ids yet. Belongs to the current owner.
    pub fn new() -> Self {
        Self {
            signals: StoredValue::new(BTreeMap::new()),
        }
    }

    /// The value of `id`, as a signal: the default until the board sets one.
    pub fn get(&self, id: u64) -> Signal<T> {
        let signal = self
            .signals
            .try_update_value(|signals| signals.entry(id).or_default().clone())
            .unwrap_or_default();
        signal.into()
    }

    /// Sets every id's value at once: ids missing from `values` go back to the default. Only
    /// the signals whose value changed are written.
    pub fn set_all(&self, values: impl IntoIterator<Item = (u64, T)>) {
        self.signals.update_value(|signals| {
            let mut given = BTreeSet::new();
            for (id, value) in values {
                given.insert(id);
                match signals.get(&id) {
                    Some(signal) => set_if_changed(signal, value),
                    None => {
                        signals.insert(id, ArcRwSignal::new(value));
                    }
                }
            }
            for (id, signal) in signals.iter() {
                if !given.contains(id) {
                    set_if_changed(signal, T::default());
                }
            }
        });
    }
}

impl<T: Clone + Default + PartialEq + Send + Sync + 'static> Default for Keyed<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Sets a signal only if the value differs, so nothing downstream wakes for nothing.
pub fn set_if_changed<S, T>(signal: &S, value: T)
where
    S: WithUntracked<Value = T> + Set<Value = T>,
    T: PartialEq,
{
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
