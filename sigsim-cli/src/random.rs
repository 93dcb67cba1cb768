//! `sigsim random`: seeded random scenarios on the port and, with
//! `--real`, on this machine's kernel. Prints `agree N/N` and the count of
//! scenarios set aside because their real runs disagreed with each other.

use crate::diff::{compare, port_outcome, Comparison, REAL_RUNS};
use sigsim::gen;
use std::io::Write;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

pub enum Error {
    Usage(String),
    Runner(String),
    /// Standard output was closed before everything was written (`sigsim
    /// random --print | head`): the reader has what it wanted, and the
    /// command ends quietly, as `sigsim FILE` does.
    Closed,
}

/// A write to stdout that failed: a closed pipe is [`Error::Closed`], any
/// other failure an error of the command.
fn write_failure(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Error::Closed
    } else {
        Error::Runner(format!("cannot write: {e}"))
    }
}

#[derive(Default)]
struct Tally {
    agree: AtomicUsize,
    disagree: AtomicUsize,
    set_aside: AtomicUsize,
    failures: Mutex<Vec<String>>,
}

pub fn main(args: &[String]) -> Result<std::process::ExitCode, Error> {
    let mut seed = 1u64;
    let mut count = 1000u64;
    let mut real = false;
    let mut runs = REAL_RUNS;
    let mut jobs = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut save: Option<String> = None;
    let mut print = false;
    let mut it = args.iter();
    let num = |v: Option<&String>, flag: &str| -> Result<u64, Error> {
        v.and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::Usage(format!("{flag} takes a number")))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = num(it.next(), "--seed")?,
            "--count" => count = num(it.next(), "--count")?,
            "--runs" => runs = num(it.next(), "--runs")? as usize,
            "--jobs" => jobs = num(it.next(), "--jobs")?.max(1) as usize,
            "--real" => real = true,
            "--print" => print = true,
            "--save" => save = it.next().cloned(),
            other => return Err(Error::Usage(format!("unexpected argument {other:?}"))),
        }
    }
    if print {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for s in seed..seed + count {
            serde_json::to_writer(&mut out, &gen::scenario(s))
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .map_err(write_failure)?;
        }
        out.flush().map_err(write_failure)?;
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let started = Instant::now();
    let tally = Tally::default();
    let next = AtomicU64::new(seed);
    let runner_error = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..if real { jobs } else { 1 } {
            scope.spawn(|| loop {
                let s = next.fetch_add(1, Ordering::Relaxed);
                if s >= seed + count || runner_error.lock().unwrap().is_some() {
                    return;
                }
                let scenario = gen::scenario(s);
                let plan = sigsim::validate(&scenario).expect("generated scenarios are valid");
                if !real {
                    match port_outcome(&plan) {
                        Ok(_) => tally.agree.fetch_add(1, Ordering::Relaxed),
                        Err(e) => {
                            tally
                                .failures
                                .lock()
                                .unwrap()
                                .push(format!("seed {s}: {e}"));
                            tally.disagree.fetch_add(1, Ordering::Relaxed)
                        }
                    };
                    continue;
                }
                match compare(&plan, runs) {
                    Ok(Comparison::Agree) => {
                        tally.agree.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(Comparison::NoSingleOutcome) => {
                        tally.set_aside.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(other) => {
                        tally.disagree.fetch_add(1, Ordering::Relaxed);
                        let why = match other {
                            Comparison::Disagree(why) | Comparison::Refused(why) => why,
                            Comparison::Agree | Comparison::NoSingleOutcome => unreachable!(),
                        };
                        tally
                            .failures
                            .lock()
                            .unwrap()
                            .push(format!("seed {s}: {why}"));
                        if let Some(dir) = &save {
                            let _ = std::fs::create_dir_all(dir);
                            let _ = std::fs::write(
                                format!("{dir}/seed-{s}.json"),
                                serde_json::to_string_pretty(&scenario).unwrap(),
                            );
                        }
                    }
                    Err(m) => *runner_error.lock().unwrap() = Some(format!("seed {s}: {m}")),
                }
            });
        }
    });
    if let Some(m) = runner_error.into_inner().unwrap() {
        return Err(Error::Runner(m));
    }
    let agree = tally.agree.load(Ordering::Relaxed);
    let compared = agree + tally.disagree.load(Ordering::Relaxed);
    {
        // Stderr gone too: no one is left to tell.
        let mut err = std::io::stderr().lock();
        for f in tally.failures.lock().unwrap().iter() {
            let _ = writeln!(err, "disagree: {f}");
        }
    }
    let summary = if real {
        format!(
            "agree {agree}/{compared} (seeds {seed}..{}; {} set aside: their real runs disagreed with each other; {:.0} s)",
            seed + count - 1,
            tally.set_aside.load(Ordering::Relaxed),
            started.elapsed().as_secs_f64()
        )
    } else {
        format!(
            "played {agree}/{compared} on the port (seeds {seed}..{})",
            seed + count - 1
        )
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{summary}")
        .and_then(|()| out.flush())
        .map_err(write_failure)?;
    Ok(if agree == compared {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}
