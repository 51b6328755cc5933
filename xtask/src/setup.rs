//! `cargo xtask setup`: installs what is missing, and says so tool by tool.
//!
//! Every version here is pinned, because the offline build depends on it (see
//! /work/shared/TOOLCHAIN.md): trunk downloads wasm-bindgen and wasm-opt from GitHub, which
//! fails here, unless the binaries on PATH match Trunk.toml's `[tools]` exactly.

use crate::process::{self, binaryen_bin, call, find_program, probe};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const TRUNK_VERSION: &str = "0.22.1";

/// The `view!` formatter that `cargo xtask test` checks with.
pub const LEPTOSFMT_VERSION: &str = "0.1.33";
/// binaryen from npm; Debian's binaryen (108) builds a wasm that fails at start-up.
pub const BINARYEN_VERSION: &str = "132";
/// Playwright 1.65 needs Node.js 20 or later.
const NODE_MAJOR_MIN: u32 = 20;

/// Debian packages the browser tests need: (package, a file it installs).
const APT_PACKAGES: [(&str, &str); 3] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("nginx", "/usr/sbin/nginx"),
];

/// How much to set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// What building and serving the panel needs (`dev`, `dist`).
    Build,
    /// Also the browser tests' needs: Chromium, ChromeDriver, nginx, Playwright (`test`).
    Everything,
}

pub fn run(root: &Path, scope: Scope) -> Result<(), String> {
    println!(
        "Setting up ({})",
        if scope == Scope::Build {
            "build tools"
        } else {
            "everything"
        }
    );
    rust_target()?;
    crates()?;
    let bindgen = wasm_bindgen_version(&read(&root.join("Cargo.lock"))?)?;
    check_trunk_toml(&read(&root.join("Trunk.toml"))?, &bindgen)?;
    trunk()?;
    wasm_bindgen_cli(&bindgen)?;
    node()?;
    wasm_opt(root)?;
    if scope == Scope::Everything {
        leptosfmt()?;
        debian_packages()?;
        node_packages(root)?;
    }
    Ok(())
}

fn say(tool: &str, state: &str) {
    println!("  {tool:<34} {state}");
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn rust_target() -> Result<(), String> {
    let installed =
        process::stdout_of(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        say(&format!("rust target {WASM_TARGET}"), "already there");
        Ok(())
    } else {
        say(&format!("rust target {WASM_TARGET}"), "installing");
        call(Command::new("rustup").args(["target", "add", WASM_TARGET]))
    }
}

/// Trunk.toml sets `offline = true`, which passes `--offline` to cargo: every crate must be
/// in cargo's cache first.
fn crates() -> Result<(), String> {
    say("crates (cargo fetch)", "checking");
    call(Command::new("cargo").arg("fetch"))
}

/// The version of the `wasm-bindgen` crate in a Cargo.lock.
pub fn wasm_bindgen_version(cargo_lock: &str) -> Result<String, String> {
    let mut versions: Vec<&str> = Vec::new();
    for package in cargo_lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            package.lines().find_map(|line| {
                let (name, value) = line.split_once('=')?;
                (name.trim() == key).then(|| value.trim().trim_matches('"'))
            })
        };
        if field("name") == Some("wasm-bindgen") {
            versions.extend(field("version"));
        }
    }
    match versions.as_slice() {
        [version] => Ok((*version).to_owned()),
        [] => Err("Cargo.lock has no wasm-bindgen package".to_owned()),
        several => Err(format!(
            "Cargo.lock has several wasm-bindgen versions ({}); wasm-bindgen-cli can match only one",
            several.join(", ")
        )),
    }
}

/// The value of `key = "value"` in a TOML `[section]` (enough for Trunk.toml's flat tables).
fn toml_value<'a>(toml: &'a str, section: &str, key: &str) -> Option<&'a str> {
    let header = format!("[{section}]");
    let mut inside = false;
    for line in toml.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.starts_with('[') {
            inside = line == header;
        } else if inside {
            if let Some((name, value)) = line.split_once('=') {
                if name.trim() == key {
                    return Some(value.trim().trim_matches('"'));
                }
            }
        }
    }
    None
}

