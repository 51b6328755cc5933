//! The binary: flags, the "listening" line, --help.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_vps-simulator");

#[tokio::test]
async fn binary_prints_its_address_and_serves() {
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--default-token",
            "vps_demo_alice",
            "--page-size=2",
        ])
        .args(["--public-url", "https://admin.vps.org"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let url = line
        .trim()
        .strip_prefix("vps-simulator listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let client = reqwest::Client::new();
    let me: Value = client
        .get(format!("{url}/api/v1/account/me/"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let snapshots: Value = client
        .get(format!("{url}/api/v1/snapshots/"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let control = client
        .post(format!("{url}/__sim/reset"))
        .send()
        .await
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(me["account"]["email"], "alice@example.com");
    assert_eq!(snapshots["results"].as_array().unwrap().len(), 2);
    assert_eq!(
        snapshots["next"],
        "https://admin.vps.org/api/v1/snapshots/?page=2"
    );
    assert_eq!(control.status(), 404, "control is off without --control");
}

#[test]
fn help_and_bad_flags() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for flag in [
        "--host",
        "--port",
        "--create-secs",
        "--restore-secs",
        "--page-size",
        "--public-url",
        "--default-token",
        "--control",
        "--fault-rate",
        "--fault-kinds",
        "--fault-seed",
        "--latency-ms",
        "--no-cors",
    ] {
        assert!(text.contains(flag), "{flag} missing from --help");
    }
    let bad = Command::new(BIN).arg("--bogus").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--bogus"));
}
