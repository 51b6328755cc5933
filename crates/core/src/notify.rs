//! "Notify me when it's done": where the opt-in stands and what each step does to it, as plain
//! decisions. The panel's `notify` module only asks the browser and shows what these say.

/// Where the opt-in stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyState {
    /// The browser has no Notification API (or the page may not use it).
    Unsupported,
    /// Not asked for.
    Off,
    /// The browser is asking the person.
    Asking,
    /// Asked for and allowed.
    On,
    /// The browser refuses: the person said no, now or before.
    Denied,
}

/// The browser's permission (`Notification.permission`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Never answered: asking is allowed, once, on a click.
    Unanswered,
    Granted,
    Denied,
}

/// What ticking the box leads to: on at once, a question to the browser, or the refusal that
/// stands (never asked again).
pub fn on_tick(permission: Permission) -> NotifyState {
    match permission {
        Permission::Granted => NotifyState::On,
        Permission::Denied => NotifyState::Denied,
        Permission::Unanswered => NotifyState::Asking,
    }
}

/// Where the opt-in stands after the browser's answer to the question (`"granted"`,
/// `"denied"`, or `"default"` when the person closed it without answering).
pub fn after_answer(answer: Option<&str>) -> NotifyState {
    match answer {
        Some("granted") => NotifyState::On,
        Some("denied") => NotifyState::Denied,
        _ => NotifyState::Off,
    }
}

/// Whether a job's end is shown as a notification: only when opted in, allowed, and the tab
/// is in the background (in front, the live region speaks).
pub fn notifies(state: NotifyState, hidden: bool, permission: Permission) -> bool {
    state == NotifyState::On && hidden && permission == Permission::Granted
}

/// Whether a background tab keeps following running jobs: only to tell of their end.
pub fn follows_in_background(state: NotifyState) -> bool {
    state == NotifyState::On
}
