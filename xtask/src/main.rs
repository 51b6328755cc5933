//! The project's own commands, run as `cargo xtask COMMAND` (the alias is in .cargo/config.toml).
//!
//! - `setup`: installs the tools that are missing (quick when everything is there).
//! - `dev`:   the simulator plus `trunk serve`, for working on the panel in a browser.
//! - `dist`:  the release build in dist/, by trunk (Trunk.toml and its post-build hook).
//! - `test`:  every check, in the order CI runs them (.ci/run is `cargo xtask test`).
//! - `bench`: download size and decoding speed, against baselines in the same run.
//!
//! Standard library only: this crate builds in a second on a fresh machine.

mod bench;
mod ci;
mod dev;
mod dist;
mod nginx;
mod process;
mod setup;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
cargo xtask COMMAND

COMMANDS:
    setup                     install what is missing: the wasm32 target, trunk, wasm-bindgen-cli,
                              wasm-opt (binaryen from npm), Chromium, ChromeDriver, nginx, the
                              Playwright package, and every crate (cargo fetch)
    dev                       run the simulator and `trunk serve`: http://127.0.0.1:8080/
    dist                      release build into dist/, ready for a strict CSP and any path
    test [STEP...]            every check, in CI's order; stops at the first failure.
                              With STEPs, only setup and those STEPs, from: fmt clippy
                              clippy-wasm unit wasm dist e2e (e2e needs dist/ built)
    bench                     size of the release build against a default-settings build, and
                              decoding speed against a plain JSON parse (docs/BENCHMARKS.md)
    loader                    (trunk's post-build hook) write snapshot-panel.js
    help                      print this help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let root = repo_root();
    process::prepare_environment(&root)?;
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", args),
    };
    match command {
        "setup" => {
            no_more_args(command, rest)?;
            setup::run(&root, setup::Scope::Everything)
        }
        "dev" => {
            no_more_args(command, rest)?;
            dev::run(&root)
        }
        "dist" => {
            no_more_args(command, rest)?;
            dist::run(&root)
        }
        "loader" => {
            no_more_args(command, rest)?;
            dist::write_loader()
        }
        "test" => ci::run(&root, rest),
        "bench" => {
            no_more_args(command, rest)?;
            bench::run(&root)
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    }
}

/// The workspace root: xtask lives one folder below it.
fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

fn no_more_args(command: &str, rest: &[String]) -> Result<(), String> {
    match rest.first() {
        None => Ok(()),
        Some(arg) => Err(format!("`{command}` takes no argument {arg:?}\n\n{USAGE}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_holds_the_workspace() {
        assert!(repo_root().join("Cargo.toml").is_file());
        assert!(repo_root().join("xtask").is_dir());
    }
}
