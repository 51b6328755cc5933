//! A server's snapshots as a table, drawn by hand (see [`crate::draw`]): one row each (see
//! [`super::snapshot_row`]), with a box in the head that selects them all.

use std::collections::BTreeSet;

use snapshot_core::bulk::{group_selection, GroupSelection};
use snapshot_core::i18n::Locale;
use snapshot_core::model::{ServerStatus, Snapshot};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, Node};

use super::snapshot_row::{checkbox, Row};
use crate::draw::{cloned, element, text_element, Prototype};

thread_local! {
    /// The table every table is cloned from: caption, head and an empty body.
    static TABLE: Prototype = const { Prototype::new(None) };
}

/// What a row's button asks for.
pub enum Press {
    Restore(Snapshot),
    Delete(Snapshot),
}

/// What the table shows: a server's snapshots as they are now.
pub struct Shown<'a> {
    /// The server's name, for the caption and the head's box.
    pub name: &'a str,
    /// The snapshots, in order.
    pub snapshots: &'a [Snapshot],
    /// The server's status, which decides whether they may be restored or deleted.
    pub server_status: &'a ServerStatus,
    /// The snapshots selected for deleting together.
    pub selected: &'a BTreeSet<u64>,
    /// The coarse clock, for "2 hours ago" (seconds since the epoch).
    pub now: i64,
}

/// A drawn table: its parts that change, and what they show now.
pub struct SnapshotTable {
    table: Element,
    caption: Element,
    select_all: HtmlInputElement,
    tbody: Element,
    /// The server's name as drawn.
    name: String,
    /// The head's box as drawn: ticked, half-ticked, disabled.
    select_all_state: (bool, bool, bool),
    /// The rows, in the table's order.
    rows: Vec<Row>,
    /// The coarse clock's time the rows' relative times were written at.
    now: i64,
}

impl SnapshotTable {
    /// An empty table, with its caption and head, in `t`; [`SnapshotTable::draw`] fills it.
    pub fn new(t: Locale) -> Option<Self> {
        let table = cloned(&TABLE, t, build_table)?;
        let caption = table.first_element_child()?;
        let head = caption.next_element_sibling()?;
        let tbody = head.next_element_sibling()?;
        // thead > tr > th > label > input
        let select_all = head
            .first_element_child()?
            .first_element_child()?
            .first_element_child()?
            .first_element_child()?
            .dyn_into()
            .ok()?;
        Some(Self {
            table,
            caption,
            select_all,
            tbody,
            name: String::new(),
            select_all_state: (false, false, false),
            rows: Vec::new(),
            now: 0,
        })
    }

    /// The `<table>`.
    pub fn element(&self) -> &Element {
        &self.table
    }

    /// Brings the table up to date with `shown`: the server's name, a row for each snapshot
    /// (kept if its snapshot was drawn before, new if not) in order, each showing what its
    /// snapshot shows now, and the head's box.
    pub fn draw(&mut self, t: Locale, shown: &Shown) {
        if self.name != shown.name {
            self.caption
                .set_text_content(Some(&t.snapshots_of(shown.name)));
            let _ = self
                .select_all
                .set_attribute("aria-label", &t.select_all_of(shown.name));
            shown.name.clone_into(&mut self.name);
        }
        self.draw_rows(t, shown);
        let ids: Vec<u64> = shown.snapshots.iter().map(|s| s.id).collect();
        let all = group_selection(shown.selected, &ids);
        let restoring = *shown.server_status == ServerStatus::Restoring;
        let state = (
            all == GroupSelection::All && !restoring,
            all == GroupSelection::Some && !restoring,
            restoring,
        );
        if self.select_all_state != state {
            self.select_all.set_checked(state.0);
            self.select_all.set_indeterminate(state.1);
            self.select_all.set_disabled(state.2);
            self.select_all_state = state;
        }
    }

