//! `cargo run -p sigsim-cli --example real_probe -- FILE [--runs N]
//! [--quiet-ms N] [--any-kernel]`: a tool for working on the runner. Plays a
//! `sigscene/1` file on the real kernel and prints the outcome JSON (as
//! root), and on stderr how long the run took and the PIDs it got. With
//! `--runs N` it plays it N times and prints the outcome only if all runs
//! agree. Unlike `sigsim --real` it can set the quiet period and play a
//! scenario written for another kernel version.
//! Exit status: 0 printed, 1 the runs disagree, 2 rejected/invalid, 3 the
//! runner failed.

use sigsim_cli::real;
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut runs = 1usize;
    let mut opts = real::RealOptions::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            "--quiet-ms" => {
                opts.quiet =
                    Duration::from_millis(args.next().and_then(|n| n.parse().ok()).unwrap_or(10))
            }
            "--any-kernel" => opts.ignore_kernel_version = true,
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: real_probe FILE [--runs N] [--quiet-ms N] [--any-kernel]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let de = &mut serde_json::Deserializer::from_str(&text);
    let scenario: sigsim::Scenario = match serde_path_to_error::deserialize(de) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: {}", e.path(), e.inner());
            return ExitCode::from(2);
        }
    };
    let plan = match sigsim::validate(&scenario) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = if runs <= 1 {
        real::run_real(&plan, &opts).map(|r| {
            eprintln!("real_probe: {:?}, pids {:?}", r.elapsed, r.pids);
            Some(r.outcome)
        })
    } else {
        real::run_real_repeated(&plan, &opts, runs)
    };
    match result {
        Ok(Some(o)) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&o).expect("outcome serialises")
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprintln!("no single outcome: the runs disagree");
            ExitCode::from(1)
        }
        Err(real::RealError::Rejected(e)) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(3)
        }
    }
}
