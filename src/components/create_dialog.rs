//! The form that takes a new snapshot: the name is checked as it is typed, and nothing is sent
//! that the API is known to refuse.

use leptos::prelude::*;
use snapshot_core::format::display_name;
use snapshot_core::i18n::Text;
use snapshot_core::model::{NewSnapshot, Snapshot};
use snapshot_core::rules::{advise_stopping_first, create_blocker, room_by_deleting_oldest};
use snapshot_core::screen::{first_choice, ServerChoice};
use snapshot_core::validate::{
    description_counter, description_error, snapshot_name_error, suggest_snapshot_name,
    NAME_MAX_CHARS, SNAPSHOTS_PER_SERVER,
};
use snapshot_core::{ApiError, Locale};

use super::delete_oldest::DeleteOldest;
use super::form::{held_by_api, DialogForm, Submit, TextField};
use crate::browser::local_now;
use crate::intl::locale;

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
    /// What was typed before, when the dialog comes back.
    draft: Draft,
    /// Closes the dialog.
    on_close: Callback<()>,
    /// Asks to delete a snapshot (the oldest, offered when the server is at its limit), with
    /// what was typed so far, to come back to.
    on_delete: Callback<(Snapshot, Draft)>,
) -> impl IntoView {
    let t = locale();
    let form = CreateForm::new(t, choices, preselected, draft, error);
    let on_delete = Callback::new(move |oldest: Snapshot| on_delete.run((oldest, form.draft())));
    let title = move || match form.choice.get() {
        Some(c) if preselected.is_some() => {
            t.new_snapshot_of(&display_name(t, &c.server.name, c.server.id))
        }
        _ => t.new_snapshot(),
    };
    view! {
        <DialogForm
            labelled_by="create-title"
            class="sp-dialog--form"
            submit=Submit::primary(t.create_snapshot(), t.creating())
            pending
            blocked=Signal::derive(move || {
                !form.valid() || form.error.with(|e| held_by_api(e.as_ref()))
            })
            on_submit=Callback::new(move |()| {
                if let Some(request) = form.take() {
                    on_submit.run(request);
                }
            })
            on_close
        >
            <h2 id="create-title">{title}</h2>
            <Show when=move || !form.top_errors().is_empty()>
                <div class="sp-alert sp-alert--problem" role="alert">
                    <ul>
                        {move || {
                            form.top_errors()
                                .into_iter()
                                .map(|m| view! { <li>{m}</li> })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
            <Show when=move || preselected.is_none()>
                <ServerField form />
            </Show>
            <Show when=move || form.blocker.get().is_some()>
                <div class="sp-alert sp-alert--problem" role="alert">
                    <p>{move || form.blocker.get()}</p>
                    {move || {
                        form.oldest_at_limit()
                            .map(|oldest| {
                                view! { <DeleteOldest oldest on_delete disabled=pending /> }
                            })
                    }}
                </div>
            </Show>
            <Show when=move || form.warning().is_some()>
                <p class="sp-alert sp-alert--warning">{move || form.warning()}</p>
            </Show>
            <NameField form />
            <DescriptionField form />
        </DialogForm>
    }
}

/// A field of the form, as the API names it in its errors.
#[derive(Clone, Copy)]
enum Field {
    Server,
    Name,
    Description,
}

impl Field {
    const ALL: [Self; 3] = [Self::Server, Self::Name, Self::Description];

    fn api_key(self) -> &'static str {
        match self {
            Self::Server => "server_id",
            Self::Name => "name",
            Self::Description => "description",
        }
    }
}

/// What the last attempt sent.
#[derive(Clone, PartialEq)]
struct Sent {
    server_id: u64,
    name: String,
    description: String,
}

/// What the person typed in the create form, kept while a dialog opened from it is in front.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    server_id: Option<u64>,
    /// The name, once the person typed one; until then it follows the chosen server.
    name: Option<String>,
    description: String,
}

impl Draft {
    /// Nothing typed yet, with `server` chosen in the Server field.
    pub fn starting_on(server: Option<u64>) -> Self {
        Self {
            server_id: server,
            ..Self::default()
        }
    }
}

