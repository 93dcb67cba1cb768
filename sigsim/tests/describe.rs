//! `describe`: every fact has a sentence in every language, and the
//! sentences of the blog post's four cases (SIGTERM or SIGKILL, sent to a
//! container's init from inside or from the host) say exactly what the
//! post says. This file is the one place wording is asserted.
//!
//! The walk over facts is complete by construction: [`kinds!`] builds an
//! exhaustive `match` over `Fact` (a new variant does not compile until it
//! is listed) and the list of kinds it names; the walk fails unless the
//! examples cover every listed kind.

use std::collections::{BTreeMap, BTreeSet};

use sigsim::describe::{describe, describe_with_subject, Lang};
use sigsim::fork::Creation;
use sigsim::sched::{Handler, PidType};
use sigsim::signum::{DefaultAction, SigSet, Signal};
use sigsim::trace::{
    Fact, Field, ForkRefusal, InfoArg, Levels, Phase, TaskIgnored, TraceStep, Unwanted,
};
use sigsim::uapi::{Errno, SiCode};
use sigsim::version::{Func, KernelVersion};

/// A step of `func` about `task`, on 6.18, in the call itself.
fn at(func: Func, task: &str, fact: Fact) -> TraceStep {
    TraceStep {
        func,
        version: KernelVersion::V6_18,
        depth: 0,
        task: Some(task.to_string()),
        fact,
        phase: Phase::Call,
        sealed: false,
        file: "x",
        line: 1,
    }
}

/// A step whose function does not change the wording.
fn step(task: &str, fact: Fact) -> TraceStep {
    at(Func::Kill, task, fact)
}

fn sig(n: i64) -> Signal {
    Signal::new(n).unwrap()
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// `dockerd` (host, PID 2) and `ctr-init` (PID 3 on the host, 1 in `ctr`).
fn host_to_ctr() -> Levels {
    Levels {
        sender: vec![2],
        target: vec![3, 1],
        target_level: 1,
    }
}

/// Lists every `Fact` variant with its `kind()`: `covered` is an
/// exhaustive match without a wildcard, so a new variant does not compile
/// until it is listed here, and `KINDS` then names it, so the walk fails
/// until it has an example.
macro_rules! kinds {
    ($($pat:pat => $kind:literal),* $(,)?) => {
        fn covered(f: &Fact) -> &'static str {
            match f {
                $($pat => $kind),*
            }
        }
        const KINDS: &[&str] = &[$($kind),*];
    };
}

