//! Building blocks of the panel's screens. Components never call the API: they show what they
//! are given and report what the person did through callbacks.

pub mod about;
pub mod bulk_delete_dialog;
pub mod create_dialog;
pub mod delete_dialog;
pub mod delete_oldest;
pub mod form;
pub mod load;
pub mod modal;
pub mod restore_dialog;
pub mod selection;
pub mod server_group;
pub mod snapshot_row;
pub mod snapshot_table;
mod status_badge;
