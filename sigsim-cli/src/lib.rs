//! The `sigsim` command's library: everything but argument parsing and
//! printing, so that the binary, the tests, the benchmark and the
//! `real_probe` example share one compiled copy.
//!
//! - [`real`] — the real-kernel runner (Linux x86-64, root).
//! - [`diff`] — one scenario on the port and on the runner, compared.
//! - [`random`] — `sigsim random`.
//! - [`input`] — reading a scenario, with the offending field's path.

pub mod diff;
pub mod input;
pub mod random;
pub mod real;