kinds! {
    Fact::KillCalled { .. } => "kill_called",
    Fact::TgkillCalled { .. } => "tgkill_called",
    Fact::BadThreadId { .. } => "bad_thread_id",
    Fact::SigqueueCalled { .. } => "sigqueue_called",
    Fact::UserSiCode { .. } => "user_si_code",
    Fact::PidfdSendCalled { .. } => "pidfd_send_called",
    Fact::KernelSends { .. } => "kernel_sends",
    Fact::NeverCreated { .. } => "never_created",
    Fact::ExitCalled { .. } => "exit_called",
    Fact::Returns { .. } => "returns",
    Fact::SiginfoBuilt { .. } => "siginfo_built",
    Fact::ThreadDirected => "thread_directed",
    Fact::OneProcess { .. } => "one_process",
    Fact::FindVpid { .. } => "find_vpid",
    Fact::PidIntMin { .. } => "pid_int_min",
    Fact::OwnGroup { .. } => "own_group",
    Fact::OtherGroup { .. } => "other_group",
    Fact::EveryProcess { .. } => "every_process",
    Fact::EveryProcessDone { .. } => "every_process_done",
    Fact::TgidWrapper => "tgid_wrapper",
    Fact::NoTask => "no_task",
    Fact::TaskFound { .. } => "task_found",
    Fact::GroupMembers { .. } => "group_members",
    Fact::GroupDone { .. } => "group_done",
    Fact::NoSuchThread { .. } => "no_such_thread",
    Fact::ThreadFound { .. } => "thread_found",
    Fact::NoPidfdOpen => "no_pidfd_open",
    Fact::PidfdOpen { .. } => "pidfd_open",
    Fact::PermissionFirst { .. } => "permission_first",
    Fact::Probe => "probe",
    Fact::InvalidSignal { .. } => "invalid_signal",
    Fact::FromKernel { .. } => "from_kernel",
    Fact::CredentialsDecide { .. } => "credentials_decide",
    Fact::CredCheck { .. } => "cred_check",
    Fact::ContSameSession { .. } => "cont_same_session",
    Fact::PermissionDenied { .. } => "permission_denied",
    Fact::Permitted { .. } => "permitted",
    Fact::SighandGone => "sighand_gone",
    Fact::SighandLocked { .. } => "sighand_locked",
    Fact::KernelSendOne => "kernel_send_one",
    Fact::FromAncestorNs { .. } => "from_ancestor_ns",
    Fact::Force { .. } => "force",
    Fact::AsksPrepareSignal { .. } => "asks_prepare_signal",
    Fact::NotGenerated { .. } => "not_generated",
    Fact::AlreadyPending { .. } => "already_pending",
    Fact::Queued { .. } => "queued",
    Fact::Exiting { .. } => "exiting",
    Fact::StopFlushesCont { .. } => "stop_flushes_cont",
    Fact::ContFlushesStops { .. } => "cont_flushes_stops",
    Fact::NeitherStopNorCont { .. } => "neither_stop_nor_cont",
    Fact::IgnoredAnswer { .. } => "ignored_answer",
    Fact::BlockedCheck { .. } => "blocked_check",
    Fact::GlobalInitImmune { .. } => "global_init_immune",
    Fact::SigTaskIgnored { .. } => "sig_task_ignored",
    Fact::HandlerIgnored { .. } => "handler_ignored",
    Fact::LegacyQueue { .. } => "legacy_queue",
    Fact::NotWoken { .. } => "not_woken",
    Fact::FatalToGroup { .. } => "fatal_to_group",
    Fact::Woken { .. } => "woken",
    Fact::CannotCatch { .. } => "cannot_catch",
    Fact::DispositionSet { .. } => "disposition_set",
    Fact::MaskChanged { .. } => "mask_changed",
    Fact::ReportsToParent { .. } => "reports_to_parent",
    Fact::MarkedForDeath { .. } => "marked_for_death",
    Fact::DequeuedIgnored { .. } => "dequeued_ignored",
    Fact::DequeuedHandled { .. } => "dequeued_handled",
    Fact::DequeuedDefaultIgnore { .. } => "dequeued_default_ignore",
    Fact::DequeuedByInit { .. } => "dequeued_by_init",
    Fact::DequeuedOrphanedStop { .. } => "dequeued_orphaned_stop",
    Fact::DequeuedStop { .. } => "dequeued_stop",
    Fact::DequeuedFatal { .. } => "dequeued_fatal",
    Fact::RunsHandlers { .. } => "runs_handlers",
    Fact::Stops => "stops",
    Fact::NotifyParent { .. } => "notify_parent",
    Fact::NoStopNotice { .. } => "no_stop_notice",
    Fact::AutoReap { .. } => "auto_reap",
    Fact::GroupExit { .. } => "group_exit",
    Fact::InitPanics => "init_panics",
    Fact::HandlersLost { .. } => "handlers_lost",
    Fact::WaitsForNamespace => "waits_for_namespace",
    Fact::Exited { .. } => "exited",
    Fact::NamespaceEmpty { .. } => "namespace_empty",
    Fact::Reparented { .. } => "reparented",
    Fact::InitTakesNamespace { .. } => "init_takes_namespace",
    Fact::OrphanedGroup { .. } => "orphaned_group",
    Fact::ZapNamespace { .. } => "zap_namespace",
    Fact::CannotCreate { .. } => "cannot_create",
    Fact::NamespaceClosed { .. } => "namespace_closed",
    Fact::Created { .. } => "created",
}

