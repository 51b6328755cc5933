//! The parts every form of the panel is made of: a labelled text field, and the dialog form
//! with its Cancel and submit buttons.

use leptos::prelude::*;
use snapshot_core::i18n::Text;
use snapshot_core::ApiError;

use super::modal::Modal;
use crate::intl::locale;

/// A one-line text field and its `<label>`, which is what a screen reader announces for it.
/// Hints and errors go in `children`, below the input, and are tied to it by `described_by`.
#[component]
pub fn TextField(
    /// The input's id, which the label points at.
    id: &'static str,
    /// What the label says.
    #[prop(into)]
    label: Text,
    /// The input's type: "text", "password" or "search".
    #[prop(default = "text")]
    kind: &'static str,
    /// What the field holds.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every keystroke.
    on_input: Callback<String>,
    /// The ids of the hint and error that describe the input.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// Whether the field holds something that cannot be sent.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// Whether the field has the focus when it appears.
    #[prop(optional)]
    autofocus: bool,
    /// Whether the form needs it filled in.
    #[prop(optional)]
    required: bool,
    /// Laid out beside other controls rather than above them (the toolbar's filter).
    #[prop(optional)]
    inline: bool,
    /// Whether taking the focus selects the text: a suggestion, typed over as a "Save as"
    /// dialog's name is, or kept with an arrow key.
    #[prop(optional, into)]
    select_on_focus: Option<Signal<bool>>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let select_if_asked = move || {
        if select_on_focus.is_some_and(|select| select.get_untracked()) {
            if let Some(input) = input.get_untracked() {
                // A dialog focuses its field as it opens, before the field shows its text.
                let text = value.get_untracked();
                if input.value() != text {
                    input.set_value(&text);
                }
                input.select();
            }
        }
    };
    // A new suggestion while the field has the focus is selected too (only for a field that
    // asks: the filter's keystrokes are not watched).
    if select_on_focus.is_some() {
        Effect::new(move |_| {
            value.track();
            if let Some(input) = input.get() {
                let field: &web_sys::HtmlElement = &input;
                if crate::browser::active_element(field).as_ref() == Some(field) {
                    select_if_asked();
                }
            }
        });
    }
    view! {
        <div class="sp-field" class:sp-field--inline=inline>
            <label for=id>{label}</label>
            <input
                node_ref=input
                id=id
                type=kind
                autocomplete="off"
                spellcheck="false"
                autofocus=autofocus
                required=required
                aria-invalid=move || invalid.map(|invalid| invalid.get().to_string())
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:focus=move |_| select_if_asked()
            />
            {children.map(|children| children())}
        </div>
    }
}

/// What a dialog's submit button says, and its tone.
#[derive(Clone)]
pub struct Submit {
    /// Its label: "Create snapshot".
    label: Text,
    /// Its label while the request is on its way: "Creating…".
    pending_label: Text,
    /// `sp-button--primary` or `sp-button--danger`.
    tone: &'static str,
}

impl Submit {
    /// The button of a dialog that makes something.
    pub fn primary(label: Text, pending_label: Text) -> Self {
        Self {
            label,
            pending_label,
            tone: "sp-button--primary",
        }
    }

    /// The button of a dialog that destroys or overwrites something.
    pub fn danger(label: Text, pending_label: Text) -> Self {
        Self {
            label,
            pending_label,
            tone: "sp-button--danger",
        }
    }
}

