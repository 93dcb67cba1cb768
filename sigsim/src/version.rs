//! The kernel versions the port follows. A rule that changed between them
//! branches on [`KernelVersion`] where the rule lives, with a comment citing
//! the upstream change by its id in [`CHANGES`]; function names that changed
//! are looked up here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which kernel's rules and call chain to follow.
///
/// * `V4_19` — 4.19.48: `from_ancestor_ns` era, `SEND_SIG_FORCED`, no
///   global-init SIGKILL rule (see [`CHANGES`] `global_init_immune`), no
///   pidfd.
/// * `V5_10` — 5.10.262: `force` computed in `send_signal` (see [`CHANGES`]
///   `force_in_send_signal`), the blog post's call chain, siginfo rewritten
///   in place.
/// * `V6_1` — 6.1.192 (Debian bookworm's `linux-image-6.1.0-57-amd64`):
///   `*_locked` names (`locked_rename`), signals to a dying process dropped
///   (`drop_after_fatal`, `record_exit`), no `kill_pid_info_type` yet, and
///   the stable `no_shared_siginfo_rewrite`.
/// * `V6_12` — 6.12.118 (Debian trixie): as 6.1 plus `kill_pid_info_type`.
/// * `V6_18` — what this project's machines run (6.18.44): as 6.12 but
///   without `no_shared_siginfo_rewrite`.
/// * `V7_2` — 7.2.13 (Debian sid): as 6.12 (its other changes on these
///   paths, `task_can_queue_signal` and the `do_pidfd_send_signal` split,
///   change nothing a scenario can show; the real kernel agrees).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum KernelVersion {
    #[serde(rename = "4.19")]
    V4_19,
    #[serde(rename = "5.10")]
    V5_10,
    #[serde(rename = "6.1")]
    V6_1,
    #[serde(rename = "6.12")]
    V6_12,
    #[default]
    #[serde(rename = "6.18")]
    V6_18,
    #[serde(rename = "7.2")]
    V7_2,
}

impl KernelVersion {
    /// The machine's own first, then newest to oldest.
    pub const ALL: [KernelVersion; 6] = [
        KernelVersion::V6_18,
        KernelVersion::V7_2,
        KernelVersion::V6_12,
        KernelVersion::V6_1,
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
            KernelVersion::V6_1 => "6.1",
            KernelVersion::V6_12 => "6.12",
            KernelVersion::V6_18 => "6.18",
            KernelVersion::V7_2 => "7.2",
        }
    }

    /// The exact tree the port follows for this version, for upstream links.
    pub fn tree(self) -> &'static str {
        match self {
            KernelVersion::V4_19 => "v4.19.48",
            KernelVersion::V5_10 => "v5.10.262",
            KernelVersion::V6_1 => "v6.1.192",
            KernelVersion::V6_12 => "v6.12.118",
            KernelVersion::V6_18 => "v6.18",
            KernelVersion::V7_2 => "v7.2.13",
        }
    }

    /// The Debian release whose real kernel this version was checked
    /// against (`make verify-era`, the host for 6.18), or `None` when no
    /// kernel of that era can be had here (4.19: buster left the archive).
    pub fn verified_release(self) -> Option<&'static str> {
        match self {
            KernelVersion::V4_19 => None,
            KernelVersion::V5_10 => Some("5.10.262"),
            KernelVersion::V6_1 => Some("6.1.192"),
            KernelVersion::V6_12 => Some("6.12.118"),
            KernelVersion::V6_18 => Some("6.18.44"),
            KernelVersion::V7_2 => Some("7.2.13"),
        }
    }

    /// `send_signal_locked` and `__send_signal_locked` (see [`CHANGES`]
    /// `locked_rename`, 5.19).
    pub fn has_locked_names(self) -> bool {
        self >= KernelVersion::V6_1
    }

    /// A process whose group exit is decided takes no more signals, and
    /// every exit marks the group (see [`CHANGES`] `drop_after_fatal` and
    /// `record_exit`, both 6.1).
    pub fn drops_after_fatal(self) -> bool {
        self >= KernelVersion::V6_1
    }

    /// `kill_pid_info` is a wrapper around `kill_pid_info_type`, and
    /// `prepare_kill_siginfo` takes the PID type (see [`CHANGES`]
    /// `kill_pid_info_type`, 6.9: after 6.1, before 6.12).
    pub fn has_kill_pid_info_type(self) -> bool {
        self >= KernelVersion::V6_12
    }

    /// `send_signal_locked` hides the sender on a copy of the siginfo, not
    /// on the one every recipient of kill(0)/kill(-pgid)/kill(-1) shares
    /// (see [`CHANGES`] `no_shared_siginfo_rewrite`): a stable fix the
    /// verified 6.1, 6.12 and 7.2 releases carry and 6.18.44 lacks.
    pub fn copies_siginfo_before_rewrite(self) -> bool {
        matches!(
            self,
            KernelVersion::V6_1 | KernelVersion::V6_12 | KernelVersion::V7_2
        )
    }

    /// Era A: `from_ancestor_ns` instead of `force` (see [`CHANGES`]
    /// `force_in_send_signal`), `SEND_SIG_FORCED` (`remove_send_sig_forced`).
    pub fn has_from_ancestor_ns(self) -> bool {
        self == KernelVersion::V4_19
    }

    /// The name this version gives a function (most never changed).
    pub fn name(self, f: Func) -> &'static str {
        use KernelVersion::*;
        match (f, self) {
            // See `CHANGES` `locked_rename`.
            (Func::SendSignal, V6_1 | V6_12 | V6_18 | V7_2) => "send_signal_locked",
            (Func::SendSignalInner, V6_1 | V6_12 | V6_18 | V7_2) => "__send_signal_locked",
            _ => f.base_name(),
        }
    }
}

