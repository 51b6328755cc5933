//! Snapshot Panel: a browser admin panel for the VPS.org Snapshots API.
//!
//! The pure logic (API types, decoding, errors, validation, formatting, polling decisions) is
//! in the `snapshot-core` crate; this crate is the browser side: the API client ([`api`]), the
//! state that keeps data fresh ([`board`]), the screens ([`pages`]) and their building blocks
//! ([`components`]), and mounting ([`embed`]).

pub mod api;
pub mod app;
pub mod board;
pub mod browser;
pub mod clock;
pub mod components;
pub mod draw;
pub mod embed;
pub mod host;
pub mod intl;
pub mod keyed;
pub mod nav;
pub mod notices;
pub mod notify;
pub mod pages;
pub mod session;
pub mod tabs;
pub mod tasks;

pub use embed::{mount, set_token, unmount};

/// Runs when the wasm module is loaded: installs the panic hook (a panic is a bug; this makes
/// it readable in the console), defines `<snapshot-panel>`, and mounts the panel if the page
/// asks for it.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    embed::define_custom_element();
    embed::autostart();
}