/// At least one step per fact, and one per branch of the wording (a guard,
/// a field the sentence switches on, or the step's function).
fn examples() -> Vec<TraceStep> {
    use Fact::*;
    let (t, sender, ns) = ("ctr-init", "dockerd", "ctr");
    let mut v = vec![
        // --- entries
        step("ctr-shell", KillCalled { pid: 1, sig: 15 }),
        step(
            "ctr-shell",
            TgkillCalled {
                tgid: 1,
                pid: 1,
                sig: 10,
            },
        ),
        step("ctr-shell", BadThreadId { tgid: 1, pid: 0 }),
        step(
            "ctr-shell",
            SigqueueCalled {
                pid: 1,
                sig: 10,
                si_pid: 2,
            },
        ),
        step("ctr-shell", UserSiCode { si_code: -1 }),
        step("ctr-shell", PidfdSendCalled { sig: 9 }),
        step(t, KernelSends { sig: Signal::KILL }),
        step(
            t,
            NeverCreated {
                target: "late-child".into(),
            },
        ),
        step(t, ExitCalled { code: 3 }),
        step("ctr-shell", Returns { ret: None }),
        step(
            "ctr-shell",
            Returns {
                ret: Some(Errno::ESRCH),
            },
        ),
        step(
            "ctr-shell",
            SiginfoBuilt {
                si_code: SiCode::SI_USER,
                si_pid: 2,
                si_uid: 0,
            },
        ),
        step("ctr-shell", ThreadDirected),
        // --- finding the target
        step("ctr-shell", OneProcess { pid: 1 }),
        at(
            Func::KillSomethingInfo,
            "ctr-shell",
            FindVpid {
                pid: 1,
                ns: ns.into(),
                found: true,
            },
        ),
        at(
            Func::KillProcInfo,
            "ctr-shell",
            FindVpid {
                pid: 1,
                ns: ns.into(),
                found: true,
            },
        ),
        at(
            Func::KillProcInfo,
            "ctr-shell",
            FindVpid {
                pid: 7,
                ns: ns.into(),
                found: false,
            },
        ),
        step("ctr-shell", PidIntMin { pid: i32::MIN }),
        step("ctr-shell", OwnGroup { leader: t.into() }),
        step(
            "ctr-shell",
            OtherGroup {
                pgid: 5,
                found: true,
            },
        ),
        step(
            "ctr-shell",
            OtherGroup {
                pgid: 6,
                found: false,
            },
        ),
        step("ctr-shell", EveryProcess { ns: ns.into() }),
        step(
            "ctr-shell",
            EveryProcessDone {
                candidates: 0,
                ret: Some(Errno::ESRCH),
            },
        ),
        step(
            "ctr-shell",
            EveryProcessDone {
                candidates: 2,
                ret: None,
            },
        ),
        step(t, TgidWrapper),
        step(t, NoTask),
        step(
            t,
            TaskFound {
                pid_type: PidType::Tgid,
            },
        ),
        step(t, GroupMembers { members: 2 }),
        step(
            t,
            GroupDone {
                members: vec![],
                ret: Some(Errno::ESRCH),
            },
        ),
        step(
            t,
            GroupDone {
                members: names(&["ctr-shell", t]),
                ret: None,
            },
        ),
        step(t, NoSuchThread { tgid: 1, pid: 9 }),
        step(t, ThreadFound { pid: 1 }),
        step("ctr-shell", NoPidfdOpen),
        step(
            "ctr-shell",
            PidfdOpen {
                pid: 1,
                ns: ns.into(),
                target: Some(t.into()),
                ret: None,
            },
        ),
        step(
            "ctr-shell",
            PidfdOpen {
                pid: 8,
                ns: ns.into(),
                target: None,
                ret: Some(Errno::ESRCH),
            },
        ),
        step(
            "ctr-shell",
            PidfdOpen {
                pid: 4,
                ns: ns.into(),
                target: None,
                ret: Some(Errno::EINVAL),
            },
        ),
        // --- permission
        step(t, PermissionFirst { sig: 15 }),
        at(Func::DoSendSpecific, t, Probe),
        at(Func::GroupSendSigInfo, t, Probe),
        step(t, InvalidSignal { sig: 65 }),
        step(
            t,
            FromKernel {
                info: InfoArg::Real {
                    si_code: SiCode::SI_KERNEL,
                    si_pid: 0,
                },
            },
        ),
        step(
            t,
            FromKernel {
                info: InfoArg::Priv,
            },
        ),
        step(
            t,
            CredentialsDecide {
                sig: 15,
                sender: sender.into(),
            },
        ),
        step(
            t,
            CredCheck {
                uid: 0,
                euid: 0,
                target_uid: 0,
                target_suid: 0,
                uid_match: true,
                cap_kill: true,
            },
        ),
        step(
            t,
            CredCheck {
                uid: 1000,
                euid: 1000,
                target_uid: 0,
                target_suid: 0,
                uid_match: false,
                cap_kill: true,
            },
        ),
        step(
            t,
            CredCheck {
                uid: 1000,
                euid: 1000,
                target_uid: 0,
                target_suid: 0,
                uid_match: false,
                cap_kill: false,
            },
        ),
        step(t, ContSameSession { sig: 18 }),
        step(
            t,
            PermissionDenied {
                sender: "nobody-shell".into(),
                sender_uid: 65534,
                target_uid: 0,
            },
        ),
        step(
            t,
            Permitted {
                sig: 15,
                self_send: true,
            },
        ),
        step(
            t,
            Permitted {
                sig: 15,
                self_send: false,
            },
        ),
        // --- the send
        step(t, SighandGone),
        step(t, SighandLocked { sig: Signal::TERM }),
        step(t, KernelSendOne),
        step(
            t,
            FromAncestorNs {
                sender: sender.into(),
                seen: 0,
                levels: host_to_ctr(),
                from_ancestor_ns: true,
            },
        ),
        step(
            t,
            FromAncestorNs {
                sender: "ctr-shell".into(),
                seen: 2,
                levels: Levels {
                    sender: vec![4, 2],
                    target: vec![3, 1],
                    target_level: 1,
                },
                from_ancestor_ns: false,
            },
        ),
        step(
            t,
            Force {
                sender: "oom-killer".into(),
                seen: 0,
                levels: host_to_ctr(),
                kernel: true,
                force: true,
                si_pid: None,
            },
        ),
        force_from_host(),
        force_from_inside(),
        step(t, AsksPrepareSignal { force: true }),
        step(t, NotGenerated { sig: Signal::TERM }),
        step(t, AlreadyPending { sig: Signal::TERM }),
        step(
            t,
            Queued {
                sig: Signal::TERM,
                private: false,
                si_pid: Some(0),
                si_code: Some(SiCode::SI_USER),
            },
        ),
        step(
            t,
            Queued {
                sig: sig(10),
                private: true,
                si_pid: None,
                si_code: None,
            },
        ),
        step(t, Exiting { drops: true }),
        step(t, Exiting { drops: false }),
        step(
            t,
            StopFlushesCont {
                sig: Signal::STOP,
                had_cont: true,
            },
        ),
        step(
            t,
            StopFlushesCont {
                sig: Signal::STOP,
                had_cont: false,
            },
        ),
        step(t, ContFlushesStops { was_stopped: true }),
        step(t, ContFlushesStops { was_stopped: false }),
        step(t, NeitherStopNorCont { sig: Signal::TERM }),
        step(t, IgnoredAnswer { ignored: true }),
        step(t, IgnoredAnswer { ignored: false }),
        step(
            t,
            BlockedCheck {
                sig: Signal::TERM,
                blocked: true,
            },
        ),
        step(
            t,
            BlockedCheck {
                sig: Signal::TERM,
                blocked: false,
            },
        ),
        step("systemd", GlobalInitImmune { sig: Signal::KILL }),
        sigterm_dropped_by_ns_init(),
        sigkill_dropped_by_ns_init(),
        sigkill_forced_on_ns_init(),
        step(
            t,
            SigTaskIgnored {
                sig: Signal::TERM,
                global_init: false,
                unkillable: true,
                handler: Handler::User,
                force: false,
                decision: TaskIgnored::Passes,
            },
        ),
        step(
            "ctr-shell",
            SigTaskIgnored {
                sig: Signal::TERM,
                global_init: false,
                unkillable: false,
                handler: Handler::Dfl,
                force: false,
                decision: TaskIgnored::Passes,
            },
        ),
        step(
            t,
            HandlerIgnored {
                sig: Signal::TERM,
                handler: Handler::Ign,
                default: DefaultAction::Terminate,
                ignored: true,
            },
        ),
        step(
            t,
            HandlerIgnored {
                sig: Signal::TERM,
                handler: Handler::User,
                default: DefaultAction::Terminate,
                ignored: false,
            },
        ),
        step(
            t,
            HandlerIgnored {
                sig: Signal::CHLD,
                handler: Handler::Dfl,
                default: DefaultAction::Ignore,
                ignored: true,
            },
        ),
        step(
            "ctr-shell",
            HandlerIgnored {
                sig: Signal::TERM,
                handler: Handler::Dfl,
                default: DefaultAction::Terminate,
                ignored: false,
            },
        ),
        step(
            "ctr-shell",
            HandlerIgnored {
                sig: sig(3),
                handler: Handler::Dfl,
                default: DefaultAction::Core,
                ignored: false,
            },
        ),
        step(
            t,
            LegacyQueue {
                sig: Signal::TERM,
                legacy: true,
                pending: true,
            },
        ),
        step(
            t,
            LegacyQueue {
                sig: Signal::TERM,
                legacy: true,
                pending: false,
            },
        ),
        step(
            t,
            LegacyQueue {
                sig: sig(34),
                legacy: false,
                pending: false,
            },
        ),
        fatal_to_group(),
        step(t, Woken { sig: Signal::TERM }),
        // --- dispositions and the mask
        step(t, CannotCatch { sig: Signal::KILL }),
        step(
            t,
            DispositionSet {
                sig: Signal::TERM,
                handler: Handler::Ign,
                flushed: true,
            },
        ),
        step(
            t,
            DispositionSet {
                sig: Signal::TERM,
                handler: Handler::User,
                flushed: false,
            },
        ),
        step(
            t,
            DispositionSet {
                sig: Signal::TERM,
                handler: Handler::Dfl,
                flushed: false,
            },
        ),
        step(
            t,
            MaskChanged {
                old: SigSet::default(),
                new: [Signal::TERM, Signal::HUP].into_iter().collect(),
            },
        ),
        // --- the receiver
        step(
            t,
            ReportsToParent {
                why: SiCode::CLD_STOPPED,
            },
        ),
        step(t, MarkedForDeath { code: 9 }),
        step(t, DequeuedIgnored { sig: Signal::TERM }),
        step(
            t,
            DequeuedHandled {
                sig: Signal::TERM,
                si_pid: 0,
                si_code: SiCode::SI_USER,
            },
        ),
        step(t, DequeuedDefaultIgnore { sig: sig(28) }),
        step(t, DequeuedByInit { sig: Signal::TERM }),
        step("ctr-job", DequeuedOrphanedStop { sig: sig(20) }),
        step("ctr-job", DequeuedStop { sig: sig(20) }),
        step(
            "ctr-shell",
            DequeuedFatal {
                sig: Signal::TERM,
                action: DefaultAction::Terminate,
            },
        ),
        step(
            "ctr-shell",
            DequeuedFatal {
                sig: sig(3),
                action: DefaultAction::Core,
            },
        ),
        step(t, RunsHandlers { count: 1 }),
        step(t, RunsHandlers { count: 2 }),
        step("ctr-job", Stops),
        step(
            t,
            NotifyParent {
                si_code: SiCode::CLD_KILLED,
                si_pid: 3,
            },
        ),
        step(
            t,
            NoStopNotice {
                why: SiCode::CLD_STOPPED,
            },
        ),
        step(
            t,
            AutoReap {
                child: "ctr-shell".into(),
            },
        ),
        // --- exit
        step(t, GroupExit { status: 9 }),
        step(t, GroupExit { status: 3 << 8 }),
        step("systemd", InitPanics),
        step(
            t,
            HandlersLost {
                sigs: [Signal::TERM, sig(10)].into_iter().collect(),
            },
        ),
        step(t, WaitsForNamespace),
        step(t, Exited { autoreap: true }),
        step(t, Exited { autoreap: false }),
        step(t, NamespaceEmpty { ns: ns.into() }),
        step(
            "systemd",
            Reparented {
                father: t.into(),
                children: names(&["ctr-shell"]),
            },
        ),
        step(t, InitTakesNamespace { ns: ns.into() }),
        step(
            "ctr-shell",
            OrphanedGroup {
                leader: "ctr-job".into(),
            },
        ),
        step(
            t,
            ZapNamespace {
                ns: ns.into(),
                tasks: 2,
            },
        ),
        // --- fork
        step(
            "ctr-shell",
            CannotCreate {
                uid: 1000,
                child: "inner-init".into(),
                why: ForkRefusal::NewNamespace,
            },
        ),
        step(
            "ctr-shell",
            CannotCreate {
                uid: 1000,
                child: "exec-shell".into(),
                why: ForkRefusal::Setns,
            },
        ),
        step(
            "ctr-shell",
            CannotCreate {
                uid: 1000,
                child: "root-child".into(),
                why: ForkRefusal::Setuid,
            },
        ),
        step(t, NamespaceClosed { ns: ns.into() }),
    ];
    for why in [
        Unwanted::Blocked,
        Unwanted::Stopped,
        Unwanted::Exiting,
        Unwanted::AlreadyWaking,
    ] {
        v.push(step(
            t,
            NotWoken {
                sig: Signal::TERM,
                why,
            },
        ));
    }
    for (task, parent, how, nspid) in [
        ("systemd", None, Creation::GlobalInit, vec![1]),
        (t, Some("dockerd"), Creation::NewNamespace, vec![3, 1]),
        ("ctr-shell", Some(t), Creation::Fork, vec![4, 2]),
        ("exec-shell", Some("dockerd"), Creation::Setns, vec![5, 3]),
    ] {
        v.push(step(
            task,
            Created {
                parent: parent.map(String::from),
                how,
                ns: ns.into(),
                uid: 0,
                nspid,
            },
        ));
    }
    v
}