/// Trunk.toml's `[tools]` pins must match Cargo.lock and the binaryen that setup installs:
/// on a mismatch trunk tries to download its own, which fails offline after ~30 s.
pub fn check_trunk_toml(trunk_toml: &str, bindgen: &str) -> Result<(), String> {
    let pinned = toml_value(trunk_toml, "tools", "wasm_bindgen");
    if pinned != Some(bindgen) {
        return Err(format!(
            "Trunk.toml [tools] wasm_bindgen is {pinned:?} but Cargo.lock has wasm-bindgen {bindgen}: \
             set wasm_bindgen = \"{bindgen}\" in Trunk.toml"
        ));
    }
    let wasm_opt = format!("version_{BINARYEN_VERSION}");
    let pinned = toml_value(trunk_toml, "tools", "wasm_opt");
    if pinned != Some(wasm_opt.as_str()) {
        return Err(format!(
            "Trunk.toml [tools] wasm_opt is {pinned:?}, but xtask installs binaryen {BINARYEN_VERSION}: \
             set wasm_opt = \"{wasm_opt}\""
        ));
    }
    Ok(())
}

/// Whether `trunk --version` (e.g. "trunk 0.22.1") names the pinned version.
pub fn is_version(output: Option<&str>, version: &str) -> bool {
    output.is_some_and(|line| line.split_whitespace().any(|word| word == version))
}

fn trunk() -> Result<(), String> {
    // trunk declares a newer rust-version than the toolchain, and builds fine with it.
    cargo_tool(
        "trunk",
        TRUNK_VERSION,
        &["--locked", "--ignore-rust-version"],
        "~12 min on 2 cores",
    )
}

fn leptosfmt() -> Result<(), String> {
    cargo_tool("leptosfmt", LEPTOSFMT_VERSION, &["--locked"], "~1 min")
}

/// Installs `tool` at `version` with `cargo install` unless `tool --version` already names it.
fn cargo_tool(tool: &str, version: &str, flags: &[&str], takes: &str) -> Result<(), String> {
    let label = format!("{tool} {version}");
    let present = || is_version(probe(tool, &["--version"]).as_deref(), version);
    if present() {
        say(&label, "already there");
        return Ok(());
    }
    say(&label, &format!("installing (cargo install, {takes})"));
    call(
        Command::new("cargo")
            .args(["install", tool, "--version", version])
            .args(flags),
    )?;
    if present() {
        Ok(())
    } else {
        Err(format!(
            "after installing, `{tool} --version` says {:?}; is another {tool} first on PATH?",
            probe(tool, &["--version"])
        ))
    }
}

