//! What the provider says about snapshots, where it helps: its rules and when a backup is the
//! better tool, behind a disclosure that stays closed until asked for.

use leptos::prelude::*;
use snapshot_core::validate::SNAPSHOTS_PER_SERVER;

use crate::intl::locale;

/// "About snapshots": a native `<details>`, so it opens with Enter or Space and a screen
/// reader hears whether it is expanded.
#[component]
pub fn AboutSnapshots() -> impl IntoView {
    let t = locale();
    view! {
        <details class="sp-about">
            <summary>{t.about_snapshots()}</summary>
            <ul>
                <li>{t.about_limit(SNAPSHOTS_PER_SERVER)}</li>
                <li>{t.about_durations()}</li>
                <li>{t.about_restore()}</li>
                <li>{t.about_consistency()}</li>
            </ul>
            <p>{t.about_backups()}</p>
        </details>
    }
}
