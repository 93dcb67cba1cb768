//! The trace: every decision the port makes, in order, as the kernel made
//! it. The app animates exactly these steps and shows the port's own source
//! line for each, so a step is recorded where the decision is taken, with
//! `file!()` and `line!()` of that place — never reconstructed afterwards.
//!
//! A step is data, not prose: the function as a [`Func`], the decision as a
//! [`Fact`] whose fields are the values the function examined. Words are
//! made from facts in one place, [`crate::describe`], in English or
//! 简体中文; everything else (the page's verdicts, the diagram, the tests)
//! matches on the enums.

use crate::fork::Creation;
use crate::sched::{Handler, PidType};
use crate::signum::{DefaultAction, SigSet, Signal};
use crate::uapi::{Errno, SiCode};
use crate::version::{Func, KernelVersion};

/// One decision (or one pass through a function that decides nothing but
/// is on the path, so the diagram can light it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceStep {
    /// The function; [`TraceStep::name`] is its name in `version`.
    pub func: Func,
    pub version: KernelVersion,
    /// Call depth below the syscall (or below the receiver's `get_signal`).
    pub depth: u8,
    /// The process the function is looking at, by scenario id.
    pub task: Option<String>,
    /// What was decided, with the values that decided it.
    pub fact: Fact,
    /// The call itself, or what the world did after it returned (woken
    /// processes dequeuing, dying, their parents hearing SIGCHLD).
    pub phase: Phase,
    /// Set on the one step where the fate of the action was sealed (see
    /// [`Tracer::seal`]).
    pub sealed: bool,
    /// The port's own source location of this decision.
    pub file: &'static str,
    pub line: u32,
}

impl TraceStep {
    /// The function's upstream name in the version followed.
    pub fn name(&self) -> &'static str {
        self.version.name(self.func)
    }

    pub fn verdict(&self) -> Option<Verdict> {
        self.fact.verdict()
    }
}

/// Which part of an action a step belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// Inside the system call (or the kernel's own send).
    #[default]
    Call,
    /// After it returned: the world settling.
    Aftermath,
}

/// What a deciding step decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The call fails with this errno here.
    Fails(Errno),
    /// sig 0: permission and existence checked, nothing sent.
    Probe,
    /// Dropped at generation time (`prepare_signal` said no): the call still returns 0.
    Dropped,
    /// Already pending: a legacy signal does not queue twice.
    Coalesced,
    /// Queued on the target.
    Queued,
    /// Fatal to the whole thread group, decided at send time.
    Fatal,
    /// Dequeued and handed to the user's handler.
    Handled,
    /// Dequeued and thrown away by the receiver.
    Discarded,
    /// Dequeued and the process stopped.
    Stopped,
    /// A stopped process resumed.
    Continued,
    /// Dequeued and the process died of it.
    Killed,
    /// A process exited.
    Exited,
    /// A process was created.
    Created,
}

impl Verdict {
    /// The verdict as a JSON token (snake_case, errno names as they are).
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Fails(e) => e.name(),
            Verdict::Probe => "probe",
            Verdict::Dropped => "dropped",
            Verdict::Coalesced => "coalesced",
            Verdict::Queued => "queued",
            Verdict::Fatal => "fatal",
            Verdict::Handled => "handled",
            Verdict::Discarded => "discarded",
            Verdict::Stopped => "stopped",
            Verdict::Continued => "continued",
            Verdict::Killed => "killed",
            Verdict::Exited => "exited",
            Verdict::Created => "created",
        }
    }
}

/// The PID numbers `send_signal` compares, level by level (index = level,
/// 0 = the root namespace).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Levels {
    pub sender: Vec<i32>,
    pub target: Vec<i32>,
    /// The level of the target's own namespace.
    pub target_level: u8,
}

/// The `info` argument of a send, as `check_kill_permission` sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InfoArg {
    NoInfo,
    Priv,
    Forced,
    Real { si_code: SiCode, si_pid: i32 },
}

/// Why `complete_signal` wakes nobody.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwanted {
    Blocked,
    Stopped,
    Exiting,
    /// TIF_SIGPENDING is already set: something is waking it.
    AlreadyWaking,
}

/// Why a spawn during the run is refused before anything is allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForkRefusal {
    /// `clone(CLONE_NEWPID)` needs CAP_SYS_ADMIN.
    NewNamespace,
    /// `setns` into a PID namespace needs CAP_SYS_ADMIN.
    Setns,
    /// Another uid for the child needs CAP_SETUID.
    Setuid,
}

/// How `sig_task_ignored` decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskIgnored {
    /// A namespace init (SIGNAL_UNKILLABLE) with SIG_DFL, not forced: dropped.
    UnkillableInit,
    /// Passed on to `sig_handler_ignored`.
    Passes,
}