// --- the blog post's four cases ------------------------------------------

/// Case 1: SIGTERM from inside the container, ctr-init without a handler.
fn sigterm_dropped_by_ns_init() -> TraceStep {
    at(
        Func::SigTaskIgnored,
        "ctr-init",
        Fact::SigTaskIgnored {
            sig: Signal::TERM,
            global_init: false,
            unkillable: true,
            handler: Handler::Dfl,
            force: false,
            decision: TaskIgnored::UnkillableInit,
        },
    )
}

/// Case 2: SIGKILL from inside: not forced, so dropped like SIGTERM.
fn sigkill_dropped_by_ns_init() -> TraceStep {
    at(
        Func::SigTaskIgnored,
        "ctr-init",
        Fact::SigTaskIgnored {
            sig: Signal::KILL,
            global_init: false,
            unkillable: true,
            handler: Handler::Dfl,
            force: false,
            decision: TaskIgnored::UnkillableInit,
        },
    )
}

/// Case 4: SIGKILL from the host: forced, it passes.
fn sigkill_forced_on_ns_init() -> TraceStep {
    at(
        Func::SigTaskIgnored,
        "ctr-init",
        Fact::SigTaskIgnored {
            sig: Signal::KILL,
            global_init: false,
            unkillable: true,
            handler: Handler::Dfl,
            force: true,
            decision: TaskIgnored::Passes,
        },
    )
}