/// A modal dialog holding one form, with Cancel and a submit button at its end. Enter and the
/// button both submit, and only while neither `blocked` nor `pending`: a second click or Enter
/// sends nothing.
///
/// While the request is on its way, Cancel is unavailable and Escape does nothing, unless
/// `cancellable` says otherwise: a request once sent cannot be called back, and its answer
/// belongs in this dialog, not in whatever the person would open next.
#[component]
pub fn DialogForm(
    /// The id of the dialog's heading.
    labelled_by: &'static str,
    /// The id of what describes the dialog (a warning).
    #[prop(optional_no_strip)]
    described_by: Option<&'static str>,
    /// The dialog's size and tone.
    class: &'static str,
    /// The submit button.
    submit: Submit,
    /// Whether the request is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// What the submit button says while `pending`, when it changes on the way.
    #[prop(optional, into)]
    pending_label: Option<Signal<Text>>,
    /// Whether the form may not be sent yet.
    #[prop(into)]
    blocked: Signal<bool>,
    /// Whether Cancel takes the focus when the dialog opens (for destructive dialogs).
    #[prop(optional)]
    focus_cancel: bool,
    /// What Cancel says instead ("Close" once there is nothing left to cancel).
    #[prop(optional, into)]
    cancel_label: Option<Signal<Text>>,
    /// Whether Cancel and Escape work now; by default, while nothing is `pending`. A dialog
    /// whose wait can be stopped says so (a restore waiting on its safety snapshot).
    #[prop(optional, into)]
    cancellable: Option<Signal<bool>>,
    /// Whether what the dialog asked is done (a bulk delete that ran): the submit button goes,
    /// and Cancel (then "Close") takes the focus.
    #[prop(optional, into)]
    done: Option<Signal<bool>>,
    /// Called when the form is sent.
    on_submit: Callback<()>,
    /// Closes the dialog.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let Submit {
        label,
        pending_label: fixed_pending_label,
        tone,
    } = submit;
    let pending_text =
        move || pending_label.map_or_else(|| fixed_pending_label.clone(), |l| l.get());
    let t = locale();
    let cancellable = cancellable.unwrap_or_else(|| Signal::derive(move || !pending.get()));
    let dismiss = Callback::new(move |()| {
        if cancellable.get_untracked() {
            on_close.run(());
        }
    });
    let cancel = NodeRef::<leptos::html::Button>::new();
    if let Some(done) = done {
        Effect::new(move |_| {
            if done.get() {
                if let Some(cancel) = cancel.get_untracked() {
                    crate::browser::focus(&cancel);
                }
            }
        });
    }
    view! {
        <Modal labelled_by described_by on_close=dismiss class>
            <form
                class="sp-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    if !blocked.get_untracked() && !pending.get_untracked() {
                        on_submit.run(());
                    }
                }
            >
                {children()}
                <div class="sp-form__actions">
                    <button
                        type="button"
                        class="sp-button"
                        node_ref=cancel
                        autofocus=focus_cancel
                        disabled=move || !cancellable.get()
                        on:click=move |_| dismiss.run(())
                    >
                        {move || cancel_label.map_or_else(|| t.cancel(), |label| label.get())}
                    </button>
                    // Unavailable, but still focusable: pressed, it keeps the focus while
                    // the request is out, and Tab still reaches it to hear its name.
                    <button
                        type="submit"
                        class=format!("sp-button {tone}")
                        hidden=move || done.is_some_and(|done| done.get())
                        aria-disabled=move || (blocked.get() || pending.get()).then_some("true")
                    >
                        {move || if pending.get() { pending_text() } else { label.clone() }}
                    </button>
                </div>
            </form>
        </Modal>
    }
}

/// What a confirmation dialog is wired to: how its request is doing, and what confirming and
/// closing it do.
#[derive(Clone, Copy)]
pub struct Confirmation {
    /// Whether the request is on its way.
    pub pending: Signal<bool>,
    /// The API's refusal of the last attempt.
    pub error: Signal<Option<ApiError>>,
    /// Sends the request.
    pub on_confirm: Callback<()>,
    /// Closes the dialog without sending anything.
    pub on_close: Callback<()>,
}

/// Whether the API's refusal asked to wait before the request is sent again (a 429 with a
/// `Retry-After`): the dialog's button stays unavailable, its refusal saying for how long,
/// until the page clears the refusal when the wait is over.
pub fn held_by_api(error: Option<&ApiError>) -> bool {
    error.is_some_and(|e| e.retry_after_secs().is_some())
}

/// The API's refusal of what a dialog asked, announced as it appears.
#[component]
pub fn Refusal(
    /// The refusal, if there is one.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
) -> impl IntoView {
    let t = locale();
    view! {
        <Show when=move || error.get().is_some()>
            <p class="sp-alert sp-alert--problem" role="alert">
                {move || error.get().map(|e| e.action_message(t))}
            </p>
        </Show>
    }
}