/// What the create form holds and decides, apart from how it is drawn.
#[derive(Clone, Copy)]
struct CreateForm {
    /// The language its sentences are in.
    t: Locale,
    choices: Signal<Vec<ServerChoice>>,
    /// Whether the server is chosen in the form (not given by the group it opened from).
    server_field: bool,
    /// The API's refusal of the last attempt.
    error: Signal<Option<ApiError>>,
    server_id: RwSignal<Option<u64>>,
    choice: Memo<Option<ServerChoice>>,
    name: RwSignal<String>,
    /// Whether the person typed the name: until then it follows the chosen server.
    name_edited: RwSignal<bool>,
    description: RwSignal<String>,
    name_problem: Memo<Option<Text>>,
    description_problem: Memo<Option<Text>>,
    /// Why no snapshot of the chosen server can be taken now.
    blocker: Memo<Option<Text>>,
    /// The API's word on a field only stands while the field still holds what it was said about.
    sent: RwSignal<Option<Sent>>,
}

impl CreateForm {
    fn new(
        t: Locale,
        choices: Signal<Vec<ServerChoice>>,
        preselected: Option<u64>,
        draft: Draft,
        error: Signal<Option<ApiError>>,
    ) -> Self {
        let first = draft
            .server_id
            .or_else(|| choices.with_untracked(|c| first_choice(c, preselected)));
        let server_id = RwSignal::new(first);
        let choice = Memo::new(move |_| {
            let id = server_id.get()?;
            choices.with(|c| c.iter().find(|c| c.server.id == id).cloned())
        });
        let name_edited = RwSignal::new(draft.name.is_some());
        let name = RwSignal::new(draft.name.unwrap_or_else(|| suggestion(choices, first)));
        let description = RwSignal::new(draft.description);
        Self {
            t,
            choices,
            server_field: preselected.is_none(),
            error,
            server_id,
            choice,
            name,
            name_edited,
            description,
            name_problem: Memo::new(move |_| {
                name.with(|n| snapshot_name_error(n)).map(|e| e.message(t))
            }),
            description_problem: Memo::new(move |_| {
                description.with(|d| description_error(d).map(|e| e.message(t)))
            }),
            blocker: Memo::new(move |_| {
                choice
                    .get()
                    .and_then(|c| create_blocker(&c.server.status, c.snapshot_count))
                    .map(|blocker| blocker.message(t))
            }),
            sent: RwSignal::new(None),
        }
    }

    /// What is typed now, to come back to.
    fn draft(self) -> Draft {
        Draft {
            server_id: self.server_id.get_untracked(),
            name: self
                .name_edited
                .get_untracked()
                .then(|| self.name.get_untracked()),
            description: self.description.get_untracked(),
        }
    }

    fn choose_server(self, id: Option<u64>) {
        self.server_id.set(id);
        if !self.name_edited.get_untracked() {
            self.name.set(suggestion(self.choices, id));
        }
    }

    fn edit_name(self, text: String) {
        self.name_edited.set(true);
        self.name.set(text);
    }

    fn valid(self) -> bool {
        self.server_id.get().is_some()
            && self.name_problem.get().is_none()
            && self.description_problem.get().is_none()
            && self.blocker.get().is_none()
    }

    /// Whether `field` still holds what was last sent.
    fn unchanged(self, field: Field) -> bool {
        self.sent.with(|sent| {
            sent.as_ref().is_some_and(|sent| match field {
                Field::Name => self.name.with(|n| *n == sent.name),
                Field::Description => self.description.with(|d| *d == sent.description),
                Field::Server => self.server_id.get() == Some(sent.server_id),
            })
        })
    }

    /// The API's word on `field`, while the field still holds what it was said about.
    fn server_said(self, field: Field) -> Option<String> {
        match self.error.get() {
            Some(ApiError::Validation(errors)) if self.unchanged(field) => {
                errors.for_field(field.api_key()).map(|m| m.join(" "))
            }
            _ => None,
        }
    }

    /// Whether every field still holds what was last sent.
    fn as_sent(self) -> bool {
        Field::ALL.iter().all(|field| self.unchanged(*field))
    }

    /// What went wrong that is about no field shown. The API's word on what was sent stands
    /// only while the form still holds it ("a snapshot with this name already exists" is no
    /// longer true of another name); any other failure, until the next try.
    fn top_errors(self) -> Vec<String> {
        match self.error.get() {
            Some(ApiError::Validation(errors)) => {
                let mut top = if self.as_sent() {
                    errors.outside(&Field::ALL.map(Field::api_key))
                } else {
                    Vec::new()
                };
                if !self.server_field && self.unchanged(Field::Server) {
                    let on_server = errors.for_field(Field::Server.api_key());
                    top.extend(on_server.into_iter().flatten().cloned());
                }
                top
            }
            Some(other) => std::iter::once(other.action_message(self.t))
                .chain(other.detail(self.t))
                .collect(),
            None => Vec::new(),
        }
    }

