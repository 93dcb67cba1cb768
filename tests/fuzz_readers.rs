//! Hostile input to the page's own readers (issue 12), natively: the link
//! fragment and the autosave, seeded mutations of real saved sessions and
//! of random bytes, each decoded, restored and — when restored — driven
//! through a send and an Undo. Nothing may panic; a bad input is refused.
//! (`sigsim/tests/fuzz.rs` covers the scenario readers and the port.)
//!
//! `SIGSCOPE_FUZZ_INPUTS` sets how many inputs per reader (default 3,000).
//! `SIGSCOPE_FUZZ_SECONDS` (the same name as `sigsim/tests/fuzz.rs`'s)
//! replaces the count by a time budget: mutations continue until it is
//! spent (`make fuzz-ci`, `make fuzz`).

use sigscope::permalink::{
    base64url_encode, compressed_scenario, decode_fragment, encode_compressed_fragment,
    encode_fragment, from_storage, link_json, plain_fragment, to_storage_with, LessonProgress,
    Saved, MAX_LINK_JSON,
};
use sigscope::session::{AppState, Verb};
use sigsim::gen::Rng;
use std::time::Instant;

/// One seed, one stream: round #i is the same in every run, whether the
/// run is counted or timed, so the index of a crash is enough to replay it.
const SEED: u64 = 0x11ae_7e57_0000_0002;

#[path = "../sigsim/tests/support/fuzz_budget.rs"]
mod fuzz_budget;
use fuzz_budget::Budget;

