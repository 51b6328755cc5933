//! What the board has to say about the data on screen: a refresh that failed, a read being
//! tried again, a list cut short, items that could not be read, servers not listed.

use leptos::prelude::*;
use snapshot_core::ApiError;

use crate::board::{Board, LoadState};
use crate::intl::locale;

/// The board's notes, each shown while it holds.
#[component]
pub fn BoardNotes(board: Board, retrying: Signal<bool>) -> impl IntoView {
    let t = locale();
    // A refresh that failed offline is tried again when the browser is back online, as its
    // message says. (While jobs run, their checks would also try again on their own.)
    crate::browser::on_window_event("online", move || {
        if board.refresh_error.get_untracked() == Some(ApiError::Offline) {
            board.reload();
        }
    });
    view! {
        <Show when=move || board.refresh_error.get().is_some()>
            <div class="sp-alert sp-alert--problem" role="alert">
                <p>
                    {move || {
                        board
                            .refresh_error
                            .get()
                            .map(|e| {
                                let why = if board.is_following() {
                                    e.message(t)
                                } else {
                                    e.load_message(t)
                                };
                                t.couldnt_refresh(&why).into_owned()
                            })
                    }}
                </p>
                <button type="button" class="sp-button" on:click=move |_| board.reload()>
                    {t.try_again_now()}
                </button>
            </div>
        </Show>
        <Show when=move || retrying.get()>
            <p class="sp-alert sp-alert--warning" role="status">
                {t.retrying_read()}
            </p>
        </Show>
        <Show when=move || board.incomplete.get()>
            <p class="sp-alert sp-alert--warning">{t.list_incomplete()}</p>
        </Show>
        <Show when=move || { board.skipped.get() > 0 }>
            <p class="sp-alert sp-alert--warning">{move || t.skipped_items(board.skipped.get())}</p>
        </Show>
        <Show when=move || {
            !board.servers_listed.get() && matches!(board.state.get(), LoadState::Ready)
        }>
            <p class="sp-alert sp-alert--warning">{t.servers_not_loaded()}</p>
        </Show>
    }
}
