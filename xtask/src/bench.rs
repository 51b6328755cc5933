//! `cargo xtask bench`: what the panel costs a person, measured against baselines in the same
//! run, so the machine's speed cancels out of the ratios.
//!
//! 1. **Download size.** The release build (`cargo xtask dist`: the size-tuned profile plus
//!    wasm-opt 132 `-Oz`) against the same panel built with cargo's default release settings
//!    and no wasm-opt. Raw, gzip -9 and brotli -q 11 bytes, and each ratio.
//! 2. **Decoding speed.** `cargo bench -p snapshot-core`: reading a list of snapshots with the
//!    panel's tolerant decoder against a plain `serde_json::Value` parse of the same body.
//! 3. **In the browser.** `e2e/bench/run.mjs`: the release build against a hand-written
//!    vanilla-JS page on the same generated data and static API, in one headless Chromium run,
//!    alternating: time to the last row, a one-row change, unchanged polls, requests while idle
//!    and hidden, first render, transfer size. CI runs it on small data as a smoke check
//!    ([`smoke`]), which fails only when a measurement did not work, never on a timing.
//!
//! Results, with the machine they came from, are kept in docs/BENCHMARKS.md.

use crate::dist;
use crate::process::{call, find_program, probe, target_dir};
use crate::setup;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Runs every benchmark and prints the tables.
pub fn run(root: &Path) -> Result<(), String> {
    // Everything: the browser benchmark needs Chromium and Playwright too.
    setup::run(root, setup::Scope::Everything)?;
    print_machine();
    if find_program("brotli").is_none() {
        // Debian's brotli CLI, for the size a brotli-enabled nginx would serve.
        let _ = call(Command::new("apt-get").args(["install", "-y", "-q", "brotli"]));
    }

    dist::build(root)?;
    print_download(&root.join("dist"))?;
    let ours = panel_files(&root.join("dist"))?;
    let baseline_dir = build_baseline(root)?;
    let baseline = panel_files(&baseline_dir)?;

    println!("\nDownload size, bytes (ratio = release build / default-settings baseline):");
    println!(
        "  {:<10} {:>12} {:>12} {:>8}   {:>10} {:>10} {:>8}   {:>10} {:>10} {:>8}",
        "file",
        "raw",
        "baseline",
        "ratio",
        "gzip",
        "baseline",
        "ratio",
        "brotli",
        "baseline",
        "ratio"
    );
    for (label, ours, theirs) in [
        ("wasm", &ours.wasm, &baseline.wasm),
        ("js glue", &ours.glue, &baseline.glue),
    ] {
        let a = sizes(ours)?;
        let b = sizes(theirs)?;
        println!(
            "  {label:<10} {:>12} {:>12} {:>8}   {:>10} {:>10} {:>8}   {:>10} {:>10} {:>8}",
            a.raw,
            b.raw,
            ratio(a.raw, b.raw),
            a.gzip,
            b.gzip,
            ratio(a.gzip, b.gzip),
            opt(a.brotli),
            opt(b.brotli),
            a.brotli
                .zip(b.brotli)
                .map_or_else(|| "-".to_owned(), |(x, y)| ratio(x, y)),
        );
    }

    println!("\nDecoding speed (cargo bench -p snapshot-core):");
    call(
        Command::new("cargo")
            .args(["bench", "-q", "-p", "snapshot-core", "--bench", "decode"])
            .current_dir(root),
    )?;

    let results = target_dir(root).join("bench-browser.json");
    println!(
        "\nIn the browser (against a vanilla-JS page; JSON in {}):",
        results.display()
    );
    browser(root, &["--out".as_ref(), results.as_os_str()])
}

/// CI's check that the browser benchmark still works: small data, one iteration.
pub fn smoke(root: &Path) -> Result<(), String> {
    browser(root, &["--smoke".as_ref()])
}

/// `e2e/bench/run.mjs` against the release build in dist/.
fn browser(root: &Path, args: &[&OsStr]) -> Result<(), String> {
    let dist = root.join("dist");
    if !dist.join(dist::LOADER).is_file() {
        return Err("dist/ is not built (`cargo xtask dist` makes it)".to_owned());
    }
    call(
        Command::new("node")
            .arg(root.join("e2e").join("bench").join("run.mjs"))
            .arg("--dist")
            .arg(&dist)
            .args(args)
            .current_dir(root),
    )
}