/// Cases 3 and 4: `dockerd` has no PID in `ctr`.
fn force_from_host() -> TraceStep {
    at(
        Func::SendSignal,
        "ctr-init",
        Fact::Force {
            sender: "dockerd".into(),
            seen: 0,
            levels: host_to_ctr(),
            kernel: false,
            force: true,
            si_pid: Some(0),
        },
    )
}

/// Cases 1 and 2: `ctr-shell` is PID 2 in `ctr`.
fn force_from_inside() -> TraceStep {
    at(
        Func::SendSignal,
        "ctr-init",
        Fact::Force {
            sender: "ctr-shell".into(),
            seen: 2,
            levels: Levels {
                sender: vec![4, 2],
                target: vec![3, 1],
                target_level: 1,
            },
            kernel: false,
            force: false,
            si_pid: Some(2),
        },
    )
}

/// Case 4 goes on: the forced SIGKILL kills the whole group.
fn fatal_to_group() -> TraceStep {
    at(
        Func::CompleteSignal,
        "ctr-init",
        Fact::FatalToGroup { sig: Signal::KILL },
    )
}

// --- the walk ------------------------------------------------------------

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The identifiers and numbers in the fact's own fields. Fields whose
/// values are lowercase words that the sentences translate ("terminate",
/// "blocked", "fork", "pending") only contribute their kernel constants.
fn identifiers(f: &Fact) -> Vec<String> {
    const TRANSLATED: &[&str] = &["handler", "default", "action", "why", "queue", "how"];
    let mut out = Vec::new();
    for (key, field) in f.fields() {
        let tokens: Vec<String> = match field {
            Field::Bool(_) => vec![],
            Field::Ints(v) => v.iter().map(|n| n.to_string()).collect(),
            Field::Names(v) => v.to_vec(),
            Field::Set(s) => s.iter().map(|s| s.to_string()).collect(),
            other => vec![other.to_string()],
        };
        for tok in tokens {
            if TRANSLATED.contains(&key) && !tok.chars().any(|c| c.is_ascii_uppercase()) {
                continue;
            }
            out.push(tok);
        }
    }
    out
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// `tok` occurs in `s` as a whole word (not inside a longer identifier
/// or number).
fn mentions(s: &str, tok: &str) -> bool {
    s.match_indices(tok).any(|(i, _)| {
        let before = s[..i].chars().next_back();
        let after = s[i + tok.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// The sentence without the signal sets it prints (`{SIGHUP, SIGTERM}`),
/// which are the only braces a sentence may hold.
fn without_sets(f: &Fact, s: &str) -> String {
    let mut s = s.to_string();
    for (_, field) in f.fields() {
        if let Field::Set(_) = field {
            s = s.replace(&field.to_string(), "");
        }
    }
    s
}

#[test]
fn every_fact_kind_has_an_example() {
    let mut seen = BTreeSet::new();
    for s in examples() {
        assert_eq!(covered(&s.fact), s.fact.kind(), "{:?}", s.fact);
        seen.insert(s.fact.kind());
    }
    let listed: BTreeSet<&str> = KINDS.iter().copied().collect();
    assert_eq!(listed.len(), KINDS.len(), "a kind is listed twice");
    let missing: Vec<_> = listed.difference(&seen).collect();
    assert!(missing.is_empty(), "facts without an example: {missing:?}");
    assert_eq!(seen, listed);
}

#[test]
fn every_sentence_is_complete_in_both_languages() {
    for s in examples() {
        for lang in Lang::ALL {
            let d = describe(&s, lang);
            assert!(!d.trim().is_empty(), "{lang:?} {:?}: empty", s.fact);
            let rest = without_sets(&s.fact, &d);
            assert!(
                !rest.contains('{') && !rest.contains('}'),
                "{lang:?} {:?}: a placeholder is left: {d}",
                s.fact
            );
        }
    }
}

#[test]
fn zh_is_chinese_and_keeps_the_identifiers_en_names() {
    for s in examples() {
        let en = describe(&s, Lang::En);
        let zh = describe(&s, Lang::Zh);
        assert!(zh.chars().any(is_cjk), "{:?}: no Chinese in {zh}", s.fact);
        assert_ne!(zh, en, "{:?}", s.fact);
        let task = s.task.clone().unwrap();
        for tok in identifiers(&s.fact).into_iter().chain([task]) {
            if mentions(&en, &tok) {
                assert!(
                    mentions(&zh, &tok),
                    "{:?}: {tok} is in «{en}» but not in «{zh}»",
                    s.fact
                );
            }
        }
    }
}

/// Each example is a distinct case, and Chinese keeps apart every two
/// cases English keeps apart: no sub-case of `en` collapsed in `zh`.
#[test]
fn zh_distinguishes_what_en_distinguishes() {
    let mut by_en: BTreeMap<String, String> = BTreeMap::new();
    let mut zhs = BTreeSet::new();
    let all = examples();
    for s in &all {
        let en = describe(s, Lang::En);
        let zh = describe(s, Lang::Zh);
        assert!(
            by_en.insert(en.clone(), zh.clone()).is_none(),
            "two examples say «{en}»"
        );
        assert!(
            zhs.insert(zh.clone()),
            "«{zh}» says two different things, the second «{en}»"
        );
    }
    assert_eq!(by_en.len(), all.len());
}

/// 简体中文 typography, the same everywhere: a space between Chinese and
/// ASCII words, none beside full-width punctuation.
#[test]
fn zh_spacing_is_consistent() {
    const FULL_WIDTH: &str = "，。：；（）？！“”、";
    for s in examples() {
        let zh = describe(&s, Lang::Zh);
        let chars: Vec<char> = zh.chars().collect();
        for w in chars.windows(2) {
            let (a, b) = (w[0], w[1]);
            let ascii_word = |c: char| c.is_ascii_alphanumeric() || c == ')' || c == '_';
            assert!(
                !(is_cjk(a) && ascii_word(b) || ascii_word(a) && is_cjk(b)),
                "no space between {a} and {b} in «{zh}»"
            );
            assert!(
                !(a == ' ' && FULL_WIDTH.contains(b) || FULL_WIDTH.contains(a) && b == ' '),
                "a space beside {a}{b} in «{zh}»"
            );
        }
    }
}

// --- exact sentences: the blog post's four cases ---------------------------

#[test]
fn sigterm_to_ns_init_is_dropped() {
    let s = sigterm_dropped_by_ns_init();
    assert_eq!(
        describe(&s, Lang::En),
        "ctr-init is a namespace init (SIGNAL_UNKILLABLE) with no SIGTERM handler; \
         only SIGKILL and SIGSTOP can be forced on it"
    );
    assert_eq!(
        describe(&s, Lang::Zh),
        "ctr-init 是命名空间的 init 进程（SIGNAL_UNKILLABLE），没有 SIGTERM 的处理函数；\
         只有 SIGKILL 和 SIGSTOP 能强制送达它"
    );
}

#[test]
fn sigkill_not_forced_to_ns_init_is_dropped() {
    let s = sigkill_dropped_by_ns_init();
    assert_eq!(
        describe(&s, Lang::En),
        "ctr-init is a namespace init (SIGNAL_UNKILLABLE) with the default SIGKILL action, \
         and a sender in its own namespace is not forced"
    );
    assert_eq!(
        describe(&s, Lang::Zh),
        "ctr-init 是命名空间的 init 进程（SIGNAL_UNKILLABLE），SIGKILL 采用默认动作，\
         而它自己命名空间里的发送者发出的信号不是强制的"
    );
}

#[test]
fn sigkill_forced_to_ns_init_passes() {
    let s = sigkill_forced_on_ns_init();
    assert_eq!(
        describe(&s, Lang::En),
        "a namespace init, but SIGKILL is forced: it passes"
    );
    assert_eq!(
        describe(&s, Lang::Zh),
        "虽是命名空间的 init 进程，但 SIGKILL 是强制发送的：放行"
    );
    assert_eq!(
        describe_with_subject(&s, Lang::En),
        "ctr-init is a namespace init, but SIGKILL is forced: it passes"
    );
    assert_eq!(
        describe_with_subject(&s, Lang::Zh),
        "ctr-init 虽是命名空间的 init 进程，但 SIGKILL 是强制发送的：放行"
    );
}

#[test]
fn sender_in_ancestor_ns_is_forced() {
    let s = force_from_host();
    assert_eq!(
        describe(&s, Lang::En),
        "dockerd has no PID in ctr-init's namespace, so it is in an ancestor namespace: \
         force = true, si_pid = 0"
    );
    assert_eq!(
        describe(&s, Lang::Zh),
        "dockerd 在 ctr-init 的命名空间中没有 PID，因此它位于祖先命名空间：force = true，si_pid = 0"
    );
}

#[test]
fn sender_visible_in_target_ns_is_not_forced() {
    let s = force_from_inside();
    assert_eq!(
        describe(&s, Lang::En),
        "ctr-shell is visible in ctr-init's namespace as 2: force = false"
    );
    assert_eq!(
        describe(&s, Lang::Zh),
        "ctr-shell 在 ctr-init 的命名空间中可见，PID 为 2：force = false"
    );
}

#[test]
fn forced_sigkill_is_fatal_to_the_group() {
    let s = fatal_to_group();
    assert_eq!(
        describe(&s, Lang::En),
        "SIGKILL with SIG_DFL is fatal: the whole group exits now \
         (SIGNAL_GROUP_EXIT, SIGKILL added, woken)"
    );
    assert_eq!(
        describe(&s, Lang::Zh),
        "SIGKILL 的处置为 SIG_DFL，是致命的：整个线程组立即退出\
         （设置 SIGNAL_GROUP_EXIT，加入 SIGKILL，唤醒）"
    );
}

/// The subject is added only where the sentence leaves it implicit.
#[test]
fn subject_is_added_only_to_the_forced_pass() {
    for s in [
        sigterm_dropped_by_ns_init(),
        force_from_host(),
        fatal_to_group(),
    ] {
        for lang in Lang::ALL {
            assert_eq!(describe_with_subject(&s, lang), describe(&s, lang));
        }
    }
}
