//! Which snapshots are selected for deleting together: a set of ids the rows, the servers'
//! "select all" boxes and the toolbar's Delete selected share.

use std::collections::BTreeSet;

use leptos::prelude::*;

/// The selection. `Copy`: each row and section holds it.
#[derive(Clone, Copy)]
pub struct Selection {
    ids: RwSignal<BTreeSet<u64>>,
}

impl Selection {
    /// Nothing selected.
    pub fn new() -> Self {
        Self {
            ids: RwSignal::new(BTreeSet::new()),
        }
    }

    /// Selects or unselects one snapshot.
    pub fn set(self, id: u64, selected: bool) {
        self.set_all(&[id], selected);
    }

    /// Selects or unselects several.
    pub fn set_all(self, ids: &[u64], selected: bool) {
        self.ids.update(|set| {
            for id in ids {
                if selected {
                    set.insert(*id);
                } else {
                    set.remove(id);
                }
            }
        });
    }

    /// The ids selected now.
    pub fn ids(self) -> Signal<BTreeSet<u64>> {
        self.ids.into()
    }
}

impl Default for Selection {
    fn default() -> Self {
        Self::new()
    }
}
