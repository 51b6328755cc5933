//! `cargo xtask dist`: `trunk build --release`, then dist/ made fit for a strict
//! Content-Security-Policy (no 'unsafe-inline'):
//!
//! - trunk writes an inline `<script type="module">` loader into index.html; it moves to
//!   `snapshot-panel.js` (a stable name, so host pages can import it), with URLs relative to
//!   that file and the app's `mount`/`unmount`/`setToken` re-exported when the wasm has them;
//! - asset URLs in index.html become relative to its `<base href>`, so one build can be
//!   served under any path by changing the base alone (deploy/nginx.conf's sub-path variant);
//! - the result is checked: no inline script, style or event handler is left.
//!
//! The loader rewrite knows exactly what trunk 0.22.1 emits (`src/pipelines/rust/output.rs`,
//! `default_initializer`), and fails on anything else rather than guess.

use crate::process::{call, find_program};
use crate::setup::{self, TRUNK_VERSION};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

/// The loader's name in dist/.
pub const LOADER: &str = "snapshot-panel.js";
/// What the app may export for host pages; re-exported by the loader when present.
const APP_EXPORTS: [&str; 3] = ["mount", "unmount", "setToken"];
const STARTED_EVENT: &str =
    r#"dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));"#;

/// `cargo xtask dist`: the build tools, then the build.
pub fn run(root: &Path, public_url: &str) -> Result<(), String> {
    setup::run(root, setup::Scope::Build)?;
    build(root, public_url)
}