/// One decision of the port, with the values it examined. One variant per
/// decision; the function that takes it is the step's [`Func`]. The names
/// of processes and namespaces are scenario ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    // --- entries -------------------------------------------------------
    /// kill(pid, sig) is called.
    KillCalled { pid: i32, sig: i32 },
    /// tgkill(tgid, pid, sig) is called.
    TgkillCalled { tgid: i32, pid: i32, sig: i32 },
    /// A thread id <= 0: EINVAL.
    BadThreadId { tgid: i32, pid: i32 },
    /// sigqueue(pid, sig): glibc's SI_QUEUE siginfo naming the caller.
    SigqueueCalled { pid: i32, sig: i32, si_pid: i32 },
    /// `do_rt_sigqueueinfo`: a negative si_code may come from user space.
    UserSiCode { si_code: i32 },
    /// pidfd_send_signal(pidfd, sig) is called.
    PidfdSendCalled { sig: i32 },
    /// The kernel sends a signal itself (SEND_SIG_PRIV, as the OOM killer).
    KernelSends { sig: Signal },
    /// A kernel send to a process the scenario never managed to create.
    NeverCreated { target: String },
    /// exit(code) is called.
    ExitCalled { code: i32 },
    /// The system call returns.
    Returns { ret: Option<Errno> },
    /// The siginfo of a user send: its code and the sender as its own
    /// namespace numbers it.
    SiginfoBuilt {
        si_code: SiCode,
        si_pid: i32,
        si_uid: u32,
    },
    /// 6.9+: `do_tkill` has `prepare_kill_siginfo(…, PIDTYPE_PID)` build it.
    ThreadDirected,

    // --- finding the target -------------------------------------------
    /// kill_something_info, pid > 0 (5.7+): off to kill_proc_info.
    OneProcess { pid: i32 },
    /// `find_vpid(pid)` in the caller's namespace.
    FindVpid { pid: i32, ns: String, found: bool },
    /// pid == INT_MIN cannot be negated: ESRCH.
    PidIntMin { pid: i32 },
    /// pid == 0: the caller's own process group.
    OwnGroup { leader: String },
    /// pid < -1: process group -pid in the caller's namespace.
    OtherGroup { pgid: i32, found: bool },
    /// pid == -1: every process the caller's namespace numbers > 1.
    EveryProcess { ns: String },
    /// kill(-1) is done: how many it tried, what it returns.
    EveryProcessDone { candidates: u32, ret: Option<Errno> },
    /// 6.9+ `kill_pid_info` is a wrapper.
    TgidWrapper,
    /// `pid_task` finds nobody: ESRCH.
    NoTask,
    /// `pid_task` finds the task.
    TaskFound { pid_type: PidType },
    /// `__kill_pgrp_info` starts over the group's members.
    GroupMembers { members: u32 },
    /// `__kill_pgrp_info` is done.
    GroupDone {
        members: Vec<String>,
        ret: Option<Errno>,
    },
    /// `find_task_by_vpid` finds no such thread in that group: ESRCH.
    NoSuchThread { tgid: i32, pid: i32 },
    /// The thread is found.
    ThreadFound { pid: i32 },
    /// 4.19 has no pidfd_open: ENOSYS.
    NoPidfdOpen,
    /// pidfd_open(pid): a pidfd for `target`, or why not.
    PidfdOpen {
        pid: i32,
        ns: String,
        target: Option<String>,
        ret: Option<Errno>,
    },

    // --- permission ----------------------------------------------------
    /// `group_send_sig_info`: permission first.
    PermissionFirst { sig: i32 },
    /// sig 0: checked, nothing sent.
    Probe,
    /// Not a valid signal number: EINVAL.
    InvalidSignal { sig: i32 },
    /// The kernel's own signal: no permission check.
    FromKernel { info: InfoArg },
    /// A user send to another process: credentials decide.
    CredentialsDecide { sig: i32, sender: String },
    /// `kill_ok_by_cred`.
    CredCheck {
        uid: u32,
        euid: u32,
        target_uid: u32,
        target_suid: u32,
        uid_match: bool,
        cap_kill: bool,
    },
    /// SIGCONT within the session passes despite the credentials.
    ContSameSession { sig: i32 },
    /// Credentials refuse: EPERM.
    PermissionDenied {
        sender: String,
        sender_uid: u32,
        target_uid: u32,
    },
    /// Permitted (a process may always signal itself).
    Permitted { sig: i32, self_send: bool },

    // --- the send --------------------------------------------------------
    /// `lock_task_sighand` fails: the target was reaped: ESRCH.
    SighandGone,
    /// `lock_task_sighand` succeeds.
    SighandLocked { sig: Signal },
    /// `send_sig_info`: a kernel send with no permission check.
    KernelSendOne,
    /// 4.19 `send_signal`: is the sender in an ancestor namespace?
    FromAncestorNs {
        sender: String,
        seen: i32,
        levels: Levels,
        from_ancestor_ns: bool,
    },
    /// 5.3+ `send_signal`: `force`, and si_pid hidden from below.
    Force {
        sender: String,
        /// `task_pid_nr_ns(current, target ns)`: 0 when the sender has no
        /// number there (it lives in an ancestor namespace).
        seen: i32,
        levels: Levels,
        /// SEND_SIG_PRIV: the kernel's own signal.
        kernel: bool,
        force: bool,
        si_pid: Option<i32>,
    },
    /// `__send_signal` asks `prepare_signal`.
    AsksPrepareSignal { force: bool },
    /// `prepare_signal` said no: dropped, the sender still gets 0.
    NotGenerated { sig: Signal },
    /// `legacy_queue` said it is pending already.
    AlreadyPending { sig: Signal },
    /// Queued.
    Queued {
        sig: Signal,
        private: bool,
        si_pid: Option<i32>,
        si_code: Option<SiCode>,
    },
    /// `prepare_signal` on a process with SIGNAL_GROUP_EXIT; `drops` from 6.1.
    Exiting { drops: bool },
    /// A stop signal flushes SIGCONT.
    StopFlushesCont { sig: Signal, had_cont: bool },
    /// SIGCONT flushes stop signals and resumes a stopped process.
    ContFlushesStops { was_stopped: bool },
    /// Neither a stop signal nor SIGCONT: on to the ignore test.
    NeitherStopNorCont { sig: Signal },
    /// What `sig_ignored` answered.
    IgnoredAnswer { ignored: bool },
    /// `sig_ignored`: a blocked signal is never ignored.
    BlockedCheck { sig: Signal, blocked: bool },
    /// `sig_task_ignored`: the global init never takes SIGKILL or SIGSTOP (5.10+).
    GlobalInitImmune { sig: Signal },
    /// `sig_task_ignored`: the rule the blog post is about.
    SigTaskIgnored {
        sig: Signal,
        global_init: bool,
        unkillable: bool,
        handler: Handler,
        force: bool,
        decision: TaskIgnored,
    },
    /// `sig_handler_ignored`.
    HandlerIgnored {
        sig: Signal,
        handler: Handler,
        default: DefaultAction,
        ignored: bool,
    },
    /// `legacy_queue`.
    LegacyQueue {
        sig: Signal,
        legacy: bool,
        pending: bool,
    },
    /// `complete_signal`: nobody is woken; it stays pending.
    NotWoken { sig: Signal, why: Unwanted },
    /// `complete_signal`: fatal to the group now.
    FatalToGroup { sig: Signal },
    /// `complete_signal`: the target is woken.
    Woken { sig: Signal },

    // --- dispositions and the mask ---------------------------------------
    /// SIGKILL or SIGSTOP take no action: EINVAL.
    CannotCatch { sig: Signal },
    /// A disposition is set (and a pending ignored signal discarded).
    DispositionSet {
        sig: Signal,
        handler: Handler,
        flushed: bool,
    },
    /// The blocked mask changed.
    MaskChanged { old: SigSet, new: SigSet },

    // --- the receiver ----------------------------------------------------
    /// `get_signal` reports a stop or continue to the parent first.
    ReportsToParent { why: SiCode },
    /// A group exit was decided at send time: it exits with that code.
    MarkedForDeath { code: i32 },
    /// Dequeued with SIG_IGN.
    DequeuedIgnored { sig: Signal },
    /// Dequeued into the user's handler.
    DequeuedHandled {
        sig: Signal,
        si_pid: i32,
        si_code: SiCode,
    },
    /// Dequeued with SIG_DFL whose default is to ignore.
    DequeuedDefaultIgnore { sig: Signal },
    /// Dequeued with SIG_DFL by a namespace init: discarded.
    DequeuedByInit { sig: Signal },
    /// A job-control stop in an orphaned process group does nothing.
    DequeuedOrphanedStop { sig: Signal },
    /// Dequeued: the default action is to stop.
    DequeuedStop { sig: Signal },
    /// Dequeued with SIG_DFL: the process dies of it.
    DequeuedFatal { sig: Signal, action: DefaultAction },
    /// Back to user space: the handlers run.
    RunsHandlers { count: u32 },
    /// The process stops.
    Stops,
    /// The parent hears SIGCHLD.
    NotifyParent { si_code: SiCode, si_pid: i32 },
    /// The parent ignores SIGCHLD: no stop/continue notice.
    NoStopNotice { why: SiCode },
    /// The parent ignores SIGCHLD: the child is reaped at once.
    AutoReap { child: String },

    // --- exit ------------------------------------------------------------
    /// `do_group_exit` with the wait status.
    GroupExit { status: i32 },
    /// The global init exits: the kernel panics.
    InitPanics,
    /// Dies before returning to user space: these handlers never run.
    HandlersLost { sigs: SigSet },
    /// A namespace init waits in `zap_pid_ns_processes`.
    WaitsForNamespace,
    /// Exited: reaped at once, or a zombie.
    Exited { autoreap: bool },
    /// The namespace is empty: its init finishes exiting.
    NamespaceEmpty { ns: String },
    /// Children re-parented to the reaper.
    Reparented {
        father: String,
        children: Vec<String>,
    },
    /// A namespace init has no one to take over: the namespace goes.
    InitTakesNamespace { ns: String },
    /// An orphaned group with a stopped member gets SIGHUP and SIGCONT.
    OrphanedGroup { leader: String },
    /// `zap_pid_ns_processes`: SIGKILL to every task numbered >= 2.
    ZapNamespace { ns: String, tasks: u32 },

    // --- fork --------------------------------------------------------------
    /// A spawn refused before allocation: EPERM.
    CannotCreate {
        uid: u32,
        child: String,
        why: ForkRefusal,
    },
    /// The namespace's init died: ENOMEM.
    NamespaceClosed { ns: String },
    /// A process is created.
    Created {
        parent: Option<String>,
        how: Creation,
        ns: String,
        uid: u32,
        nspid: Vec<i32>,
    },
}

