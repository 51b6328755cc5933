//! One server and its snapshots, drawn by hand (see [`crate::draw`]): the server's name (a
//! link to its page), status, restore progress, slot meter and New snapshot action; at the
//! limit, a way to delete the oldest; and the snapshot table, or an invitation to take the
//! first one.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use snapshot_core::i18n::Locale;
use snapshot_core::model::{Server, ServerStatus, Snapshot};
use snapshot_core::poll::{progress_note, progress_note_at_least, RESTORE_EXPECTED_SECS};
use snapshot_core::rules::{create_blocker, room_by_deleting_oldest};
use snapshot_core::store::RestoreClock;
use snapshot_core::validate::SNAPSHOTS_PER_SERVER;
use web_sys::{Element, Node};

use super::selection::Selection;
use super::snapshot_table::{Press, Shown, SnapshotTable};
use crate::clock::Clock;
use crate::draw::{
    button, cloned, element, event_node, set_text, text_element, ActionButton, Prototype,
};
use crate::intl::locale;

/// A server's section.
#[component]
pub fn ServerGroup(
    /// The server.
    #[prop(into)]
    server: Signal<Server>,
    /// Its snapshots, newest first, already filtered.
    #[prop(into)]
    snapshots: Signal<Vec<Snapshot>>,
    /// How many snapshots it has in all (the filter does not change the slot meter).
    #[prop(into)]
    total: Signal<usize>,
    /// Its oldest snapshot, whatever the filter: the one offered for deletion at the limit.
    #[prop(into)]
    oldest: Signal<Option<Snapshot>>,
    /// Its restore's clock, while it is restoring.
    #[prop(into)]
    restore_clock: Signal<Option<RestoreClock>>,
    /// The server's own page.
    href: String,
    /// Follows the link to the server's page.
    on_open: Callback<u64>,
    /// Asks to take a snapshot of this server.
    on_create: Callback<u64>,
    /// Asks to delete a snapshot: the oldest (offered at the limit), or a row's.
    on_delete: Callback<Snapshot>,
    /// Asks to restore a snapshot.
    on_restore: Callback<Snapshot>,
    /// Whether a name filter is active.
    #[prop(into)]
    filtering: Signal<bool>,
    /// The snapshots selected for deleting together.
    selection: Selection,
) -> impl IntoView {
    let id = server.with_untracked(|s| s.id);
    let group = Group {
        t: locale(),
        clock: expect_context::<Clock>(),
        id,
        server,
        snapshots,
        total,
        oldest,
        restore_clock,
        filtering,
        selection,
        on_open,
        on_create,
        on_delete,
        on_restore,
        drawn: StoredValue::new_local(None),
    };
    // Focusable from script only: where focus goes back to when a dialog removed the row that
    // opened it.
    view! {
        <section
            class="sp-server"
            aria-labelledby=format!("server-{id}-title")
            data-server-id=id.to_string()
            tabindex="-1"
            data-focus-return=""
            use:draw_section=(group, href)
            on:click=move |ev| group.clicked(&ev)
            on:change=move |ev| group.changed(&ev)
        ></section>
    }
}

/// Draws `group` into its `<section>` now, and again whenever what it shows changes, for as
/// long as the section's owner lives.
fn draw_section(section: Element, (group, href): (Group, String)) {
    let effect = RenderEffect::new(move |_| group.draw(&section, &href));
    // A render effect stops when dropped: the owner drops it when the section goes.
    let effect = SendWrapper::new(effect);
    on_cleanup(move || drop(effect));
}

/// What a section is drawn from, and where its actions go. `Copy`: the effect and the
/// listeners each hold it.
#[derive(Clone, Copy)]
struct Group {
    t: Locale,
    clock: Clock,
    id: u64,
    server: Signal<Server>,
    snapshots: Signal<Vec<Snapshot>>,
    total: Signal<usize>,
    oldest: Signal<Option<Snapshot>>,
    restore_clock: Signal<Option<RestoreClock>>,
    filtering: Signal<bool>,
    selection: Selection,
    on_open: Callback<u64>,
    on_create: Callback<u64>,
    on_delete: Callback<Snapshot>,
    on_restore: Callback<Snapshot>,
    /// What is drawn, once it is.
    drawn: StoredValue<Option<Section>, LocalStorage>,
}

