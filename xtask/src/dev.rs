//! `cargo xtask dev`: the simulator with demo durations, and `trunk serve` in front of it
//! (Trunk.toml proxies /api/ to the simulator). Ctrl-C stops both; so does trunk exiting.

use crate::ci::{host_port_args, simulator_binary};
use crate::process::{ensure_port_free, find_program, http_status, target_dir, Service};
use crate::setup;
use std::path::Path;
use std::thread;
use std::time::Duration;

/// Where Trunk.toml's `[[proxy]]` sends /api/.
const SIMULATOR: &str = "127.0.0.1:8787";
/// Trunk.toml's `[serve]` address.
const PANEL: &str = "127.0.0.1:8080";
const DEMO_TOKENS: [(&str, &str); 3] = [
    (
        "vps_demo_alice",
        "read/write (used when the browser sends no token)",
    ),
    ("vps_demo_bob", "read/write"),
    ("vps_readonly_carol", "read only"),
];

/// How long the demo's jobs take: just under the panel's early checks (30 s into a create, 50 s
/// into a restore, on the provider's documented durations), so a job ends within a minute.
const DEMO_CREATE_SECS: &str = "25";
const DEMO_RESTORE_SECS: &str = "45";

pub fn run(root: &Path) -> Result<(), String> {
    setup::run(root, setup::Scope::Build)?;
    ensure_port_free(SIMULATOR, "the simulator")?;
    ensure_port_free(PANEL, "trunk serve")?;
    let binary = simulator_binary(root)?;
    let mut args = host_port_args(SIMULATOR)?;
    let demo = [
        "--create-secs",
        DEMO_CREATE_SECS,
        "--restore-secs",
        DEMO_RESTORE_SECS,
        "--default-token",
        "vps_demo_alice",
    ];
    args.extend(demo.map(String::from));
    // Both print to the terminal, and both stop when xtask does (see process::Service).
    let mut simulator = Service::start("simulator", &binary, &args, None)?;
    simulator.wait_for_port(SIMULATOR, Duration::from_secs(30))?;
    let trunk = find_program("trunk").ok_or("trunk is not on PATH")?;
    // Its debug build goes under target/, so dist/ keeps the release build (tests and
    // deployments use it).
    let serve_dist = target_dir(root).join("xtask").join("serve");
    let args = [
        "serve".to_owned(),
        "--dist".to_owned(),
        serve_dist.display().to_string(),
    ];
    let mut trunk = Service::start("trunk serve", &trunk, &args, None)?;

    // The first build takes a minute or two; say where to go once the page answers.
    loop {
        if let Some(status) = trunk.exited()? {
            return Err(format!(
                "trunk serve exited ({status}) before serving the panel"
            ));
        }
        if http_status(PANEL, "/") == Some(200) {
            break;
        }
        thread::sleep(Duration::from_millis(500));
    }
    let rule = "=".repeat(78);
    println!("\n{rule}");
    println!("  Snapshot Panel is running: open http://{PANEL}/");
    println!(
        "  API: the simulator, http://{SIMULATOR}/api/v1/ (snapshots take {DEMO_CREATE_SECS} s, restores {DEMO_RESTORE_SECS} s)"
    );
    println!("  Demo tokens:");
    for (token, what) in DEMO_TOKENS {
        println!("    {token:<20} {what}");
    }
    println!("  Ctrl-C stops the panel and the simulator.");
    println!("{rule}\n");

    let status = trunk.wait()?;
    drop(simulator);
    if status.success() {
        Ok(())
    } else {
        Err(format!("trunk serve exited ({status})"))
    }
}