impl Fact {
    /// The verdict this decision seals, if any.
    pub fn verdict(&self) -> Option<Verdict> {
        use Fact::*;
        Some(match self {
            BadThreadId { .. } | InvalidSignal { .. } | CannotCatch { .. } => {
                Verdict::Fails(Errno::EINVAL)
            }
            NeverCreated { .. } | PidIntMin { .. } | NoTask | NoSuchThread { .. } | SighandGone => {
                Verdict::Fails(Errno::ESRCH)
            }
            EveryProcessDone { ret: Some(e), .. }
            | GroupDone { ret: Some(e), .. }
            | PidfdOpen { ret: Some(e), .. } => Verdict::Fails(*e),
            NoPidfdOpen => Verdict::Fails(Errno::ENOSYS),
            PermissionDenied { .. } | CannotCreate { .. } => Verdict::Fails(Errno::EPERM),
            NamespaceClosed { .. } => Verdict::Fails(Errno::ENOMEM),
            Probe => Verdict::Probe,
            NotGenerated { .. }
            | Exiting { drops: true }
            | GlobalInitImmune { .. }
            | SigTaskIgnored {
                decision: TaskIgnored::UnkillableInit,
                ..
            }
            | HandlerIgnored { ignored: true, .. } => Verdict::Dropped,
            AlreadyPending { .. } => Verdict::Coalesced,
            Queued { .. } => Verdict::Queued,
            FatalToGroup { .. } => Verdict::Fatal,
            ContFlushesStops { was_stopped: true } => Verdict::Continued,
            DispositionSet { flushed: true, .. }
            | DequeuedIgnored { .. }
            | DequeuedDefaultIgnore { .. }
            | DequeuedByInit { .. }
            | DequeuedOrphanedStop { .. } => Verdict::Discarded,
            DequeuedHandled { .. } => Verdict::Handled,
            MarkedForDeath { .. } | DequeuedFatal { .. } | InitPanics => Verdict::Killed,
            Stops => Verdict::Stopped,
            Exited { .. } => Verdict::Exited,
            Created { .. } => Verdict::Created,
            _ => return None,
        })
    }