    fn warning(self) -> Option<Text> {
        self.choice
            .get()
            .filter(|c| advise_stopping_first(&c.server.status))
            .map(|_| self.t.running_warning())
    }

    /// The snapshot to delete to make room, when the chosen server is at its limit.
    fn oldest_at_limit(self) -> Option<Snapshot> {
        self.choice
            .get()
            .filter(|c| room_by_deleting_oldest(&c.server.status, c.snapshot_count))
            .and_then(|c| c.oldest)
    }

    /// The request to send, remembered as sent; `None` while the form may not be sent.
    fn take(self) -> Option<NewSnapshot> {
        if !self.valid() {
            return None;
        }
        let sent = Sent {
            server_id: self.server_id.get_untracked()?,
            name: self.name.get_untracked(),
            description: self.description.get_untracked(),
        };
        self.sent.set(Some(sent.clone()));
        Some(NewSnapshot {
            server_id: sent.server_id,
            name: sent.name,
            description: (!sent.description.trim().is_empty()).then_some(sent.description),
        })
    }
}

/// A name for a snapshot of server `id` taken now.
fn suggestion(choices: Signal<Vec<ServerChoice>>, id: Option<u64>) -> String {
    let name = choices.with_untracked(|c| {
        c.iter()
            .find(|c| Some(c.server.id) == id)
            .map(|c| c.server.name.clone())
    });
    suggest_snapshot_name(&name.unwrap_or_default(), local_now())
}

/// Which server: each with how full it is. First in the form, it has the focus first: the
/// person chooses the server before anything is sent to one.
#[component]
fn ServerField(form: CreateForm) -> impl IntoView {
    let t = form.t;
    view! {
        <div class="sp-field">
            <label for="create-server">{t.server()}</label>
            <select
                id="create-server"
                autofocus=true
                aria-describedby="create-server-error"
                on:change=move |ev| form.choose_server(event_target_value(&ev).parse::<u64>().ok())
            >
                <For each=move || form.choices.get() key=|c| c.server.id let:c>
                    <option
                        value=c.server.id.to_string()
                        selected=move || form.server_id.get() == Some(c.server.id)
                    >
                        {t
                            .server_option(
                                &display_name(t, &c.server.name, c.server.id),
                                c.snapshot_count,
                                SNAPSHOTS_PER_SERVER,
                            )}
                    </option>
                </For>
            </select>
            <p class="sp-field__error" id="create-server-error">
                {move || form.server_said(Field::Server)}
            </p>
        </div>
    }
}

/// The name, checked as it is typed.
#[component]
fn NameField(form: CreateForm) -> impl IntoView {
    let t = form.t;
    let problem = move || {
        form.name_problem
            .get()
            .or_else(|| form.server_said(Field::Name).map(Text::from))
    };
    view! {
        <TextField
            id="create-name"
            label=t.name()
            value=form.name
            on_input=Callback::new(move |text| form.edit_name(text))
            described_by="create-name-hint create-name-error"
            invalid=Signal::derive(move || problem().is_some())
            select_on_focus=Signal::derive(move || !form.name_edited.get())
            autofocus=!form.server_field
            required=true
        >
            <p class="sp-field__hint" id="create-name-hint">
                {t.name_hint(NAME_MAX_CHARS)}
            </p>
            <p class="sp-field__error" id="create-name-error" aria-live="polite">
                {problem}
            </p>
        </TextField>
    }
}

/// The optional description, with its length.
#[component]
fn DescriptionField(form: CreateForm) -> impl IntoView {
    let t = form.t;
    let description = form.description;
    view! {
        <div class="sp-field">
            <label for="create-description">
                {t.description()} " " <span class="sp-muted">{t.optional()}</span>
            </label>
            <textarea
                id="create-description"
                rows="2"
                aria-describedby="create-description-count create-description-error"
                aria-invalid=move || form.description_problem.get().is_some().to_string()
                prop:value=move || description.get()
                on:input=move |ev| description.set(event_target_value(&ev))
            ></textarea>
            <p class="sp-field__hint" id="create-description-count">
                {move || description.with(|d| description_counter(d))}
            </p>
            <p class="sp-field__error" id="create-description-error">
                {move || {
                    form.description_problem
                        .get()
                        .or_else(|| form.server_said(Field::Description).map(Text::from))
                }}
            </p>
        </div>
    }
}
