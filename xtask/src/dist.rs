//! `cargo xtask dist`: the release build in dist/, by trunk alone.
//!
//! Trunk.toml says how: its `pattern_script` puts `<script type="module" src="./snapshot-panel.js">`
//! where trunk would write an inline loader (which would need 'unsafe-inline'),
//! `minify = "on_release"`, and `public_url = "./"`, which leaves every asset URL relative to
//! index.html's own `<base href="/">`: one build serves any path once that base is changed.
//!
//! The one file trunk cannot write is `snapshot-panel.js`, the loader: a stable name that a host
//! page can import, starting the panel from trunk's content-hashed wasm and glue. Trunk's
//! post-build hook runs `cargo xtask loader`, which names them by listing the staging folder,
//! never by reading what trunk wrote; so `trunk serve` has the loader too. The browser checks
//! the result: the end-to-end suite loads this build under deploy/nginx.conf's strict CSP,
//! records every violation and looks for inline code with the browser's own HTML parser.

use crate::process::call;
use crate::setup;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The loader's name in dist/.
pub const LOADER: &str = "snapshot-panel.js";
/// The loader, with `{glue}` and `{wasm}` to fill in.
const LOADER_TEMPLATE: &str = include_str!("loader.js");
/// The stem trunk gives the wasm-bindgen output: the package name.
const APP_STEM: &str = "snapshot-panel-";

/// `cargo xtask dist`: the build tools, then the build.
pub fn run(root: &Path) -> Result<(), String> {
    setup::run(root, setup::Scope::Build)?;
    build(root)
}

/// The release build in dist/.
pub fn build(root: &Path) -> Result<(), String> {
    call(
        Command::new("trunk")
            .args(["build", "--release"])
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .current_dir(root),
    )?;
    // trunk's own lock file, left behind empty: not something to deploy.
    let _ = fs::remove_file(root.join("dist").join(".trunk-lock"));
    Ok(())
}

/// `cargo xtask loader`, trunk's post-build hook: the loader, in trunk's staging folder.
pub fn write_loader() -> Result<(), String> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .ok_or("`loader` is trunk's post-build hook: TRUNK_STAGING_DIR is not set")?;
    let staging = Path::new(&staging);
    let app = BuiltApp::find(&file_names(staging)?)?;
    fs::write(staging.join(LOADER), app.loader())
        .map_err(|e| format!("cannot write {LOADER}: {e}"))?;
    println!("{LOADER} starts {} with {}", app.wasm, app.glue);
    Ok(())
}

/// The names of the files in `dir` (not below it).
fn file_names(dir: &Path) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    Ok(entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect())
}

/// The wasm module and the wasm-bindgen glue trunk wrote, by name.
#[derive(Debug, PartialEq, Eq)]
pub struct BuiltApp {
    pub glue: String,
    pub wasm: String,
}

impl BuiltApp {
    /// The one `snapshot-panel-HASH_bg.wasm` and the one `snapshot-panel-HASH.js` among `files`.
    pub fn find(files: &[String]) -> Result<Self, String> {
        let ours = |suffix: &str| -> Result<String, String> {
            let found: Vec<&String> = files
                .iter()
                .filter(|name| name.starts_with(APP_STEM) && name.ends_with(suffix))
                .collect();
            match found.as_slice() {
                [one] => Ok((*one).clone()),
                [] => Err(format!(
                    "dist/ has no {APP_STEM}…{suffix}: did trunk build?"
                )),
                many => Err(format!(
                    "dist/ has {} files {APP_STEM}…{suffix} ({many:?}); expected one",
                    many.len()
                )),
            }
        };
        Ok(Self {
            glue: ours(".js")?,
            wasm: ours("_bg.wasm")?,
        })
    }

    /// snapshot-panel.js for this build.
    pub fn loader(&self) -> String {
        LOADER_TEMPLATE
            .replace("{glue}", &self.glue)
            .replace("{wasm}", &self.wasm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn finds_trunks_wasm_and_glue_among_the_other_files() -> Result<(), String> {
        let app = BuiltApp::find(&names(&[
            "index.html",
            "page-020594cd5ea2ef83.css",
            "snapshot-panel-1bc145afb726072e_bg.wasm",
            "snapshot-panel-7aee0ff698a59c65.js",
            LOADER,
        ]))?;
        assert_eq!(
            app,
            BuiltApp {
                glue: "snapshot-panel-7aee0ff698a59c65.js".to_owned(),
                wasm: "snapshot-panel-1bc145afb726072e_bg.wasm".to_owned(),
            }
        );
        Ok(())
    }

    #[test]
    fn a_missing_or_doubled_build_is_an_error_not_a_guess() {
        assert!(BuiltApp::find(&names(&["index.html", LOADER])).is_err());
        assert!(BuiltApp::find(&names(&[
            "snapshot-panel-1_bg.wasm",
            "snapshot-panel-2_bg.wasm",
            "snapshot-panel-3.js",
        ]))
        .is_err());
    }

    #[test]
    fn the_loader_names_this_builds_files_relative_to_itself() {
        let app = BuiltApp {
            glue: "snapshot-panel-7a.js".to_owned(),
            wasm: "snapshot-panel-1b_bg.wasm".to_owned(),
        };
        let loader = app.loader();
        assert!(
            loader.contains(r#"import("./snapshot-panel-7a.js")"#),
            "{loader}"
        );
        assert!(
            loader.contains(r#"new URL("./snapshot-panel-1b_bg.wasm", import.meta.url)"#),
            "{loader}"
        );
        assert!(!loader.contains("{glue}") && !loader.contains("{wasm}"));
        for export in ["mount", "unmount", "setToken"] {
            assert!(loader.contains(export), "exports {export}: {loader}");
        }
    }
}