/// What a click in the section asks for.
enum Ask {
    Open,
    Create,
    Delete(Snapshot),
    Restore(Snapshot),
}

impl Group {
    /// Brings the section up to date with the server, its snapshots and the clock.
    fn draw(self, section: &Element, href: &str) {
        let t = self.t;
        self.drawn.update_value(|drawn| {
            if drawn.is_none() {
                *drawn = Section::new(t, section, self.id, href);
            }
            let Some(drawn) = drawn else { return };
            let (name, status) = self.server.with(|s| (s.name.clone(), s.status.clone()));
            let total = self.total.get();
            drawn.draw_header(t, &name, &status, total);
            let note = self.restore_clock.get().map(|clock| {
                let elapsed = self.clock.secs_since(clock.since_ms);
                if clock.start_known {
                    progress_note(t, elapsed, RESTORE_EXPECTED_SECS)
                } else {
                    progress_note_at_least(t, elapsed, RESTORE_EXPECTED_SECS)
                }
            });
            set_text(
                &drawn.restore_note,
                &mut drawn.note,
                note.as_deref().unwrap_or(""),
            );
            let oldest = if room_by_deleting_oldest(&status, total) {
                self.oldest.get()
            } else {
                None
            };
            drawn.draw_offer(t, oldest);
            self.snapshots.with(|snapshots| {
                if snapshots.is_empty() {
                    let filtering = self.filtering.get();
                    drawn.draw_empty(t, section, &name, filtering);
                    return;
                }
                let selected = self.selection.ids();
                selected.with(|selected| {
                    let shown = Shown {
                        name: &name,
                        snapshots,
                        server_status: &status,
                        selected,
                        now: self.clock.now_secs_coarse(),
                    };
                    drawn.draw_table(t, section, &shown);
                });
            });
            // Only a table with a snapshot in progress follows the clock every second.
            if let Body::Table(table) = &mut drawn.body {
                if table.is_ticking() {
                    table.tick(t, self.clock.now_secs());
                }
            }
        });
    }

    /// A click on the server's link, New snapshot, the offer to delete the oldest, or a row's
    /// Restore or Delete: each runs unless the action is shut.
    fn clicked(self, ev: &leptos::ev::MouseEvent) {
        let Some(target) = event_node(ev) else { return };
        let ask = self.drawn.with_value(|drawn| {
            let drawn = drawn.as_ref()?;
            if drawn.link.contains(Some(&target)) {
                return crate::browser::is_plain_click(ev).then_some(Ask::Open);
            }
            if drawn.create.holds(&target) {
                return drawn.create.is_open().then_some(Ask::Create);
            }
            if let Some(limit) = &drawn.offer {
                if limit.button.contains(Some(&target)) {
                    return Some(Ask::Delete(limit.oldest.clone()));
                }
            }
            match &drawn.body {
                Body::Table(table) => table.pressed(&target).map(|press| match press {
                    Press::Restore(snapshot) => Ask::Restore(snapshot),
                    Press::Delete(snapshot) => Ask::Delete(snapshot),
                }),
                Body::Empty { first, .. } => first
                    .as_ref()
                    .is_some_and(|first| first.contains(Some(&target)))
                    .then_some(Ask::Create),
                Body::Nothing => None,
            }
        });
        match ask {
            Some(Ask::Open) => {
                ev.prevent_default();
                self.on_open.run(self.id);
            }
            Some(Ask::Create) => self.on_create.run(self.id),
            Some(Ask::Delete(snapshot)) => self.on_delete.run(snapshot),
            Some(Ask::Restore(snapshot)) => self.on_restore.run(snapshot),
            None => {}
        }
    }

    /// A box in the table, ticked or not, selects or unselects its snapshots.
    fn changed(self, ev: &leptos::ev::Event) {
        let Some(target) = event_node(ev) else { return };
        let ticked = self
            .drawn
            .with_value(|drawn| match drawn.as_ref().map(|d| &d.body) {
                Some(Body::Table(table)) => table.ticked(&target),
                _ => None,
            });
        if let Some((ids, selected)) = ticked {
            self.selection.set_all(&ids, selected);
        }
    }
}

