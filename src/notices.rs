//! What the panel tells the person: a visible list of notices, and one polite live region that
//! screen readers announce.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::intl::locale;

pub use snapshot_core::notice::{Tone, Topic};

/// One notice on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub text: String,
    pub tone: Tone,
    about: Option<Topic>,
}

/// The most notices kept on screen at once; older ones give way.
const KEPT: usize = 4;

/// The panel's notices. `Copy`: hand it to anything that needs to say something.
#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    live: RwSignal<String>,
    /// Whether the live region's text is still being gathered in this turn of the event loop:
    /// the page is drawn after it, so a second text set now would replace the first unheard.
    gathering: StoredValue<bool>,
    next_id: StoredValue<u64>,
}

impl Notices {
    /// No notices yet.
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            live: RwSignal::new(String::new()),
            gathering: StoredValue::new(false),
            next_id: StoredValue::new(0),
        }
    }

    /// Shows a notice and announces it.
    pub fn say(self, tone: Tone, text: impl Into<String>) {
        self.add(tone, text.into(), None);
    }

    /// Shows a notice about `topic` in place of any earlier one about it, and announces it.
    pub fn say_about(self, topic: Topic, tone: Tone, text: impl Into<String>) {
        self.add(tone, text.into(), Some(topic));
    }

    /// Shows a notice without announcing it: for news an open dialog says itself, which a
    /// screen reader would otherwise hear twice.
    pub fn show(self, tone: Tone, text: impl Into<String>) {
        self.push(tone, text.into(), None);
    }

    fn add(self, tone: Tone, text: String, about: Option<Topic>) {
        self.push(tone, text.clone(), about);
        self.announce(text);
    }

    fn push(self, tone: Tone, text: String, about: Option<Topic>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.list.update(|list| {
            if about.is_some() {
                list.retain(|n| n.about != about);
            }
            list.push(Notice {
                id,
                text,
                tone,
                about,
            });
            let excess = list.len().saturating_sub(KEPT);
            list.drain(..excess);
        });
    }

    /// Puts `text` in the live region; texts said in one turn are announced together. Alone,
    /// for news the page shows elsewhere than in a notice.
    pub fn announce(self, text: String) {
        if self.gathering.get_value() {
            self.live.update(|live| {
                live.push(' ');
                live.push_str(&text);
            });
            return;
        }
        self.live.set(text);
        self.gathering.set_value(true);
        let gathering = self.gathering;
        set_timeout(
            move || {
                gathering.try_set_value(false);
            },
            std::time::Duration::ZERO,
        );
    }

    /// Takes a notice away.
    pub fn dismiss(self, id: u64) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

/// What a modal dialog announces: the page's live region is outside it, and a screen reader
/// ignores everything outside an open modal dialog. The dialog carries this region of its own,
/// which says what the page says while it is open (not what was said before).
#[component]
pub fn DialogLiveRegion() -> impl IntoView {
    let said = RwSignal::new(String::new());
    if let Some(notices) = use_context::<Notices>() {
        Effect::new(move |opened: Option<()>| {
            let text = notices.live.get();
            if opened.is_some() {
                said.set(text);
            }
        });
    }
    view! {
        // No role: the dialog's own status (a restore's wait) keeps the one `status`.
        <div class="sp-vh sp-dialog__live" aria-live="polite" aria-atomic="true">
            {move || said.get()}
        </div>
    }
}

/// The notices, and the live region that announces each new one.
#[component]
pub fn NoticeArea(
    /// The notices to show.
    notices: Notices,
) -> impl IntoView {
    let t = locale();
    view! {
        <div class="sp-live sp-vh" role="status" aria-live="polite" aria-atomic="true">
            {move || notices.live.get()}
        </div>
        <ul class="sp-notices" aria-label=t.notices()>
            <For each=move || notices.list.get() key=|n| n.id let:notice>
                <li class=move || match notice.tone {
                    Tone::Success => "sp-notice sp-notice--success",
                    Tone::Info => "sp-notice sp-notice--info",
                    Tone::Problem => "sp-notice sp-notice--problem",
                }>
                    <span class="sp-notice__text">{notice.text.clone()}</span>
                    <button
                        type="button"
                        class="sp-button sp-button--quiet"
                        aria-label=t.dismiss(&notice.text)
                        on:click=move |ev| {
                            let next = ev.current_target().and_then(|b| next_to_focus(&b));
                            notices.dismiss(notice.id);
                            request_animation_frame(move || {
                                if let Some(next) = next {
                                    next.focus();
                                }
                            });
                        }
                    >
                        "×"
                    </button>
                </li>
            </For>
        </ul>
    }
}

/// Where focus goes when a notice's Dismiss button takes itself away: the next notice's
/// button, else the previous one's, else the page's title.
enum AfterDismiss {
    Button(web_sys::HtmlElement),
    Home(web_sys::Node),
}

impl AfterDismiss {
    fn focus(self) {
        match self {
            Self::Button(button) => crate::browser::focus(&button),
            Self::Home(root) => crate::browser::focus_home(&root),
        }
    }
}

fn next_to_focus(target: &web_sys::EventTarget) -> Option<AfterDismiss> {
    let button = target.dyn_ref::<web_sys::Element>()?;
    let item = button.closest("li").ok().flatten()?;
    let neighbour = item
        .next_element_sibling()
        .or_else(|| item.previous_element_sibling())
        .and_then(|li| li.query_selector("button").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    Some(match neighbour {
        Some(button) => AfterDismiss::Button(button),
        None => AfterDismiss::Home(button.get_root_node()),
    })
}
