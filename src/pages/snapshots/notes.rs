//! What the board has to say about the data on screen: a refresh that failed, a read being
//! tried again, a list cut short, items that could not be read, servers not listed.

use leptos::prelude::*;
use snapshot_core::listing::incomplete_note;

use crate::board::{Board, LoadState};

/// The board's notes, each shown while it holds.
#[component]
pub fn BoardNotes(board: Board, retrying: Signal<bool>) -> impl IntoView {
    view! {
        <Show when=move || board.refresh_error.get().is_some()>
            <div class="sp-alert sp-alert--problem" role="alert">
                <p>
                    "Couldn't refresh: " {move || board.refresh_error.get().map(|e| e.message())}
                    " What you see may be out of date."
                </p>
                <button type="button" class="sp-button" on:click=move |_| board.reload()>
                    "Try again now"
                </button>
            </div>
        </Show>
        <Show when=move || retrying.get()>
            <p class="sp-alert sp-alert--warning" role="status">
                "The API didn't answer properly; trying again…"
            </p>
        </Show>
        <Show when=move || board.incomplete.get()>
            <p class="sp-alert sp-alert--warning">{incomplete_note()}</p>
        </Show>
        <Show when=move || { board.skipped.get() > 0 }>
            <p class="sp-alert sp-alert--warning">
                {move || {
                    format!(
                        "{} item(s) from the API could not be read and are not shown.",
                        board.skipped.get(),
                    )
                }}
            </p>
        </Show>
        <Show when=move || {
            !board.servers_listed.get() && matches!(board.state.get(), LoadState::Ready)
        }>
            <p class="sp-alert sp-alert--warning">
                "Server details could not be loaded, so servers are grouped by their snapshots, and servers without snapshots are not listed."
            </p>
        </Show>
    }
}
