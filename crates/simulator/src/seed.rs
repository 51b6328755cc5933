//! The users, tokens, servers and snapshots present at start-up (and after a reset).
//!
//! Alice's server 12345 carries exactly the two snapshots of the provider's doc page; the
//! other seeded timestamps are relative to the start-up time.

use std::time::Instant;

use time::macros::datetime;

use crate::clock::{start_of_day, DAY};
use crate::model::{
    Os, Plan, Restore, Server, ServerStatus, Snapshot, SnapshotStatus, User, UserId,
};

/// The first id given to a snapshot created through the API (then upward, never reused).
pub const FIRST_NEW_SNAPSHOT_ID: u64 = 802;

/// Permission to list snapshots.
pub const SNAPSHOTS_READ: &str = "snapshots:read";
/// Permission to create, restore and delete snapshots.
pub const SNAPSHOTS_WRITE: &str = "snapshots:write";
/// Permission to list servers.
pub const SERVERS_READ: &str = "servers:read";

const ALICE: UserId = 1;
const BOB: UserId = 2;
const CAROL: UserId = 3;

/// The three demo users.
pub const USERS: [User; 3] = [
    User {
        id: ALICE,
        token: "vps_demo_alice",
        email: "alice@example.com",
        first_name: "Alice",
        last_name: "Example",
        company_name: "Example Hosting Ltd",
        created_at: datetime!(2023-06-01 10:00:00 UTC).unix_timestamp(),
        token_name: "Demo token",
        permissions: &[SNAPSHOTS_READ, SNAPSHOTS_WRITE, SERVERS_READ],
        token_created_at: datetime!(2024-09-10 08:30:00 UTC).unix_timestamp(),
        token_last_used_at: datetime!(2025-01-15 18:29:12 UTC).unix_timestamp(),
    },
    User {
        id: BOB,
        token: "vps_demo_bob",
        email: "bob@example.com",
        first_name: "Bob",
        last_name: "Example",
        company_name: "",
        created_at: datetime!(2024-02-20 14:45:00 UTC).unix_timestamp(),
        token_name: "CLI token",
        permissions: &[SNAPSHOTS_READ, SNAPSHOTS_WRITE, SERVERS_READ],
        token_created_at: datetime!(2024-02-20 14:50:00 UTC).unix_timestamp(),
        token_last_used_at: datetime!(2025-01-10 07:00:00 UTC).unix_timestamp(),
    },
    User {
        id: CAROL,
        token: "vps_readonly_carol",
        email: "carol@example.com",
        first_name: "Carol",
        last_name: "Example",
        company_name: "Example Audit Co",
        created_at: datetime!(2024-05-05 09:00:00 UTC).unix_timestamp(),
        token_name: "Read-only token",
        permissions: &[SNAPSHOTS_READ, SERVERS_READ],
        token_created_at: datetime!(2024-05-05 09:05:00 UTC).unix_timestamp(),
        token_last_used_at: datetime!(2025-01-12 16:20:00 UTC).unix_timestamp(),
    },
];

/// The user owning `token`, if any.
pub fn user_by_token(token: &str) -> Option<&'static User> {
    USERS.iter().find(|u| u.token == token)
}

const fn plan(id: u32, name: &'static str, vcpus: u32, memory_mb: u32, storage_gb: u32) -> Plan {
    Plan {
        id,
        name,
        vcpus,
        memory: memory_mb,
        storage: storage_gb,
    }
}

const VPS_1: Plan = plan(1, "VPS-1", 1, 2048, 40);
const VPS_2: Plan = plan(2, "VPS-2", 2, 4096, 80);
const VPS_4: Plan = plan(3, "VPS-4", 4, 8192, 160);

const fn os(id: u32, name: &'static str) -> Os {
    Os { id, name }
}

const UBUNTU_2404: Os = os(12, "Ubuntu 24.04 LTS");
const UBUNTU_2204: Os = os(11, "Ubuntu 22.04 LTS");
const DEBIAN_12: Os = os(14, "Debian 12");
const ROCKY_9: Os = os(20, "Rocky Linux 9");
const CENTOS_7: Os = os(5, "CentOS 7");
const ALPINE: Os = os(30, "Alpine Linux 3.20");