    /// The fact's kind as a snake_case token (the JSON `kind`).
    pub fn kind(&self) -> &'static str {
        self.view().0
    }

    /// The values the decision examined, by name, in the order the port
    /// examined them.
    pub fn fields(&self) -> Vec<(&'static str, Field<'_>)> {
        self.view().1
    }

    fn view(&self) -> (&'static str, Vec<(&'static str, Field<'_>)>) {
        use Fact::*;
        use Field as F;
        let ret = |r: &Option<Errno>| F::Ret(*r);
        fn name(s: &str) -> Field<'_> {
            Field::Name(s)
        }
        let stat = name;
        match self {
            KillCalled { pid, sig } => (
                "kill_called",
                vec![("pid", F::Int(*pid as i64)), ("sig", F::RawSig(*sig))],
            ),
            TgkillCalled { tgid, pid, sig } => (
                "tgkill_called",
                vec![
                    ("tgid", F::Int(*tgid as i64)),
                    ("pid", F::Int(*pid as i64)),
                    ("sig", F::RawSig(*sig)),
                ],
            ),
            BadThreadId { tgid, pid } => (
                "bad_thread_id",
                vec![("tgid", F::Int(*tgid as i64)), ("pid", F::Int(*pid as i64))],
            ),
            SigqueueCalled { pid, sig, si_pid } => (
                "sigqueue_called",
                vec![
                    ("pid", F::Int(*pid as i64)),
                    ("sig", F::RawSig(*sig)),
                    ("si_code", stat("SI_QUEUE")),
                    ("si_pid", F::Int(*si_pid as i64)),
                ],
            ),
            UserSiCode { si_code } => ("user_si_code", vec![("si_code", F::Int(*si_code as i64))]),
            PidfdSendCalled { sig } => ("pidfd_send_called", vec![("sig", F::RawSig(*sig))]),
            KernelSends { sig } => ("kernel_sends", vec![("sig", F::Sig(*sig))]),
            NeverCreated { target } => ("never_created", vec![("target", name(target))]),
            ExitCalled { code } => ("exit_called", vec![("code", F::Int(*code as i64))]),
            Returns { ret: r } => ("returns", vec![("ret", ret(r))]),
            SiginfoBuilt {
                si_code,
                si_pid,
                si_uid,
            } => (
                "siginfo_built",
                vec![
                    ("si_code", stat(si_code.name())),
                    ("si_pid", F::Int(*si_pid as i64)),
                    ("si_uid", F::Int(*si_uid as i64)),
                ],
            ),
            ThreadDirected => ("thread_directed", vec![("type", stat("PIDTYPE_PID"))]),
            OneProcess { pid } => ("one_process", vec![("pid", F::Int(*pid as i64))]),
            FindVpid { pid, ns, found } => (
                "find_vpid",
                vec![
                    ("pid", F::Int(*pid as i64)),
                    ("namespace", name(ns)),
                    ("found", F::Bool(*found)),
                ],
            ),
            PidIntMin { pid } => ("pid_int_min", vec![("pid", F::Int(*pid as i64))]),
            OwnGroup { leader } => (
                "own_group",
                vec![("pid", F::Int(0)), ("leader", name(leader))],
            ),
            OtherGroup { pgid, found } => (
                "other_group",
                vec![("pid", F::Int(-(*pgid as i64))), ("found", F::Bool(*found))],
            ),
            EveryProcess { ns } => (
                "every_process",
                vec![("pid", F::Int(-1)), ("namespace", name(ns))],
            ),
            EveryProcessDone { candidates, ret: r } => (
                "every_process_done",
                vec![("candidates", F::Int(*candidates as i64)), ("ret", ret(r))],
            ),
            TgidWrapper => ("tgid_wrapper", vec![("type", stat("PIDTYPE_TGID"))]),
            NoTask => ("no_task", vec![]),
            TaskFound { pid_type } => ("task_found", vec![("type", stat(pid_type.name()))]),
            GroupMembers { members } => {
                ("group_members", vec![("members", F::Int(*members as i64))])
            }
            GroupDone { members, ret: r } => (
                "group_done",
                vec![("members", F::Names(members)), ("ret", ret(r))],
            ),
            NoSuchThread { tgid, pid } => (
                "no_such_thread",
                vec![("tgid", F::Int(*tgid as i64)), ("pid", F::Int(*pid as i64))],
            ),
            ThreadFound { pid } => ("thread_found", vec![("pid", F::Int(*pid as i64))]),
            NoPidfdOpen => ("no_pidfd_open", vec![]),
            PidfdOpen {
                pid,
                ns,
                target,
                ret: r,
            } => {
                let mut v = vec![("pid", F::Int(*pid as i64)), ("namespace", name(ns))];
                if let Some(t) = target {
                    v.push(("target", name(t)));
                }
                v.push(("ret", ret(r)));
                ("pidfd_open", v)
            }
            PermissionFirst { sig } => ("permission_first", vec![("sig", F::RawSig(*sig))]),
            Probe => ("probe", vec![]),
            InvalidSignal { sig } => ("invalid_signal", vec![("sig", F::Int(*sig as i64))]),
            FromKernel { info } => {
                let mut v = vec![("info", stat(info.name()))];
                if let InfoArg::Real { si_code, si_pid } = info {
                    v.push(("si_code", stat(si_code.name())));
                    v.push(("si_pid", F::Int(*si_pid as i64)));
                }
                ("from_kernel", v)
            }
            CredentialsDecide { sig, sender } => (
                "credentials_decide",
                vec![("sig", F::RawSig(*sig)), ("sender", name(sender))],
            ),
            CredCheck {
                uid,
                euid,
                target_uid,
                target_suid,
                uid_match,
                cap_kill,
            } => (
                "cred_check",
                vec![
                    ("uid", F::Int(*uid as i64)),
                    ("euid", F::Int(*euid as i64)),
                    ("target_uid", F::Int(*target_uid as i64)),
                    ("target_suid", F::Int(*target_suid as i64)),
                    ("uid_match", F::Bool(*uid_match)),
                    ("cap_kill", F::Bool(*cap_kill)),
                ],
            ),
            ContSameSession { sig } => ("cont_same_session", vec![("sig", F::RawSig(*sig))]),
            PermissionDenied {
                sender,
                sender_uid,
                target_uid,
            } => (
                "permission_denied",
                vec![
                    ("sender", name(sender)),
                    ("sender_uid", F::Int(*sender_uid as i64)),
                    ("target_uid", F::Int(*target_uid as i64)),
                ],
            ),
            Permitted { sig, self_send } => (
                "permitted",
                vec![("sig", F::RawSig(*sig)), ("self_send", F::Bool(*self_send))],
            ),
            SighandGone => ("sighand_gone", vec![]),
            SighandLocked { sig } => ("sighand_locked", vec![("sig", F::Sig(*sig))]),
            KernelSendOne => ("kernel_send_one", vec![]),
            FromAncestorNs {
                sender,
                seen,
                levels,
                from_ancestor_ns,
            } => {
                let mut v = vec![("sender", name(sender)), ("seen", F::Int(*seen as i64))];
                push_levels(&mut v, levels);
                v.push(("from_ancestor_ns", F::Bool(*from_ancestor_ns)));
                ("from_ancestor_ns", v)
            }
            Force {
                sender,
                seen,
                levels,
                kernel,
                force,
                si_pid,
            } => {
                let mut v = vec![("sender", name(sender)), ("seen", F::Int(*seen as i64))];
                push_levels(&mut v, levels);
                v.push(("kernel", F::Bool(*kernel)));
                v.push(("force", F::Bool(*force)));
                if let Some(p) = si_pid {
                    v.push(("si_pid", F::Int(*p as i64)));
                }
                ("force", v)
            }
            AsksPrepareSignal { force } => {
                ("asks_prepare_signal", vec![("force", F::Bool(*force))])
            }
            NotGenerated { sig } => ("not_generated", vec![("sig", F::Sig(*sig))]),
            AlreadyPending { sig } => ("already_pending", vec![("sig", F::Sig(*sig))]),
            Queued {
                sig,
                private,
                si_pid,
                si_code,
            } => {
                let mut v = vec![
                    ("sig", F::Sig(*sig)),
                    (
                        "queue",
                        stat(if *private {
                            "pending"
                        } else {
                            "shared_pending"
                        }),
                    ),
                ];
                if let (Some(p), Some(c)) = (si_pid, si_code) {
                    v.push(("si_pid", F::Int(*p as i64)));
                    v.push(("si_code", stat(c.name())));
                }
                ("queued", v)
            }
            Exiting { drops } => ("exiting", vec![("drops", F::Bool(*drops))]),
            StopFlushesCont { sig, had_cont } => (
                "stop_flushes_cont",
                vec![("sig", F::Sig(*sig)), ("had_cont", F::Bool(*had_cont))],
            ),
            ContFlushesStops { was_stopped } => (
                "cont_flushes_stops",
                vec![("was_stopped", F::Bool(*was_stopped))],
            ),
            NeitherStopNorCont { sig } => ("neither_stop_nor_cont", vec![("sig", F::Sig(*sig))]),
            IgnoredAnswer { ignored } => ("ignored_answer", vec![("ignored", F::Bool(*ignored))]),
            BlockedCheck { sig, blocked } => (
                "blocked_check",
                vec![("sig", F::Sig(*sig)), ("blocked", F::Bool(*blocked))],
            ),
            GlobalInitImmune { sig } => (
                "global_init_immune",
                vec![("global_init", F::Bool(true)), ("sig", F::Sig(*sig))],
            ),
            SigTaskIgnored {
                sig,
                global_init,
                unkillable,
                handler,
                force,
                decision,
            } => (
                "sig_task_ignored",
                vec![
                    ("sig", F::Sig(*sig)),
                    ("global_init", F::Bool(*global_init)),
                    ("unkillable", F::Bool(*unkillable)),
                    ("handler", stat(handler.name())),
                    ("force", F::Bool(*force)),
                    ("ignored", F::Bool(*decision != TaskIgnored::Passes)),
                ],
            ),
            HandlerIgnored {
                sig,
                handler,
                default,
                ignored,
            } => (
                "handler_ignored",
                vec![
                    ("sig", F::Sig(*sig)),
                    ("handler", stat(handler.name())),
                    ("default", stat(default.name())),
                    ("ignored", F::Bool(*ignored)),
                ],
            ),
            LegacyQueue {
                sig,
                legacy,
                pending,
            } => (
                "legacy_queue",
                vec![
                    ("sig", F::Sig(*sig)),
                    ("legacy", F::Bool(*legacy)),
                    ("pending", F::Bool(*pending)),
                ],
            ),
            NotWoken { sig, why } => (
                "not_woken",
                vec![("sig", F::Sig(*sig)), ("why", stat(why.name()))],
            ),
            FatalToGroup { sig } => ("fatal_to_group", vec![("group_exit_code", F::Sig(*sig))]),
            Woken { sig } => ("woken", vec![("sig", F::Sig(*sig))]),
            CannotCatch { sig } => ("cannot_catch", vec![("sig", F::Sig(*sig))]),
            DispositionSet {
                sig,
                handler,
                flushed,
            } => (
                "disposition_set",
                vec![
                    ("sig", F::Sig(*sig)),
                    ("handler", stat(handler.name())),
                    ("flushed", F::Bool(*flushed)),
                ],
            ),
            MaskChanged { old, new } => (
                "mask_changed",
                vec![("old", F::Set(*old)), ("blocked", F::Set(*new))],
            ),
            ReportsToParent { why } => ("reports_to_parent", vec![("why", stat(why.name()))]),
            MarkedForDeath { code } => ("marked_for_death", vec![("code", F::RawSig(*code))]),
            DequeuedIgnored { sig } => ("dequeued_ignored", vec![("sig", F::Sig(*sig))]),
            DequeuedHandled {
                sig,
                si_pid,
                si_code,
            } => (
                "dequeued_handled",
                vec![
                    ("sig", F::Sig(*sig)),
                    ("si_pid", F::Int(*si_pid as i64)),
                    ("si_code", stat(si_code.name())),
                ],
            ),
            DequeuedDefaultIgnore { sig } => {
                ("dequeued_default_ignore", vec![("sig", F::Sig(*sig))])
            }
            DequeuedByInit { sig } => (
                "dequeued_by_init",
                vec![("sig", F::Sig(*sig)), ("unkillable", F::Bool(true))],
            ),
            DequeuedOrphanedStop { sig } => (
                "dequeued_orphaned_stop",
                vec![("sig", F::Sig(*sig)), ("orphaned_pgrp", F::Bool(true))],
            ),
            DequeuedStop { sig } => ("dequeued_stop", vec![("sig", F::Sig(*sig))]),
            DequeuedFatal { sig, action } => (
                "dequeued_fatal",
                vec![("sig", F::Sig(*sig)), ("action", stat(action.name()))],
            ),
            RunsHandlers { count } => ("runs_handlers", vec![("count", F::Int(*count as i64))]),
            Stops => ("stops", vec![]),
            NotifyParent { si_code, si_pid } => (
                "notify_parent",
                vec![
                    ("si_code", stat(si_code.name())),
                    ("si_pid", F::Int(*si_pid as i64)),
                ],
            ),
            NoStopNotice { why } => ("no_stop_notice", vec![("why", stat(why.name()))]),
            AutoReap { child } => (
                "auto_reap",
                vec![("child", name(child)), ("autoreap", F::Bool(true))],
            ),
            GroupExit { status } => ("group_exit", vec![("status", F::Int(*status as i64))]),
            InitPanics => ("init_panics", vec![]),
            HandlersLost { sigs } => ("handlers_lost", vec![("sigs", F::Set(*sigs))]),
            WaitsForNamespace => ("waits_for_namespace", vec![]),
            Exited { autoreap } => ("exited", vec![("autoreap", F::Bool(*autoreap))]),
            NamespaceEmpty { ns } => ("namespace_empty", vec![("namespace", name(ns))]),
            Reparented { father, children } => (
                "reparented",
                vec![("father", name(father)), ("children", F::Names(children))],
            ),
            InitTakesNamespace { ns } => ("init_takes_namespace", vec![("namespace", name(ns))]),
            OrphanedGroup { leader } => ("orphaned_group", vec![("leader", name(leader))]),
            ZapNamespace { ns, tasks } => (
                "zap_namespace",
                vec![("namespace", name(ns)), ("tasks", F::Int(*tasks as i64))],
            ),
            CannotCreate { uid, child, why } => (
                "cannot_create",
                vec![
                    ("uid", F::Int(*uid as i64)),
                    ("child", name(child)),
                    ("why", stat(why.name())),
                ],
            ),
            NamespaceClosed { ns } => ("namespace_closed", vec![("namespace", name(ns))]),
            Created {
                parent,
                how,
                ns,
                uid,
                nspid,
            } => {
                let mut v = Vec::new();
                if let Some(p) = parent {
                    v.push(("parent", name(p)));
                }
                v.push(("how", stat(how.name())));
                v.push(("namespace", name(ns)));
                v.push(("uid", F::Int(*uid as i64)));
                v.push(("nspid", F::Ints(nspid)));
                ("created", v)
            }
        }
    }
}

