//! Start-up configuration and the command-line parser of the binary.

use crate::faults::{FaultKind, FaultSpec};

/// How the simulator behaves. `Config::default()` matches the binary's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Interface to bind (used by the binary only).
    pub host: String,
    /// Port to bind (used by the binary only; 0 picks a free port).
    pub port: u16,
    /// Seconds a new snapshot stays `in_progress` before it becomes `completed`.
    pub create_secs: f64,
    /// Seconds a server stays `restoring` before it returns to its previous status.
    pub restore_secs: f64,
    /// Items per page of every list endpoint.
    pub page_size: u32,
    /// Base of the absolute `next`/`previous` links (e.g. `https://admin.vps.org`);
    /// when `None` the base is `http://` + the request's `Host` header.
    pub public_url: Option<String>,
    /// Token assumed for requests that carry no `Authorization` header
    /// (simulates a reverse proxy that injects the token).
    pub default_token: Option<String>,
    /// Enables the `/__sim/` control endpoints.
    pub control: bool,
    /// Faults injected from start-up (rate 0 = none).
    pub faults: FaultSpec,
    /// Answers as a plain Django REST Framework deployment with default settings would:
    /// DRF's own words, a snapshot list that lags one read behind a create or a delete, and
    /// pages that drift between requests (see the README).
    pub plain_drf: bool,
    /// Answers CORS requests permissively (any origin) when true.
    pub cors: bool,
    /// Serves a built panel from this folder for every path outside `/api/` and `/__sim/`,
    /// with `index.html` for deep links: one same-origin process for quick local runs.
    pub static_dir: Option<std::path::PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".to_owned(),
            port: 8787,
            create_secs: 30.0,
            restore_secs: 45.0,
            page_size: 20,
            public_url: None,
            default_token: None,
            control: false,
            faults: FaultSpec::default(),
            plain_drf: false,
            cors: true,
            static_dir: None,
        }
    }
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Run the server with this configuration.
    Run(Box<Config>),
    /// Print [`USAGE`] and exit.
    Help,
}

/// The `--help` text.
pub const USAGE: &str = "\
vps-simulator: a simulator of the VPS.org Snapshots API (Django REST Framework style)

USAGE:
    vps-simulator [FLAGS]

FLAGS (all optional; `--flag value` or `--flag=value`):
    --host HOST             interface to bind                       [127.0.0.1]
    --port PORT             port to bind (0 = any free port)        [8787]
    --create-secs SECS      in_progress -> completed duration       [30]
    --restore-secs SECS     restoring -> previous status duration   [45]
    --page-size N           items per page of the list endpoints    [20]
    --public-url URL        base of absolute next/previous links    [from the Host header]
    --default-token TOKEN   token assumed when no Authorization header is sent
    --control               enable the /__sim/ control endpoints
    --plain-drf             answer as a plain DRF deployment: DRF's default words, the
                            list lags one read behind a create or delete, pages drift
    --fault-rate R          probability 0.0..1.0 of faulting an /api/ request  [0]
    --fault-kinds LIST      comma list of latency,html502,500,500saved,truncated,429,drop  [all]
    --fault-seed N          seed of the fault generator              [0]
    --latency-ms N          delay of the `latency` fault             [300]
    --retry-after-secs N    Retry-After of the `429` fault           [2]
    --no-cors               do not answer CORS (same-origin only)
    --static DIR            also serve a built panel from DIR (index.html for deep links)
    -h, --help              print this help

Tokens: vps_demo_alice (read/write), vps_demo_bob (read/write), vps_readonly_carol (read only).
Prints `vps-simulator listening on http://HOST:PORT` once it accepts connections.
";

