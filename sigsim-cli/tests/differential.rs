//! The port against the real kernel.
//!
//! - Every corpus scenario's outcome, recorded from the real kernel
//!   (`make record-corpus`, three agreeing runs), must equal the port's.
//!   This part needs no root.
//! - Every corpus scenario and `SIGSIM_RANDOM` (default 1,000) seeded
//!   random scenarios are played on this machine's kernel now and compared
//!   with the port. Random scenarios whose real runs disagree with each
//!   other are set aside and counted, as the format says. These need root:
//!   they are `#[ignore]`d, and `make test` runs them as root
//!   (`--include-ignored`); run by anyone else they fail.

use sigsim::outcome::Outcome;
use sigsim::Plan;
use sigsim_cli::diff::{compare, port_outcome, Comparison, REAL_RUNS};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

#[path = "support/corpus.rs"]
mod support;
use support::corpus;

fn plan(path: &Path) -> Plan {
    let text = std::fs::read_to_string(path).unwrap();
    let s: sigsim::Scenario =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    sigsim::validate(&s).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The real runs and the port share the machine's namespaces; one of these
/// tests at a time keeps the timing of the real runs calm.
static REAL: Mutex<()> = Mutex::new(());

#[test]
fn the_corpus_is_large_enough() {
    assert!(
        corpus().len() >= 80,
        "only {} corpus scenarios",
        corpus().len()
    );
}

#[test]
fn every_corpus_outcome_recorded_from_the_real_kernel_matches_the_port() {
    let mut missing = Vec::new();
    let mut wrong = Vec::new();
    for file in corpus() {
        let recorded = file.with_extension("outcome.json");
        let Ok(text) = std::fs::read_to_string(&recorded) else {
            missing.push(file.display().to_string());
            continue;
        };
        let real: Outcome =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", recorded.display()));
        let port = port_outcome(&plan(&file))
            .unwrap_or_else(|e| panic!("{}: the port refuses it: {e}", file.display()));
        if let Some(why) = port.first_difference(&real) {
            wrong.push(format!("{}: port vs kernel: {why}", file.display()));
        }
    }
    assert!(
        missing.is_empty(),
        "no recorded outcome (run `make record-corpus` as root): {missing:#?}"
    );
    assert!(
        wrong.is_empty(),
        "{} of {} disagree:\n{}",
        wrong.len(),
        corpus().len(),
        wrong.join("\n")
    );
}

/// Corpus scenarios whose outcome on the kernel builds of these machines
/// depends on timing: (release prefix, corpus file prefix, what differs).
/// The recording (three agreeing runs on 2026-11-29, Linux 6.18.44) is
/// what the port follows (held by
/// `every_corpus_outcome_recorded_from_the_real_kernel_matches_the_port`);
/// on the builds since (6.18.44-fc-v1252, -v1272, -v1294, -v1300) the same
/// scenario reproduces it in some runs and not in others (2026-12-06 on
/// -v1300: 4 of 5 test runs agreed with one runner, 0 of 5 and 0 of 40
/// single runs with the next, which only reads exits differently; on
/// -v1272 the same evening, 0 of 5 test runs with that runner; traced
/// with `signal:signal_generate`, a disagreeing run's `kill_orphaned_pgrp`
/// generates SIGHUP for the stopped member only, SIGCONT for all). On the
/// Debian kernels of 5.10, 6.1, 6.12 and 7.2 (`make verify-eras`) it agrees.
/// A documented exclusion, not a silenced case: whatever it does is
/// printed, and nothing it does fails the test; see the README.
const TIMING_DEPENDENT: &[(&str, &str, &str)] = &[("6.18.44-fc-", "134-", ORPHANED_SIGHUP)];

const ORPHANED_SIGHUP: &str = "whether the orphaned group's running member gets the SIGHUP \
     (the stopped member always does; SIGCONT reaches both)";

#[test]
#[ignore = "needs root"]
fn every_corpus_scenario_agrees_with_this_kernel_now() {
    let _one = REAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut bad = Vec::new();
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    for file in corpus() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let timing = TIMING_DEPENDENT
            .iter()
            .find(|(r, f, _)| release.trim().starts_with(r) && name.starts_with(f));
        let result = compare(&plan(&file), REAL_RUNS);
        if let Some((r, _, what)) = timing {
            let seen = match &result {
                Ok(Comparison::Agree) => "agreed with the recording this time".to_string(),
                Ok(Comparison::Disagree(why)) => format!("differed this time: {why}"),
                Ok(Comparison::NoSingleOutcome) => "its runs differed from each other".to_string(),
                Ok(Comparison::Refused(why)) => format!("refused: {why}"),
                Err(m) => panic!("{}: the runner failed: {m}", file.display()),
            };
            eprintln!(
                "{}: timing-dependent on kernel build {r} ({what}): {seen}",
                file.display()
            );
            continue;
        }
        match result {
            Ok(Comparison::Agree) => {}
            Ok(Comparison::NoSingleOutcome) => bad.push(format!(
                "{}: the real runs disagree with each other",
                file.display()
            )),
            Ok(Comparison::Disagree(why)) => bad.push(format!("{}: {why}", file.display())),
            Ok(Comparison::Refused(why)) => bad.push(format!("{}: {why}", file.display())),
            Err(m) => panic!("{}: the runner failed: {m}", file.display()),
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {}:\n{}",
        bad.len(),
        corpus().len(),
        bad.join("\n")
    );
}

#[test]
#[ignore = "needs root"]
fn random_scenarios_agree_with_this_kernel() {
    let _one = REAL.lock().unwrap_or_else(|e| e.into_inner());
    let count: u64 = std::env::var("SIGSIM_RANDOM")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let seed: u64 = std::env::var("SIGSIM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let next = AtomicU64::new(seed);
    let results = Mutex::new((0usize, Vec::<u64>::new(), Vec::<String>::new()));
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let s = next.fetch_add(1, Ordering::Relaxed);
                if s >= seed + count {
                    return;
                }
                let scenario = sigsim::gen::scenario(s);
                let plan = sigsim::validate(&scenario).expect("generated scenarios are valid");
                let verdict = compare(&plan, REAL_RUNS)
                    .unwrap_or_else(|m| panic!("seed {s}: the runner failed: {m}"));
                let mut r = results.lock().unwrap();
                match verdict {
                    Comparison::Agree => r.0 += 1,
                    Comparison::NoSingleOutcome => r.1.push(s),
                    Comparison::Disagree(why) | Comparison::Refused(why) => r.2.push(format!(
                        "seed {s}: {why}\n{}",
                        serde_json::to_string(&scenario).unwrap()
                    )),
                }
            });
        }
    });
    let (agree, mut set_aside, bad) = results.into_inner().unwrap();
    set_aside.sort_unstable();
    let compared = agree + bad.len();
    println!(
        "agree {agree}/{compared} ({} set aside: no single outcome; seeds {set_aside:?})",
        set_aside.len()
    );
    assert!(
        bad.is_empty(),
        "agree {agree}/{compared}; disagreements:\n{}",
        bad.join("\n")
    );
    assert!(
        compared as u64 >= count * 9 / 10,
        "too many set aside: {} of {count}",
        set_aside.len()
    );
}