fn push_levels<'a>(v: &mut Vec<(&'static str, Field<'a>)>, l: &'a Levels) {
    v.push(("sender_pids", Field::Ints(&l.sender)));
    v.push(("target_pids", Field::Ints(&l.target)));
    v.push(("target_level", Field::Int(l.target_level as i64)));
}

/// One examined value, typed: what the JSON writes as a boolean, a number,
/// a string or an array, and what the page shows beside a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field<'a> {
    Bool(bool),
    Int(i64),
    /// A valid signal: its name.
    Sig(Signal),
    /// A signal number as a caller passed it: its name where it has one.
    RawSig(i32),
    /// An identifier: a process or namespace id, or a kernel constant.
    Name(&'a str),
    /// A return value: 0 or the errno.
    Ret(Option<Errno>),
    /// PID numbers, one per namespace level.
    Ints(&'a [i32]),
    Names(&'a [String]),
    Set(SigSet),
}

impl std::fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Field::Bool(b) => write!(f, "{b}"),
            Field::Int(n) => write!(f, "{n}"),
            Field::Sig(s) => write!(f, "{s}"),
            Field::RawSig(n) => f.write_str(&crate::signal::sig_name(*n)),
            Field::Name(s) => f.write_str(s),
            Field::Ret(None) => f.write_str("0"),
            Field::Ret(Some(e)) => f.write_str(e.name()),
            Field::Ints(v) => {
                for (i, n) in v.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "{n}")?;
                }
                Ok(())
            }
            Field::Names(v) => f.write_str(&v.join(", ")),
            Field::Set(s) => {
                f.write_str("{")?;
                for (i, sig) in s.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{sig}")?;
                }
                f.write_str("}")
            }
        }
    }
}

