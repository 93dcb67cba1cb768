//! The kernel versions the port follows. A rule that changed between them
//! branches on [`KernelVersion`] where the rule lives, with a comment naming
//! the upstream change; function names that changed are looked up here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which kernel's rules and call chain to follow.
///
/// * `V4_19` — 4.19.48: `from_ancestor_ns` era, `SEND_SIG_FORCED`, no
///   global-init SIGKILL rule (86989c41b5ea came later), no pidfd.
/// * `V5_10` — 5.10.262: `force` computed in `send_signal` (7a0cf094944e),
///   the blog post's call chain, siginfo rewritten in place.
/// * `V6_18` — what this project's machines run: `*_locked` names,
///   `kill_pid_info_type`, signals to a dying process dropped.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum KernelVersion {
    #[serde(rename = "4.19")]
    V4_19,
    #[serde(rename = "5.10")]
    V5_10,
    #[default]
    #[serde(rename = "6.18")]
    V6_18,
}

impl KernelVersion {
    pub const ALL: [KernelVersion; 3] = [
        KernelVersion::V6_18,
        KernelVersion::V5_10,
        KernelVersion::V4_19,
    ];

    pub fn parse(s: &str) -> Option<KernelVersion> {
        KernelVersion::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            KernelVersion::V4_19 => "4.19",
            KernelVersion::V5_10 => "5.10",
            KernelVersion::V6_18 => "6.18",
        }
    }

    /// The exact tree the port follows for this version, for upstream links.
    pub fn tree(self) -> &'static str {
        match self {
            KernelVersion::V4_19 => "v4.19.48",
            KernelVersion::V5_10 => "v5.10.262",
            KernelVersion::V6_18 => "v6.18",
        }
    }

    /// Era A: `from_ancestor_ns` instead of `force`, `SEND_SIG_FORCED`.
    pub fn has_from_ancestor_ns(self) -> bool {
        self == KernelVersion::V4_19
    }

    /// The name this version gives a function whose name changed.
    pub fn name(self, f: Func) -> &'static str {
        use KernelVersion::*;
        match (f, self) {
            (Func::SendSignal, V6_18) => "send_signal_locked",
            (Func::SendSignal, _) => "send_signal",
            (Func::SendSignalInner, V6_18) => "__send_signal_locked",
            (Func::SendSignalInner, _) => "__send_signal",
            (Func::KillPidInfo, V6_18) => "kill_pid_info_type",
            (Func::KillPidInfo, _) => "kill_pid_info",
        }
    }
}

impl fmt::Display for KernelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Functions whose upstream name depends on the version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    /// `send_signal` → `send_signal_locked` (5.19, "signal: Rename send_signal send_signal_locked").
    SendSignal,
    /// `__send_signal` → `__send_signal_locked` (same series).
    SendSignalInner,
    /// `kill_pid_info` → `kill_pid_info_type` (6.9, "pidfd: change
    /// pidfd_send_signal() to respect PIDFD_THREAD").
    KillPidInfo,
}