    fn draw_rows(&mut self, t: Locale, shown: &Shown) {
        let mut old = std::mem::take(&mut self.rows);
        let mut moved = false;
        // Relative times are written again only when the clock moved, or for a new row.
        let ticked = std::mem::replace(&mut self.now, shown.now) != shown.now;
        for snapshot in shown.snapshots {
            let kept = old.iter().position(|row| row.draws(snapshot));
            let row = match kept {
                Some(index) => {
                    moved |= index != 0;
                    Some(old.remove(index))
                }
                None => {
                    moved = true;
                    Row::new(t, snapshot)
                }
            };
            let Some(mut row) = row else { continue };
            let selected = shown.selected.contains(&snapshot.id);
            row.update(t, snapshot, shown.server_status, selected);
            if ticked || kept.is_none() {
                row.tick_relative(t, shown.now);
            }
            self.rows.push(row);
        }
        for gone in old {
            gone.tr.remove();
            moved = true;
        }
        if moved {
            self.place_rows();
        }
    }

    /// Puts the rows into the body in their order, moving only those out of place.
    fn place_rows(&self) {
        let mut next = self.tbody.first_child();
        for row in &self.rows {
            let tr: &Node = row.tr.as_ref();
            if next.as_ref() == Some(tr) {
                next = tr.next_sibling();
            } else {
                let _ = self.tbody.insert_before(tr, next.as_ref());
            }
        }
    }

    /// Whether a snapshot in progress shows its elapsed time, which moves every second.
    pub fn is_ticking(&self) -> bool {
        self.rows.iter().any(|row| row.status.is_ticking())
    }

    /// Rewrites the elapsed times of the snapshots in progress at `now` (seconds).
    pub fn tick(&mut self, t: Locale, now: i64) {
        for row in &mut self.rows {
            row.status.tick(t, now);
        }
    }

    /// What a click on `target` asks for: a row's Restore or Delete, if it is open.
    pub fn pressed(&self, target: &Node) -> Option<Press> {
        let row = self.rows.iter().find(|row| row.tr.contains(Some(target)))?;
        if row.restore.holds(target) && row.restore.is_open() {
            Some(Press::Restore(row.snapshot.clone()))
        } else if row.delete.holds(target) && row.delete.is_open() {
            Some(Press::Delete(row.snapshot.clone()))
        } else {
            None
        }
    }

    /// What a change of `target` asks for: the snapshots to select or unselect, and which.
    /// A row's box is its snapshot; the head's, every row's.
    pub fn ticked(&self, target: &Node) -> Option<(Vec<u64>, bool)> {
        if self.select_all.is_same_node(Some(target)) {
            let ids = self.rows.iter().map(|row| row.snapshot.id).collect();
            return Some((ids, self.select_all.checked()));
        }
        self.rows
            .iter()
            .find(|row| row.checkbox.is_same_node(Some(target)))
            .map(|row| (vec![row.snapshot.id], row.checkbox.checked()))
    }
}

/// The empty table in `t`: a hidden caption, the head's cells with their box, an empty body.
fn build_table(t: Locale) -> Option<Element> {
    let table = element("table", "sp-table")?;
    let caption = element("caption", "sp-vh")?;
    let head = element("thead", "")?;
    let row = element("tr", "")?;
    let select = element("th", "sp-row__select")?;
    // The box's name is its aria-label, which names the server; the words beside it show
    // only on a phone, where the column heads are hidden.
    let label = element("label", "sp-select-all")?;
    let words = text_element("span", "sp-select-all__words", &t.select_all())?;
    let _ = words.set_attribute("aria-hidden", "true");
    let checkbox = checkbox()?;
    let _ = label.append_with_node_2(&checkbox, &words);
    let _ = select.append_with_node_1(&label);
    let _ = row.append_with_node_1(&select);
    for title in [t.name(), t.status(), t.size(), t.created(), t.description()] {
        let cell = column_head()?;
        cell.set_text_content(Some(&title));
        let _ = row.append_with_node_1(&cell);
    }
    let actions = column_head()?;
    let hidden = text_element("span", "sp-vh", &t.actions())?;
    let _ = actions.append_with_node_1(&hidden);
    let _ = row.append_with_node_1(&actions);
    let _ = head.append_with_node_1(&row);
    let body = element("tbody", "")?;
    let _ = table.append_with_node_3(&caption, &head, &body);
    Some(table)
}

/// An empty `<th scope="col">`.
fn column_head() -> Option<Element> {
    let cell = element("th", "")?;
    let _ = cell.set_attribute("scope", "col");
    Some(cell)
}
