//! `vps-simulator`: runs the simulated VPS.org API. See `--help`.

use std::process::ExitCode;

use tokio::net::TcpListener;
use vps_simulator::{parse_args, serve, Command, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("vps-simulator: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind((config.host.as_str(), config.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!(
                "vps-simulator: cannot listen on {}:{}: {e}",
                config.host, config.port
            );
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("vps-simulator listening on http://{addr}"),
        Err(e) => {
            eprintln!("vps-simulator: {e}");
            return ExitCode::FAILURE;
        }
    }
    match serve(listener, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("vps-simulator: {e}");
            ExitCode::FAILURE
        }
    }
}
