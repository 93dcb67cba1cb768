//! The page's replay at scale, natively (`make scale` runs it):
//! `sigscope::replay::Replay::run` on one kill(-1) from the global init over
//! 8,000 processes in 32 nested namespaces — the case that blocked the page
//! for 43 s while `effects` scanned the trace once per process. Prints
//! figures; asserts nothing.
//!
//! ```text
//! cargo run --release --example replay_scale [PROCESSES]
//! ```
//!
//! Natively, and in the `release` profile (the port at opt-level 3, the app
//! for size): the page's wasm is slower, so read these as its floor.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use sigscope::replay::Replay;
    use std::time::{Duration, Instant};

    // Another count as the first argument, to see how the time grows.
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(8_000);
    let levels = 32;
    println!("Replay::run, kill(-1) from the global init over {n} processes in {levels} nested namespaces (best of 3)");
    for sig in ["SIGUSR1", "SIGKILL"] {
        let s = kill_all(n, levels, sig);
        let mut best = Duration::MAX;
        let mut trace = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let r = Replay::run(&s).expect("the scenario replays");
            best = best.min(t.elapsed());
            trace = r.steps[0].trace_len;
        }
        let what = match sig {
            "SIGUSR1" => "every process handles it",
            _ => "every process dies",
        };
        println!(
            "  kill(-1, {sig:<7}) : {:>8.1} ms   ({what}; {trace} trace steps)",
            best.as_secs_f64() * 1e3
        );
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "common/scale_world.rs"]
mod common;

/// The scale world and one action: the global init's kill(-1, `sig`).
#[cfg(not(target_arch = "wasm32"))]
fn kill_all(n: usize, levels: usize, sig: &str) -> sigsim::Scenario {
    common::scale_world(
        n,
        levels,
        vec![serde_json::json!({"from": "p0", "kill": -1, "sig": sig})],
    )
}
