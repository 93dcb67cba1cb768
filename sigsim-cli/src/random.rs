//! `sigsim random`: seeded random scenarios on the port and, with
//! `--real`, on this machine's kernel. Prints `agree N/N` and the count of
//! scenarios set aside because their real runs disagreed with each other.
//! `--kernel ERA` plays them as scenarios for that kernel version (on the
//! port; with `--real`, the machine must run that version — a
//! `verify-era` guest does, `sigsim-guest`).

use crate::diff::{compare_with, port_outcome, Comparison, REAL_RUNS};
use crate::real::RealOptions;
use sigsim::gen;
use sigsim::KernelVersion;
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

/// What [`play`] plays.
#[derive(Clone, Debug)]
pub struct Config {
    pub seed: u64,
    pub count: u64,
    /// On the real kernel too (else the port alone).
    pub real: bool,
    pub runs: usize,
    pub jobs: usize,
    /// The scenarios' `kernel` (None: the format's default).
    pub kernel: Option<String>,
    /// Where to write the scenarios that disagree.
    pub save: Option<String>,
    pub opts: RealOptions,
}

/// What [`play`] found.
#[derive(Debug)]
pub struct Summary {
    pub agree: usize,
    /// Disagreed (or refused) with the real kernel; with the port alone,
    /// failed to play.
    pub disagree: usize,
    pub set_aside: usize,
    /// The seeds set aside, in order (their real runs disagreed with each
    /// other: each can be replayed with `--seed S --count 1`).
    pub set_aside_seeds: Vec<u64>,
    /// One line per disagreement: `seed S: why`.
    pub failures: Vec<String>,
    pub elapsed: std::time::Duration,
}

impl Summary {
    pub fn line(&self, cfg: &Config) -> String {
        let compared = self.agree + self.disagree;
        let last = cfg.seed + cfg.count - 1;
        if cfg.real {
            let which = match self.set_aside_seeds.as_slice() {
                [] => String::new(),
                [one] => format!(" (seed {one})"),
                many => format!(
                    " (seeds {})",
                    many.iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            format!(
                "agree {}/{compared} (seeds {}..{last}; {} set aside{which}: their real runs disagreed with each other; {:.0} s)",
                self.agree,
                cfg.seed,
                self.set_aside,
                self.elapsed.as_secs_f64()
            )
        } else {
            format!(
                "played {}/{compared} on the port (seeds {}..{last})",
                self.agree, cfg.seed
            )
        }
    }
}

#[derive(Default)]
struct Tally {
    agree: AtomicUsize,
    disagree: AtomicUsize,
    set_aside: AtomicUsize,
    set_aside_seeds: Mutex<Vec<u64>>,
    failures: Mutex<Vec<String>>,
}

pub fn main(args: &[String]) -> Result<std::process::ExitCode, Error> {
    let mut cfg = Config {
        seed: 1,
        count: 1000,
        real: false,
        runs: REAL_RUNS,
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        kernel: None,
        save: None,
        opts: RealOptions::default(),
    };
    let mut print = false;
    let mut it = args.iter();
    let num = |v: Option<&String>, flag: &str| -> Result<u64, Error> {
        v.and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::Usage(format!("{flag} takes a number")))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => cfg.seed = num(it.next(), "--seed")?,
            "--count" => cfg.count = num(it.next(), "--count")?,
            "--runs" => cfg.runs = num(it.next(), "--runs")? as usize,
            "--jobs" => cfg.jobs = num(it.next(), "--jobs")?.max(1) as usize,
            "--real" => cfg.real = true,
            "--print" => print = true,
            "--save" => cfg.save = it.next().cloned(),
            "--kernel" => {
                let v = it.next().map(String::as_str).unwrap_or("");
                if KernelVersion::parse(v).is_none() {
                    let known: Vec<&str> = KernelVersion::ALL.iter().map(|k| k.as_str()).collect();
                    return Err(Error::Usage(format!(
                        "--kernel takes a version the port follows ({}), not {v:?}",
                        known.join(", ")
                    )));
                }
                cfg.kernel = Some(v.to_string());
            }
            other => return Err(Error::Usage(format!("unexpected argument {other:?}"))),
        }
    }
    if print {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for s in cfg.seed..cfg.seed + cfg.count {
            serde_json::to_writer(&mut out, &scenario(s, &cfg))
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .map_err(write_failure)?;
        }
        out.flush().map_err(write_failure)?;
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let summary = play(&cfg).map_err(Error::Runner)?;
    {
        // Stderr gone too: no one is left to tell.
        let mut err = std::io::stderr().lock();
        for f in &summary.failures {
            let _ = writeln!(err, "disagree: {f}");
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", summary.line(&cfg))
        .and_then(|()| out.flush())
        .map_err(write_failure)?;
    Ok(if summary.disagree == 0 {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}

/// Seed `s`'s scenario, for the configured kernel version.
fn scenario(s: u64, cfg: &Config) -> sigsim::Scenario {
    let mut scenario = gen::scenario(s);
    if cfg.kernel.is_some() {
        scenario.kernel = cfg.kernel.clone();
    }
    scenario
}

/// Plays seeds `seed..seed + count`; `Err` when the runner itself failed.
pub fn play(cfg: &Config) -> Result<Summary, String> {
    let Config {
        seed,
        count,
        real,
        runs,
        jobs,
        ref save,
        ref opts,
        ..
    } = *cfg;
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
                let scenario = scenario(s, cfg);
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
                match compare_with(&plan, runs, opts) {
                    Ok(Comparison::Agree) => {
                        tally.agree.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(Comparison::NoSingleOutcome) => {
                        tally.set_aside.fetch_add(1, Ordering::Relaxed);
                        tally.set_aside_seeds.lock().unwrap().push(s);
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
        return Err(m);
    }
    Ok(Summary {
        agree: tally.agree.load(Ordering::Relaxed),
        disagree: tally.disagree.load(Ordering::Relaxed),
        set_aside: tally.set_aside.load(Ordering::Relaxed),
        set_aside_seeds: {
            let mut v = tally.set_aside_seeds.into_inner().unwrap();
            v.sort_unstable();
            v
        },
        failures: tally.failures.into_inner().unwrap(),
        elapsed: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(set_aside_seeds: Vec<u64>) -> Summary {
        Summary {
            agree: 997,
            disagree: 0,
            set_aside: set_aside_seeds.len(),
            set_aside_seeds,
            failures: Vec::new(),
            elapsed: std::time::Duration::from_secs(12),
        }
    }

    fn cfg() -> Config {
        Config {
            seed: 1,
            count: 1000,
            real: true,
            runs: REAL_RUNS,
            jobs: 1,
            kernel: None,
            save: None,
            opts: RealOptions::default(),
        }
    }

    #[test]
    fn the_summary_names_the_seeds_set_aside() {
        assert_eq!(
            summary(vec![]).line(&cfg()),
            "agree 997/997 (seeds 1..1000; 0 set aside: their real runs disagreed with each other; 12 s)"
        );
        assert_eq!(
            summary(vec![537]).line(&cfg()),
            "agree 997/997 (seeds 1..1000; 1 set aside (seed 537): their real runs disagreed with each other; 12 s)"
        );
        assert_eq!(
            summary(vec![12, 537, 988]).line(&cfg()),
            "agree 997/997 (seeds 1..1000; 3 set aside (seeds 12, 537, 988): their real runs disagreed with each other; 12 s)"
        );
    }
}
