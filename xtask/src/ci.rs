//! `cargo xtask test`: every check, in the order CI runs them (.ci/run is this command).
//! Stops at the first failure; prints each step's duration and a summary at the end.

use crate::nginx::{self, TestSite};
use crate::process::{self, call, ensure_port_free, target_dir, Service};
use crate::{bench, dist, setup};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The simulator of the wasm component tests (step 5).
const WASM_TEST_SIMULATOR: &str = "127.0.0.1:18788";
/// The simulator and nginx of the Playwright journeys (step 7).
const E2E_SIMULATOR: &str = "127.0.0.1:18787";
const E2E_NGINX: &str = "127.0.0.1:18080";
/// The token nginx adds to API requests that have none (deployment mode 2).
const E2E_TOKEN: &str = "vps_demo_alice";
const NGINX: &str = "/usr/sbin/nginx";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// One check: a short key (for `cargo xtask test KEY…`), a title, and what it runs.
struct Step {
    key: &'static str,
    title: &'static str,
    run: fn(&Path) -> Result<(), String>,
}

const STEPS: [Step; 9] = [
    Step {
        key: "setup",
        title: "setup",
        run: |root| setup::run(root, setup::Scope::Everything),
    },
    Step {
        key: "fmt",
        title: "cargo fmt --check, leptosfmt --check",
        run: format_check,
    },
    Step {
        key: "clippy",
        title: "clippy (host)",
        run: clippy_host,
    },
    Step {
        key: "clippy-wasm",
        title: "clippy (wasm32)",
        run: clippy_wasm,
    },
    Step {
        key: "unit",
        title: "native unit tests",
        run: native_tests,
    },
    Step {
        key: "wasm",
        title: "wasm component tests (headless Chromium)",
        run: wasm_tests,
    },
    Step {
        key: "dist",
        title: "release build (dist)",
        run: |root| dist::build(root),
    },
    Step {
        key: "e2e",
        title: "end-to-end (Playwright, nginx, simulator)",
        run: end_to_end,
    },
    Step {
        key: "bench",
        title: "browser benchmark, smoke (small data; timings never fail it)",
        run: bench::smoke,
    },
];