/// A drawn section: its parts that change, and what they show now.
struct Section {
    header: Element,
    link: Element,
    /// The server's name as drawn.
    name: String,
    status: Element,
    /// The server's status as drawn, `None` before the first drawing.
    drawn_status: Option<ServerStatus>,
    restore_note: Element,
    /// The restore's progress as drawn.
    note: String,
    slots: Element,
    slots_text: Node,
    /// The snapshot count as drawn, `None` before the first drawing.
    total: Option<usize>,
    create: ActionButton,
    /// The New snapshot button's hidden words: " of web-1".
    create_of: Element,
    /// At the limit: the offer to delete the oldest.
    offer: Option<Offer>,
    body: Body,
}

/// "This server has the most snapshots it can have. … Delete the oldest, X…"
struct Offer {
    paragraph: Element,
    button: Element,
    oldest: Snapshot,
}

/// Below the header: the table, or what a server with no rows to show says.
enum Body {
    Nothing,
    Table(SnapshotTable),
    Empty {
        paragraph: Element,
        /// The button to take the first snapshot, when it is offered.
        first: Option<Element>,
        /// What it was drawn for: the server's name, whether a filter is active, and whether
        /// a snapshot may be taken.
        drawn_for: (String, bool, bool),
    },
}

thread_local! {
    /// The header every section's is cloned from.
    static HEADER: Prototype = const { Prototype::new(None) };
}

impl Section {
    /// Draws `id`'s empty header into `section`.
    fn new(t: Locale, section: &Element, id: u64, href: &str) -> Option<Self> {
        let header = cloned(&HEADER, t, build_header)?;
        let title = header.first_element_child()?;
        let heading = title.first_element_child()?;
        let link = heading.first_element_child()?;
        let status = heading.next_element_sibling()?;
        let restore_note = status.next_element_sibling()?;
        let slots = title.next_element_sibling()?.first_element_child()?;
        let slots_text = slots.last_child()?;
        let create = slots.next_element_sibling()?;
        let create_of = create.last_element_child()?;
        heading.set_id(&format!("server-{id}-title"));
        let _ = link.set_attribute("href", href);
        let _ = section.append_with_node_1(&header);
        Some(Self {
            header,
            link,
            name: String::new(),
            status,
            drawn_status: None,
            restore_note,
            note: String::new(),
            slots,
            slots_text,
            total: None,
            create: ActionButton::new(create, format!("create-reason-{id}")),
            create_of,
            offer: None,
            body: Body::Nothing,
        })
    }

    /// The header: name, status, slot meter, and whether New snapshot is open.
    fn draw_header(&mut self, t: Locale, name: &str, status: &ServerStatus, total: usize) {
        if self.name != name {
            self.link.set_text_content(Some(name));
            self.create_of
                .set_text_content(Some(&format!(" {}", t.of_server(name))));
            name.clone_into(&mut self.name);
        }
        if self.drawn_status.as_ref() != Some(status) {
            // A status the panel does not know is styled as "other", whatever the API spelled.
            let token = match status {
                ServerStatus::Other(_) | ServerStatus::Unknown => "other",
                known => known.as_api_str(),
            };
            self.status
                .set_class_name(&format!("sp-server-status sp-server-status--{token}"));
            self.status.set_text_content(Some(&status.label(t)));
            self.drawn_status = Some(status.clone());
        }
        if self.total != Some(total) {
            let shown = total.min(SNAPSHOTS_PER_SERVER);
            self.slots
                .set_class_name(&format!("sp-slots sp-slots--{shown}"));
            self.slots_text
                .set_text_content(Some(&t.slots(total, SNAPSHOTS_PER_SERVER)));
            self.total = Some(total);
        }
        self.create.block(t, create_blocker(status, total));
    }

