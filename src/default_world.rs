//! The world a reader sees first. It lives in `scenarios/default.json` so the
//! app, the `sigsim` CLI and the tests all play the same file; it is embedded
//! at build time, so the page never fetches it.

use sigsim::Scenario;

/// The file, as committed.
pub const DEFAULT_SCENARIO_JSON: &str = include_str!("../scenarios/default.json");

/// The process that sends by default: the host's shell.
pub const DEFAULT_SENDER: &str = "shell";

/// The default world, parsed. The file is checked by the tests, so a broken
/// file cannot ship.
pub fn default_scenario() -> Scenario {
    sigsim::json::scenario_from_str(DEFAULT_SCENARIO_JSON)
        .expect("scenarios/default.json is a valid sigscene/1 file")
}
