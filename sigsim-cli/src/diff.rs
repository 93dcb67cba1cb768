//! The differential check: one scenario on the port and on the real
//! kernel, compared as the format defines equality. The port runs with
//! `under_host` (the real runner's root namespace sits below this
//! machine's, so none of its processes is the global init).

use crate::real::{run_real, run_real_repeated, RealError, RealOptions};
use sigsim::outcome::Outcome;
use sigsim::{simulate, Options, Plan};

/// How many times each scenario runs on the real kernel; runs that
/// disagree with each other mean the scenario has no single outcome.
pub const REAL_RUNS: usize = 3;

#[derive(Debug)]
pub enum Comparison {
    Agree,
    /// Where the two outcomes first differ.
    Disagree(String),
    /// The real runs disagreed with each other: set aside, counted.
    NoSingleOutcome,
    /// The port or the runner refused the scenario (they should agree on
    /// validity too, so this counts as a disagreement).
    Refused(String),
}

/// The port's outcome as the real runner would see the world.
pub fn port_outcome(plan: &Plan) -> Result<Outcome, String> {
    simulate(plan, Options { under_host: true }, false)
        .map(|(o, _)| o)
        .map_err(|e| e.to_string())
}

/// More real runs, half of them on one CPU, before a disagreement with the
/// port is believed: an outcome that hangs on which of two processes the
/// scheduler runs first (a parent and its child dying together, two
/// SIGCHLDs coalescing) often comes out the same three times in a row.
pub const CONFIRM_RUNS: usize = 8;

/// Plays `plan` on both; `Err` only when the runner itself failed.
pub fn compare(plan: &Plan, runs: usize) -> Result<Comparison, String> {
    compare_with(plan, runs, &RealOptions::default())
}

/// [`compare`] with the runner's options (a guest's slower clock, a
/// scenario for another version than the kernel's: `verify-era`).
pub fn compare_with(plan: &Plan, runs: usize, base: &RealOptions) -> Result<Comparison, String> {
    let first = compare_once(plan, runs, base)?;
    let Comparison::Disagree(_) = first else {
        return Ok(first);
    };
    let Ok(Some(real)) = run_real_repeated(plan, base, 1) else {
        return Ok(first);
    };
    for i in 0..CONFIRM_RUNS {
        let opts = RealOptions {
            one_cpu: i % 2 == 0,
            ..base.clone()
        };
        match run_real(plan, &opts) {
            Ok(run) if !run.outcome.same_as(&real) => return Ok(Comparison::NoSingleOutcome),
            Ok(_) => {}
            Err(RealError::Failed(m)) => return Err(m),
            Err(RealError::Rejected(_)) => return Ok(first),
        }
    }
    Ok(first)
}

fn compare_once(plan: &Plan, runs: usize, opts: &RealOptions) -> Result<Comparison, String> {
    let port = port_outcome(plan);
    let real = match run_real_repeated(plan, opts, runs) {
        Ok(Some(o)) => Ok(o),
        Ok(None) => return Ok(Comparison::NoSingleOutcome),
        Err(RealError::Rejected(e)) => Err(e.to_string()),
        Err(RealError::Failed(m)) => return Err(m),
    };
    Ok(match (port, real) {
        (Ok(p), Ok(r)) => match p.first_difference(&r) {
            None => Comparison::Agree,
            Some(why) => Comparison::Disagree(why),
        },
        // Both refuse it at the same field: they agree it cannot be played.
        (Err(p), Err(r)) if field(&p) == field(&r) => Comparison::Agree,
        (p, r) => Comparison::Refused(format!(
            "port: {}; real: {}",
            p.err().unwrap_or_else(|| "accepted".into()),
            r.err().unwrap_or_else(|| "accepted".into())
        )),
    })
}

fn field(error: &str) -> &str {
    error.split(": ").next().unwrap_or(error)
}