/// The release build in dist/, rewritten and checked.
pub fn build(root: &Path, public_url: &str) -> Result<(), String> {
    call(
        Command::new("trunk")
            .args(["build", "--release", "--public-url", public_url])
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .current_dir(root),
    )?;
    let dist = root.join("dist");
    // trunk's own lock file, left behind empty: not something to deploy.
    let _ = fs::remove_file(dist.join(".trunk-lock"));
    let index_path = dist.join("index.html");
    let index = read(&index_path)?;
    let files = file_names(&dist)?;
    let (html, loader) = rewrite_index(&index, public_url, &files)?;
    let glue = read(&dist.join(&loader.glue))?;
    let exports = app_exports(&glue);
    fs::write(dist.join(LOADER), loader_module(&loader, &exports))
        .map_err(|e| format!("cannot write dist/{LOADER}: {e}"))?;
    fs::write(&index_path, &html)
        .map_err(|e| format!("cannot write {}: {e}", index_path.display()))?;
    check_strict_csp(&read(&index_path)?)?;
    println!(
        "dist/index.html: trunk's inline loader moved to dist/{LOADER} (re-exports: {}); \
         no inline script or style left",
        if exports.is_empty() {
            "none".to_owned()
        } else {
            exports.join(", ")
        }
    );
    report_sizes(&dist, &loader)
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir`, as relative paths with `/` (`snippets/x-1a2b/inline0.js`), sorted.
fn file_names(dir: &Path) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries =
            fs::read_dir(&folder).map_err(|e| format!("cannot list {}: {e}", folder.display()))?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> = relative
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                names.push(parts.join("/"));
            }
        }
    }
    names.sort();
    Ok(names)
}

/// What trunk's inline loader does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrunkLoader {
    /// The wasm-bindgen JS glue, relative to dist/ (`snapshot-panel-HASH.js`).
    pub glue: String,
    /// The wasm, relative to dist/ (`snapshot-panel-HASH_bg.wasm`).
    pub wasm: String,
    /// `import init, * as bindings` rather than `import init`.
    pub imports_bindings: bool,
    /// `window.NAME = bindings;`
    pub bindings_global: Option<String>,
    /// `init({ module_or_path: … })` rather than `init(…)`.
    pub init_with_object: bool,
}

fn unexpected<T>(what: &str, script: &str) -> Result<T, String> {
    Err(format!(
        "the inline loader in dist/index.html is not the one trunk {TRUNK_VERSION} writes ({what}); \
         update xtask/src/dist.rs for it:\n---\n{}\n---",
        script.trim()
    ))
}

/// A file URL trunk wrote as `{base}NAME` → `NAME`.
fn under_base<'a>(url: &'a str, base: &str) -> Option<&'a str> {
    url.strip_prefix(base)
        .filter(|name| !name.is_empty() && !name.contains(['/', '\'', '"', '\\']))
}

/// Reads trunk 0.22.1's inline loader, which is exactly (blank lines aside):
///
/// ```text
/// import init, * as bindings from '{base}{js}';
/// const wasm = await init({ module_or_path: '{base}{wasm}' });
/// window.wasmBindings = bindings;
/// dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
/// ```
pub fn parse_loader(script: &str, base: &str) -> Result<TrunkLoader, String> {
    let mut lines = script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty());

    let Some(rest) = lines
        .next()
        .and_then(|line| line.strip_prefix("import init"))
    else {
        return unexpected("it does not start with `import init`", script);
    };
    let (imports_bindings, rest) = match rest.strip_prefix(", * as bindings") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let glue = rest
        .strip_prefix(" from '")
        .and_then(|rest| rest.strip_suffix("';"))
        .and_then(|url| under_base(url, base));
    let Some(glue) = glue else {
        return unexpected(&format!("no `from '{base}NAME.js';` in its import"), script);
    };

    let Some(arg) = lines
        .next()
        .and_then(|line| line.strip_prefix("const wasm = await init("))
        .and_then(|line| line.strip_suffix(");"))
    else {
        return unexpected("no `const wasm = await init(…);`", script);
    };
    let (init_with_object, url) = match arg
        .strip_prefix("{ module_or_path: ")
        .and_then(|a| a.strip_suffix(" }"))
    {
        Some(url) => (true, url),
        None => (false, arg),
    };
    let wasm = url
        .strip_prefix('\'')
        .and_then(|url| url.strip_suffix('\''))
        .and_then(|url| under_base(url, base))
        .filter(|name| name.ends_with(".wasm"));
    let Some(wasm) = wasm else {
        return unexpected(&format!("init's argument is not '{base}NAME.wasm'"), script);
    };

    let mut line = lines.next();
    let global = line
        .and_then(|l| l.strip_prefix("window."))
        .and_then(|l| l.strip_suffix(" = bindings;"));
    if let Some(name) = global {
        if !imports_bindings
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        {
            return unexpected("an odd `window.… = bindings;`", script);
        }
        line = lines.next();
    }
    if line != Some(STARTED_EVENT) {
        return unexpected("no TrunkApplicationStarted event where it belongs", script);
    }
    if let Some(extra) = lines.next() {
        return unexpected(&format!("an extra line `{extra}`"), script);
    }
    Ok(TrunkLoader {
        glue: glue.to_owned(),
        wasm: wasm.to_owned(),
        imports_bindings,
        bindings_global: global.map(str::to_owned),
        init_with_object,
    })
}

/// The names a wasm-bindgen `--target web` glue file exports, among [`APP_EXPORTS`].
pub fn app_exports(glue: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in glue.lines().map(str::trim_start) {
        let Some(rest) = line.strip_prefix("export ") else {
            continue;
        };
        let rest = rest.strip_prefix("async ").unwrap_or(rest);
        let declared = ["function ", "function* ", "class ", "const ", "let "]
            .iter()
            .find_map(|keyword| rest.strip_prefix(keyword));
        if let Some(declared) = declared {
            let name: String = declared
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
                .collect();
            names.push(name);
        } else if let Some(list) = rest.strip_prefix('{').and_then(|r| r.split('}').next()) {
            // export { a, b as c };
            names.extend(
                list.split(',')
                    .filter_map(|item| item.split_whitespace().last().map(str::to_owned)),
            );
        }
    }
    APP_EXPORTS
        .iter()
        .filter(|wanted| names.iter().any(|name| name == *wanted))
        .map(|name| (*name).to_owned())
        .collect()
}