impl InfoArg {
    pub fn name(self) -> &'static str {
        match self {
            InfoArg::NoInfo => "SEND_SIG_NOINFO",
            InfoArg::Priv => "SEND_SIG_PRIV",
            InfoArg::Forced => "SEND_SIG_FORCED",
            InfoArg::Real { .. } => "siginfo",
        }
    }
}

impl Unwanted {
    pub fn name(self) -> &'static str {
        match self {
            Unwanted::Blocked => "blocked",
            Unwanted::Stopped => "stopped",
            Unwanted::Exiting => "exiting",
            Unwanted::AlreadyWaking => "already_waking",
        }
    }
}

impl ForkRefusal {
    pub fn name(self) -> &'static str {
        match self {
            ForkRefusal::NewNamespace => "new_namespace_needs_cap_sys_admin",
            ForkRefusal::Setns => "setns_needs_cap_sys_admin",
            ForkRefusal::Setuid => "setuid_needs_cap_setuid",
        }
    }
}

/// Collects steps while on; costs one branch per decision while off.
#[derive(Clone, Debug, Default)]
pub struct Tracer {
    pub on: bool,
    pub depth: u8,
    pub phase: Phase,
    pub steps: Vec<TraceStep>,
}

/// Records a step if tracing is on: `trace!(k; Func::X, task, Fact::Y { … })`.
/// Nothing is built when tracing is off. The `;` keeps rustfmt from
/// spreading a call over several lines: each decision stays one line, so
/// the port reads beside `kernel/signal.c`.
macro_rules! trace {
    ($k:ident; $func:expr, $task:expr, $fact:expr $(,)?) => {
        if $k.tracer.on {
            let task: Option<$crate::sched::TaskId> = $task;
            let fact = $fact;
            $k.record($func, task, fact, file!(), line!());
        }
    };
}

