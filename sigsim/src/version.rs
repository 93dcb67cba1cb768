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

    /// The name this version gives a function (most never changed).
    pub fn name(self, f: Func) -> &'static str {
        use KernelVersion::*;
        match (f, self) {
            // "signal: Rename send_signal send_signal_locked" (5.19).
            (Func::SendSignal, V6_18) => "send_signal_locked",
            (Func::SendSignalInner, V6_18) => "__send_signal_locked",
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
/// (`kill_pid_info_type`, 6.9+; `prepare_kill_siginfo`, 5.1+) is recorded
/// only by those versions.
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
