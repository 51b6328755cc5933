//! End-to-end tests of the simulator over real HTTP (reqwest against an in-process server
//! on an ephemeral port). One test binary; each test starts its own simulator.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

mod support;

mod auth;
mod cli;
mod control;
mod faults;
mod forms;
mod plain_drf;
mod restore;
mod servers;
mod snapshots;
