//! The form that takes a new snapshot: the name is checked as it is typed, and nothing is sent
//! that the API is known to refuse.

use leptos::prelude::*;
use snapshot_core::model::{NewSnapshot, ServerStatus, Snapshot};
use snapshot_core::rules::{create_blocker, running_server_warning};
use snapshot_core::screen::{first_choice, ServerChoice};
use snapshot_core::validate::{
    description_counter, description_error, snapshot_name_error, suggest_snapshot_name,
    NAME_MAX_CHARS, SNAPSHOTS_PER_SERVER,
};
use snapshot_core::ApiError;

use super::actions::{DeleteOldest, DialogActions};
use super::modal::Modal;
use crate::browser::local_now;

/// The create dialog. Its text lives here, so an error never loses what was typed.
#[component]
pub fn CreateDialog(
    /// The servers to choose from.
    #[prop(into)]
    choices: Signal<Vec<ServerChoice>>,
    /// The server chosen when the dialog opened from a server's group.
    preselected: Option<u64>,
    /// Whether the request is on its way.
    #[prop(into)]
    pending: Signal<bool>,
    /// The API's refusal of the last attempt.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    /// Sends the request.
    on_submit: Callback<NewSnapshot>,
    /// Closes the dialog.
    on_close: Callback<()>,
    /// Asks to delete a snapshot (the oldest, offered when the server is at its limit).
    on_delete: Callback<Snapshot>,
) -> impl IntoView {
    let first = choices.with_untracked(|c| first_choice(c, preselected));
    let server_id = RwSignal::new(first);
    let choice = Memo::new(move |_| {
        let id = server_id.get()?;
        choices.with(|c| c.iter().find(|c| c.server.id == id).cloned())
    });
    let suggest = move |id: Option<u64>| {
        let name = choices.with_untracked(|c| {
            c.iter()
                .find(|c| Some(c.server.id) == id)
                .map(|c| c.server.name.clone())
        });
        suggest_snapshot_name(&name.unwrap_or_default(), local_now())
    };
    let name = RwSignal::new(suggest(first));
    let name_edited = RwSignal::new(false);
    let description = RwSignal::new(String::new());

    let name_problem =
        Memo::new(move |_| name.with(|n| snapshot_name_error(n)).map(|e| e.message()));
    let description_problem = Memo::new(move |_| description.with(|d| description_error(d)));
    let blocker = Memo::new(move |_| {
        choice
            .get()
            .and_then(|c| create_blocker(&c.server.status, c.snapshot_count))
    });
    let warning = move || {
        choice
            .get()
            .and_then(|c| running_server_warning(&c.server.status))
    };
    let valid = move || {
        server_id.get().is_some()
            && name_problem.get().is_none()
            && description_problem.get().is_none()
            && blocker.get().is_none()
    };
    // What the last attempt sent: the API's word on a field only stands while the field still
    // holds what it was said about.
    let sent: RwSignal<Option<(Option<u64>, String, String)>> = RwSignal::new(None);
    let field_error = move |field: &'static str| {
        move || {
            let unchanged = sent.with(|sent| {
                sent.as_ref()
                    .is_some_and(|(server, sent_name, sent_description)| match field {
                        "name" => name.with(|n| n == sent_name),
                        "description" => description.with(|d| d == sent_description),
                        _ => server_id.get() == *server,
                    })
            });
            match error.get() {
                Some(ApiError::Validation(errors)) if unchanged => {
                    errors.for_field(field).map(|m| m.join(" "))
                }
                _ => None,
            }
        }
    };
    let top_errors = move || match error.get() {
        Some(ApiError::Validation(errors)) => errors.outside(&["name", "description", "server_id"]),
        Some(other) => std::iter::once(other.action_message())
            .chain(other.detail())
            .collect(),
        None => Vec::new(),
    };
    let oldest_at_limit = move || {
        choice
            .get()
            .filter(|c| {
                c.snapshot_count >= SNAPSHOTS_PER_SERVER
                    && c.server.status != ServerStatus::Restoring
            })
            .and_then(|c| c.oldest)
    };
    let submit = move || {
        if !valid() || pending.get_untracked() {
            return;
        }
        let Some(server_id) = server_id.get_untracked() else {
            return;
        };
        let description = description.get_untracked();
        sent.set(Some((
            Some(server_id),
            name.get_untracked(),
            description.clone(),
        )));
        on_submit.run(NewSnapshot {
            server_id,
            name: name.get_untracked(),
            description: (!description.trim().is_empty()).then_some(description),
        });
    };
    let server_error = field_error("server_id");
    let name_server_error = field_error("name");
    let description_server_error = field_error("description");

    view! {
        <Modal labelled_by="create-title" on_close=on_close class="sp-dialog--form">
            <form
                class="sp-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                <h2 id="create-title">
                    {move || match choice.get() {
                        Some(c) if preselected.is_some() => {
                            format!("New snapshot of {}", c.server.name)
                        }
                        _ => "New snapshot".to_owned(),
                    }}
                </h2>
                <Show when=move || !top_errors().is_empty()>
                    <div class="sp-alert sp-alert--problem" role="alert">
                        <ul>
                            {move || {
                                top_errors()
                                    .into_iter()
                                    .map(|m| view! { <li>{m}</li> })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </Show>
                <Show when=move || preselected.is_none()>
                    <div class="sp-field">
                        <label for="create-server">"Server"</label>
                        <select
                            id="create-server"
                            aria-describedby="create-server-error"
                            on:change=move |ev| {
                                let id = event_target_value(&ev).parse::<u64>().ok();
                                server_id.set(id);
                                if !name_edited.get_untracked() {
                                    name.set(suggest(id));
                                }
                            }
                        >
                            <For each=move || choices.get() key=|c| c.server.id let:c>
                                <option
                                    value=c.server.id.to_string()
                                    selected=move || server_id.get() == Some(c.server.id)
                                >
                                    {format!(
                                        "{} ({} of {SNAPSHOTS_PER_SERVER})",
                                        c.server.name,
                                        c.snapshot_count,
                                    )}
                                </option>
                            </For>
                        </select>
                        <p class="sp-field__error" id="create-server-error">
                            {server_error}
                        </p>
                    </div>
                </Show>
                <Show when=move || blocker.get().is_some()>
                    <div class="sp-alert sp-alert--problem" role="alert">
                        <p>{move || blocker.get()}</p>
                        {move || {
                            oldest_at_limit()
                                .map(|oldest| view! { <DeleteOldest oldest on_delete /> })
                        }}
                    </div>
                </Show>
                <Show when=move || warning().is_some()>
                    <p class="sp-alert sp-alert--warning">{warning}</p>
                </Show>
                <div class="sp-field">
                    <label for="create-name">"Name"</label>
                    <input
                        id="create-name"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        autofocus
                        required
                        aria-invalid=move || {
                            (name_problem.get().is_some() || name_server_error().is_some())
                                .to_string()
                        }
                        aria-describedby="create-name-hint create-name-error"
                        prop:value=move || name.get()
                        on:input=move |ev| {
                            name_edited.set(true);
                            name.set(event_target_value(&ev));
                        }
                    />
                    <p class="sp-field__hint" id="create-name-hint">
                        {format!("Letters, digits, - and _; up to {NAME_MAX_CHARS} characters.")}
                    </p>
                    <p class="sp-field__error" id="create-name-error" aria-live="polite">
                        {move || name_problem.get().or_else(name_server_error)}
                    </p>
                </div>
                <div class="sp-field">
                    <label for="create-description">
                        "Description " <span class="sp-muted">"(optional)"</span>
                    </label>
                    <textarea
                        id="create-description"
                        rows="2"
                        aria-describedby="create-description-count create-description-error"
                        aria-invalid=move || description_problem.get().is_some().to_string()
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))
                    ></textarea>
                    <p class="sp-field__hint" id="create-description-count">
                        {move || description.with(|d| description_counter(d))}
                    </p>
                    <p class="sp-field__error" id="create-description-error">
                        {move || description_problem.get().or_else(description_server_error)}
                    </p>
                </div>
                <DialogActions
                    label="Create snapshot"
                    pending_label="Creating…"
                    tone="sp-button--primary"
                    pending=pending
                    blocked=Signal::derive(move || !valid())
                    on_cancel=on_close
                />
            </form>
        </Modal>
    }
}
