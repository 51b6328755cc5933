//! Running programs: commands echoed before they run, tools found on PATH, and background
//! services (the simulator, nginx) that stop when xtask stops, however it stops.

use std::env;
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// `$CARGO_HOME`, or `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    match env::var_os("CARGO_HOME").filter(|home| !home.is_empty()) {
        Some(home) => PathBuf::from(home),
        None => env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/root"))
            .join(".cargo"),
    }
}

/// Where `npm install --prefix .tools/binaryen binaryen@…` puts wasm-opt.
pub fn binaryen_bin(root: &Path) -> PathBuf {
    root.join(".tools")
        .join("binaryen")
        .join("node_modules")
        .join(".bin")
}

/// cargo's target folder (`$CARGO_TARGET_DIR` or `target/`).
pub fn target_dir(root: &Path) -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// Prepares xtask's environment, which every program it starts inherits: binaryen's wasm-opt
/// and `$CARGO_HOME/bin` first on PATH (trunk must find these exact wasm-opt and wasm-bindgen,
/// never Debian's binaryen, or it tries to download its own), TRUNK_SKIP_VERSION_CHECK, and
/// the repository root as the current folder.
pub fn prepare_environment(root: &Path) -> Result<(), String> {
    let old = env::var_os("PATH").unwrap_or_default();
    let path = with_dirs_first(&[binaryen_bin(root), cargo_home().join("bin")], &old)?;
    // xtask is single-threaded here, and edition 2021 keeps set_var safe.
    env::set_var("PATH", path);
    // Every trunk call: no update check (it needs GitHub, which is unreachable here).
    env::set_var("TRUNK_SKIP_VERSION_CHECK", "true");
    // trunk and cargo look for their files from the current folder.
    env::set_current_dir(root).map_err(|e| format!("cannot enter {}: {e}", root.display()))
}

/// `dirs` followed by the folders of `path`, each folder once.
fn with_dirs_first(dirs: &[PathBuf], path: &OsStr) -> Result<std::ffi::OsString, String> {
    let mut all: Vec<PathBuf> = dirs.to_vec();
    for dir in env::split_paths(path) {
        if !all.contains(&dir) {
            all.push(dir);
        }
    }
    env::join_paths(all).map_err(|e| format!("cannot build PATH: {e}"))
}