/// The step keys, for the usage text.
pub fn step_keys() -> String {
    STEPS
        .iter()
        .map(|step| step.key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The steps to run: all of them, or setup plus the ones named (in CI's order).
fn selected(only: &[String]) -> Result<Vec<&'static Step>, String> {
    if let Some(unknown) = only
        .iter()
        .find(|key| !STEPS.iter().any(|step| step.key == key.as_str()))
    {
        return Err(format!(
            "no test step {unknown:?}; the steps are: {}",
            step_keys()
        ));
    }
    Ok(STEPS
        .iter()
        .filter(|step| {
            only.is_empty() || step.key == "setup" || only.iter().any(|key| key == step.key)
        })
        .collect())
}

/// Runs the steps (all, or setup plus those in `only`), stopping at the first failure.
pub fn run(root: &Path, only: &[String]) -> Result<(), String> {
    let steps = selected(only)?;
    let started = Instant::now();
    let mut passed: Vec<(&str, Duration)> = Vec::new();
    let count = steps.len();
    for (index, step) in steps.iter().enumerate() {
        let number = format!("[{}/{count}]", index + 1);
        banner(&format!("{number} {}", step.title));
        let step_started = Instant::now();
        let result = (step.run)(root);
        let took = step_started.elapsed();
        if let Err(error) = result {
            banner(&format!(
                "FAILED: {number} {}, after {}",
                step.title,
                seconds(took)
            ));
            let not_run: Vec<&str> = steps
                .iter()
                .skip(index + 1)
                .map(|step| step.title)
                .collect();
            summary(
                &passed,
                Some((step.title, took)),
                &not_run,
                started.elapsed(),
            );
            return Err(format!("step `{}` failed: {error}", step.title));
        }
        println!("--- {}: passed in {}", step.title, seconds(took));
        passed.push((step.title, took));
    }
    banner(if only.is_empty() {
        "All checks passed"
    } else {
        "The selected checks passed"
    });
    summary(&passed, None, &[], started.elapsed());
    Ok(())
}

fn banner(title: &str) {
    let rule = "=".repeat(78);
    println!("\n{rule}\n== {title}\n{rule}");
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

fn summary(
    passed: &[(&str, Duration)],
    failed: Option<(&str, Duration)>,
    not_run: &[&str],
    total: Duration,
) {
    println!("\nSummary:");
    for (title, took) in passed {
        println!("  passed   {:>8}  {title}", seconds(*took));
    }
    if let Some((title, took)) = failed {
        println!("  FAILED   {:>8}  {title}", seconds(took));
    }
    for title in not_run {
        println!("  not run  {:>8}  {title}", "");
    }
    println!("  total    {:>8}", seconds(total));
    // A plain closing line that CI's log reader understands.
    println!(
        "steps: {} passed, {} failed",
        passed.len(),
        usize::from(failed.is_some())
    );
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.args(args);
    cmd
}

/// rustfmt leaves the inside of `view!` alone; leptosfmt (with `leptosfmt.toml`) formats it.
fn format_check(root: &Path) -> Result<(), String> {
    call(&mut cargo(&["fmt", "--all", "--check"]))?;
    call(
        Command::new("leptosfmt")
            .args(["--check", "--quiet", "-c", "leptosfmt.toml", "src", "tests"])
            .current_dir(root),
    )
}

/// Clippy on every target of `what`, with every warning an error.
fn clippy(what: &[&str]) -> Result<(), String> {
    call(
        cargo(&["clippy"])
            .args(what)
            .args(["--all-targets", "--", "-D", "warnings"]),
    )
}

fn clippy_host(_: &Path) -> Result<(), String> {
    clippy(&["--workspace"])
}

fn clippy_wasm(_: &Path) -> Result<(), String> {
    clippy(&["-p", "snapshot-panel", "--target", setup::WASM_TARGET])
}

/// The logic crates natively (the panel crate is tested in the browser, step 5).
fn native_tests(_: &Path) -> Result<(), String> {
    call(&mut cargo(&[
        "test",
        "-p",
        "snapshot-core",
        "-p",
        "vps-simulator",
        "-p",
        "xtask",
    ]))
}

/// Builds the simulator and returns its binary (run directly, so that stopping it stops it,
/// not a `cargo run` in front of it).
pub fn simulator_binary(root: &Path) -> Result<PathBuf, String> {
    call(&mut cargo(&["build", "-p", "vps-simulator"]))?;
    let binary = target_dir(root).join("debug").join("vps-simulator");
    if process::is_executable(&binary) {
        Ok(binary)
    } else {
        Err(format!("{} is missing after building it", binary.display()))
    }
}

/// `127.0.0.1:18788` → ["--host", "127.0.0.1", "--port", "18788"].
pub fn host_port_args(addr: &str) -> Result<Vec<String>, String> {
    let (host, port) = addr
        .rsplit_once(':')
        .ok_or_else(|| format!("{addr}: no port"))?;
    Ok(vec![
        "--host".into(),
        host.into(),
        "--port".into(),
        port.into(),
    ])
}

/// A folder for this run's logs and nginx state, emptied first.
fn state_dir(root: &Path, name: &str) -> Result<PathBuf, String> {
    let dir = target_dir(root).join("xtask").join(name);
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("cannot empty {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

/// Builds the simulator and starts it on `addr` for a test run: with its control endpoints,
/// creates and restores that take `secs` seconds, and its log in `logs`.
fn start_simulator(root: &Path, addr: &str, secs: u32, logs: &Path) -> Result<Service, String> {
    let binary = simulator_binary(root)?;
    ensure_port_free(addr, "the simulator")?;
    let secs = secs.to_string();
    let mut args = host_port_args(addr)?;
    args.extend(["--control", "--create-secs", &secs, "--restore-secs", &secs].map(String::from));
    Service::start(
        "simulator",
        &binary,
        &args,
        Some(&logs.join("simulator.log")),
    )
}

/// wasm-bindgen-test in headless Chromium, against a simulator with 1 s durations.
/// Tests read SIMULATOR_URL with `option_env!`, so cargo gets it at compile time.
fn wasm_tests(root: &Path) -> Result<(), String> {
    if !root.join("webdriver.json").is_file() {
        return Err(
            "webdriver.json (Chromium's flags for wasm-bindgen-test-runner) is missing".to_owned(),
        );
    }
    let logs = state_dir(root, "wasm-tests")?;
    let mut service = start_simulator(root, WASM_TEST_SIMULATOR, 1, &logs)?;
    service.wait_for_port(WASM_TEST_SIMULATOR, Duration::from_secs(30))?;
    let result = call(
        cargo(&[
            "test",
            "-p",
            "snapshot-panel",
            "--target",
            setup::WASM_TARGET,
        ])
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .env("SIMULATOR_URL", format!("http://{WASM_TEST_SIMULATOR}")),
    );
    result.map_err(|e| format!("{e}{}", service.log_tail()))
}

/// Playwright against the release build behind the real nginx, with deploy/nginx.conf's
/// directives, in front of the simulator.
fn end_to_end(root: &Path) -> Result<(), String> {
    let dist = root.join("dist");
    if !dist.join(dist::LOADER).is_file() {
        return Err("dist/ is not built (step `release build` makes it)".to_owned());
    }
    // Playwright only strips the journeys' types: check them first, in a few seconds.
    call(
        Command::new("npx")
            .args(["tsc", "--project", "tsconfig.json"])
            .current_dir(root.join("e2e")),
    )
    .map_err(|e| format!("the journeys do not type-check: {e}"))?;
    let state = state_dir(root, "e2e")?;
    ensure_port_free(E2E_NGINX, "nginx")?;
    // No --default-token: nginx adds the token, as in deployment mode 2.
    let mut simulator = start_simulator(root, E2E_SIMULATOR, 3, &state)?;

    let deploy_path = root.join("deploy").join("nginx.conf");
    let deploy = fs::read_to_string(&deploy_path)
        .map_err(|e| format!("cannot read {}: {e}", deploy_path.display()))?;
    let site = TestSite {
        listen: E2E_NGINX,
        upstream: E2E_SIMULATOR,
        dist: &dist,
        examples: &root.join("examples"),
        token: E2E_TOKEN,
        state_dir: &state,
    };
    let conf_path = state.join("nginx.conf");
    fs::write(&conf_path, nginx::test_config(&deploy, &site)?)
        .map_err(|e| format!("cannot write {}: {e}", conf_path.display()))?;
    let nginx_args: Vec<String> = vec![
        "-p".into(),
        state.to_string_lossy().into_owned(),
        "-e".into(),
        state.join("error.log").to_string_lossy().into_owned(),
        "-c".into(),
        conf_path.to_string_lossy().into_owned(),
        "-g".into(),
        "daemon off;".into(),
    ];
    call(Command::new(NGINX).arg("-t").args(&nginx_args))?;
    let mut nginx = Service::start(
        "nginx",
        Path::new(NGINX),
        &nginx_args,
        Some(&state.join("nginx.out")),
    )?;

    simulator.wait_for_port(E2E_SIMULATOR, Duration::from_secs(30))?;
    nginx.wait_for_port(E2E_NGINX, Duration::from_secs(10))?;
    println!(
        "nginx config: {}; logs: {}",
        conf_path.display(),
        state.display()
    );

    let result = call(
        Command::new("npx")
            .args(["playwright", "test"])
            // A developer's shortcut: `E2E_ONLY="tests/restore.spec.ts" cargo xtask test e2e`.
            // Unset in CI, where every journey runs.
            .args(
                std::env::var("E2E_ONLY")
                    .unwrap_or_default()
                    .split_whitespace(),
            )
            .current_dir(root.join("e2e"))
            .env("BASE_URL", format!("http://{E2E_NGINX}"))
            .env("SIM_URL", format!("http://{E2E_SIMULATOR}")),
    );
    result.map_err(|e| {
        format!(
            "{e}\n(logs: {}; Playwright traces: e2e/test-results/){}",
            state.display(),
            simulator.log_tail()
        )
    })
    // nginx, then the simulator, stop here (Drop), whatever happened.
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_addresses_into_simulator_flags() {
        assert_eq!(
            host_port_args("127.0.0.1:18788"),
            Ok(vec![
                "--host".into(),
                "127.0.0.1".into(),
                "--port".into(),
                "18788".into()
            ])
        );
        assert!(host_port_args("localhost").is_err());
    }

    #[test]
    fn steps_run_in_ci_order() {
        let keys: Vec<&str> = STEPS.iter().map(|step| step.key).collect();
        assert_eq!(
            keys,
            [
                "setup",
                "fmt",
                "clippy",
                "clippy-wasm",
                "unit",
                "wasm",
                "dist",
                "e2e",
                "bench"
            ]
        );
    }

    #[test]
    fn selects_setup_and_the_named_steps() -> Result<(), String> {
        let keys = |only: &[&str]| -> Result<Vec<&str>, String> {
            let only: Vec<String> = only.iter().map(|key| (*key).to_owned()).collect();
            Ok(selected(&only)?.iter().map(|step| step.key).collect())
        };
        assert_eq!(keys(&[])?.len(), STEPS.len());
        assert_eq!(keys(&["e2e", "dist"])?, ["setup", "dist", "e2e"]);
        assert!(keys(&["lint"]).is_err_and(|e| e.contains("fmt clippy")));
        Ok(())
    }
}