    /// Offers deleting `oldest`, or takes the offer back.
    fn draw_offer(&mut self, t: Locale, oldest: Option<Snapshot>) {
        match (oldest, &mut self.offer) {
            (None, offer) => {
                if let Some(gone) = offer.take() {
                    gone.paragraph.remove();
                }
            }
            (Some(oldest), Some(offer)) => {
                if offer.oldest.name != oldest.name {
                    offer
                        .button
                        .set_text_content(Some(&t.delete_oldest(&oldest.name)));
                }
                offer.oldest = oldest;
            }
            (Some(oldest), offer) => {
                *offer = Offer::new(t, oldest);
                if let Some(offer) = offer {
                    let _ = self.header.after_with_node_1(&offer.paragraph);
                }
            }
        }
    }

    /// The table, drawn as `shown` says.
    fn draw_table(&mut self, t: Locale, section: &Element, shown: &Shown) {
        if !matches!(self.body, Body::Table(_)) {
            let Some(table) = SnapshotTable::new(t) else {
                return;
            };
            self.replace_body(section, table.element());
            self.body = Body::Table(table);
        }
        if let Body::Table(table) = &mut self.body {
            table.draw(t, shown);
        }
    }

    /// What a server with no rows to show says: nothing matches, or take the first snapshot.
    fn draw_empty(&mut self, t: Locale, section: &Element, name: &str, filtering: bool) {
        let open = self.create.is_open();
        if let Body::Empty { drawn_for, .. } = &self.body {
            if drawn_for.0 == name && drawn_for.1 == filtering && drawn_for.2 == open {
                return;
            }
        }
        let Some(paragraph) = element("p", "sp-empty") else {
            return;
        };
        let mut first = None;
        if filtering {
            paragraph.set_text_content(Some(&t.no_filter_match_here()));
        } else {
            paragraph.set_text_content(Some(&t.no_snapshots_yet(name)));
            if open {
                first = button("sp-button sp-button--link");
                if let Some(first) = &first {
                    first.set_text_content(Some(&t.take_first_snapshot(name)));
                    let _ = paragraph.append_with_node_1(first);
                }
            }
        }
        self.replace_body(section, &paragraph);
        self.body = Body::Empty {
            paragraph,
            first,
            drawn_for: (name.to_owned(), filtering, open),
        };
    }

    /// Puts `next` where the body is, or at the end of the section.
    fn replace_body(&self, section: &Element, next: &Element) {
        let now = match &self.body {
            Body::Nothing => None,
            Body::Table(table) => Some(table.element()),
            Body::Empty { paragraph, .. } => Some(paragraph),
        };
        let _ = match now {
            Some(now) => now.replace_with_with_node_1(next),
            None => section.append_with_node_1(next),
        };
    }
}

impl Offer {
    fn new(t: Locale, oldest: Snapshot) -> Option<Self> {
        let paragraph = text_element("p", "sp-limit", &t.at_limit())?;
        let button = button("sp-button sp-button--link")?;
        button.set_text_content(Some(&t.delete_oldest(&oldest.name)));
        let _ = paragraph.append_with_node_1(&button);
        Some(Self {
            paragraph,
            button,
            oldest,
        })
    }
}

/// The empty header in `t`: title (a heading with its link, the status, the restore's
/// progress) and meta (the slot meter with its words still empty, New snapshot).
fn build_header(t: Locale) -> Option<Element> {
    let header = element("header", "sp-server__header")?;
    let title = element("div", "sp-server__title")?;
    let heading = element("h3", "")?;
    let link = element("a", "")?;
    let _ = heading.append_with_node_1(&link);
    let status = element("span", "sp-server-status")?;
    let note = element("span", "sp-elapsed")?;
    let _ = note.set_attribute("data-ticking", "");
    let _ = title.append_with_node_3(&heading, &status, &note);
    let meta = element("div", "sp-server__meta")?;
    let slots = element("span", "sp-slots")?;
    let bar = element("span", "sp-slots__bar")?;
    let _ = bar.set_attribute("aria-hidden", "true");
    let _ = slots.append_with_node_1(&bar);
    let words: Node = document().create_text_node("").into();
    let _ = slots.append_with_node_1(&words);
    let create = button("sp-button sp-button--small sp-button--primary")?;
    let _ = create.append_with_str_1(&t.new_snapshot());
    let hidden = element("span", "sp-vh")?;
    let _ = create.append_with_node_1(&hidden);
    let _ = meta.append_with_node_2(&slots, &create);
    let _ = header.append_with_node_2(&title, &meta);
    Some(header)
}
