//! One clock for the whole panel, ticking once a second while the panel is mounted, so every
//! "2 minutes ago" and elapsed time moves together.

use std::time::Duration;

use leptos::prelude::*;

use crate::browser::now_ms;

/// The current time in ms, as a signal.
#[derive(Clone, Copy)]
pub struct Clock(RwSignal<f64>);

impl Clock {
    /// Starts the clock; it stops with the current reactive owner.
    pub fn start() -> Self {
        let now = RwSignal::new(now_ms());
        if let Ok(handle) =
            set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1))
        {
            on_cleanup(move || handle.clear());
        }
        Self(now)
    }

    /// Now, in ms.
    pub fn now_ms(self) -> f64 {
        self.0.get()
    }

    /// Now, in whole seconds since the epoch.
    pub fn now_secs(self) -> i64 {
        (self.0.get() / 1000.0) as i64
    }
}
