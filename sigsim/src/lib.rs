//! sigsim: a port of how Linux delivers a signal across PID namespaces.
//!
//! The modules mirror the kernel files they port: [`signal`] is
//! `kernel/signal.c`, [`pid`] is `kernel/pid.c`, [`pid_namespace`] is
//! `kernel/pid_namespace.c`, [`exit`] and [`fork`] are `kernel/exit.c` and
//! `kernel/fork.c`, [`cred`] holds the credential checks. Each ported
//! function keeps its upstream name and says which versions it follows.
//!
//! Around the port: [`scenario`] and [`outcome`] are the `sigscene/1`
//! formats, [`validate`] turns a scenario into a runnable [`validate::Plan`],
//! [`run`] plays a plan and records every decision as [`trace::TraceStep`]s.
//! [`json`] reads and writes scenarios as text for the page, without serde;
//! [`gallery`] embeds the scenarios of `scenarios/` with their words.
//!
//! The library has no web, JSON or OS dependency: it builds for
//! wasm32-unknown-unknown and is used by the app and by the `sigsim` CLI.

pub mod cred;
pub mod describe;
pub mod exit;
pub mod fork;
pub mod gallery;
pub mod gen;
pub mod json;
pub mod outcome;
pub mod pid;
pub mod pid_namespace;
pub mod run;
pub mod scenario;
pub mod sched;
pub mod script;
pub mod signal;
pub mod signum;
pub mod trace;
pub mod uapi;
pub mod validate;
pub mod version;

pub use outcome::Outcome;
pub use run::{simulate, Options, World};
pub use scenario::Scenario;
pub use signum::Signal;
pub use validate::{validate, Plan, ScenarioError};
pub use version::KernelVersion;