/// snapshot-panel.js: trunk's loader, with URLs relative to the loader itself.
pub fn loader_module(loader: &TrunkLoader, exports: &[String]) -> String {
    let glue = format!("./{}", loader.glue);
    let wasm = format!("new URL('./{}', import.meta.url)", loader.wasm);
    let import = if loader.imports_bindings {
        "init, * as bindings"
    } else {
        "init"
    };
    let init_arg = if loader.init_with_object {
        format!("{{ module_or_path: {wasm} }}")
    } else {
        wasm
    };
    let mut js = format!(
        "\
// Snapshot Panel loader: starts the WebAssembly app.
//
// Generated by `cargo xtask dist` from the inline <script type=\"module\"> that trunk {TRUNK_VERSION}
// writes into index.html, moved here so that the Content-Security-Policy needs no
// 'unsafe-inline'. Its name stays the same from build to build, so that a host page can import
// it; serve it with `Cache-Control: no-cache`. Every URL is relative to this file.
import {import} from '{glue}';

const wasm = await init({init_arg});
"
    );
    if let Some(global) = &loader.bindings_global {
        js.push_str(&format!("\nwindow.{global} = bindings;\n"));
    }
    js.push_str(&format!("\n{STARTED_EVENT}\n"));
    if !exports.is_empty() {
        js.push_str(&format!(
            "\n// For host pages: import {{ {} }} from '…/{LOADER}'.\nexport {{ {} }} from '{glue}';\n",
            exports.join(", "),
            exports.join(", ")
        ));
    }
    js
}

/// trunk's index.html → (index.html for a strict CSP, what its loader did).
pub fn rewrite_index(
    html: &str,
    public_url: &str,
    dist_files: &[String],
) -> Result<(String, TrunkLoader), String> {
    let base = base_href(html).ok_or("dist/index.html has no <base href=\"…\">: keep <base data-trunk-public-url /> in index.html")?;
    if base != public_url && base != format!("{public_url}/") {
        return Err(format!(
            "dist/index.html has <base href=\"{base}\">, but the build asked for {public_url:?}"
        ));
    }
    let scripts: Vec<usize> = html.match_indices("<script").map(|(at, _)| at).collect();
    let [start] = scripts.as_slice() else {
        return Err(format!(
            "dist/index.html has {} <script> elements; trunk {TRUNK_VERSION} writes exactly one (its loader)",
            scripts.len()
        ));
    };
    let rest = html.get(*start..).unwrap_or_default();
    let open_end = rest.find('>').ok_or("unterminated <script> tag")?;
    let open = rest.get(..=open_end).unwrap_or_default();
    if open != r#"<script type="module">"# {
        return Err(format!(
            "trunk's loader starts with {open:?}, not <script type=\"module\">"
        ));
    }
    let close = rest.find("</script>").ok_or("<script> without </script>")?;
    let body = rest.get(open_end + 1..close).unwrap_or_default();
    let loader = parse_loader(body, &base)?;
    for file in [&loader.glue, &loader.wasm] {
        if !dist_files.contains(file) {
            return Err(format!(
                "trunk's loader names {file}, which is not in dist/"
            ));
        }
    }
    let element_end = start + close + "</script>".len();
    let mut out = String::with_capacity(html.len());
    out.push_str(html.get(..*start).unwrap_or_default());
    out.push_str(&format!(
        r#"<script type="module" src="{LOADER}"></script>"#
    ));
    out.push_str(html.get(element_end..).unwrap_or_default());
    Ok((relative_links(&out, &base, dist_files), loader))
}

/// The `href` of the `<base>` element.
fn base_href(html: &str) -> Option<String> {
    tags(html)
        .into_iter()
        .find(|tag| tag.name == "base")?
        .attrs
        .into_iter()
        .find(|(name, _)| name == "href")?
        .1
}

