//! The gallery: the scenarios of `scenarios/`, each a situation with its
//! words (`meta`), embedded at build time in the order a class walks
//! through them, grouped by the question they answer.
//!
//! Pure data and lookups for the page (`?preset=NAME`, the gallery's list
//! and search box); the port never reads it. The outcomes recorded from
//! the real kernel stay in `scenarios/NAME.outcome.json` for the tests.
//! The page's wasm carries only [`NAMES`]: the texts are served beside it
//! and loaded when the gallery opens (`src/gallery.rs`). `tests/gallery.rs` holds this list
//! to the directory, and the CLI's gallery tests hold every file to the
//! real kernel.

use crate::describe::Lang;
use crate::json;
use crate::scenario::{Meta, Scenario};
use crate::validate::ScenarioError;

/// One gallery scenario: its `meta.name` and its file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub json: &'static str,
}

impl Preset {
    /// The scenario, read as the page reads any scenario.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        json::scenario_from_str(self.json)
    }
}

macro_rules! presets {
    ($($name:literal),* $(,)?) => {
        /// Every gallery scenario, in teaching order: the scenarios of one
        /// group are next to each other, and the groups come in the order
        /// of the README's gallery section.
        pub const PRESETS: &[Preset] = &[$(Preset {
            name: $name,
            json: include_str!(concat!("../../scenarios/", $name, ".json")),
        }),*];

        /// The same names in the same order, without the texts: what the
        /// page carries. It loads a scenario's text only when it is opened
        /// (the texts are ~10 KiB of gzipped wasm that most visits never
        /// read), so it must not name [`PRESETS`], whose texts the linker
        /// would then keep.
        pub const NAMES: &[&str] = &[$($name),*];
    };
}

presets![
    // Can a container's PID 1 be killed or stopped?
    "sigterm-pid1-from-inside",
    "sigkill-pid1-from-inside",
    "sigterm-pid1-from-host",
    "sigkill-pid1-from-host",
    "sigstop-sigcont-container-init",
    // What happens when Docker stops a container?
    "docker-stop-without-handler",
    "docker-stop-with-handler",
    "docker-stop-handler-too-slow",
    // Which process should be a container's PID 1?
    "docker-run-init-forwards",
    "dumb-init-group-forwarding",
    "shell-pid1-ignores-sigint",
    // How far does a broadcast reach?
    "kill-9-minus-1-in-container",
    "kill0-init-without-setsid",
    "kill0-init-after-setsid",
    // What do nested namespaces see of each other?
    "three-nested-namespaces",
    // What happens after a process dies?
    "orphan-reparented-to-container-init",
    "zombies-reaped-when-init-dies",
    "docker-exec-after-init-died",
    // Are signals queued or merged?
    "rt-queued-legacy-merged",
    // Who may signal whom?
    "uid-eperm",
    "sigcont-same-session",
    "root-cannot-kill-global-init",
];

/// The preset of that name (`?preset=NAME`), if there is one.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

/// Does `query` find this scenario? Every word of the query (split at
/// white space) must occur in its name or in one of its texts, in either
/// language, ignoring ASCII case (Chinese has none; no Unicode case tables
/// are carried into the page). An empty query finds everything.
pub fn matches(meta: &Meta, query: &str) -> bool {
    let mut hay = meta.name.to_ascii_lowercase();
    for t in [&meta.title, &meta.question, &meta.group, &meta.explain] {
        for lang in Lang::ALL {
            hay.push('\n');
            hay.push_str(&t.get(lang).to_ascii_lowercase());
        }
    }
    query
        .split_whitespace()
        .all(|word| hay.contains(&word.to_ascii_lowercase()))
}

/// Scenarios grouped by `meta.group`, groups in order of first
/// appearance, members in their order: each group is a list of indices
/// into `metas`, and its question is `metas[group[0]].group`.
pub fn groups(metas: &[&Meta]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, m) in metas.iter().enumerate() {
        match out.iter_mut().find(|g| metas[g[0]].group == m.group) {
            Some(g) => g.push(i),
            None => out.push(vec![i]),
        }
    }
    out
}