impl fmt::Display for KernelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Every kernel function the port models, one variant each. A trace step
/// names its function with this; [`KernelVersion::name`] spells it as the
/// version followed does. A function that only exists in some versions
/// (`kill_pid_info_type` and `prepare_kill_siginfo`: see [`CHANGES`]
/// entries of those ids) is recorded only by those versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Func {
    Kill,
    TgKill,
    RtSigqueueinfo,
    DoRtSigqueueinfo,
    PidfdOpen,
    PidfdSendSignal,
    ExitGroup,
    PrepareKillSiginfo,
    KillSomethingInfo,
    KillProcInfo,
    KillPidInfo,
    KillPidInfoType,
    KillPgrpInfo,
    DoTkill,
    DoSendSpecific,
    GroupSendSigInfo,
    CheckKillPermission,
    KillOkByCred,
    DoSendSigInfo,
    SendSigInfo,
    SendSignal,
    SendSignalInner,
    PrepareSignal,
    SigIgnored,
    SigTaskIgnored,
    SigHandlerIgnored,
    LegacyQueue,
    CompleteSignal,
    DoSigaction,
    Sigprocmask,
    GetSignal,
    DoSignalStop,
    DoNotifyParentCldstop,
    DoNotifyParent,
    DoGroupExit,
    DoExit,
    ExitNotify,
    ForgetOriginalParent,
    FindChildReaper,
    KillOrphanedPgrp,
    ZapPidNsProcesses,
    CopyProcess,
    AllocPid,
}

impl Func {
    pub const ALL: [Func; 43] = [
        Func::Kill,
        Func::KillSomethingInfo,
        Func::KillProcInfo,
        Func::KillPidInfo,
        Func::KillPidInfoType,
        Func::GroupSendSigInfo,
        Func::CheckKillPermission,
        Func::KillOkByCred,
        Func::DoSendSigInfo,
        Func::SendSignal,
        Func::SendSignalInner,
        Func::PrepareSignal,
        Func::SigIgnored,
        Func::SigTaskIgnored,
        Func::SigHandlerIgnored,
        Func::LegacyQueue,
        Func::CompleteSignal,
        Func::PrepareKillSiginfo,
        Func::RtSigqueueinfo,
        Func::DoRtSigqueueinfo,
        Func::PidfdOpen,
        Func::PidfdSendSignal,
        Func::TgKill,
        Func::DoTkill,
        Func::DoSendSpecific,
        Func::KillOrphanedPgrp,
        Func::KillPgrpInfo,
        Func::ExitGroup,
        Func::GetSignal,
        Func::DoGroupExit,
        Func::DoExit,
        Func::ExitNotify,
        Func::ForgetOriginalParent,
        Func::FindChildReaper,
        Func::ZapPidNsProcesses,
        Func::DoNotifyParent,
        Func::SendSigInfo,
        Func::DoSignalStop,
        Func::DoNotifyParentCldstop,
        Func::CopyProcess,
        Func::AllocPid,
        Func::DoSigaction,
        Func::Sigprocmask,
    ];