const ALPHABET: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=&%{}[]\":,\\ \n";

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut b = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(4) {
            0 => b.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            1 if at < b.len() => b[at] = ALPHABET[rng.below(ALPHABET.len())],
            2 => b.truncate(at),
            _ => {
                let end = (at + rng.below(40)).min(b.len());
                let piece = b[at..end].to_vec();
                b.splice(end..end, piece);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

/// A restored session is usable: a send and an Undo work or are refused.
fn drive(st: AppState) {
    let first = st.replay.plan.processes.first().map(|p| p.id.clone());
    let st = match first {
        Some(id) => st.apply(Verb::Select(Some(id))),
        None => st,
    };
    let _ = st.apply(Verb::Undo).apply(Verb::Redo).apply(Verb::Undo);
}

fn seeds() -> Vec<Saved> {
    let base = AppState::default();
    let mut out = vec![Saved::of(&base)];
    // A session with a history of sends, as a user leaves it.
    let mut st = base;
    for text in [
        sigscope::default_world::DEFAULT_SCENARIO_JSON.to_string(),
        r#"{"format":"sigscene/1","namespaces":[{"id":"h"}],"processes":[{"id":"init","ns":"h"},{"id":"sh","ns":"h","parent":"init"}],"actions":[{"from":"sh","kill":{"pid_of":"late"},"sig":0},{"spawn":{"id":"late","ns":"h","parent":"sh"}}]}"#.to_string(),
    ] {
        st = st.apply(Verb::Import(text));
        out.push(Saved::of(&st));
    }
    out
}

#[test]
fn mutated_links_and_autosaves_never_panic() {
    let n: usize = std::env::var("SIGSCOPE_FUZZ_INPUTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let budget = Budget::from_env(n);
    let saved = seeds();
    let fragments: Vec<String> = saved.iter().map(encode_fragment).collect();
    // Autosaves carry a lesson's progress too (the default world's, a
    // gallery scenario's, or none).
    let lessons = [
        None,
        Some(LessonProgress {
            preset: None,
            begun: true,
            done: 2,
        }),
        Some(LessonProgress {
            preset: Some("uid-eperm".into()),
            begun: true,
            done: 1,
        }),
    ];
    let stores: Vec<String> = saved
        .iter()
        .zip(lessons.iter().cycle())
        .map(|(s, l)| to_storage_with(s, l.as_ref()))
        .collect();
    let mut rng = Rng::new(SEED);
    let started = Instant::now();
    let (mut restored, mut tried) = (0usize, 0usize);
    // One round is a link and an autosave: the budget counts rounds.
    let mut round = 0usize;
    while budget.allows(round, started) {
        // Half the links are well-formed base64url around a mutated
        // scenario: they get past the decoding into the reader.
        let fragment = if round.is_multiple_of(2) {
            mutate(&fragments[round % fragments.len()], &mut rng)
        } else {
            let json = sigsim::json::scenario_to_string(&saved[round % saved.len()].scenario);
            format!(
                "s={}&how=kill",
                base64url_encode(mutate(&json, &mut rng).as_bytes())
            )
        };
        let store = mutate(&stores[round % stores.len()], &mut rng);
        for (what, input) in [("link", fragment), ("autosave", store)] {
            tried += 1;
            let r = std::panic::catch_unwind(|| {
                let saved = if what == "link" {
                    decode_fragment(&input).ok().flatten()
                } else {
                    from_storage(&input)
                };
                // What a page opening on it draws first (src/main.rs).
                if let Some(s) = &saved {
                    let _ = sigscope::permalink::starting_world_of(s.scenario.clone());
                }
                if let Some(Ok(st)) = saved.map(Saved::restore) {
                    let st = match LessonProgress::read(&input) {
                        Some(lesson) if what == "autosave" => lesson.restore(st),
                        _ => st,
                    };
                    drive(st);
                    return true;
                }
                false
            });
            match r {
                Ok(ok) => restored += usize::from(ok),
                Err(_) => panic!(
                    "the {what} of round #{round} (seed {SEED:#x}) panics; \
                     SIGSCOPE_FUZZ_INPUTS={} without SIGSCOPE_FUZZ_SECONDS replays it \
                     (make it a regression test):\n{input}",
                    round + 1,
                ),
            }
        }
        round += 1;
    }
    eprintln!(
        "{tried} mutated links and autosaves in {:.1} s ({restored} restored and driven), \
         crashes: 0",
        started.elapsed().as_secs_f64()
    );
}

/// Compressed links (`z=`), as far as they can be read natively: the
/// browser's `DecompressionStream` is not here, so what it hands back is
/// modelled — mutated JSON, random bytes, past the size cap, or a refusal
/// — around mutated fragments. The framing, the size cap and the plain
/// form's reader never panic; past the cap is always refused. (The
/// browser's inflating of damaged and oversized links is e2e's:
/// `e2e/tests/links.test.mjs`.)
#[test]
fn mutated_compressed_links_never_panic() {
    let n: usize = std::env::var("SIGSCOPE_FUZZ_INPUTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let saved = seeds();
    let jsons: Vec<String> = saved.iter().map(|s| link_json(&s.scenario)).collect();
    let mut rng = Rng::new(0x11ae_7e57_0000_000b);
    let (budget, started) = (Budget::from_env(n), Instant::now());
    let (mut restored, mut tried) = (0usize, 0usize);
    for round in (0..).take_while(|&i| budget.allows(i, started)) {
        let at = round % saved.len();
        let payload: Vec<u8> = (0..rng.below(64)).map(|_| rng.below(256) as u8).collect();
        let fragment = mutate(&encode_compressed_fragment(&saved[at], &payload), &mut rng);
        let inflated = match round % 4 {
            0 => Ok(mutate(&jsons[at], &mut rng).into_bytes()),
            1 => Ok((0..rng.below(200)).map(|_| rng.below(256) as u8).collect()),
            2 => Ok(vec![b' '; MAX_LINK_JSON + 1 + rng.below(10)]),
            _ => Err("it does not inflate".to_string()),
        };
        let oversize = round % 4 == 2;
        tried += 1;
        let r = std::panic::catch_unwind(|| {
            let _ = compressed_scenario(&fragment);
            let plain = plain_fragment(&fragment, inflated);
            if oversize && compressed_scenario(&fragment).is_some() {
                assert!(plain.is_err(), "past the cap, yet read");
            }
            let saved = plain.ok().and_then(|p| decode_fragment(&p).ok().flatten());
            if let Some(Ok(st)) = saved.map(Saved::restore) {
                drive(st);
                return true;
            }
            false
        });
        match r {
            Ok(ok) => restored += usize::from(ok),
            Err(_) => panic!(
                "the compressed link of round #{round} panics; \
                 SIGSCOPE_FUZZ_INPUTS={} without SIGSCOPE_FUZZ_SECONDS replays it:\n{fragment}",
                round + 1,
            ),
        }
    }
    eprintln!(
        "{tried} mutated compressed links in {:.1} s ({restored} restored and driven), crashes: 0",
        started.elapsed().as_secs_f64()
    );
}

/// The postMessage decoder (src/embed.rs) under thousands of seeded
/// random and mutated JSON-ish messages: it never panics, and whatever it
/// accepts is one of the documented commands exactly as written —
/// re-encoded, the same command comes back.
#[test]
fn mutated_post_messages_never_panic_and_only_commands_pass() {
    use sigscope::embed::{decode_command, Command, MAX_GOTO_STEP};
    let n: usize = std::env::var("SIGSCOPE_FUZZ_INPUTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
        * 2;
    let good = [
        r#"{"sigscope":"next"}"#,
        r#"{"sigscope":"prev"}"#,
        r#"{"sigscope":"play"}"#,
        r#"{"sigscope":"pause"}"#,
        r#"{"sigscope":"first"}"#,
        r#"{"sigscope":"last"}"#,
        r#"{"sigscope":"goto","step":12}"#,
        r#"{"sigscope":"load","fragment":"s=eyJmb3JtYXQiOiJzaWdzY2VuZS8xIn0&how=kill"}"#,
        r#"{"__proto__":{"sigscope":"next"},"constructor":{"prototype":{}}}"#,
        r#"[{"sigscope":"goto","step":1e999}, null, "next"]"#,
    ];
    // Pieces a hostile or careless sender puts in a message.
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "null",
        "true",
        "-",
        "1e308",
        "0",
        "4294967296",
        "\"sigscope\"",
        "\"goto\"",
        "\"step\"",
        "\"load\"",
        "\"fragment\"",
        "\"__proto__\"",
        "\\u0000",
        "\\ud800",
        "é",
        " ",
        "\n",
    ];
    let mut rng = Rng::new(0x11ae_7e57_0000_0009);
    let (mut accepted, mut tried) = (0usize, 0usize);
    let (budget, started) = (Budget::from_env(n), Instant::now());
    for i in (0..).take_while(|&i| budget.allows(i, started)) {
        let input = match i % 3 {
            0 => mutate(good[i % good.len()], &mut rng),
            1 => {
                let mut s = good[i % good.len()].to_string();
                for _ in 0..1 + rng.below(3) {
                    let at = rng.below(s.len() + 1);
                    if s.is_char_boundary(at) {
                        s.insert_str(at, pieces[rng.below(pieces.len())]);
                    }
                }
                s
            }
            _ => (0..rng.below(24))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect(),
        };
        tried += 1;
        let cmd = std::panic::catch_unwind(|| decode_command(&input)).unwrap_or_else(|_| {
            panic!("this message panics (make it a regression test):\n{input}")
        });
        let Some(cmd) = cmd else { continue };
        accepted += 1;
        let written = match &cmd {
            Command::Goto(n) => {
                assert!((1..=MAX_GOTO_STEP).contains(n), "{input}");
                format!(r#"{{"sigscope":"goto","step":{n}}}"#)
            }
            Command::Load(f) => {
                let mut s = String::new();
                sigsim::json::write_json(&mut s, &sigsim::json::Json::Str(f.clone()), None);
                format!(r#"{{"sigscope":"load","fragment":{s}}}"#)
            }
            c => format!(r#"{{"sigscope":"{}"}}"#, format!("{c:?}").to_lowercase()),
        };
        assert_eq!(
            decode_command(&written),
            Some(cmd.clone()),
            "accepted {input:?} as {cmd:?}"
        );
        let v = sigsim::json::parse(&input).expect("accepted text is JSON");
        assert!(
            matches!(v, sigsim::json::Json::Obj(_)),
            "only objects: {input}"
        );
    }
    assert!(accepted > 0, "some mutations stay commands");
    eprintln!(
        "{tried} mutated messages in {:.1} s, {accepted} accepted as commands, crashes: 0",
        started.elapsed().as_secs_f64()
    );
}
