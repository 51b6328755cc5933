//! A real modal dialog: the native `<dialog>` opened with `showModal()`, so the browser traps
//! focus, makes the rest of the page inert and gives it a backdrop.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::browser;

/// A modal dialog around `children`. Escape, a click on the backdrop and the dialog's own
/// cancel buttons all call `on_close`; focus goes back to the control that opened it.
#[component]
pub fn Modal(
    /// The id of the element that names the dialog (its heading).
    labelled_by: &'static str,
    /// The id of the element that describes the dialog.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// Called when the person dismisses the dialog.
    on_close: Callback<()>,
    /// Extra class for the dialog's size and tone.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let opener = SendWrapper::new(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(deepest_active),
    );
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    on_cleanup(move || {
        if let Some(opener) = opener.take() {
            // After the dialog has left the page, so the opener is no longer inert.
            request_animation_frame(move || browser::focus(&opener));
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
            on:click=move |ev| {
                let on_backdrop = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlDialogElement>().ok())
                    .is_some();
                if on_backdrop {
                    on_close.run(());
                }
            }
        >
            <div class="sp-dialog__body">{children()}</div>
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