impl crate::sched::Kernel {
    /// The out-of-line half of [`trace!`]: one call per decision instead of
    /// the step built in place at each of ~100 sites (which cost the page's
    /// wasm several KiB).
    #[doc(hidden)]
    #[inline(never)]
    pub fn record(
        &mut self,
        func: Func,
        task: Option<crate::sched::TaskId>,
        fact: Fact,
        file: &'static str,
        line: u32,
    ) {
        let step = TraceStep {
            func,
            version: self.version,
            depth: self.tracer.depth,
            task: task.map(|t| self.tasks[t].name.clone()),
            fact,
            phase: self.tracer.phase,
            sealed: false,
            file,
            line,
        };
        self.tracer.steps.push(step);
    }
}

impl Tracer {
    /// Marks where the action's fate was sealed, once the world settled.
    ///
    /// For an `exit` (`actor_exits`), the step where the caller is gone
    /// (exited, or the global init's panic). Otherwise the first step of
    /// the call with a verdict — except that "queued" followed by "fatal"
    /// in the same call is sealed at the fatal one (`complete_signal`
    /// decides the group dies) — or, if the call decided nothing, the first
    /// verdict of the aftermath.
    pub fn seal(&mut self, actor: Option<&str>, actor_exits: bool) {
        let steps = &self.steps;
        let gone = || {
            steps.iter().position(|s| {
                s.task.as_deref() == actor
                    && matches!(s.verdict(), Some(Verdict::Exited | Verdict::Killed))
            })
        };
        let call_end = steps
            .iter()
            .position(|s| s.phase == Phase::Aftermath)
            .unwrap_or(steps.len());
        let in_call = || {
            let first = steps[..call_end]
                .iter()
                .position(|s| s.verdict().is_some())?;
            if steps[first].verdict() != Some(Verdict::Queued) {
                return Some(first);
            }
            let next = steps[first + 1..call_end]
                .iter()
                .position(|s| s.verdict().is_some())
                .map(|k| first + 1 + k);
            Some(match next {
                Some(k) if steps[k].verdict() == Some(Verdict::Fatal) => k,
                _ => first,
            })
        };
        let at = (if actor_exits { gone() } else { None })
            .or_else(in_call)
            .or_else(|| steps.iter().position(|s| s.verdict().is_some()));
        if let Some(i) = at {
            self.steps[i].sealed = true;
        }
    }
}

