//! The panel's screens. Pages own the data and the actions; they hand components what to show.

pub mod sign_in;
pub mod snapshots;
