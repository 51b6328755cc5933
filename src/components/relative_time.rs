//! "2 hours ago", with the exact local time on hover and on focus.

use leptos::prelude::*;
use snapshot_core::time::parse_rfc3339;

use crate::clock::Clock;
use crate::intl::{format_local_datetime, format_relative, locale};

/// A timestamp from the API, shown relative to now; focusable, so keyboard users can reach the
/// exact time too.
#[component]
pub fn RelativeTime(
    /// The RFC 3339 timestamp, as the API sent it.
    #[prop(into)]
    at: String,
) -> impl IntoView {
    let t = locale();
    let clock = expect_context::<Clock>();
    let Some(secs) = parse_rfc3339(&at) else {
        return view! { <span class="sp-muted">{t.unknown()}</span> }.into_any();
    };
    let exact = format_local_datetime(t, secs);
    let relative = move || format_relative(t, secs, clock.now_secs_coarse());
    // The exact time is read out with the relative one (hidden text, not an aria-label, which
    // a <time> cannot carry); sighted people get it as a tooltip on hover and focus, drawn by
    // CSS from `data-tip`, so no tooltip element exists until it is shown.
    view! {
        <time class="sp-tipped" datetime=at tabindex="0" data-tip=exact.clone()>
            {relative}
            <span class="sp-vh">{format!(", {exact}")}</span>
        </time>
    }
    .into_any()
}
