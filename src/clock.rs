//! One clock for the whole panel, ticking once a second while the panel is mounted, so every
//! "2 minutes ago" and elapsed time moves together.

use std::time::Duration;

use leptos::prelude::*;

use crate::browser::now_ms;

/// The step of [`Clock::now_secs_coarse`].
const COARSE_STEP_SECS: i64 = 15;

/// The current time, as signals: one that ticks every second, and one that moves in
/// [`COARSE_STEP_SECS`] steps.
#[derive(Clone, Copy)]
pub struct Clock {
    now: RwSignal<f64>,
    coarse: Memo<i64>,
}

impl Clock {
    /// Starts the clock; it stops with the current reactive owner.
    pub fn start() -> Self {
        let now = RwSignal::new(now_ms());
        if let Ok(handle) =
            set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
        let coarse = Memo::new(move |_| {
            let secs = (now.get() / 1000.0) as i64;
            secs - secs.rem_euclid(COARSE_STEP_SECS)
        });
        Self { now, coarse }
    }

    /// Whole seconds from `since_ms` to now; 0 for a moment ahead of this clock (another
    /// tab's, or a clock set back).
    pub fn secs_since(self, since_ms: f64) -> u64 {
        ((self.now.get() - since_ms) / 1000.0).max(0.0) as u64
    }

    /// Now, in whole seconds since the epoch.
    pub fn now_secs(self) -> i64 {
        (self.now.get() / 1000.0) as i64
    }

    /// Now, in whole seconds, moving only every 15 s: for texts that change no faster, such as
    /// "3 minutes ago". A list of thousands of them is then not recomputed every second; the
    /// elapsed clocks of running jobs, which do move every second, use [`Clock::now_secs`].
    pub fn now_secs_coarse(self) -> i64 {
        self.coarse.get()
    }
}
