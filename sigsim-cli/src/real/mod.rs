//! The real-kernel runner: plays a `sigscene/1` scenario on this machine's
//! kernel and writes the `sigscene-outcome/1` outcome — the oracle the
//! simulator is compared against.
//!
//! One real process per scenario process, created in order by its scenario
//! parent so its PIDs are exactly the ones the format predicts (checked
//! against `NSpid` for every process), each performing its own calls. All of
//! it runs inside a fresh PID namespace the runner makes (the scenario's root
//! namespace) and below it; nothing in there can name a process outside, and
//! clean-up is one SIGKILL to the scenario's init, after which the kernel
//! takes the namespace down. See `world.rs` for the controller, `agent.rs`
//! for the code each scenario process runs, and
//! `shared/kernel/real-runner.md` for the kernel facts it relies on.
//!
//! One thing the real world cannot mirror: the scenario's global init is
//! PID 1 of a child namespace, not of `init_pid_ns`, so `is_global_init()`
//! is false for it. The only place that shows (SIGKILL/SIGSTOP to it can
//! only come from inside, the kernel's panic on its exit is rejected) is
//! `will_become_orphaned_pgrp`, which ignores members whose parent is the
//! *true* global init: here, a child of the scenario's init that leads a new
//! group in the init's session anchors that group, so the group is not
//! orphaned (SIGTSTP/SIGTTIN/SIGTTOU still stop its members, and its stopped
//! members get no SIGHUP + SIGCONT when it would become orphaned).
//!
//! Needs root on Linux 5.10+ (x86-64: the format's signal numbers are
//! x86-64's) built with `CONFIG_BSD_PROCESS_ACCT_V3`, as Debian's kernels
//! are: how a reaped process died comes from its process-accounting record
//! (`world.rs`, `Accounting`), checked against `PIDFD_INFO_EXIT` where the
//! kernel has that (6.15+).

use sigsim::outcome::Outcome;
use sigsim::validate::{Plan, ScenarioError};
use std::fmt;
use std::time::{Duration, Instant};

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod agent;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod procfs;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod proto;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod sys;
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod world;

/// Timing of a run. Settling is decided mainly by *what* the runner sees —
/// no scenario process runnable, none with a signal pending that it would
/// take — and the quiet period only guards against what it cannot see. On
/// 6.18 the outcomes of 143 corpus files and 200 random scenarios were the
/// same with a 2 ms quiet period on a loaded machine as with 30 ms; 10 ms
/// keeps a margin at about a third of the cost.
#[derive(Clone, Debug)]
pub struct RealOptions {
    /// How often the world is looked at while settling or waiting.
    pub poll: Duration,
    /// How long nothing may change before a step counts as settled.
    pub quiet: Duration,
    /// A step that has not settled by then fails the run.
    pub settle_cap: Duration,
    /// How long a scenario process may take to answer a command.
    pub reply_timeout: Duration,
    /// How long the kernel may take to tear the namespace down at the end.
    pub cleanup_timeout: Duration,
    /// Run a scenario written for another kernel version (`"kernel"`) on
    /// this one anyway, instead of rejecting it.
    pub ignore_kernel_version: bool,
    /// Run every scenario process on one CPU. Races between processes
    /// (who exits first, whether a SIGCHLD finds its parent stopped) then
    /// tend to fall the other way than on several CPUs, so repeated runs
    /// that mix both catch outcomes that depend on scheduling.
    pub one_cpu: bool,
}

impl Default for RealOptions {
    fn default() -> Self {
        RealOptions {
            poll: Duration::from_millis(2),
            quiet: Duration::from_millis(10),
            settle_cap: Duration::from_secs(2),
            reply_timeout: Duration::from_secs(5),
            cleanup_timeout: Duration::from_secs(5),
            ignore_kernel_version: false,
            one_cpu: false,
        }
    }
}

/// A finished run.
#[derive(Clone, Debug)]
pub struct RealRun {
    pub outcome: Outcome,
    /// Every created process's PIDs, scenario root level first (as
    /// verified against the kernel's NSpid).
    pub pids: Vec<(String, Vec<i32>)>,
    pub elapsed: Duration,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RealError {
    /// The scenario cannot be played on the real kernel: a `kernel` action,
    /// a namespace deeper than 31 levels, an action by a process that is
    /// dead, stopped or not created at that moment, the global init's exit,
    /// a scenario for another kernel version. The path names the field.
    Rejected(ScenarioError),
    /// The runner itself failed (not root, not Linux, a timeout, a PID the
    /// kernel gave that the format did not predict…).
    Failed(String),
}

impl fmt::Display for RealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RealError::Rejected(e) => write!(f, "{e}"),
            RealError::Failed(m) => write!(f, "real-kernel runner failed: {m}"),
        }
    }
}

impl std::error::Error for RealError {}

/// Plays `plan` once on the real kernel. Every process it made is gone when
/// it returns, whatever the result.
pub fn run_real(plan: &Plan, opts: &RealOptions) -> Result<RealRun, RealError> {
    imp::run_real(plan, opts)
}

