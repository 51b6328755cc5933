//! What the main screen shows, decided without a browser: which servers a view and a filter
//! list, which of their snapshots, what the create dialog offers, and which snapshot is a
//! server's oldest.
//!
//! Every list of snapshots here is in the store's one order, newest first
//! ([`sort_newest_first`](crate::store::sort_newest_first)); [`oldest_of`] and
//! [`server_choices`] rely on it.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Server, Snapshot};
use crate::route::Route;
use crate::rules::create_blocker;

/// The filter as typed, in the form it is compared in: trimmed, lower case.
///
/// Case is folded for ASCII letters only: all a snapshot name may hold (the API accepts
/// `^[A-Za-z0-9_-]+$`), and all a host name or an IP address holds. A server's name may hold
/// other letters, which match as typed ("São" finds "São" and "são paulo", not "SÃO"). Full
/// Unicode case mapping would compile its tables into the wasm for that one case.
pub fn normalize_filter(typed: &str) -> String {
    typed.trim().to_ascii_lowercase()
}

/// Whether a snapshot's name matches a [normalized](normalize_filter) filter: anywhere in the
/// name, whatever the case; an empty filter matches everything.
pub fn matches_filter(snapshot: &Snapshot, filter: &str) -> bool {
    filter.is_empty() || holds(&snapshot.name, filter)
}

/// Whether a server itself matches a [normalized](normalize_filter) filter: its name, host
/// name or IP address holds it. A server that matches is shown with all its snapshots: with a
/// thousand servers, a server's name is what a person looks one up by. An empty filter matches
/// no server by itself (every server is shown anyway).
pub fn server_matches_filter(server: &Server, filter: &str) -> bool {
    !filter.is_empty()
        && [
            Some(&server.name),
            server.hostname.as_ref(),
            server.ip_address.as_ref(),
        ]
        .into_iter()
        .flatten()
        .any(|text| holds(text, filter))
}

/// Whether `text` holds a normalized filter, whatever the case of its ASCII letters.
fn holds(text: &str, filter: &str) -> bool {
    text.to_ascii_lowercase().contains(filter)
}

/// The server a route is about, if it is about one.
pub fn route_server(route: &Route) -> Option<u64> {
    match route {
        Route::Server(id) => Some(*id),
        _ => None,
    }
}

/// The ids of the servers the screen lists, in the servers' order: the route's server only,
/// or all of them, or none at an address the panel does not know; with a filter, only those that match it themselves or have a matching
/// snapshot. One pass over each list.
pub fn shown_servers(
    servers: &[Server],
    snapshots: &[Snapshot],
    route: &Route,
    filter: &str,
) -> Vec<u64> {
    let matching: Option<BTreeSet<u64>> = (!filter.is_empty()).then(|| {
        // Filled one by one: collecting would compile one more sort (see `order`).
        let mut ids = BTreeSet::new();
        ids.extend(
            snapshots
                .iter()
                .filter(|s| matches_filter(s, filter))
                .map(|s| s.server.id),
        );
        ids
    });
    if matches!(route, Route::Unknown(_)) {
        return Vec::new();
    }
    let only = route_server(route);
    servers
        .iter()
        .filter(|s| only.is_none_or(|only| only == s.id))
        .filter(|s| {
            matching.as_ref().is_none_or(|m| m.contains(&s.id)) || server_matches_filter(s, filter)
        })
        .map(|s| s.id)
        .collect()
}

/// How many snapshots the listed servers show under a filter: all of a server that matches
/// it, the matching ones of the others. What the filter's result announces, with the number of
/// servers.
pub fn shown_count(
    servers: &[Server],
    snapshots: &[Snapshot],
    shown: &[u64],
    filter: &str,
) -> usize {
    // Sets, filled one by one (collecting would compile one more sort, see `order`): each
    // of 5,000 snapshots is looked up, not compared with a thousand servers.
    let mut listed = BTreeSet::new();
    listed.extend(shown.iter().copied());
    let mut whole = BTreeSet::new();
    whole.extend(
        servers
            .iter()
            .filter(|s| listed.contains(&s.id) && server_matches_filter(s, filter))
            .map(|s| s.id),
    );
    snapshots
        .iter()
        .filter(|s| listed.contains(&s.server.id))
        .filter(|s| whole.contains(&s.server.id) || matches_filter(s, filter))
        .count()
}

