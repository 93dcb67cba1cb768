//! When a hostile-input run stops, shared by the fuzz tests of both crates
//! (`sigsim/tests/fuzz.rs`, `tests/fuzz_readers.rs`, included by path:
//! there is no shared test-support crate).

use std::time::{Duration, Instant};

/// A count keeps plain `cargo test` fast and the same on every machine; a
/// time budget (`SIGSCOPE_FUZZ_SECONDS`) lets CI and the long run take
/// what they are given.
pub enum Budget {
    Inputs(usize),
    Time(Duration),
}

impl Budget {
    pub fn from_env(default_inputs: usize) -> Budget {
        match std::env::var("SIGSCOPE_FUZZ_SECONDS") {
            // A typo must not quietly become the short counted run.
            Ok(s) => Budget::Time(Duration::from_secs(s.trim().parse().unwrap_or_else(|_| {
                panic!("SIGSCOPE_FUZZ_SECONDS={s:?}: expected whole seconds")
            }))),
            Err(_) => Budget::Inputs(default_inputs),
        }
    }

    pub fn allows(&self, tried: usize, started: Instant) -> bool {
        match self {
            Budget::Inputs(n) => tried < *n,
            Budget::Time(d) => started.elapsed() < *d,
        }
    }
}
