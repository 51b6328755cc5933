//! What the parts drawn by hand share: the list of servers and their snapshots.
//!
//! An account of a thousand servers has a thousand sections and five thousand rows. Built as
//! views, each cost about a dozen reactive effects and a hundred strings passed to the page,
//! and the list took over a second of script. Drawn by hand, a section or a row is a clone of a
//! prototype built once, filled in with a few calls; one effect per section compares each part
//! with what it last drew and writes only what differs. Text from the API is only ever set as
//! text, never parsed as HTML.

use std::cell::RefCell;
use std::thread::LocalKey;

use leptos::prelude::document;
use snapshot_core::i18n::Locale;
use snapshot_core::rules::Blocker;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// Where a prototype is kept (in a `thread_local!`): built once, in the language it was built
/// for, and then cloned.
pub type Prototype = RefCell<Option<(Locale, Element)>>;

/// A deep copy of the prototype in `cache`, which `build` makes in `t` the first time.
pub fn cloned(
    cache: &'static LocalKey<Prototype>,
    t: Locale,
    build: fn(Locale) -> Option<Element>,
) -> Option<Element> {
    let prototype = cache.with_borrow_mut(|cached| {
        match cached.as_ref() {
            Some((built_for, _)) if *built_for == t => {}
            _ => *cached = Some((t, build(t)?)),
        }
        cached.as_ref().map(|(_, prototype)| prototype.clone())
    })?;
    prototype.clone_node_with_deep(true).ok()?.dyn_into().ok()
}

/// A new element, with a class unless `class` is empty.
pub fn element(tag: &str, class: &str) -> Option<Element> {
    let element = document().create_element(tag).ok()?;
    if !class.is_empty() {
        element.set_class_name(class);
    }
    Some(element)
}

/// A new element holding `text`.
pub fn text_element(tag: &str, class: &str, text: &str) -> Option<Element> {
    let element = element(tag, class)?;
    element.set_text_content(Some(text));
    Some(element)
}

/// A `<button type="button">`.
pub fn button(class: &str) -> Option<Element> {
    let button = element("button", class)?;
    let _ = button.set_attribute("type", "button");
    Some(button)
}

/// The node an event happened on.
pub fn event_node(ev: &web_sys::Event) -> Option<Node> {
    ev.target()
        .and_then(|target| target.dyn_into::<Node>().ok())
}

/// Sets `element`'s text to `text` if `shown`, what it holds now, differs; then remembers it.
pub fn set_text(element: &Node, shown: &mut String, text: &str) {
    if shown != text {
        element.set_text_content(Some(text));
        text.clone_into(shown);
    }
}

/// A button whose accessible name says what it acts on ("Restore pre-migration-snapshot")
/// and that, when it cannot be used, stays focusable and says why: `aria-disabled`, and a
/// tooltip beside it that exists only while there is a reason.
pub struct ActionButton {
    button: Element,
    reason_id: String,
    blocker: Option<Blocker>,
    tip: Option<Element>,
}

impl ActionButton {
    /// Follows `button`, open for now; `reason_id` will name its reason.
    pub fn new(button: Element, reason_id: String) -> Self {
        Self {
            button,
            reason_id,
            blocker: None,
            tip: None,
        }
    }

    /// Whether `node` is this button or inside it.
    pub fn holds(&self, node: &Node) -> bool {
        self.button.contains(Some(node))
    }

    /// Whether the action may be taken now.
    pub fn is_open(&self) -> bool {
        self.blocker.is_none()
    }

    /// The id of the reason's text, for another control that the same reason shuts.
    pub fn reason_id(&self) -> &str {
        &self.reason_id
    }

    /// Shows `blocker` as the reason the action is shut, or opens it; `true` if that changed.
    pub fn block(&mut self, t: Locale, blocker: Option<Blocker>) -> bool {
        if self.blocker == blocker {
            return false;
        }
        self.blocker = blocker;
        let button = &self.button;
        match blocker {
            Some(reason) => {
                let _ = button.set_attribute("aria-disabled", "true");
                let _ = button.set_attribute("aria-describedby", &self.reason_id);
                if self.tip.is_none() {
                    self.tip = element("span", "sp-tip");
                    if let Some(tip) = &self.tip {
                        let _ = tip.set_attribute("role", "tooltip");
                        tip.set_id(&self.reason_id);
                        let _ = button.after_with_node_1(tip);
                    }
                }
                if let Some(tip) = &self.tip {
                    tip.set_text_content(Some(&reason.message(t)));
                }
            }
            None => {
                let _ = button.remove_attribute("aria-disabled");
                let _ = button.remove_attribute("aria-describedby");
                if let Some(tip) = self.tip.take() {
                    tip.remove();
                }
            }
        }
        true
    }
}