/// Every server's snapshots, in one pass over the list, each server's newest first as the
/// list is. The screen groups once per change and each server's section reads its own.
pub fn by_server(newest_first: &[Snapshot]) -> BTreeMap<u64, Vec<Snapshot>> {
    let mut groups: BTreeMap<u64, Vec<Snapshot>> = BTreeMap::new();
    for snapshot in newest_first {
        groups
            .entry(snapshot.server.id)
            .or_default()
            .push(snapshot.clone());
    }
    groups
}

/// A server's snapshots that the filter shows, newest first: all of them when the server
/// itself matches, else those whose name does.
pub fn shown_snapshots(
    snapshots: &[Snapshot],
    server_id: u64,
    filter: &str,
    server_matches: bool,
) -> Vec<Snapshot> {
    snapshots
        .iter()
        .filter(|s| s.server.id == server_id && (server_matches || matches_filter(s, filter)))
        .cloned()
        .collect()
}

/// The oldest of a server's snapshots (the one to delete to make room), from a list newest
/// first: the last of that server's.
pub fn oldest_of(newest_first: &[Snapshot], server_id: u64) -> Option<&Snapshot> {
    newest_first.iter().rfind(|s| s.server.id == server_id)
}

/// A server the create dialog can take a snapshot of, with how many it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerChoice {
    pub server: Server,
    pub snapshot_count: usize,
    /// Its oldest snapshot: the one to delete to make room at the limit.
    pub oldest: Option<Snapshot>,
}

/// Every server the create dialog offers, in the servers' order, from the snapshots grouped in
/// one pass (newest first, so the last of a server's is its oldest).
pub fn server_choices(servers: &[Server], snapshots: &[Snapshot]) -> Vec<ServerChoice> {
    let groups = by_server(snapshots);
    servers
        .iter()
        .map(|server| {
            let group = groups.get(&server.id);
            ServerChoice {
                server: server.clone(),
                snapshot_count: group.map_or(0, Vec::len),
                oldest: group.and_then(|snapshots| snapshots.last()).cloned(),
            }
        })
        .collect()
}

/// The server the create dialog starts on: the one it was opened for, else the first that can
/// take a snapshot now, else the first of all.
pub fn first_choice(choices: &[ServerChoice], opened_for: Option<u64>) -> Option<u64> {
    opened_for.or_else(|| first_ready(choices.iter()))
}

/// The server the create dialog starts on when opened while a filter lists only `listed`: the
/// first of those that can take a snapshot now, else the first of them. Never a server the
/// filter hides: the person chose what they see.
pub fn first_listed_choice(choices: &[ServerChoice], listed: &[u64]) -> Option<u64> {
    first_ready(choices.iter().filter(|c| listed.contains(&c.server.id)))
}