fn wasm_bindgen_cli(version: &str) -> Result<(), String> {
    let label = format!("wasm-bindgen-cli {version}");
    let present = |program: &str| is_version(probe(program, &["--version"]).as_deref(), version);
    if present("wasm-bindgen") && present("wasm-bindgen-test-runner") {
        say(&label, "already there");
        return Ok(());
    }
    say(&label, "installing (cargo install, ~4 min)");
    // Not --locked: its lock pins a crate version the registry mirror lacks.
    call(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", version]))?;
    if present("wasm-bindgen") && present("wasm-bindgen-test-runner") {
        Ok(())
    } else {
        Err(format!(
            "after installing, `wasm-bindgen --version` says {:?}",
            probe("wasm-bindgen", &["--version"])
        ))
    }
}

/// The major version in `node --version` output ("v20.20.2" → 20).
pub fn node_major(output: &str) -> Option<u32> {
    output
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Node.js comes with the machine (Debian's own is too old for Playwright); only check it.
fn node() -> Result<(), String> {
    let version = probe("node", &["--version"]);
    match version.as_deref().and_then(node_major) {
        Some(major) if major >= NODE_MAJOR_MIN && find_program("npm").is_some() => {
            say(&format!("node {}", version.unwrap_or_default()), "already there");
            Ok(())
        }
        _ => Err(format!(
            "Node.js {NODE_MAJOR_MIN} or later with npm is needed (wasm-opt and Playwright come from npm); \
             `node --version` says {version:?}"
        )),
    }
}

/// The wasm-opt that setup installs, and that trunk must find first on PATH.
pub fn wasm_opt_path(root: &Path) -> PathBuf {
    binaryen_bin(root).join("wasm-opt")
}

/// Whether `wasm-opt --version` (e.g. "wasm-opt version 132 (version_132)") is binaryen 132.
pub fn is_binaryen(output: Option<&str>) -> bool {
    is_version(output, BINARYEN_VERSION)
}

fn wasm_opt(root: &Path) -> Result<(), String> {
    let label = format!("wasm-opt (binaryen {BINARYEN_VERSION}, npm)");
    let ours = wasm_opt_path(root);
    let ours_text = ours.to_string_lossy().into_owned();
    if !is_binaryen(probe(&ours_text, &["--version"]).as_deref()) {
        say(&label, "installing");
        let prefix = root.join(".tools").join("binaryen");
        call(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .arg(format!("binaryen@{BINARYEN_VERSION}.0.0")),
        )?;
        if !is_binaryen(probe(&ours_text, &["--version"]).as_deref()) {
            return Err(format!(
                "{} is not binaryen {BINARYEN_VERSION} after installing it",
                ours.display()
            ));
        }
    } else {
        say(&label, "already there");
    }
    // PATH has binaryen's folder first (process::prepend_tool_dirs), so trunk runs this one.
    match find_program("wasm-opt") {
        Some(found) if found == ours => Ok(()),
        found => Err(format!(
            "wasm-opt on PATH is {found:?}, not {}",
            ours.display()
        )),
    }
}

/// The Debian packages from `packages` whose file is missing.
pub fn missing_packages<'a>(
    packages: &[(&'a str, &str)],
    exists: impl Fn(&Path) -> bool,
) -> Vec<&'a str> {
    packages
        .iter()
        .filter(|(_, file)| !exists(Path::new(file)))
        .map(|(package, _)| *package)
        .collect()
}

fn debian_packages() -> Result<(), String> {
    let missing = missing_packages(&APT_PACKAGES, process::is_executable);
    for (package, _) in APT_PACKAGES {
        say(
            package,
            if missing.contains(&package) {
                "installing (apt-get)"
            } else {
                "already there"
            },
        );
    }
    if missing.is_empty() {
        return Ok(());
    }
    call(
        Command::new("apt-get")
            .arg("update")
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    call(
        Command::new("apt-get")
            .args(["install", "-y"])
            .args(APT_PACKAGES.map(|(package, _)| package))
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    let still = missing_packages(&APT_PACKAGES, process::is_executable);
    if still.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "still missing after apt-get install: {}",
            still.join(", ")
        ))
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

/// Whether e2e/node_modules must be (re)installed: missing, or older than package-lock.json.
pub fn node_modules_stale(e2e: &Path) -> bool {
    let modules = e2e.join("node_modules");
    // npm writes node_modules/.package-lock.json on every install.
    let installed = modified(&modules.join(".package-lock.json")).or_else(|| modified(&modules));
    match (installed, modified(&e2e.join("package-lock.json"))) {
        (None, _) => true,
        (Some(installed), Some(lock)) => installed < lock,
        (Some(_), None) => false,
    }
}

/// The journeys' node packages, Playwright and TypeScript (never Playwright's browser
/// download: it drives Debian's Chromium).
fn node_packages(root: &Path) -> Result<(), String> {
    let e2e = root.join("e2e");
    let label = "Playwright, TypeScript (e2e/node_modules)";
    if !node_modules_stale(&e2e) {
        say(label, "already there");
        return Ok(());
    }
    let command = if e2e.join("package-lock.json").is_file() {
        "ci"
    } else {
        "install"
    };
    say(label, &format!("installing (npm {command})"));
    call(
        Command::new("npm")
            .args([command, "--no-audit", "--no-fund"])
            .current_dir(&e2e)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"# This file is automatically @generated by Cargo.
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "0123"
dependencies = [
 "cfg-if",
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.99"

[[package]]
name = "wasm-bindgen-futures"
version = "0.4.53"
"#;

    #[test]
    fn reads_the_wasm_bindgen_version_from_cargo_lock() {
        assert_eq!(wasm_bindgen_version(LOCK), Ok("0.2.130".to_owned()));
        assert!(wasm_bindgen_version("version = 4\n").is_err());
        let two = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.100\"\n");
        assert!(wasm_bindgen_version(&two).is_err_and(|e| e.contains("0.2.130, 0.2.100")));
    }

    #[test]
    fn reads_the_real_cargo_lock() -> Result<(), String> {
        let lock = read(&crate::repo_root().join("Cargo.lock"))?;
        let version = wasm_bindgen_version(&lock)?;
        assert!(version.starts_with("0.2."), "{version}");
        Ok(())
    }

    #[test]
    fn trunk_toml_pins_must_match() {
        let toml = "[build]\noffline = true\n[tools]\n# pinned\nwasm_bindgen = \"0.2.130\"  # = lock\nwasm_opt = \"version_132\"\n";
        assert_eq!(check_trunk_toml(toml, "0.2.130"), Ok(()));
        assert!(check_trunk_toml(toml, "0.2.131").is_err_and(|e| e.contains("0.2.131")));
        assert!(check_trunk_toml("[tools]\nwasm_bindgen = \"0.2.130\"\n", "0.2.130").is_err());
        assert!(check_trunk_toml("[build]\nwasm_bindgen = \"0.2.130\"\n", "0.2.130").is_err());
    }

    #[test]
    fn the_real_trunk_toml_matches_the_real_lock() -> Result<(), String> {
        let root = crate::repo_root();
        let bindgen = wasm_bindgen_version(&read(&root.join("Cargo.lock"))?)?;
        check_trunk_toml(&read(&root.join("Trunk.toml"))?, &bindgen)
    }

    #[test]
    fn recognises_tool_versions() {
        assert!(is_version(Some("trunk 0.22.1"), "0.22.1"));
        assert!(!is_version(Some("trunk 0.21.14"), "0.22.1"));
        assert!(!is_version(None, "0.22.1"));
        assert!(is_version(Some("wasm-bindgen 0.2.130"), "0.2.130"));
        assert!(!is_version(Some("wasm-bindgen 0.2.1300"), "0.2.130"));
        assert!(is_binaryen(Some("wasm-opt version 132 (version_132)")));
        assert!(!is_binaryen(Some("wasm-opt version 108")));
        assert_eq!(node_major("v20.20.2\n"), Some(20));
        assert_eq!(node_major("v18.19.0"), Some(18));
        assert_eq!(node_major("garbage"), None);
    }

    #[test]
    fn lists_missing_debian_packages() {
        let nothing = missing_packages(&APT_PACKAGES, |_| false);
        assert_eq!(nothing, vec!["chromium", "chromium-driver", "nginx"]);
        let only_nginx =
            missing_packages(&APT_PACKAGES, |path| path != Path::new("/usr/sbin/nginx"));
        assert_eq!(only_nginx, vec!["nginx"]);
        assert!(missing_packages(&APT_PACKAGES, |_| true).is_empty());
    }

    #[test]
    fn node_modules_missing_is_stale() -> Result<(), String> {
        let dir = std::env::temp_dir().join(format!("xtask-stale-{}", std::process::id()));
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        fs::write(dir.join("package-lock.json"), "{}").map_err(|e| e.to_string())?;
        assert!(node_modules_stale(&dir));
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::create_dir_all(dir.join("node_modules")).map_err(|e| e.to_string())?;
        fs::write(dir.join("node_modules").join(".package-lock.json"), "{}")
            .map_err(|e| e.to_string())?;
        assert!(!node_modules_stale(&dir));
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(dir.join("package-lock.json"), "{ }").map_err(|e| e.to_string())?;
        assert!(node_modules_stale(&dir));
        fs::remove_dir_all(&dir).map_err(|e| e.to_string())
    }
}