/// Parses the command-line arguments (without the program name).
pub fn parse_args<I>(args: I) -> Result<Command, String>
where
    I: IntoIterator<Item = String>,
{
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--host" => config.host = value("--host")?,
            "--port" => config.port = number("--port", &value("--port")?)?,
            "--create-secs" => {
                config.create_secs = seconds("--create-secs", &value("--create-secs")?)?
            }
            "--restore-secs" => {
                config.restore_secs = seconds("--restore-secs", &value("--restore-secs")?)?;
            }
            "--page-size" => {
                config.page_size = number("--page-size", &value("--page-size")?)?;
                if config.page_size == 0 {
                    return Err("--page-size must be at least 1".to_owned());
                }
            }
            "--public-url" => config.public_url = Some(value("--public-url")?),
            "--default-token" => config.default_token = Some(value("--default-token")?),
            "--control" => config.control = true,
            "--plain-drf" => config.plain_drf = true,
            "--no-cors" => config.cors = false,
            "--static" => config.static_dir = Some(value("--static")?.into()),
            "--fault-rate" => config.faults.rate = rate("--fault-rate", &value("--fault-rate")?)?,
            "--fault-kinds" => config.faults.kinds = kinds(&value("--fault-kinds")?)?,
            "--fault-seed" => config.faults.seed = number("--fault-seed", &value("--fault-seed")?)?,
            "--latency-ms" => {
                config.faults.latency_ms = number("--latency-ms", &value("--latency-ms")?)?
            }
            "--retry-after-secs" => {
                config.faults.retry_after_secs =
                    number("--retry-after-secs", &value("--retry-after-secs")?)?;
            }
            _ => return Err(format!("unknown argument: {arg}")),
        }
    }
    Ok(Command::Run(Box::new(config)))
}

fn number<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{name}: not a valid number: {text}"))
}

fn seconds(name: &str, text: &str) -> Result<f64, String> {
    let secs: f64 = number(name, text)?;
    if secs.is_finite() && secs >= 0.0 {
        Ok(secs)
    } else {
        Err(format!("{name} must be a number of seconds >= 0"))
    }
}

fn rate(name: &str, text: &str) -> Result<f64, String> {
    let rate: f64 = number(name, text)?;
    if (0.0..=1.0).contains(&rate) {
        Ok(rate)
    } else {
        Err(format!("{name} must be between 0.0 and 1.0"))
    }
}

fn kinds(text: &str) -> Result<Vec<FaultKind>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| {
            k.parse().map_err(|()| {
                format!(
                    "--fault-kinds: unknown kind {k:?} (expected {})",
                    FaultKind::NAMES
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic)]
    use super::*;

    fn run(args: &[&str]) -> Config {
        match parse_args(args.iter().map(|s| (*s).to_owned())) {
            Ok(Command::Run(config)) => *config,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(run(&[]), Config::default());
    }

    #[test]
    fn every_flag() {
        let c = run(&[
            "--host",
            "0.0.0.0",
            "--port=9000",
            "--create-secs",
            "0.5",
            "--restore-secs",
            "1",
            "--page-size",
            "3",
            "--public-url",
            "https://admin.vps.org",
            "--default-token",
            "vps_demo_alice",
            "--control",
            "--fault-rate",
            "0.25",
            "--fault-kinds",
            "latency,429",
            "--fault-seed",
            "7",
            "--latency-ms",
            "50",
            "--retry-after-secs",
            "5",
            "--no-cors",
            "--plain-drf",
        ]);
        assert_eq!(c.host, "0.0.0.0");
        assert_eq!(c.port, 9000);
        assert!((c.create_secs - 0.5).abs() < f64::EPSILON);
        assert!((c.restore_secs - 1.0).abs() < f64::EPSILON);
        assert_eq!(c.page_size, 3);
        assert_eq!(c.public_url.as_deref(), Some("https://admin.vps.org"));
        assert_eq!(c.default_token.as_deref(), Some("vps_demo_alice"));
        assert!(c.control);
        assert!(c.plain_drf);
        assert!(!c.cors);
        assert!((c.faults.rate - 0.25).abs() < f64::EPSILON);
        assert_eq!(
            c.faults.kinds,
            vec![FaultKind::Latency, FaultKind::Throttle]
        );
        assert_eq!(c.faults.seed, 7);
        assert_eq!(c.faults.latency_ms, 50);
        assert_eq!(c.faults.retry_after_secs, 5);
    }

    #[test]
    fn help_and_errors() {
        assert_eq!(parse_args(vec!["--help".to_owned()]), Ok(Command::Help));
        for bad in [
            vec!["--port"],
            vec!["--port", "x"],
            vec!["--page-size", "0"],
            vec!["--fault-rate", "1.5"],
            vec!["--fault-kinds", "latency,boom"],
            vec!["--create-secs", "-1"],
            vec!["--what"],
        ] {
            assert!(
                parse_args(bad.iter().map(|s| (*s).to_owned())).is_err(),
                "{bad:?}"
            );
        }
    }
}