/// The first of `choices` that can take a snapshot now, else the first.
fn first_ready<'a>(choices: impl Iterator<Item = &'a ServerChoice> + Clone) -> Option<u64> {
    choices
        .clone()
        .find(|c| create_blocker(&c.server.status, c.snapshot_count).is_none())
        .or(choices.clone().next())
        .map(|c| c.server.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ServerRef, ServerStatus, SnapshotStatus};
    use crate::store::sort_newest_first;

    fn server(id: u64) -> Server {
        Server {
            status: ServerStatus::Active,
            ..Server::placeholder(id, format!("server-{id}"))
        }
    }

    fn snap(id: u64, server_id: u64, name: &str, day: u32) -> Snapshot {
        Snapshot {
            id,
            name: name.to_owned(),
            status: SnapshotStatus::Completed,
            size_mb: Some(100),
            created_at: format!("2025-01-{day:02}T10:00:00Z"),
            description: None,
            server: ServerRef {
                id: server_id,
                name: format!("server-{server_id}"),
            },
        }
    }

    fn data() -> (Vec<Server>, Vec<Snapshot>) {
        let mut snapshots = vec![
            snap(1, 10, "Nightly-1", 1),
            snap(2, 10, "weekly", 8),
            snap(3, 20, "nightly-2", 2),
            snap(4, 20, "before-upgrade", 9),
        ];
        sort_newest_first(&mut snapshots);
        (vec![server(10), server(20), server(30)], snapshots)
    }

    #[test]
    fn the_filter_is_compared_trimmed_and_in_lower_case() {
        let (_, snapshots) = data();
        let filter = normalize_filter("  NIGHTLY ");
        assert_eq!(filter, "nightly");
        let names: Vec<&str> = snapshots
            .iter()
            .filter(|s| matches_filter(s, &filter))
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["nightly-2", "Nightly-1"]);
        assert!(snapshots.iter().all(|s| matches_filter(s, "")));
    }

    #[test]
    fn all_servers_are_listed_until_a_filter_leaves_only_those_with_a_match() {
        let (servers, snapshots) = data();
        assert_eq!(
            shown_servers(&servers, &snapshots, &Route::All, ""),
            [10, 20, 30]
        );
        assert_eq!(
            shown_servers(&servers, &snapshots, &Route::All, "weekly"),
            [10]
        );
        assert_eq!(
            shown_servers(&servers, &snapshots, &Route::All, "nightly"),
            [10, 20]
        );
        assert!(shown_servers(&servers, &snapshots, &Route::All, "nothing").is_empty());
    }

    #[test]
    fn one_servers_address_lists_that_server_and_an_unknown_address_none() {
        let (servers, snapshots) = data();
        assert_eq!(
            shown_servers(&servers, &snapshots, &Route::Server(20), ""),
            [20]
        );
        // Not every server under a heading that says the page does not exist.
        let unknown = Route::Unknown("servers/abc".to_owned());
        assert!(shown_servers(&servers, &snapshots, &unknown, "").is_empty());
    }

    #[test]
    fn a_server_found_by_its_name_host_name_or_address_is_listed_with_all_its_snapshots() {
        let (mut servers, snapshots) = data();
        for server in &mut servers {
            server.hostname = Some(format!("host-{}.example", server.id));
            server.ip_address = Some(format!("198.51.100.{}", server.id));
        }
        // server-30 has no snapshots and is still found; "server-" finds every server.
        for (typed, listed) in [
            ("SERVER-30", &[30][..]),
            ("host-20", &[20]),
            ("100.10", &[10]),
            ("server-", &[10, 20, 30]),
        ] {
            let filter = normalize_filter(typed);
            assert_eq!(
                shown_servers(&servers, &snapshots, &Route::All, &filter),
                listed,
                "{typed:?}"
            );
        }
        let server_20 = servers.iter().find(|s| s.id == 20);
        assert!(server_20.is_some_and(|s| server_matches_filter(s, "host-20")));
        assert!(server_20.is_some_and(|s| !server_matches_filter(s, "")));
        // A match on the server shows all its snapshots, not only those named like it.
        assert_eq!(shown_snapshots(&snapshots, 20, "host-20", true).len(), 2);
        assert!(shown_snapshots(&snapshots, 20, "host-20", false).is_empty());
        // Counted as shown: all of a server that matches, the matching ones of the others.
        let shown = shown_servers(&servers, &snapshots, &Route::All, "server-2");
        assert_eq!(shown_count(&servers, &snapshots, &shown, "server-2"), 2);
        if let Some(server_30) = servers.iter_mut().find(|s| s.id == 30) {
            server_30.name = "weekly-box".to_owned();
        }
        let shown = shown_servers(&servers, &snapshots, &Route::All, "weekly");
        assert_eq!(shown, [10, 30]);
        assert_eq!(shown_count(&servers, &snapshots, &shown, "weekly"), 1);
    }

    #[test]
    fn a_server_route_lists_that_server_even_without_snapshots() {
        let (servers, snapshots) = data();
        assert_eq!(
            shown_servers(&servers, &snapshots, &Route::Server(30), ""),
            [30]
        );
        assert!(shown_servers(&servers, &snapshots, &Route::Server(30), "nightly").is_empty());
        assert!(shown_servers(&servers, &snapshots, &Route::Server(99), "").is_empty());
        assert_eq!(route_server(&Route::Server(30)), Some(30));
        assert_eq!(route_server(&Route::All), None);
    }

    #[test]
    fn a_servers_snapshots_are_shown_newest_first_and_its_oldest_is_the_last() {
        let (_, snapshots) = data();
        let shown = shown_snapshots(&snapshots, 20, "", false);
        let names: Vec<&str> = shown.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["before-upgrade", "nightly-2"]);
        assert_eq!(oldest_of(&snapshots, 20).map(|s| s.id), Some(3));
        // The filter does not change which snapshot is the oldest.
        assert_eq!(shown_snapshots(&snapshots, 20, "before", false).len(), 1);
        assert_eq!(oldest_of(&snapshots, 10).map(|s| s.id), Some(1));
        assert_eq!(oldest_of(&snapshots, 30), None);
    }

    #[test]
    fn grouping_by_server_keeps_each_snapshot_once_in_its_servers_newest_first_order() {
        let (_, snapshots) = data();
        let groups = by_server(&snapshots);
        for (server, group) in &groups {
            assert_eq!(
                group,
                &shown_snapshots(&snapshots, *server, "", false),
                "server {server}"
            );
        }
        let grouped: usize = groups.values().map(Vec::len).sum();
        assert_eq!(grouped, snapshots.len());
        // A server without snapshots has no group (its section shows it has none).
        assert!(!groups.contains_key(&30));
        assert!(by_server(&[]).is_empty());
    }

    #[test]
    fn the_create_dialog_offers_every_server_with_its_count_and_oldest() {
        let (servers, snapshots) = data();
        let choices = server_choices(&servers, &snapshots);
        let summary: Vec<(u64, usize, Option<u64>)> = choices
            .iter()
            .map(|c| {
                (
                    c.server.id,
                    c.snapshot_count,
                    c.oldest.as_ref().map(|s| s.id),
                )
            })
            .collect();
        assert_eq!(summary, [(10, 2, Some(1)), (20, 2, Some(3)), (30, 0, None)]);
    }

    #[test]
    fn the_create_dialog_starts_on_its_server_else_the_first_that_can_take_one() {
        let (mut servers, snapshots) = data();
        assert_eq!(
            first_choice(&server_choices(&servers, &snapshots), Some(20)),
            Some(20)
        );
        assert_eq!(
            first_choice(&server_choices(&servers, &snapshots), None),
            Some(10)
        );
        if let Some(first) = servers.first_mut() {
            first.status = ServerStatus::Restoring;
        }
        assert_eq!(
            first_choice(&server_choices(&servers, &snapshots), None),
            Some(20)
        );
        for server in &mut servers {
            server.status = ServerStatus::Restoring;
        }
        assert_eq!(
            first_choice(&server_choices(&servers, &snapshots), None),
            Some(10)
        );
        assert_eq!(first_choice(&[], None), None);
    }

    #[test]
    fn under_a_filter_the_create_dialog_starts_on_a_listed_server() {
        let (mut servers, snapshots) = data();
        let choices = server_choices(&servers, &snapshots);
        assert_eq!(first_listed_choice(&choices, &[20, 30]), Some(20));
        assert_eq!(first_listed_choice(&choices, &[30]), Some(30));
        assert_eq!(first_listed_choice(&choices, &[]), None);
        if let Some(second) = servers.iter_mut().find(|s| s.id == 20) {
            second.status = ServerStatus::Restoring;
        }
        let choices = server_choices(&servers, &snapshots);
        assert_eq!(first_listed_choice(&choices, &[20, 30]), Some(30));
        // None listed can take one: still a listed one, never a hidden server.
        assert_eq!(first_listed_choice(&choices, &[20]), Some(20));
    }
}