    /// The name in mainline before any rename.
    pub fn base_name(self) -> &'static str {
        match self {
            Func::Kill => "kill",
            Func::TgKill => "tgkill",
            Func::RtSigqueueinfo => "rt_sigqueueinfo",
            Func::DoRtSigqueueinfo => "do_rt_sigqueueinfo",
            Func::PidfdOpen => "pidfd_open",
            Func::PidfdSendSignal => "pidfd_send_signal",
            Func::ExitGroup => "exit_group",
            Func::PrepareKillSiginfo => "prepare_kill_siginfo",
            Func::KillSomethingInfo => "kill_something_info",
            Func::KillProcInfo => "kill_proc_info",
            Func::KillPidInfo => "kill_pid_info",
            Func::KillPidInfoType => "kill_pid_info_type",
            Func::KillPgrpInfo => "__kill_pgrp_info",
            Func::DoTkill => "do_tkill",
            Func::DoSendSpecific => "do_send_specific",
            Func::GroupSendSigInfo => "group_send_sig_info",
            Func::CheckKillPermission => "check_kill_permission",
            Func::KillOkByCred => "kill_ok_by_cred",
            Func::DoSendSigInfo => "do_send_sig_info",
            Func::SendSigInfo => "send_sig_info",
            Func::SendSignal => "send_signal",
            Func::SendSignalInner => "__send_signal",
            Func::PrepareSignal => "prepare_signal",
            Func::SigIgnored => "sig_ignored",
            Func::SigTaskIgnored => "sig_task_ignored",
            Func::SigHandlerIgnored => "sig_handler_ignored",
            Func::LegacyQueue => "legacy_queue",
            Func::CompleteSignal => "complete_signal",
            Func::DoSigaction => "do_sigaction",
            Func::Sigprocmask => "sigprocmask",
            Func::GetSignal => "get_signal",
            Func::DoSignalStop => "do_signal_stop",
            Func::DoNotifyParentCldstop => "do_notify_parent_cldstop",
            Func::DoNotifyParent => "do_notify_parent",
            Func::DoGroupExit => "do_group_exit",
            Func::DoExit => "do_exit",
            Func::ExitNotify => "exit_notify",
            Func::ForgetOriginalParent => "forget_original_parent",
            Func::FindChildReaper => "find_child_reaper",
            Func::KillOrphanedPgrp => "kill_orphaned_pgrp",
            Func::ZapPidNsProcesses => "zap_pid_ns_processes",
            Func::CopyProcess => "copy_process",
            Func::AllocPid => "alloc_pid",
        }
    }
}

/// One upstream change that a version branch or doc comment in the port
/// relies on. Comments cite it by `id` ("see `version::CHANGES`
/// `force_in_send_signal`") instead of restating a date or commit.
#[derive(Debug, PartialEq, Eq)]
pub struct Change {
    /// Short name the port's comments use.
    pub id: &'static str,
    /// Upstream commit abbreviation, or "" if not recorded.
    pub commit: &'static str,
    /// Upstream commit title.
    pub title: &'static str,
    /// First mainline release with the change, or "" if not known.
    pub mainline: &'static str,
    /// Stable backports that matter to the port (may be empty).
    pub stable: &'static [&'static str],
}