/// `<link … href="{base}NAME">` → `<link … href="NAME">` for every NAME built into dist/.
fn relative_links(html: &str, base: &str, dist_files: &[String]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let (before, from_link) = rest.split_at(at);
        out.push_str(before);
        let end = from_link.find('>').map_or(from_link.len(), |end| end + 1);
        let (tag, after) = from_link.split_at(end);
        let mut tag = tag.to_owned();
        for file in dist_files {
            tag = tag.replace(
                &format!(r#" href="{base}{file}""#),
                &format!(r#" href="{file}""#),
            );
        }
        out.push_str(&tag);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// An HTML start tag: lower-case name and attributes (value `None` for a bare attribute).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, Option<String>)>,
    /// For `<script>` and `<style>`: the text up to the end tag.
    text: String,
}

/// The start tags of a document, comments skipped. Enough for trunk's output and our own
/// index.html, not a general HTML parser.
fn tags(html: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = rest.get(at..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after
                .find("-->")
                .and_then(|end| after.get(end + 3..))
                .unwrap_or_default();
            continue;
        }
        let mut chars = rest.char_indices().skip(1).peekable();
        let name: String = chars
            .clone()
            .map(|(_, c)| c)
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        // Attributes until the unquoted '>'.
        let mut end = rest.len();
        let mut quote: Option<char> = None;
        for (i, c) in chars.by_ref() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let inside = rest.get(1..end).unwrap_or_default();
        rest = rest.get(end + 1..).unwrap_or_default();
        if name.is_empty() {
            continue; // </end>, <!DOCTYPE>
        }
        let attrs = attributes(inside.get(name.len()..).unwrap_or_default());
        let mut text = String::new();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let stop = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            text = rest.get(..stop).unwrap_or_default().to_owned();
            rest = rest.get(stop..).unwrap_or_default();
        }
        found.push(Tag { name, attrs, text });
    }
    found
}

/// `a="1" b c='2' d=3 /` → attributes.
fn attributes(text: &str) -> Vec<(String, Option<String>)> {
    let mut attrs = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len())
            .max(1);
        let (name, after) = rest.split_at(name_len);
        rest = after.trim_start();
        let mut value = None;
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (found, remainder) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = after.get(1..).unwrap_or_default();
                    let end = body.find(q).unwrap_or(body.len());
                    (
                        body.get(..end).unwrap_or_default(),
                        body.get(end + 1..).unwrap_or_default(),
                    )
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    after.split_at(end)
                }
            };
            value = Some(found.to_owned());
            rest = remainder.trim_start();
        }
        if name != "/" {
            attrs.push((name.to_ascii_lowercase(), value));
        }
    }
    attrs
}

/// Fails if the document needs 'unsafe-inline' (or more) under deploy/nginx.conf's CSP:
/// an inline script, a `<style>` element, a `style=` attribute, an `on…=` handler or a
/// `javascript:` URL.
pub fn check_strict_csp(html: &str) -> Result<(), String> {
    let mut problems = Vec::new();
    for tag in tags(html) {
        if tag.name == "script" && !tag.text.trim().is_empty() {
            problems.push("an inline <script> with content".to_owned());
        }
        if tag.name == "style" {
            problems.push("a <style> element".to_owned());
        }
        for (name, value) in &tag.attrs {
            if name == "style" {
                problems.push(format!("a style= attribute on <{}>", tag.name));
            } else if name.starts_with("on") {
                problems.push(format!("an inline event handler {name}= on <{}>", tag.name));
            }
            if value.as_deref().is_some_and(|v| {
                v.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
            }) {
                problems.push(format!("a javascript: URL in {name}= on <{}>", tag.name));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "dist/index.html would need 'unsafe-inline' in the Content-Security-Policy: {}",
            problems.join("; ")
        ))
    }
}

