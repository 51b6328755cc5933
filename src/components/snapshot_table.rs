//! A server's snapshots as a table, drawn by hand (see [`crate::draw`]): one row each, with
//! its Restore and Delete actions, and a box in the head that selects them all.

use std::cell::RefCell;
use std::collections::BTreeSet;

use leptos::prelude::document;
use snapshot_core::bulk::{group_selection, GroupSelection};
use snapshot_core::i18n::Locale;
use snapshot_core::model::{ServerStatus, Snapshot, SnapshotStatus};
use snapshot_core::poll::{is_overdue, progress_note, CREATE_EXPECTED_SECS};
use snapshot_core::rules::{delete_blocker, restore_blocker};
use snapshot_core::time::parse_rfc3339;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, Node};

use crate::draw::{button, cloned, element, text_element, ActionButton};
use crate::intl::{format_local_datetime, format_relative, format_size_mb};

thread_local! {
    /// The table every table is cloned from: caption, head and an empty body.
    static TABLE: RefCell<Option<(Locale, Element)>> = const { RefCell::new(None) };
    /// The row every row is cloned from.
    static ROW: RefCell<Option<(Locale, Element)>> = const { RefCell::new(None) };
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
        let select_all = head
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
        self.rows.iter().any(|row| row.progress.is_some())
    }

    /// Rewrites the elapsed times of the snapshots in progress at `now` (seconds).
    pub fn tick(&mut self, t: Locale, now: i64) {
        for row in &mut self.rows {
            row.tick_progress(t, now);
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

/// One drawn row: its elements that can change, and what they show now.
struct Row {
    /// The snapshot as last drawn.
    snapshot: Snapshot,
    tr: Element,
    checkbox: HtmlInputElement,
    /// Whether the box is drawn ticked.
    checked: bool,
    status_cell: Element,
    /// The status drawn, `None` before the first drawing.
    status: Option<SnapshotStatus>,
    size_cell: Element,
    /// The size drawn, `None` before the first drawing.
    size: Option<Option<u64>>,
    /// The creation time (seconds since the epoch) and the text saying how long ago it was.
    relative: Option<(i64, Node, String)>,
    /// The badge's parts while the snapshot is in progress.
    progress: Option<Progress>,
    restore: ActionButton,
    delete: ActionButton,
}

impl Row {
    /// A new row for `snapshot`, with the fields that never change filled in; the rest is
    /// drawn by [`Row::update`]. `None` only if the page refused to build it.
    fn new(t: Locale, snapshot: &Snapshot) -> Option<Self> {
        let tr = cloned(&ROW, t, build_row)?;
        let select_cell = tr.first_element_child()?;
        let name_cell = select_cell.next_element_sibling()?;
        let status_cell = name_cell.next_element_sibling()?;
        let size_cell = status_cell.next_element_sibling()?;
        let created_cell = size_cell.next_element_sibling()?;
        let description_cell = created_cell.next_element_sibling()?;
        let actions_cell = description_cell.next_element_sibling()?;
        let checkbox: HtmlInputElement = select_cell.first_element_child()?.dyn_into().ok()?;
        let restore = actions_cell.first_element_child()?;
        let delete = restore.next_element_sibling()?;

        let id = snapshot.id.to_string();
        let name = &snapshot.name;
        let _ = tr.set_attribute("data-snapshot-id", &id);
        let _ = checkbox.set_attribute("aria-label", &t.select(name));
        name_cell.set_text_content(Some(name));
        let hidden_name = format!(" {name}");
        for button in [&restore, &delete] {
            if let Some(hidden) = button.last_element_child() {
                hidden.set_text_content(Some(&hidden_name));
            }
        }
        match &snapshot.description {
            Some(text) => description_cell.set_text_content(Some(text)),
            None => {
                let none = element("span", "sp-muted")?;
                let _ = none.set_attribute("aria-label", &t.no_description());
                none.set_text_content(Some("—"));
                let _ = description_cell.append_with_node_1(&none);
            }
        }
        let relative = created(t, &created_cell, &snapshot.created_at);
        Some(Self {
            snapshot: snapshot.clone(),
            tr,
            checkbox,
            checked: false,
            status_cell,
            status: None,
            size_cell,
            size: None,
            relative,
            progress: None,
            restore: ActionButton::new(restore, format!("restore-reason-{id}")),
            delete: ActionButton::new(delete, format!("delete-reason-{id}")),
        })
    }

    /// Whether this row draws `snapshot`: the same id, and the same fields drawn once (the API
    /// cannot change them, so a snapshot whose did differ gets a new row).
    fn draws(&self, snapshot: &Snapshot) -> bool {
        let drawn = &self.snapshot;
        drawn.id == snapshot.id
            && drawn.name == snapshot.name
            && drawn.created_at == snapshot.created_at
            && drawn.description == snapshot.description
    }

    /// Draws what changed since the last drawing: the status, the size, whether each action is
    /// open, and the box.
    fn update(&mut self, t: Locale, snapshot: &Snapshot, server: &ServerStatus, selected: bool) {
        if self.status.as_ref() != Some(&snapshot.status) {
            self.progress = draw_status(t, &self.status_cell, snapshot);
            self.status = Some(snapshot.status.clone());
        }
        if self.size != Some(snapshot.size_mb) {
            self.size_cell
                .set_text_content(Some(&format_size_mb(t, snapshot.size_mb)));
            self.size = Some(snapshot.size_mb);
        }
        self.restore.block(t, restore_blocker(snapshot, server));
        let delete = delete_blocker(server);
        if self.delete.block(t, delete) {
            let blocked = delete.is_some();
            self.checkbox.set_disabled(blocked);
            let _ = if blocked {
                self.checkbox
                    .set_attribute("aria-describedby", self.delete.reason_id())
            } else {
                self.checkbox.remove_attribute("aria-describedby")
            };
        }
        // Disabled while it cannot be deleted; the Delete button's reason says why.
        let checked = selected && delete.is_none();
        if self.checked != checked {
            self.checkbox.set_checked(checked);
            self.checked = checked;
        }
        self.snapshot.clone_from(snapshot);
    }

    /// Rewrites "2 hours ago" if `now` (seconds since the epoch) says otherwise.
    fn tick_relative(&mut self, t: Locale, now: i64) {
        if let Some((at, text, shown)) = &mut self.relative {
            let relative = format_relative(t, *at, now);
            if *shown != relative {
                text.set_node_value(Some(&relative));
                *shown = relative;
            }
        }
    }

    /// Rewrites the elapsed time of a snapshot in progress, and marks it overdue once it is.
    fn tick_progress(&mut self, t: Locale, now: i64) {
        let Some(progress) = &mut self.progress else {
            return;
        };
        let Some(started) = progress.started else {
            return;
        };
        let elapsed = u64::try_from(now.saturating_sub(started)).unwrap_or(0);
        let overdue = is_overdue(elapsed, CREATE_EXPECTED_SECS);
        if progress.overdue != overdue {
            let _ = progress
                .badge
                .class_list()
                .toggle_with_force("sp-badge--overdue", overdue);
            progress.overdue = overdue;
        }
        let note = progress_note(t, elapsed, CREATE_EXPECTED_SECS);
        if progress.note != note {
            progress.elapsed.set_text_content(Some(&note));
            progress.note = note.into_owned();
        }
    }
}

/// The parts of a badge that follow the clock while a snapshot is in progress.
struct Progress {
    badge: Element,
    elapsed: Element,
    /// When the snapshot was started (seconds since the epoch), if its time could be read.
    started: Option<i64>,
    overdue: bool,
    note: String,
}

/// Draws `snapshot`'s status into `cell` as a badge: In progress (with a spinner and, beside
/// it, the elapsed time), Completed, Failed, or an unknown status as itself. Returns the parts
/// that follow the clock, for a snapshot in progress.
fn draw_status(t: Locale, cell: &Element, snapshot: &Snapshot) -> Option<Progress> {
    let tone = match snapshot.status {
        SnapshotStatus::InProgress => "sp-badge sp-badge--progress",
        SnapshotStatus::Completed => "sp-badge sp-badge--done",
        SnapshotStatus::Failed => "sp-badge sp-badge--failed",
        SnapshotStatus::Other(_) => "sp-badge sp-badge--other",
    };
    let badge = element("span", tone)?;
    let label = snapshot.status.label(t);
    if snapshot.status != SnapshotStatus::InProgress {
        badge.set_text_content(Some(&label));
        cell.replace_children_with_node_1(&badge);
        return None;
    }
    let spinner = element("span", "sp-spinner")?;
    let _ = spinner.set_attribute("aria-hidden", "true");
    let _ = badge.append_with_node_1(&spinner);
    let _ = badge.append_with_str_1(&label);
    let elapsed = element("span", "sp-elapsed")?;
    let _ = elapsed.set_attribute("data-ticking", "");
    cell.replace_children_with_node_2(&badge, &elapsed);
    Some(Progress {
        badge,
        elapsed,
        started: parse_rfc3339(&snapshot.created_at),
        overdue: false,
        note: String::new(),
    })
}

/// Draws a creation time into `cell`: how long ago, focusable so that keyboard users reach the
/// exact local time too. The exact time is read out with the relative one (hidden text, not an
/// aria-label, which a `<time>` cannot carry); sighted people get it as a tooltip on hover and
/// focus, drawn by CSS from `data-tip`, so no tooltip element exists until it is shown.
/// Returns the time and the text node that says how long ago, still empty.
fn created(t: Locale, cell: &Element, at: &str) -> Option<(i64, Node, String)> {
    let Some(secs) = parse_rfc3339(at) else {
        let unknown = text_element("span", "sp-muted", &t.unknown())?;
        let _ = cell.append_with_node_1(&unknown);
        return None;
    };
    let exact = format_local_datetime(t, secs);
    let time = element("time", "sp-tipped")?;
    let _ = time.set_attribute("datetime", at);
    let _ = time.set_attribute("tabindex", "0");
    let _ = time.set_attribute("data-tip", &exact);
    let relative: Node = document().create_text_node("").into();
    let hidden = element("span", "sp-vh")?;
    hidden.set_text_content(Some(&format!(", {exact}")));
    let _ = time.append_with_node_2(&relative, &hidden);
    let _ = cell.append_with_node_1(&time);
    Some((secs, relative, String::new()))
}

/// The empty table in `t`: a hidden caption, the head's cells with their box, an empty body.
fn build_table(t: Locale) -> Option<Element> {
    let table = element("table", "sp-table")?;
    let caption = element("caption", "sp-vh")?;
    let head = element("thead", "")?;
    let row = element("tr", "")?;
    let select = element("th", "sp-row__select")?;
    let checkbox = checkbox()?;
    let _ = select.append_with_node_1(&checkbox);
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

/// An unticked box.
fn checkbox() -> Option<Element> {
    let checkbox = element("input", "")?;
    let _ = checkbox.set_attribute("type", "checkbox");
    Some(checkbox)
}

/// The empty row in `t`: its cells, its box, and its two buttons with their verbs.
fn build_row(t: Locale) -> Option<Element> {
    let row = element("tr", "sp-row")?;
    let select = element("td", "sp-row__select")?;
    let checkbox = checkbox()?;
    let _ = select.append_with_node_1(&checkbox);
    let name = element("th", "sp-row__name")?;
    let _ = name.set_attribute("scope", "row");
    let status = element("td", "")?;
    let size = element("td", "sp-row__size")?;
    let created = element("td", "")?;
    let description = element("td", "sp-row__description")?;
    let actions = element("td", "sp-row__actions")?;
    for (verb, tone) in [
        (t.restore(), "sp-button--secondary"),
        (t.delete(), "sp-button--danger-quiet"),
    ] {
        let button = button(&format!("sp-button sp-button--small {tone}"))?;
        let _ = button.append_with_str_1(&verb);
        let hidden = element("span", "sp-vh")?;
        let _ = button.append_with_node_1(&hidden);
        let _ = actions.append_with_node_1(&button);
    }
    for cell in [
        &select,
        &name,
        &status,
        &size,
        &created,
        &description,
        &actions,
    ] {
        let _ = row.append_with_node_1(cell);
    }
    Some(row)
}