/// The executable `name` would run as, looking through the folders of `path` (a PATH value).
pub fn find_in(name: &str, path: &OsStr) -> Option<PathBuf> {
    env::split_paths(path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// The executable `name` runs as, on xtask's PATH.
pub fn find_program(name: &str) -> Option<PathBuf> {
    find_in(name, &env::var_os("PATH").unwrap_or_default())
}

pub fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// How a command reads when echoed: `program arg arg`.
pub fn shown(cmd: &Command) -> String {
    let mut words = vec![quoted(cmd.get_program())];
    words.extend(cmd.get_args().map(quoted));
    words.join(" ")
}

fn quoted(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@,+".contains(c))
    {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Runs a command with the terminal as its input and output; fails unless it exits with 0.
pub fn call(cmd: &mut Command) -> Result<(), String> {
    let line = shown(cmd);
    println!("$ {line}");
    let _ = std::io::stdout().flush();
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// The first line a program prints for `args` (stdout, else stderr), or `None` if it is
/// missing or fails. Used to ask tools for their version.
pub fn probe(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())?;
    let text = if output.stdout.is_empty() {
        output.stderr
    } else {
        output.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(str::to_owned)
}

/// The standard output of a command that must succeed.
pub fn stdout_of(cmd: &mut Command) -> Result<String, String> {
    let line = shown(cmd);
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start `{line}`: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "`{line}` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// True when something accepts connections on `addr` (e.g. "127.0.0.1:8787").
pub fn port_answers(addr: &str) -> bool {
    addr.parse::<SocketAddr>()
        .is_ok_and(|addr| TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_ok())
}

/// Fails when a service we are about to start would find its port taken: a leftover from an
/// earlier run would otherwise answer the tests in its place.
pub fn ensure_port_free(addr: &str, what: &str) -> Result<(), String> {
    if port_answers(addr) {
        Err(format!(
            "{addr} is already in use, so {what} cannot start there. A leftover from an earlier \
             run? Find it with `ss -ltnp 'sport = :{}'`.",
            addr.rsplit(':').next().unwrap_or(addr)
        ))
    } else {
        Ok(())
    }
}

/// The status code of `GET path` over plain HTTP/1.0 (enough to see a dev server come up).
pub fn http_status(addr: &str, path: &str) -> Option<u16> {
    let addr: SocketAddr = addr.parse().ok()?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").ok()?;
    let mut head = [0_u8; 64];
    let read = stream.read(&mut head).ok()?;
    let head = String::from_utf8_lossy(head.get(..read)?).into_owned();
    head.split_whitespace().nth(1)?.parse().ok()
}

/// A `sh` wrapper that runs "$@" in the background and ends it (SIGTERM) as soon as its own
/// standard input, a pipe whose only writer is xtask, reaches end-of-file: when xtask drops
/// the pipe, and also when xtask dies without cleaning up (Ctrl-C, SIGKILL, a panic). The
/// wrapper exits with the service's status, so an early crash is seen.
const WATCHDOG: &str = r#"exec 3<&0
"$@" </dev/null 3<&- &
service=$!
(read -r _ <&3; kill "$service" 2>/dev/null) &
watchdog=$!
exec 3<&-
wait "$service"
status=$?
kill "$watchdog" 2>/dev/null
exit "$status"
"#;

/// A background program (the simulator, nginx) that is stopped when this value is dropped,
/// or when xtask dies.
pub struct Service {
    name: String,
    child: Child,
    lifeline: Option<ChildStdin>,
    log: Option<PathBuf>,
}

impl Service {
    /// Starts `program args`; its output goes to `log` (a file) or, if `None`, to the terminal.
    pub fn start(
        name: &str,
        program: &Path,
        args: &[String],
        log: Option<&Path>,
    ) -> Result<Self, String> {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(WATCHDOG)
            .arg(name)
            .arg(program)
            .args(args);
        cmd.stdin(Stdio::piped());
        let mut echoed = format!("$ {} {}", program.display(), args.join(" "));
        if let Some(log) = log {
            let file =
                File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
            let copy = file
                .try_clone()
                .map_err(|e| format!("{}: {e}", log.display()))?;
            cmd.stdout(copy).stderr(file);
            echoed.push_str(&format!(
                "   (in the background; output in {})",
                log.display()
            ));
        } else {
            echoed.push_str("   (in the background)");
        }
        println!("{echoed}");
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {name}: {e}"))?;
        let lifeline = child.stdin.take();
        Ok(Self {
            name: name.to_owned(),
            child,
            lifeline,
            log: log.map(Path::to_path_buf),
        })
    }

    /// Waits until the service accepts connections on `addr`; fails if it exits first.
    pub fn wait_for_port(&mut self, addr: &str, timeout: Duration) -> Result<(), String> {
        let started = Instant::now();
        loop {
            if port_answers(addr) {
                println!(
                    "{} answers on {addr} (after {:.1} s)",
                    self.name,
                    started.elapsed().as_secs_f64()
                );
                return Ok(());
            }
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                return Err(format!(
                    "{} exited ({status}) before answering on {addr}{}",
                    self.name,
                    self.log_tail()
                ));
            }
            if started.elapsed() > timeout {
                return Err(format!(
                    "{} did not answer on {addr} within {} s{}",
                    self.name,
                    timeout.as_secs(),
                    self.log_tail()
                ));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// The exit status, if the service has exited.
    pub fn exited(&mut self) -> Result<Option<ExitStatus>, String> {
        self.child
            .try_wait()
            .map_err(|e| format!("{}: {e}", self.name))
    }

    /// Waits until the service exits by itself.
    pub fn wait(&mut self) -> Result<ExitStatus, String> {
        self.child.wait().map_err(|e| format!("{}: {e}", self.name))
    }

    /// The last lines of the service's log, to quote in an error.
    pub fn log_tail(&self) -> String {
        let Some(log) = &self.log else {
            return String::new();
        };
        let text = fs::read_to_string(log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines
            .get(lines.len().saturating_sub(20)..)
            .unwrap_or_default();
        format!(
            "\n--- last lines of {} ---\n{}",
            log.display(),
            tail.join("\n")
        )
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        // Closing the pipe tells the watchdog to stop the service.
        drop(self.lifeline.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(50)),
                _ => {
                    eprintln!(
                        "xtask: {} did not stop within 10 s; killing its wrapper",
                        self.name
                    );
                    let _ = self.child.kill();
                    let _ = self.child.wait();
                    break;
                }
            }
        }
        println!("stopped {}", self.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_dirs_come_first_once() -> Result<(), String> {
        let path = with_dirs_first(
            &[
                PathBuf::from("/repo/.tools/bin"),
                PathBuf::from("/root/.cargo/bin"),
            ],
            OsStr::new("/usr/bin:/root/.cargo/bin:/bin"),
        )?;
        assert_eq!(path, "/repo/.tools/bin:/root/.cargo/bin:/usr/bin:/bin");
        Ok(())
    }

    #[test]
    fn finds_programs_only_on_the_given_path() {
        assert!(find_in("sh", OsStr::new("/nonexistent:/bin:/usr/bin")).is_some());
        assert_eq!(find_in("sh", OsStr::new("/nonexistent")), None);
        assert_eq!(find_in("sh", OsStr::new("")), None);
    }

    #[test]
    fn commands_echo_readably() {
        let mut cmd = Command::new("nginx");
        cmd.args(["-g", "daemon off;", "-p", "/tmp/x"]);
        assert_eq!(shown(&cmd), "nginx -g 'daemon off;' -p /tmp/x");
    }

    #[test]
    fn a_service_stops_when_dropped() -> Result<(), String> {
        let mut service =
            Service::start("sleeper", Path::new("/bin/sleep"), &["30".to_owned()], None)?;
        assert_eq!(service.child.try_wait().map_err(|e| e.to_string())?, None);
        let started = Instant::now();
        drop(service);
        assert!(started.elapsed() < Duration::from_secs(5));
        Ok(())
    }

    #[test]
    fn a_service_that_exits_early_is_reported() -> Result<(), String> {
        let mut service = Service::start("false", Path::new("/bin/false"), &[], None)?;
        let error = service
            .wait_for_port("127.0.0.1:9", Duration::from_secs(10))
            .err()
            .unwrap_or_default();
        assert!(error.contains("false exited"), "{error}");
        Ok(())
    }
}