#[allow(clippy::too_many_arguments)]
fn server(
    id: u64,
    owner: UserId,
    name: &str,
    status: ServerStatus,
    ip: &str,
    location: &str,
    plan: Plan,
    os: Os,
    created_at: i64,
    updated_at: i64,
) -> Server {
    Server {
        id,
        owner,
        name: Some(name.to_owned()),
        hostname: format!("{name}.vps.example"),
        status,
        ip_address: ip.to_owned(),
        location: location.to_owned(),
        plan,
        os,
        created_at,
        updated_at,
        restore: None,
    }
}

fn completed(
    id: u64,
    server_id: u64,
    name: &str,
    size_mb: u32,
    created_at: i64,
    description: Option<&str>,
) -> Snapshot {
    Snapshot {
        id,
        server_id,
        name: name.to_owned(),
        status: SnapshotStatus::Completed,
        size_mb: Some(size_mb),
        created_at,
        description: description.map(str::to_owned),
        completes_at: None,
    }
}

/// `now` minus `days` days, at `hour`:00 UTC of that day.
fn days_ago(now: i64, days: i64, hour: i64) -> i64 {
    start_of_day(now)
        .saturating_sub(days.saturating_mul(DAY))
        .saturating_add(hour.saturating_mul(3600))
}

const EDGE_DESCRIPTION: &str = "Baseline of the edge cache before the CDN migration: \
nginx 1.24 with the tuned proxy_cache zones, the purge API behind basic auth, \
log rotation every six hours and the GeoIP database of 2024-12-01. \
Keep until the new edge nodes have served a full month.";