/// Plays `plan` `runs` times: `Some(outcome)` if every run gave the same
/// outcome (`Outcome::same_as`), `None` if they disagree — the scenario has
/// no single outcome (e.g. two SIGCHLDs that may or may not coalesce). Stops
/// at the first disagreement or error. The second run is confined to one
/// CPU ([`RealOptions::one_cpu`]) to shake out races that a machine's
/// usual timing would otherwise decide the same way every time.
pub fn run_real_repeated(
    plan: &Plan,
    opts: &RealOptions,
    runs: usize,
) -> Result<Option<Outcome>, RealError> {
    if runs == 0 {
        return Err(RealError::Failed(
            "run_real_repeated needs at least one run".into(),
        ));
    }
    let first = run_real(plan, opts)?.outcome;
    for i in 1..runs {
        let opts = RealOptions {
            one_cpu: opts.one_cpu || i == 1,
            ..opts.clone()
        };
        if !run_real(plan, &opts)?.outcome.same_as(&first) {
            return Ok(None);
        }
    }
    Ok(Some(first))
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod imp {
    use super::*;
    use sigsim::validate::Action;

    /// The deepest level the kernel allows (`MAX_PID_NS_LEVEL`).
    const MAX_PID_NS_LEVEL: usize = 32;

    pub fn run_real(plan: &Plan, opts: &RealOptions) -> Result<RealRun, RealError> {
        let start = Instant::now();
        preflight(plan, opts)?;
        // Processes inherit the affinity of the thread that creates them.
        let _pinned = opts.one_cpu.then(sys::PinnedToOneCpu::new);
        let mut runner = world::Runner::new(plan, opts)?;
        let played = runner.run();
        let pids = runner.pids();
        // Clean up before reporting anything; a failed clean-up wins over
        // an outcome (the oracle must not leave processes behind).
        let cleaned = runner.shutdown();
        drop(runner);
        let steps = played?;
        cleaned?;
        Ok(RealRun {
            outcome: Outcome::new(steps),
            pids,
            elapsed: start.elapsed(),
        })
    }

    /// What can be decided before any process exists.
    fn preflight(plan: &Plan, opts: &RealOptions) -> Result<(), RealError> {
        for (k, a) in plan.actions.iter().enumerate() {
            if let Action::Kernel { .. } = a {
                return Err(RealError::Rejected(ScenarioError::new(
                    format!("actions[{k}].kernel"),
                    world::KERNEL_ACTION_MSG,
                )));
            }
        }
        // The scenario's root is one level below the runner's own namespace.
        let own_level = runner_level()?;
        let max = MAX_PID_NS_LEVEL.saturating_sub(own_level + 1);
        for (i, ns) in plan.namespaces.iter().enumerate() {
            if ns.level as usize > max {
                return Err(RealError::Rejected(ScenarioError::new(
                    format!("namespaces[{i}]"),
                    format!(
                        "level {} is deeper than the real-kernel runner can go ({max}: its root namespace is itself {} level(s) below the host's)",
                        ns.level,
                        own_level + 1
                    ),
                )));
            }
        }
        if !opts.ignore_kernel_version {
            let here = kernel_release()?;
            let wanted = plan.version.as_str();
            if here != wanted {
                return Err(RealError::Rejected(ScenarioError::new(
                    "kernel",
                    format!("the scenario is for Linux {wanted} but this machine runs {here}; the real-kernel runner can only answer for the kernel it runs on"),
                )));
            }
        }
        // SAFETY: geteuid cannot fail.
        let euid = unsafe { libc::geteuid() };
        if euid != 0 {
            return Err(RealError::Failed(format!(
                "needs root (CAP_SYS_ADMIN for PID namespaces, CAP_KILL, setresuid); running as uid {euid}"
            )));
        }
        Ok(())
    }

    /// The runner's PID-namespace level as /proc sees it, checking that
    /// /proc belongs to the runner's own namespace (the runner reads host
    /// PIDs from it).
    fn runner_level() -> Result<usize, RealError> {
        let status = std::fs::read_to_string("/proc/self/status")
            .map_err(|e| RealError::Failed(format!("reading /proc/self/status: {e}")))?;
        let nspid: Vec<i32> = status
            .lines()
            .find_map(|l| l.strip_prefix("NSpid:"))
            .map(|v| {
                v.split_ascii_whitespace()
                    .filter_map(|n| n.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        // SAFETY: getpid cannot fail.
        let me = unsafe { libc::getpid() };
        if nspid.first() != Some(&me) {
            return Err(RealError::Failed(format!(
                "/proc does not belong to the runner's PID namespace (NSpid {nspid:?}, getpid {me})"
            )));
        }
        Ok(nspid.len() - 1)
    }

    /// "6.18" from uname's "6.18.44-…".
    fn kernel_release() -> Result<String, RealError> {
        // SAFETY: utsname is plain data, filled by uname.
        let mut u: libc::utsname = unsafe { std::mem::zeroed() };
        // SAFETY: `u` is a valid utsname.
        if unsafe { libc::uname(&mut u) } < 0 {
            return Err(RealError::Failed(format!(
                "uname: {}",
                std::io::Error::last_os_error()
            )));
        }
        // SAFETY: uname NUL-terminates the release.
        let release = unsafe { std::ffi::CStr::from_ptr(u.release.as_ptr()) }
            .to_string_lossy()
            .into_owned();
        let mut parts = release.split(|c: char| !c.is_ascii_digit());
        match (parts.next(), parts.next()) {
            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => Ok(format!("{a}.{b}")),
            _ => Err(RealError::Failed(format!(
                "cannot read the kernel version from {release:?}"
            ))),
        }
    }
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
mod imp {
    use super::*;

    pub fn run_real(_plan: &Plan, _opts: &RealOptions) -> Result<RealRun, RealError> {
        let _ = Instant::now();
        Err(RealError::Failed(
            "the real-kernel runner needs Linux on x86-64".into(),
        ))
    }
}
