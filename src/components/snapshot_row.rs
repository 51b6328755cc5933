//! One snapshot as a table row, drawn by hand (see [`crate::draw`]): its box, name, status,
//! size, creation time and description, and its Restore and Delete actions.

use leptos::prelude::document;
use snapshot_core::format::{relative_text, size_text};
use snapshot_core::i18n::Locale;
use snapshot_core::model::{ServerStatus, Snapshot};
use snapshot_core::rules::{delete_blocker, restore_blocker};
use snapshot_core::time::parse_rfc3339;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, Node};

use super::status_badge::StatusBadge;
use crate::draw::{button, cloned, element, text_element, ActionButton, Prototype};
use crate::intl::format_local_datetime;

thread_local! {
    /// The row every row is cloned from.
    static ROW: Prototype = const { Prototype::new(None) };
}

/// One drawn row: its elements that can change, and what they show now.
pub(super) struct Row {
    /// The snapshot as last drawn.
    pub(super) snapshot: Snapshot,
    pub(super) tr: Element,
    pub(super) checkbox: HtmlInputElement,
    /// Whether the box is drawn ticked.
    checked: bool,
    /// The status, edited in place when it changes.
    pub(super) status: StatusBadge,
    /// The size's text, and the size it says (`None` before the first drawing).
    size_text: Node,
    size: Option<Option<u64>>,
    /// The creation time (seconds since the epoch) and the text saying how long ago it was.
    relative: Option<(i64, Node, String)>,
    pub(super) restore: ActionButton,
    pub(super) delete: ActionButton,
}

impl Row {
    /// A new row for `snapshot`, with the fields that never change filled in; the rest is
    /// drawn by [`Row::update`]. `None` only if the page refused to build it.
    pub(super) fn new(t: Locale, snapshot: &Snapshot) -> Option<Self> {
        let tr = cloned(&ROW, t, build_row)?;
        let select_cell = tr.first_element_child()?;
        let name_cell = select_cell.next_element_sibling()?;
        let status_cell = name_cell.next_element_sibling()?;
        let size_cell = status_cell.next_element_sibling()?;
        let created_cell = size_cell.next_element_sibling()?;
        let description_cell = created_cell.next_element_sibling()?;
        let actions_cell = description_cell.next_element_sibling()?;
        let checkbox: HtmlInputElement = select_cell.first_element_child()?.dyn_into().ok()?;
        let status = StatusBadge::new(&status_cell)?;
        let size_text = size_cell.first_child()?;
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
            status,
            size_text,
            size: None,
            relative,
            restore: ActionButton::new(restore, format!("restore-reason-{id}")),
            delete: ActionButton::new(delete, format!("delete-reason-{id}")),
        })
    }

    /// Whether this row draws `snapshot`: the same id, and the same fields drawn once (the API
    /// cannot change them, so a snapshot whose did differ gets a new row).
    pub(super) fn draws(&self, snapshot: &Snapshot) -> bool {
        let drawn = &self.snapshot;
        drawn.id == snapshot.id
            && drawn.name == snapshot.name
            && drawn.created_at == snapshot.created_at
            && drawn.description == snapshot.description
    }

    /// Draws what changed since the last drawing: the status, the size, whether each action is
    /// open, and the box.
    pub(super) fn update(
        &mut self,
        t: Locale,
        snapshot: &Snapshot,
        server: &ServerStatus,
        selected: bool,
    ) {
        self.status.draw(t, snapshot);
        if self.size != Some(snapshot.size_mb) {
            self.size_text
                .set_node_value(Some(&size_text(t, snapshot.size_mb)));
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
    pub(super) fn tick_relative(&mut self, t: Locale, now: i64) {
        if let Some((at, text, shown)) = &mut self.relative {
            let relative = relative_text(t, *at, now);
            if *shown != relative {
                text.set_node_value(Some(&relative));
                *shown = relative.into_owned();
            }
        }
    }
}

/// Fills in a creation time in `cell`, whose `<time>` comes with the row: how long ago,
/// focusable so that keyboard users reach the exact local time too. The exact time is read out
/// with the relative one (hidden text, not an aria-label, which a `<time>` cannot carry);
/// sighted people get it as a tooltip on hover and focus, drawn by CSS from `data-tip`, so no
/// tooltip element exists until it is shown. A time that cannot be read says "Unknown".
/// Returns the time and the text node that says how long ago, still empty.
fn created(t: Locale, cell: &Element, at: &str) -> Option<(i64, Node, String)> {
    let Some(secs) = parse_rfc3339(at) else {
        let unknown = text_element("span", "sp-muted", &t.unknown())?;
        cell.replace_children_with_node_1(&unknown);
        return None;
    };
    let exact = format_local_datetime(t, secs);
    let time = cell.first_element_child()?;
    let _ = time.set_attribute("datetime", at);
    let _ = time.set_attribute("data-tip", &exact);
    let relative = time.first_child()?;
    time.last_element_child()?
        .set_text_content(Some(&format!(", {exact}")));
    Some((secs, relative, String::new()))
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
    let badge = StatusBadge::prototype(t)?;
    let _ = status.append_with_node_1(&badge);
    let size = element("td", "sp-row__size")?;
    let _ = size.append_with_node_1(&document().create_text_node(""));
    let created = element("td", "sp-row__created")?;
    let time = element("time", "sp-tipped")?;
    let _ = time.set_attribute("tabindex", "0");
    let relative = document().create_text_node("");
    let hidden = element("span", "sp-vh")?;
    let _ = time.append_with_node_2(&relative, &hidden);
    let _ = created.append_with_node_1(&time);
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

/// An unticked box.
pub(super) fn checkbox() -> Option<Element> {
    let checkbox = element("input", "")?;
    let _ = checkbox.set_attribute("type", "checkbox");
    Some(checkbox)
}