/// Seeded servers and snapshots. `now` is the start-up time (Unix seconds);
/// `in_progress_until` is when the seeded in-progress snapshot completes.
pub fn data(now: i64, in_progress_until: Option<Instant>) -> (Vec<Server>, Vec<Snapshot>) {
    use ServerStatus::{Active, Restoring, Stopped, Suspended};
    let t = |dt: time::OffsetDateTime| dt.unix_timestamp();
    let mut mail = server(
        12350,
        ALICE,
        "legacy-mail",
        Restoring,
        "203.0.113.15",
        "Amsterdam",
        VPS_1,
        CENTOS_7,
        t(datetime!(2021-04-12 11:00:00 UTC)),
        t(datetime!(2025-01-14 22:05:00 UTC)),
    );
    // Stuck: it never leaves `restoring` by itself.
    mail.restore = Some(Restore {
        until: None,
        ends_unix: mail.updated_at,
        previous: Active,
    });
    let servers = vec![
        server(
            12345,
            ALICE,
            "web-server-01",
            Active,
            "203.0.113.10",
            "Lisbon",
            VPS_2,
            UBUNTU_2404,
            t(datetime!(2024-03-02 09:14:00 UTC)),
            t(datetime!(2025-01-15 18:30:00 UTC)),
        ),
        server(
            12346,
            ALICE,
            "db-primary",
            Stopped,
            "203.0.113.11",
            "Frankfurt",
            VPS_4,
            DEBIAN_12,
            t(datetime!(2023-11-20 16:02:00 UTC)),
            days_ago(now, 1, 2),
        ),
        server(
            12347,
            ALICE,
            "staging-app",
            Active,
            "203.0.113.12",
            "Lisbon",
            VPS_1,
            UBUNTU_2204,
            t(datetime!(2024-08-19 13:40:00 UTC)),
            t(datetime!(2024-12-02 10:11:00 UTC)),
        ),
        server(
            12348,
            ALICE,
            "build-runner",
            Active,
            "203.0.113.13",
            "São Paulo",
            VPS_4,
            UBUNTU_2404,
            t(datetime!(2024-10-07 08:00:00 UTC)),
            days_ago(now, 1, 4),
        ),
        server(
            12349,
            ALICE,
            "analytics-worker",
            Active,
            "203.0.113.14",
            "Frankfurt",
            VPS_2,
            ROCKY_9,
            t(datetime!(2024-06-30 21:15:00 UTC)),
            now,
        ),
        mail,
        server(
            12351,
            ALICE,
            "edge-cache",
            Suspended,
            "203.0.113.16",
            "Amsterdam",
            VPS_1,
            ALPINE,
            t(datetime!(2024-01-09 07:30:00 UTC)),
            t(datetime!(2025-01-03 00:00:00 UTC)),
        ),
        server(
            22222,
            BOB,
            "bob-web",
            Active,
            "198.51.100.20",
            "Lisbon",
            VPS_1,
            DEBIAN_12,
            t(datetime!(2024-02-21 10:00:00 UTC)),
            t(datetime!(2024-12-30 09:00:00 UTC)),
        ),
        server(
            33333,
            CAROL,
            "carol-app",
            Active,
            "198.51.100.30",
            "Frankfurt",
            VPS_2,
            UBUNTU_2404,
            t(datetime!(2024-05-06 12:00:00 UTC)),
            t(datetime!(2025-01-02 12:00:00 UTC)),
        ),
    ];
    let nightly = Some("Nightly database snapshot");
    let snapshots = vec![
        // Exactly the provider's doc example.
        completed(
            801,
            12345,
            "pre-migration-snapshot",
            5120,
            t(datetime!(2025-01-15 18:30:00 UTC)),
            Some("Before major migration"),
        ),
        completed(
            798,
            12345,
            "weekly-snapshot-2025-01-08",
            4856,
            t(datetime!(2025-01-08 12:00:00 UTC)),
            Some("Weekly snapshot"),
        ),
        // db-primary: at the limit of 5; descriptions null and "" included.
        completed(
            771,
            12346,
            "db-nightly-1",
            10240,
            days_ago(now, 5, 2),
            nightly,
        ),
        completed(772, 12346, "db-nightly-2", 10496, days_ago(now, 4, 2), None),
        completed(
            773,
            12346,
            "db-nightly-3",
            10752,
            days_ago(now, 3, 2),
            Some(""),
        ),
        completed(
            774,
            12346,
            "db-nightly-4",
            11008,
            days_ago(now, 2, 2),
            nightly,
        ),
        completed(
            775,
            12346,
            "db-nightly-5",
            11520,
            days_ago(now, 1, 2),
            Some("Nightly database snapshot — before the index rebuild"),
        ),
        // build-runner: one completed, one failed.
        completed(
            780,
            12348,
            "runner-clean-image",
            3072,
            days_ago(now, 3, 9),
            Some("Clean image <b>before</b> the toolchain upgrade & cache purge"),
        ),
        Snapshot {
            id: 781,
            server_id: 12348,
            name: "runner-after-upgrade".to_owned(),
            status: SnapshotStatus::Failed,
            size_mb: None,
            created_at: days_ago(now, 1, 4),
            description: Some("Toolchain upgrade".to_owned()),
            completes_at: None,
        },
        // analytics-worker: one completed, one in progress since start-up.
        completed(
            790,
            12349,
            "analytics-daily",
            6144,
            days_ago(now, 1, 0),
            Some("Daily analytics snapshot"),
        ),
        Snapshot {
            id: 791,
            server_id: 12349,
            name: "analytics-hourly".to_owned(),
            status: SnapshotStatus::InProgress,
            size_mb: None,
            created_at: now,
            description: Some("Hourly analytics snapshot".to_owned()),
            completes_at: in_progress_until,
        },
        // legacy-mail (stuck restoring).
        completed(
            760,
            12350,
            "mail-pre-cutover",
            2048,
            t(datetime!(2024-11-02 03:00:00 UTC)),
            Some("Before the MX cutover"),
        ),
        // edge-cache (suspended).
        completed(
            750,
            12351,
            "edge-baseline",
            1536,
            days_ago(now, 10, 6),
            Some(EDGE_DESCRIPTION),
        ),
        // Bob and Carol.
        completed(
            901,
            22222,
            "bob-nightly",
            2500,
            days_ago(now, 1, 3),
            Some("Bob's nightly snapshot"),
        ),
        completed(
            950,
            33333,
            "carol-base",
            3500,
            days_ago(now, 2, 3),
            Some("Base image"),
        ),
    ];
    (servers, snapshots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_description_fits_the_limit() {
        assert!(EDGE_DESCRIPTION.chars().count() > 200);
        assert!(EDGE_DESCRIPTION.chars().count() <= 255);
    }

    #[test]
    fn seeded_ids_are_below_the_first_new_id_or_skipped() {
        let (servers, snapshots) = data(1_737_000_000, None);
        assert_eq!(servers.len(), 9);
        assert_eq!(snapshots.len(), 15);
        let per_server = |id| snapshots.iter().filter(|s| s.server_id == id).count();
        assert_eq!(per_server(12346), 5);
        assert_eq!(per_server(12347), 0);
    }
}
