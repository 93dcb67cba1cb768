//! Hostile input, on stable (issue 12): seeded mutations of every corpus
//! scenario (valid and invalid) and of every gallery scenario (`scenarios/`,
//! whose `meta` holds long texts in two scripts) fed to both readers of `sigscene/1` — the
//! page's `sigsim::json` and serde, the CLI's — then to `validate` and, if
//! accepted, played on the port with the trace on. Nothing may panic; a
//! reader may only accept or refuse with a one-line error naming a field.
//! An input that panics is printed whole, to become a regression test.
//!
//! `SIGSIM_FUZZ_PER_FILE` sets the mutations per corpus file (default 60,
//! about 10,000 inputs in all). `SIGSCOPE_FUZZ_SECONDS` (the same name as
//! `tests/fuzz_readers.rs`'s) replaces the count by a time budget: mutations
//! continue until it is spent (`make fuzz-ci`, `make fuzz`).

use sigsim::gen::Rng;
use sigsim::run::World;
use sigsim::{validate, Options, Scenario};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// One seed, one stream: input #i is the same in every run, whether the
/// run is counted or timed, so the index of a crash is enough to replay it.
const SEED: u64 = 0x5157_5c0e_0000_0001;

#[path = "support/fuzz_budget.rs"]
mod fuzz_budget;
use fuzz_budget::Budget;

/// Tokens a hostile writer might splice in: other types, extremes, escapes,
/// aliases, structure.
const TOKENS: &[&str] = &[
    "-1",
    "0",
    "-0",
    "1e0",
    "2147483647",
    "-2147483648",
    "4294967296",
    "9999999999999999999",
    "1.5",
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "\"\\u0000\"",
    "\"\\n\"",
    "\"\\u001b[31m\"",
    "\"SIGCLD\"",
    "\"SIGRTMAX\"",
    "\"SIGRTMIN+31\"",
    "\"65\"",
    "\"32\"",
    "\"catch\"",
    "\"host\"",
    "\"app\"",
    "{\"pid_of\":\"nobody\"}",
    "{\"group_of\":\"app\"}",
    ",",
    ":",
    "]",
    "}",
    "\"",
    "\\",
    "\"parent\":\"h\"",
    "\"kernel\":\"4.19\"",
    "\"\u{1F600}\"",
    "\"\\u202e\"",
    "\"\u{2028}\"",
    "{\"en\":\"x\"}",
    "\"zh\":\"中\"",
    "\"meta\":null",
    "\"lesson\":[]",
    "{\"say\":{\"en\":\"x\"},\"do\":{\"undo\":true}}",
    "\"do\":{\"send\":\"SIGKILL\",\"to\":-1}",
    "{\"set\":\"SIGTERM\",\"on\":\"app\",\"to\":\"catch\"}",
    "\"predict\":null",
    "\"undo\":false",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + rng.below(3) {
        // Work on char boundaries: the readers take &str.
        let cuts: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let at = cuts[rng.below(cuts.len())];
        match rng.below(6) {
            0 => s.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            1 => {
                let end = cuts[rng.below(cuts.len())].max(at);
                s.replace_range(at..end, TOKENS[rng.below(TOKENS.len())]);
            }
            2 => s.truncate(at),
            3 => {
                // Repeat a slice: duplicate keys, deeper nesting.
                let end = cuts[rng.below(cuts.len())].max(at);
                let piece = s[at..end].to_string();
                s.insert_str(end, &piece);
            }
            4 => {
                let end = cuts[rng.below(cuts.len())].max(at);
                s.replace_range(at..end, "");
            }
            _ => {
                // A digit run made large.
                if let Some(i) = s[at..].find(|c: char| c.is_ascii_digit()) {
                    s.insert_str(at + i, "99999");
                }
            }
        }
    }
    s
}

fn play(s: &Scenario) {
    let Ok(plan) = validate(s) else { return };
    let Ok(mut world) = World::new(plan, Options::default()) else {
        return;
    };
    world.kernel.tracer.on = true;
    while world.applied < world.plan.actions.len() {
        if world.apply_next().is_err() {
            return;
        }
    }
}

fn one_line(e: &sigsim::ScenarioError) -> bool {
    !e.to_string().contains('\n')
}

fn corpus_texts() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let gallery = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut out = Vec::new();
    for dir in [
        root.clone(),
        root.join("invalid"),
        root.join("sim-only"),
        gallery,
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p.to_string_lossy();
                n.ends_with(".json") && !n.ends_with(".outcome.json")
            })
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            out.push((f, text));
        }
    }
    out
}

#[test]
fn mutated_scenarios_never_panic_either_reader_or_the_port() {
    let per_file: usize = std::env::var("SIGSIM_FUZZ_PER_FILE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let texts = corpus_texts();
    assert!(texts.len() > 100, "found only {} corpus files", texts.len());
    let budget = Budget::from_env(per_file * texts.len());
    let mut rng = Rng::new(SEED);
    let started = Instant::now();
    let (mut tried, mut accepted) = (0usize, 0usize);
    // Round-robin over the corpus, so that a timed run spreads over every
    // file however early it stops.
    while budget.allows(tried, started) {
        let (file, text) = &texts[tried % texts.len()];
        let input = mutate(text, &mut rng);
        let outcome = std::panic::catch_unwind(|| {
            let page = sigsim::json::scenario_from_str(&input);
            let cli = serde_json::from_str::<Scenario>(&input);
            if let Err(e) = &page {
                assert!(one_line(e), "a reader error spans lines: {e}");
            }
            let mut ok = false;
            for s in [page.ok(), cli.ok()].into_iter().flatten() {
                if let Err(e) = validate(&s) {
                    assert!(one_line(&e), "a validation error spans lines: {e}");
                }
                play(&s);
                ok = true;
            }
            ok
        });
        match outcome {
            Ok(ok) => accepted += usize::from(ok),
            Err(_) => panic!(
                "input #{tried} (seed {SEED:#x}, a mutation of {}) panics; \
                 SIGSIM_FUZZ_PER_FILE={} without SIGSCOPE_FUZZ_SECONDS replays it \
                 (make it a regression test):\n{input}",
                file.display(),
                tried / texts.len() + 1,
            ),
        }
        tried += 1;
    }
    eprintln!(
        "{tried} mutated scenarios in {:.1} s ({accepted} read by a reader), crashes: 0",
        started.elapsed().as_secs_f64()
    );
}
