//! The Snapshot Panel's pure logic, with no browser and no Leptos.
//!
//! Everything here is a plain function or type with native tests: what the API sends and how to
//! read it ([`model`], [`response`]), the one error type and its sentences ([`error`]), the name
//! rule ([`validate`]), every sentence in English and Portuguese ([`i18n`]), how numbers and
//! times read to a person ([`format`]), when to poll
//! ([`poll`]), and how settings, URLs and routes are read ([`config`], [`url`], [`route`]).

pub mod bulk;
pub mod config;
pub mod error;
pub mod format;
pub mod i18n;
pub mod listing;
pub mod model;
pub mod notice;
pub mod notify;
pub mod order;
pub mod poll;
pub mod response;
pub mod retry;
pub mod route;
pub mod rules;
pub mod safety;
pub mod screen;
pub mod store;
pub mod tabs;
pub mod time;
pub mod unsure;
pub mod url;
pub mod validate;

pub use error::{ApiError, FieldErrors, NoAnswer, Unconfirmed};
pub use i18n::Locale;
pub use model::{Server, ServerStatus, Snapshot, SnapshotStatus};