fn print_machine() {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split(':').nth(1))
                .map(|model| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!(
        "Machine: {cpu}, {cores} cores; {}; wasm-opt {}",
        probe("rustc", &["--version"]).unwrap_or_default(),
        probe("wasm-opt", &["--version"]).unwrap_or_default()
    );
}

/// The same panel with cargo's default release profile (opt-level 3, no LTO, 16 codegen
/// units) and no wasm-opt: what a project gets before tuning for size.
fn build_baseline(root: &Path) -> Result<PathBuf, String> {
    let target = target_dir(root).join("bench-baseline");
    call(
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "--locked",
                "-p",
                "snapshot-panel",
                "--lib",
                "--target",
                "wasm32-unknown-unknown",
                "--config",
                "profile.release.opt-level=3",
                "--config",
                "profile.release.lto=false",
                "--config",
                "profile.release.codegen-units=16",
                "--config",
                "profile.release.strip=\"none\"",
            ])
            .arg("--target-dir")
            .arg(&target)
            .current_dir(root),
    )?;
    let out = target.join("bindgen");
    call(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&out)
            .arg(target.join("wasm32-unknown-unknown/release/snapshot_panel.wasm")),
    )?;
    Ok(out)
}

/// The wasm module and its JS glue in a build folder.
struct PanelFiles {
    wasm: PathBuf,
    glue: PathBuf,
}

fn panel_files(dir: &Path) -> Result<PanelFiles, String> {
    let mut wasm = None;
    let mut glue = None;
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with("_bg.wasm") {
            wasm = Some(entry.path());
        } else if (name.starts_with("snapshot-panel-") || name == "snapshot_panel.js")
            && name.ends_with(".js")
        {
            glue = Some(entry.path());
        }
    }
    match (wasm, glue) {
        (Some(wasm), Some(glue)) => Ok(PanelFiles { wasm, glue }),
        _ => Err(format!("no wasm module and JS glue in {}", dir.display())),
    }
}

struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: Option<u64>,
}

fn sizes(path: &Path) -> Result<Sizes, String> {
    let raw = fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    let gzip = compressed_size(Command::new("gzip").args(["-9", "-c"]).arg(path))?;
    let brotli = match find_program("brotli") {
        Some(brotli) => Some(compressed_size(
            Command::new(brotli).args(["-c", "-q", "11"]).arg(path),
        )?),
        None => None,
    };
    Ok(Sizes { raw, gzip, brotli })
}

/// What a browser downloads from dist/ on a first visit, file by file and in all.
fn print_download(dist: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    let mut folders = vec![dist.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.retain(|path| {
        path.extension()
            .is_some_and(|ext| ["wasm", "js", "css", "html"].iter().any(|e| ext == *e))
    });
    files.sort();
    println!("\nWhat a browser downloads from dist/ (bytes):");
    println!(
        "  {:<44} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip -9", "brotli"
    );
    let mut total = Sizes {
        raw: 0,
        gzip: 0,
        brotli: Some(0),
    };
    for path in &files {
        let size = sizes(path)?;
        let name = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        println!(
            "  {name:<44} {:>10} {:>10} {:>10}",
            size.raw,
            size.gzip,
            opt(size.brotli)
        );
        total.raw += size.raw;
        total.gzip += size.gzip;
        total.brotli = total.brotli.zip(size.brotli).map(|(a, b)| a + b);
    }
    println!(
        "  {:<44} {:>10} {:>10} {:>10}",
        "total",
        total.raw,
        total.gzip,
        opt(total.brotli)
    );
    Ok(())
}

/// The size of what `cmd` writes to stdout: a compressor's output.
fn compressed_size(cmd: &mut Command) -> Result<u64, String> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if output.status.success() {
        Ok(u64::try_from(output.stdout.len()).unwrap_or(u64::MAX))
    } else {
        Err(format!(
            "{:?} failed: {}",
            cmd.get_program(),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn ratio(ours: u64, baseline: u64) -> String {
    if baseline == 0 {
        "-".to_owned()
    } else {
        format!("{:.2}", ours as f64 / baseline as f64)
    }
}

fn opt(size: Option<u64>) -> String {
    size.map_or_else(|| "-".to_owned(), |s| s.to_string())
}
