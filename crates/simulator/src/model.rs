//! The simulated provider's domain: users, servers, snapshots and their statuses. Plain data
//! at the bottom of the crate: it imports nothing of the crate, and everything else builds on
//! it.

use std::time::Instant;

use serde::Serialize;

/// Most snapshots one server may hold (any status).
pub const SNAPSHOT_LIMIT: usize = 5;

/// Identifies a user (and owner of servers).
pub type UserId = u32;

/// A user account and its (single) API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// User id.
    pub id: UserId,
    /// Bearer token.
    pub token: &'static str,
    /// E-mail address.
    pub email: &'static str,
    /// First name.
    pub first_name: &'static str,
    /// Last name.
    pub last_name: &'static str,
    /// Company name (may be empty).
    pub company_name: &'static str,
    /// Account creation time (Unix seconds).
    pub created_at: i64,
    /// Token name.
    pub token_name: &'static str,
    /// Token permissions.
    pub permissions: &'static [&'static str],
    /// Token creation time (Unix seconds).
    pub token_created_at: i64,
    /// `last_used_at` before any request.
    pub token_last_used_at: i64,
}

impl User {
    /// Whether the token carries `permission`.
    pub fn can(&self, permission: &str) -> bool {
        self.permissions.contains(&permission)
    }
}

/// Status of a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerStatus {
    /// Running.
    Active,
    /// Powered off.
    Stopped,
    /// Suspended by the provider.
    Suspended,
    /// Being restored from a snapshot.
    Restoring,
}

impl ServerStatus {
    /// Every status, in the order the API documents them.
    pub const ALL: [Self; 4] = [
        Self::Active,
        Self::Stopped,
        Self::Suspended,
        Self::Restoring,
    ];

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Stopped => "stopped",
            Self::Suspended => "suspended",
            Self::Restoring => "restoring",
        }
    }

    /// Parses the API's spelling.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Status of a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotStatus {
    /// Being created; `size_mb` is null.
    InProgress,
    /// Usable for restores.
    Completed,
    /// Creation failed; `size_mb` is null.
    Failed,
}

impl SnapshotStatus {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::Failed => "failed",
        }
    }
}

/// A hosting plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Plan id.
    pub id: u32,
    /// Plan name.
    pub name: &'static str,
    /// Virtual CPUs.
    pub vcpus: u32,
    /// Memory in MB.
    pub memory: u32,
    /// Disk in GB.
    pub storage: u32,
}

/// An operating system image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Os {
    /// Image id.
    pub id: u32,
    /// Image name.
    pub name: &'static str,
}

/// A restore in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Restore {
    /// When it finishes; `None` = never (a stuck server).
    pub until: Option<Instant>,
    /// Wall-clock time at which it finishes (becomes `updated_at`).
    pub ends_unix: i64,
    /// Status to return to.
    pub previous: ServerStatus,
}

/// A server.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// Server id.
    pub id: u64,
    /// Owning user.
    pub owner: UserId,
    /// Name (`None` = JSON null, as `PATCH /__sim/servers/{id}` may set it).
    pub name: Option<String>,
    /// Host name.
    pub hostname: String,
    /// Status (ignoring a restore: see `restore`).
    pub status: ServerStatus,
    /// Public IPv4 address.
    pub ip_address: String,
    /// Data-centre city.
    pub location: String,
    /// Plan.
    pub plan: Plan,
    /// Operating system.
    pub os: Os,
    /// Creation time (Unix seconds).
    pub created_at: i64,
    /// Last change (Unix seconds).
    pub updated_at: i64,
    /// Set while restoring.
    pub restore: Option<Restore>,
}

/// A snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Snapshot id.
    pub id: u64,
    /// Server it belongs to.
    pub server_id: u64,
    /// Name, unique per server.
    pub name: String,
    /// Status.
    pub status: SnapshotStatus,
    /// Size once completed.
    pub size_mb: Option<u32>,
    /// Creation time (Unix seconds).
    pub created_at: i64,
    /// Optional description (`null` and `""` are both possible).
    pub description: Option<String>,
    /// While in progress: when it completes (`None` = never).
    pub completes_at: Option<Instant>,
}