/// Sizes of what a browser downloads, raw and compressed as nginx would serve them.
fn report_sizes(dist: &Path, loader: &TrunkLoader) -> Result<(), String> {
    let brotli = find_program("brotli");
    let mut files: Vec<String> = vec![
        loader.wasm.clone(),
        loader.glue.clone(),
        LOADER.to_owned(),
        "index.html".to_owned(),
    ];
    files.extend(
        file_names(dist)?
            .into_iter()
            .filter(|name| name.ends_with(".css")),
    );
    println!("\nWhat a browser downloads (bytes):");
    println!(
        "  {:<44} {:>10} {:>10} {:>10}",
        "file",
        "raw",
        "gzip -9",
        if brotli.is_some() {
            "brotli"
        } else {
            "(no brotli)"
        }
    );
    let mut total = [0_u64; 3];
    for name in &files {
        let path = dist.join(name);
        let raw = fs::metadata(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .len();
        let gzip = compressed_size(Command::new("gzip").args(["-9", "-c"]).arg(&path))?;
        let brotli_size = match &brotli {
            Some(program) => Some(compressed_size(
                Command::new(program).args(["-c", "-q", "11"]).arg(&path),
            )?),
            None => None,
        };
        println!(
            "  {name:<44} {raw:>10} {gzip:>10} {:>10}",
            brotli_size.map_or_else(|| "-".to_owned(), |size| size.to_string())
        );
        total[0] += raw;
        total[1] += gzip;
        total[2] += brotli_size.unwrap_or(0);
    }
    println!(
        "  {:<44} {:>10} {:>10} {:>10}",
        "total",
        total[0],
        total[1],
        if brotli.is_some() {
            total[2].to_string()
        } else {
            "-".to_owned()
        }
    );
    Ok(())
}

/// The size of what `cmd` writes to stdout: a compressor's output.
pub fn compressed_size(cmd: &mut Command) -> Result<u64, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// dist/index.html exactly as trunk 0.22.1 wrote it for this project (`trunk build
    /// --release`), before xtask's rewrite.
    const TRUNK_INDEX: &str = include_str!("../fixtures/trunk-0.22.1-index.html");
    const GLUE: &str = "snapshot-panel-7aee0ff698a59c65.js";
    const WASM: &str = "snapshot-panel-1bc145afb726072e_bg.wasm";
    const CSS: &str = "page-020594cd5ea2ef83.css";
    const SNIPPET: &str = "snippets/snapshot-panel-4477c304b8e1cea4/inline0.js";

    fn dist_files() -> Vec<String> {
        [CSS, "index.html", WASM, GLUE, SNIPPET]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn trunks_real_output_has_the_known_loader() -> Result<(), String> {
        let (_, loader) = rewrite_index(TRUNK_INDEX, "/", &dist_files())?;
        assert_eq!(
            loader,
            TrunkLoader {
                glue: GLUE.to_owned(),
                wasm: WASM.to_owned(),
                imports_bindings: true,
                bindings_global: Some("wasmBindings".to_owned()),
                init_with_object: true,
            }
        );
        Ok(())
    }

    #[test]
    fn trunks_real_output_needs_unsafe_inline() {
        assert!(check_strict_csp(TRUNK_INDEX).is_err_and(|e| e.contains("inline <script>")));
    }

    #[test]
    fn the_rewritten_index_needs_no_unsafe_inline() -> Result<(), String> {
        let (html, _) = rewrite_index(TRUNK_INDEX, "/", &dist_files())?;
        check_strict_csp(&html)?;
        assert!(html.contains(r#"<script type="module" src="snapshot-panel.js"></script>"#));
        assert_eq!(html.matches("<script").count(), 1);
        // trunk's preload links stay, with their integrity, relative to <base href="/">.
        assert!(html.contains(r#"<base href="/" />"#), "{html}");
        let preload = format!(
            r#"<link rel="modulepreload" href="{GLUE}" crossorigin="anonymous" integrity="sha384-"#
        );
        assert!(html.contains(&preload), "{html}");
        assert!(
            html.contains(&format!(r#"rel="modulepreload" href="{SNIPPET}""#)),
            "{html}"
        );
        assert!(
            html.contains(&format!(r#"rel="preload" href="{WASM}""#)),
            "{html}"
        );
        assert!(
            html.contains(&format!(r#"rel="stylesheet" href="{CSS}""#)),
            "{html}"
        );
        assert!(
            html.matches(r#"href="/"#).count() == 1, // <base href="/" /> only
            "an absolute URL is left: {html}"
        );
        // Everything else is untouched.
        assert!(html.contains(r#"<meta name="snapshot-panel:api-base" content="/api/v1/""#));
        assert!(html.contains("data-snapshot-panel-autostart"));
        Ok(())
    }

    #[test]
    fn the_loader_module_is_relative_to_itself() -> Result<(), String> {
        let (_, loader) = rewrite_index(TRUNK_INDEX, "/", &dist_files())?;
        let js = loader_module(&loader, &["mount".to_owned(), "setToken".to_owned()]);
        assert!(
            js.contains(&format!("import init, * as bindings from './{GLUE}';")),
            "{js}"
        );
        assert!(js.contains(&format!(
            "const wasm = await init({{ module_or_path: new URL('./{WASM}', import.meta.url) }});"
        )));
        assert!(js.contains("window.wasmBindings = bindings;"));
        assert!(js.contains(STARTED_EVENT));
        assert!(js.contains(&format!("export {{ mount, setToken }} from './{GLUE}';")));
        assert!(!js.contains("'/"), "no absolute URL: {js}");
        let plain = loader_module(&loader, &[]);
        assert!(!plain.contains("export"));
        Ok(())
    }

    #[test]
    fn reads_the_loader_under_any_public_url() -> Result<(), String> {
        let script = "\nimport init from '/admin/snapshots/app-1a.js';\nconst wasm = await init('/admin/snapshots/app-1a_bg.wasm');\n\n\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n";
        let loader = parse_loader(script, "/admin/snapshots/")?;
        assert_eq!(loader.glue, "app-1a.js");
        assert!(!loader.imports_bindings && !loader.init_with_object);
        assert_eq!(loader.bindings_global, None);
        let js = loader_module(&loader, &[]);
        assert!(
            js.contains("const wasm = await init(new URL('./app-1a_bg.wasm', import.meta.url));"),
            "{js}"
        );
        Ok(())
    }

    #[test]
    fn an_unknown_loader_shape_fails_loudly() {
        let good = "import init, * as bindings from '/a.js';\nconst wasm = await init({ module_or_path: '/a_bg.wasm' });\nwindow.wasmBindings = bindings;\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));";
        assert!(parse_loader(good, "/").is_ok());
        for bad in [
            good.replace("import init", "import start"),
            good.replace("'/a.js'", "'/lib/a.js'"),
            good.replace("module_or_path", "module"),
            good.replace("'/a_bg.wasm'", "'/a_bg.js'"),
            good.replace("TrunkApplicationStarted", "Started"),
            format!("{good}\nconsole.log(wasm);"),
            // trunk's initializer variant (data-initializer): not used here.
            format!("async function __trunkInitializer() {{}}\n{good}"),
        ] {
            assert!(parse_loader(&bad, "/").is_err(), "accepted:\n{bad}");
        }
        let two_scripts = TRUNK_INDEX.replace("</body>", "<script src=\"x.js\"></script></body>");
        assert!(rewrite_index(&two_scripts, "/", &dist_files()).is_err());
        let other_files = vec!["index.html".to_owned()];
        assert!(rewrite_index(TRUNK_INDEX, "/", &other_files)
            .is_err_and(|e| e.contains("not in dist/")));
    }

    #[test]
    fn finds_the_glue_exports() {
        let glue = "let wasm;\nexport function mount(target, options) {\n}\nexport function setToken(token) {}\nexport function unrelated() {}\nfunction unmount() {}\nexport { initSync };\nexport default __wbg_init;\n";
        assert_eq!(
            app_exports(glue),
            vec!["mount".to_owned(), "setToken".to_owned()]
        );
        assert_eq!(
            app_exports("export { initSync, x as unmount };"),
            vec!["unmount".to_owned()]
        );
        assert!(app_exports("").is_empty());
    }

    #[test]
    fn the_csp_check_finds_inline_code_and_style() {
        assert!(check_strict_csp(
            r#"<html><body><script type="module" src="a.js"></script></body></html>"#
        )
        .is_ok());
        assert!(check_strict_csp("<!-- <script>x()</script> --><p>ok</p>").is_ok());
        for bad in [
            "<script>alert(1)</script>",
            "<div style=\"color: red\"></div>",
            "<div STYLE='x'></div>",
            "<style>p{}</style>",
            "<body onload=\"go()\">",
            "<a href=\"javascript:go()\">x</a>",
        ] {
            assert!(check_strict_csp(bad).is_err(), "accepted {bad}");
        }
    }
}