/// Calls a ported function one level deeper in the trace.
macro_rules! call {
    ($k:ident, $e:expr) => {{
        $k.tracer.depth += 1;
        let r = $e;
        $k.tracer.depth -= 1;
        r
    }};
}

pub(crate) use {call, trace};

/// `--trace` JSON: the function as the version names it, the process, the
/// fact (`kind` and its typed fields), the English sentence (`reason`), the
/// verdict, the phase and seal markers, and the port's source location.
impl serde::Serialize for TraceStep {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("func", self.name())?;
        m.serialize_entry("depth", &self.depth)?;
        if let Some(t) = &self.task {
            m.serialize_entry("task", t)?;
        }
        m.serialize_entry("fact", &FactJson(&self.fact))?;
        m.serialize_entry(
            "reason",
            &crate::describe::describe(self, crate::describe::Lang::En),
        )?;
        if let Some(v) = self.verdict() {
            m.serialize_entry("verdict", v.label())?;
        }
        if self.phase == Phase::Aftermath {
            m.serialize_entry("aftermath", &true)?;
        }
        if self.sealed {
            m.serialize_entry("sealed", &true)?;
        }
        m.serialize_entry("file", self.file)?;
        m.serialize_entry("line", &self.line)?;
        m.end()
    }
}

struct FactJson<'a>(&'a Fact);

impl serde::Serialize for FactJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (kind, fields) = self.0.view();
        let mut m = s.serialize_map(Some(fields.len() + 1))?;
        m.serialize_entry("kind", kind)?;
        for (k, v) in &fields {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Booleans and numbers as JSON's own, names as strings, lists as arrays;
/// a return value is 0 or its errno's name.
impl serde::Serialize for Field<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            Field::Bool(b) => s.serialize_bool(*b),
            Field::Int(n) => s.serialize_i64(*n),
            Field::Sig(sig) => s.collect_str(sig),
            Field::RawSig(n) => match Signal::new(*n as i64) {
                Some(sig) => s.collect_str(&sig),
                None => s.serialize_i32(*n),
            },
            Field::Name(n) => s.serialize_str(n),
            Field::Ret(None) => s.serialize_i32(0),
            Field::Ret(Some(e)) => s.serialize_str(e.name()),
            Field::Ints(v) => v.serialize(s),
            Field::Names(v) => v.serialize(s),
            Field::Set(set) => {
                let mut q = s.serialize_seq(None)?;
                for sig in set.iter() {
                    q.serialize_element(&sig.to_string())?;
                }
                q.end()
            }
        }
    }
}
