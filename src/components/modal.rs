//! A real modal dialog: the native `<dialog>` opened with `showModal()`, so the browser traps
//! focus, makes the rest of the page inert and gives it a backdrop.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::notices::DialogLiveRegion;

/// A modal dialog around `children`. Escape, a click on the backdrop (pressed and released
/// there: not a text selection that ends outside; a single click, not the second of a
/// double-click that opened the dialog) and the dialog's own cancel buttons all call
/// `on_close`; focus goes back to the control that opened it, or, when
/// that control left the page with what the dialog did (a deleted snapshot's Delete button),
/// to the nearest `[data-focus-return]` around it that is still there, else to the page's
/// `[data-focus-home]` (see [`browser::focus_home`]).
#[component]
pub fn Modal(
    /// The id of the element that names the dialog (its heading).
    labelled_by: &'static str,
    /// The id of the element that describes the dialog.
    #[prop(optional_no_strip)]
    described_by: Option<&'static str>,
    /// Called when the person dismisses the dialog.
    on_close: Callback<()>,
    /// Extra class for the dialog's size and tone.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let pressed_on_backdrop = StoredValue::new(false);
    let is_backdrop = |ev: &web_sys::Event| {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDialogElement>().ok())
            .is_some()
    };
    let opener = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(deepest_active);
    let returns = SendWrapper::new(opener.map(|opener| {
        let mut places = vec![opener.clone()];
        let mut around = opener.parent_element();
        while let Some(place) =
            around.and_then(|el| el.closest("[data-focus-return]").ok().flatten())
        {
            around = place.parent_element();
            if let Ok(place) = place.dyn_into::<web_sys::HtmlElement>() {
                places.push(place);
            }
        }
        (places, opener.get_root_node())
    }));
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if dialog.open() {
                // Drawn in place of the dialog it was opened from or goes back to (the page
                // swaps one for the other in the same element): the focus goes where
                // `showModal()` would have put it.
                focus_first(&dialog);
            } else {
                let _ = dialog.show_modal();
            }
        }
    });
    on_cleanup(move || {
        if let Some((places, root)) = returns.take() {
            // After the dialog has left the page, so the opener is no longer inert; unless
            // the dialog it was opened from came back in its place, which has the focus.
            request_animation_frame(move || {
                let still_open = browser::find(&root, "dialog[open]")
                    .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok());
                let Some(open) = still_open else {
                    match places.iter().find(|place| place.is_connected()) {
                        Some(place) => browser::focus(place),
                        None => browser::focus_home(&root),
                    }
                    return;
                };
                // A dialog is still in front: the one this was opened over (a sign-in over a
                // form), or the one it swapped back to, which may have the focus already.
                let focused = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .and_then(deepest_active);
                if focused.is_some_and(|el| open.contains(Some(&el))) {
                    return;
                }
                match places
                    .iter()
                    .find(|place| place.is_connected() && open.contains(Some(place)))
                {
                    Some(place) => browser::focus(place),
                    None => focus_first(&open),
                }
            });
        }
    });

    view! {
        <dialog
            node_ref=dialog
            class=format!("sp-dialog {class}")
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_close.run(());
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Tab" {
                    if let Some(dialog) = dialog.get_untracked() {
                        keep_tab_inside(&dialog, &ev);
                    }
                }
            }
            on:pointerdown=move |ev| pressed_on_backdrop.set_value(is_backdrop(&ev))
            on:click=move |ev: web_sys::MouseEvent| {
                if is_backdrop(&ev) && pressed_on_backdrop.get_value() && ev.detail() < 2 {
                    on_close.run(());
                }
            }
        >
            <div class="sp-dialog__body">{children()}</div>
            <DialogLiveRegion />
        </dialog>
    }
}

/// The focused element, looking through shadow roots (the panel lives in one).
fn deepest_active(mut active: web_sys::Element) -> Option<web_sys::HtmlElement> {
    while let Some(inner) = active.shadow_root().and_then(|root| root.active_element()) {
        active = inner;
    }
    active.dyn_into::<web_sys::HtmlElement>().ok()
}

/// Focuses the dialog's `autofocus` control, else the first control Tab reaches.
fn focus_first(dialog: &web_sys::HtmlDialogElement) {
    let first = dialog
        .query_selector("[autofocus]")
        .ok()
        .flatten()
        .or_else(|| dialog.query_selector(TABBABLE).ok().flatten());
    if let Some(first) = first.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        browser::focus(&first);
    }
}

/// What Tab can reach inside a dialog.
const TABBABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
    textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// Tab from the last control goes round to the first, and Shift+Tab from the first to the
/// last. `showModal()` makes the page behind inert, but would still let focus leave for the
/// browser's own toolbar; a person using the keyboard stays in the dialog until it closes.
fn keep_tab_inside(dialog: &web_sys::HtmlDialogElement, ev: &web_sys::KeyboardEvent) {
    let Ok(found) = dialog.query_selector_all(TABBABLE) else {
        return;
    };
    let tabbable: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (tabbable.first(), tabbable.last()) else {
        return;
    };
    let active = browser::active_element(dialog);
    let (at_edge, other_end) = if ev.shift_key() {
        (first, last)
    } else {
        (last, first)
    };
    let outside = active.as_ref().is_none_or(|a| !dialog.contains(Some(a)));
    if outside || active.as_ref() == Some(at_edge) {
        ev.prevent_default();
        browser::focus(other_end);
    }
}
