//! The world a reader sees first. It lives in `scenarios/default.json` so the
//! app, the `sigsim` CLI and the tests all play the same file; it is embedded
//! at build time, so the page never fetches it.

use sigsim::Scenario;

/// The file, as committed.
pub const DEFAULT_SCENARIO_JSON: &str = include_str!("../scenarios/default.json");

/// The process that sends by default: the host's shell.
pub const DEFAULT_SENDER: &str = "shell";

/// The default world, parsed, without its `meta`: the session (its links,
/// its autosave) is the world alone, and [`default_meta`] gives the lesson.
/// The file is checked by the tests, so a broken file cannot ship.
pub fn default_scenario() -> Scenario {
    let mut s = parsed();
    s.meta = None;
    s
}

fn parsed() -> Scenario {
    sigsim::json::scenario_from_str(DEFAULT_SCENARIO_JSON)
        .expect("scenarios/default.json is a valid sigscene/1 file")
}

/// The default world's words and lesson (`scenarios/default.json`'s
/// `meta`).
pub fn default_meta() -> Option<sigsim::scenario::Meta> {
    parsed().meta
}

/// Is this the default world (whatever actions it has)? It then takes the
/// default lesson, though its `meta` is left out of the session.
pub fn is_default_world(s: &Scenario) -> bool {
    let d = default_scenario();
    s.meta.is_none()
        && s.kernel == d.kernel
        && s.namespaces == d.namespaces
        && s.processes == d.processes
}
