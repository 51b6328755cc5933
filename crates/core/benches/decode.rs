//! How fast the panel reads a list of snapshots, against a baseline measured in the same run:
//! parsing the same body into an untyped `serde_json::Value`, the least any JSON reader must do.
//!
//! `cargo bench -p snapshot-core` prints, for lists of 10, 100 and 1000 snapshots, the median
//! time per list of each, and the ratio (panel / baseline). The tolerant decoder keeps each row
//! as raw text and reads it on its own, so that one bad row cannot hide the others; the ratio
//! says what that costs (or saves: no tree of values is built).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use snapshot_core::model::Snapshot;
use snapshot_core::response::{decode_page, Page, RawResponse};

fn body(count: usize) -> String {
    let rows: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"{{"id": {id}, "server": {{"id": {server}, "name": "web-server-{server}"}}, "name": "snapshot-{id}", "status": "{status}", "size_mb": {size}, "created_at": "2025-01-{day:02}T18:30:00Z", "description": "Before major migration {id}", "extra_field": [1, 2, 3]}}"#,
                id = 1000 + i,
                server = 12_000 + i % 50,
                status = if i % 7 == 0 { "in_progress" } else { "completed" },
                size = if i % 7 == 0 { "null".to_owned() } else { (1024 + i * 13).to_string() },
                day = 1 + i % 28,
            )
        })
        .collect();
    format!(
        r#"{{"count": {count}, "next": null, "results": [{}]}}"#,
        rows.join(", ")
    )
}

/// The median of `runs` timings of `f`, each repeated until it lasts at least 5 ms.
fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut reps = 1_u32;
    loop {
        let start = Instant::now();
        for _ in 0..reps {
            f();
        }
        if start.elapsed() >= Duration::from_millis(5) {
            break;
        }
        reps *= 2;
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..reps {
                f();
            }
            start.elapsed() / reps
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    println!(
        "{:>6}  {:>12}  {:>12}  {:>6}",
        "rows", "panel", "baseline", "ratio"
    );
    for count in [10, 100, 1000] {
        let text = body(count);
        let panel = median_time(21, || {
            let page: Page<Snapshot> =
                decode_page(black_box(RawResponse::new(200, &text)), 0).unwrap();
            assert_eq!(page.items.len(), count);
            black_box(page);
        });
        let baseline = median_time(21, || {
            let value: serde_json::Value = serde_json::from_str(black_box(&text)).unwrap();
            black_box(value);
        });
        println!(
            "{count:>6}  {:>9.1} µs  {:>9.1} µs  {:>6.2}",
            panel.as_secs_f64() * 1e6,
            baseline.as_secs_f64() * 1e6,
            panel.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}