/// Every upstream change the port cites, oldest first. Each version follows
/// one exact release: 4.19.48, 5.10.262, 6.1.192 (Debian 6.1.192-3),
/// 6.12.118 (6.12.118-1), 6.18.44 (this machine) and 7.2.13 (7.2.13-1);
/// which changes each carries is its predicates on [`KernelVersion`]. The
/// releases were checked against kernel trees (4.4 … 6.18.35); an entry with a `commit`
/// was checked against upstream, one without has its title as our notes
/// give it, not yet checked against a git history.
pub const CHANGES: &[Change] = &[
    Change {
        id: "kill_int_min",
        commit: "4ea77014af0d",
        title: "kernel/signal.c: avoid undefined behaviour in kill_something_info",
        mainline: "4.16",
        stable: &[],
    },
    Change {
        id: "global_init_immune",
        commit: "86989c41b5ea",
        title: "signal: Always ignore SIGKILL and SIGSTOP sent to the global init",
        mainline: "4.20",
        stable: &["4.19.y between 4.19.79 and 4.19.90 (not in 4.19.48)"],
    },
    Change {
        id: "remove_send_sig_forced",
        commit: "",
        title: "signal: Remove SEND_SIG_FORCED",
        mainline: "4.20",
        stable: &[],
    },
    Change {
        id: "sigkill_no_siginfo",
        commit: "",
        title: "signal: Never allocate siginfo for SIGKILL or SIGSTOP",
        mainline: "5.0",
        stable: &[],
    },
    Change {
        id: "prepare_kill_siginfo",
        commit: "",
        title: "signal: add pidfd_send_signal() syscall",
        mainline: "5.1",
        stable: &[],
    },
    Change {
        id: "pidfd_open",
        commit: "",
        title: "pid: add pidfd_open()",
        mainline: "5.3",
        stable: &[],
    },
    Change {
        id: "force_in_send_signal",
        commit: "",
        title: "signal: Move the computation of force into send_signal and correct it",
        mainline: "5.3",
        stable: &[],
    },
    Change {
        id: "kill_proc_info_hop",
        commit: "",
        title: "signal: use kill_proc_info instead of kill_pid_info in kill_something_info",
        mainline: "5.7",
        stable: &[],
    },
    Change {
        id: "sigchld_via_send_signal",
        commit: "61e713bdca36",
        title: "signal: Avoid corrupting si_pid and si_uid in do_notify_parent",
        mainline: "5.7",
        stable: &[],
    },
    Change {
        id: "si_pid_fixups",
        commit: "7a0cf094944e",
        title: "signal: Correct namespace fixups of si_pid and si_uid",
        mainline: "5.7",
        stable: &[],
    },
    Change {
        id: "locked_rename",
        commit: "",
        title: "signal: Rename send_signal send_signal_locked",
        mainline: "5.19",
        stable: &[],
    },
    Change {
        id: "drop_after_fatal",
        commit: "",
        title: "signal: Drop signals received after a fatal signal has been processed",
        mainline: "6.1",
        stable: &[],
    },
    Change {
        id: "record_exit",
        commit: "",
        title: "signal: Record the exit of a process in its signal_struct",
        mainline: "6.1",
        stable: &[],
    },
    Change {
        id: "kill_pid_info_type",
        commit: "",
        title: "pidfd: change pidfd_send_signal() to respect PIDFD_THREAD",
        mainline: "6.9",
        stable: &[],
    },
    Change {
        id: "no_shared_siginfo_rewrite",
        commit: "",
        title: "signal: avoid shared siginfo namespace rewrites",
        mainline: "",
        // Posted 2026-06 with Cc stable; this machine's 6.18.44 lacks it.
        // The eras verified carry it: 6.1.192, 6.12.118 (it came in .117)
        // and 7.2.13, each seen on its own kernel (`make verify-era`).
        stable: &["6.1.192", "6.12.117", "7.2.13"],
    },
];

/// The entry of [`CHANGES`] with this id. Panics on an unknown id.
pub fn change(id: &str) -> &'static Change {
    CHANGES
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("unknown change id {id:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn change_ids_are_unique() {
        let mut seen = HashSet::new();
        for c in CHANGES {
            assert!(seen.insert(c.id), "duplicate change id {}", c.id);
        }
    }

    #[test]
    fn change_finds_each_id() {
        for c in CHANGES {
            assert_eq!(change(c.id), c);
        }
    }

    #[test]
    #[should_panic(expected = "unknown change id")]
    fn change_panics_on_unknown_id() {
        change("no_such_change");
    }
}
