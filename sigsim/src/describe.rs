//! The one place where a trace step becomes words: a [`Fact`] and the
//! process it is about, in English or 简体中文. The page, the CLI
//! (`--trace --lang zh`) and the tests of wording use this and nothing
//! else; no other code builds an explanation.
//!
//! Each language is one exhaustive `match` over [`Fact`], so a new fact
//! that lacks a sentence in either language does not compile.

use crate::sched::Handler;
use crate::signal::sig_name;
use crate::signum::DefaultAction;
use crate::trace::{Fact, Field, ForkRefusal, InfoArg, TaskIgnored, TraceStep, Unwanted};
use crate::uapi::Errno;

/// A language the sentences are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    /// 简体中文.
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag: `en`, `zh`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// The step's decision in one sentence.
pub fn describe(step: &TraceStep, lang: Lang) -> String {
    let task = step.task.as_deref().unwrap_or("?");
    match lang {
        Lang::En => en(step, task),
        Lang::Zh => zh(step, task),
    }
}

/// The sentence with its subject where the step's own sentence leaves it
/// implicit ("a namespace init, but SIGKILL is forced" → "ctr-init is a
/// namespace init, but …"): for the page's one-line verdict.
pub fn describe_with_subject(step: &TraceStep, lang: Lang) -> String {
    let s = describe(step, lang);
    match (&step.fact, &step.task) {
        (
            Fact::SigTaskIgnored {
                unkillable: true,
                decision: TaskIgnored::Passes,
                ..
            },
            Some(t),
        ) => match lang {
            Lang::En => format!("{t} is {s}"),
            // zh's sentence starts with 虽是 ("although it is"): the
            // subject goes in front of it.
            Lang::Zh => format!("{t} {s}"),
        },
        _ => s,
    }
}

fn ret(r: Option<Errno>) -> &'static str {
    r.map_or("0", Errno::name)
}

fn found(f: bool) -> &'static str {
    if f {
        "finds it"
    } else {
        "finds nothing"
    }
}

fn found_zh(f: bool) -> &'static str {
    if f {
        "找到了它"
    } else {
        "什么也没找到"
    }
}

/// What a disposition was set to, as the predicate of "{sig} …".
fn handler_en(h: Handler) -> &'static str {
    match h {
        Handler::Dfl => "is now SIG_DFL",
        Handler::Ign => "is now SIG_IGN",
        Handler::User => "now has a handler",
    }
}

/// What a disposition was set to, as the predicate of "{sig} 现已…".
fn disposition_zh(h: Handler) -> &'static str {
    match h {
        Handler::Dfl => "设为 SIG_DFL",
        Handler::Ign => "设为 SIG_IGN",
        Handler::User => "装有处理函数",
    }
}

fn action_en(a: DefaultAction) -> &'static str {
    match a {
        DefaultAction::Terminate => "terminate",
        DefaultAction::Core => "terminate (core)",
        DefaultAction::Stop => "stop",
        DefaultAction::Continue => "continue",
        DefaultAction::Ignore => "ignore",
    }
}

fn action_zh(a: DefaultAction) -> &'static str {
    match a {
        DefaultAction::Terminate => "终止进程",
        DefaultAction::Core => "终止进程并转储 core",
        DefaultAction::Stop => "停止进程",
        DefaultAction::Continue => "继续运行",
        DefaultAction::Ignore => "忽略",
    }
}

fn set(s: &crate::signum::SigSet) -> String {
    Field::Set(*s).to_string()
}

fn en(step: &TraceStep, task: &str) -> String {
    use Fact::*;
    let name = step.name();
    match &step.fact {
        KillCalled { pid, sig } => format!("{task} calls kill({pid}, {sig})"),
        TgkillCalled { tgid, pid, sig } => format!("{task} calls tgkill({tgid}, {pid}, {sig})"),
        BadThreadId { .. } => "a thread id must be positive: EINVAL".into(),
        SigqueueCalled { pid, sig, si_pid } => format!(
            "{task} calls sigqueue({pid}, {sig}): si_code SI_QUEUE, si_pid {si_pid} from user space"
        ),
        UserSiCode { .. } => "si_code < 0: user space may send it".into(),
        PidfdSendCalled { sig } => format!("{task} sends {} through a pidfd", sig_name(*sig)),
        KernelSends { sig } => {
            format!("the kernel sends {sig} (SEND_SIG_PRIV, as the OOM killer does)")
        }
        NeverCreated { target } => format!("{target} was never created: ESRCH"),
        ExitCalled { code } => format!("{task} calls exit({code})"),
        Returns { ret: r } => format!("{name} returns {}", ret(*r)),
        SiginfoBuilt {
            si_code, si_pid, ..
        } => format!(
            "siginfo: si_code {}, si_pid {si_pid} — the sender's PID in its own namespace",
            si_code.name()
        ),
        ThreadDirected => {
            "prepare_kill_siginfo(sig, &info, PIDTYPE_PID): a thread-directed send".into()
        }
        OneProcess { .. } => "pid > 0: one process, looked up in the caller's namespace".into(),
        FindVpid { pid, ns, found: f } => {
            let s = format!("find_vpid({pid}) in namespace {ns} {}", found(*f));
            if step.func == crate::version::Func::KillSomethingInfo {
                format!("pid > 0: {s}")
            } else {
                s
            }
        }
        PidIntMin { .. } => "pid is INT_MIN, which cannot be negated: ESRCH".into(),
        OwnGroup { leader } => format!(
            "pid 0: the caller's own process group (led by {leader}), wherever its members live"
        ),
        OtherGroup { pgid, found: f } => format!(
            "pid < -1: process group {pgid} in the caller's namespace {}",
            found(*f)
        ),
        EveryProcess { ns } => format!(
            "pid -1: every process whose PID in namespace {ns} is greater than 1, except the caller"
        ),
        EveryProcessDone { candidates: 0, .. } => "no candidate is visible: ESRCH".into(),
        EveryProcessDone { candidates, ret: r } => format!(
            "{candidates} candidates; EPERM from any of them is not reported, so the call returns {}",
            ret(*r)
        ),
        TgidWrapper => "a wrapper since 6.9: kill_pid_info_type(…, PIDTYPE_TGID)".into(),
        NoTask => "pid_task finds no process with that PID: ESRCH".into(),
        TaskFound { .. } => format!("pid_task: {task}"),
        GroupMembers { .. } => format!(
            "every member of the process group led by {task}, newest first, whatever its namespace"
        ),
        GroupDone { members, .. } if members.is_empty() => {
            "no process is in that group: ESRCH".into()
        }
        GroupDone { members, ret: r } => format!(
            "{} members; the call returns {}",
            members.len(),
            ret(*r)
        ),
        NoSuchThread { tgid, pid } => format!(
            "find_task_by_vpid({pid}) finds no such thread in thread group {tgid}: ESRCH"
        ),
        ThreadFound { pid } => format!("thread {pid} is {task}"),
        NoPidfdOpen => "4.19 has no pidfd_open (5.3): ENOSYS".into(),
        PidfdOpen {
            pid,
            ns,
            target: Some(t),
            ..
        } => format!("find_get_pid({pid}) in namespace {ns}: a pidfd for {t}"),
        PidfdOpen {
            pid,
            ns,
            ret: Some(Errno::ESRCH),
            ..
        } => format!("no PID {pid} in namespace {ns}: ESRCH"),
        PidfdOpen { pid, .. } => format!("PID {pid} no longer belongs to a process: EINVAL"),
        PermissionFirst { .. } => {
            format!("to {task}: check_kill_permission first, then send unless sig is 0")
        }
        Probe if step.func == crate::version::Func::DoSendSpecific => {
            "sig 0: nothing is sent".into()
        }
        Probe => "sig 0: the target exists and may be signalled; nothing is sent".into(),
        InvalidSignal { sig } => {
            format!("{sig} is not a valid signal (valid_signal: 0..64): EINVAL")
        }
        FromKernel { info } => {
            let what = match info {
                InfoArg::Real { si_code, si_pid } => format!("{} si_pid={si_pid}", si_code.name()),
                other => other.name().to_string(),
            };
            format!("{what} comes from the kernel: no permission check")
        }
        CredentialsDecide { sig, sender } => format!(
            "{} is valid and comes from user space; {sender} is not the target, so credentials decide",
            sig_name(*sig)
        ),
        CredCheck {
            uid_match: true, ..
        } => "the uids match".into(),
        CredCheck { cap_kill: true, .. } => "uids differ, but the sender holds CAP_KILL".into(),
        CredCheck { .. } => "uids differ and no CAP_KILL".into(),
        ContSameSession { .. } => {
            "credentials do not match, but SIGCONT within the sender's own session is allowed"
                .into()
        }
        PermissionDenied {
            sender,
            sender_uid,
            target_uid,
        } => format!(
            "{sender} (uid {sender_uid}) may not signal {task} (uid {target_uid}) and lacks CAP_KILL: EPERM"
        ),
        Permitted {
            self_send: true, ..
        } => "a process may always signal itself".into(),
        Permitted { .. } => "permitted".into(),
        SighandGone => "lock_task_sighand fails: the process was reaped: ESRCH".into(),
        SighandLocked { .. } => "lock_task_sighand succeeds".into(),
        KernelSendOne => "a kernel send to one task: no permission check".into(),
        FromAncestorNs {
            sender,
            from_ancestor_ns: true,
            ..
        } => format!(
            "{sender} has no PID in the target's namespace: it is in an ancestor namespace, from_ancestor_ns = 1"
        ),
        FromAncestorNs { .. } => "from_ancestor_ns = 0".into(),
        Force { kernel: true, .. } => {
            "SEND_SIG_PRIV: the kernel's own signal is always forced".into()
        }
        Force {
            sender, seen: 0, ..
        } => format!(
            "{sender} has no PID in {task}'s namespace, so it is in an ancestor namespace: force = true, si_pid = 0"
        ),
        Force { sender, seen, .. } => {
            format!("{sender} is visible in {task}'s namespace as {seen}: force = false")
        }
        AsksPrepareSignal { .. } => {
            "prepare_signal decides whether the signal is generated at all".into()
        }
        NotGenerated { sig } => {
            format!("prepare_signal said no: {sig} is dropped and the sender still gets 0")
        }
        AlreadyPending { sig } => {
            format!("{sig} is already pending and legacy signals do not queue twice")
        }
        Queued {
            sig,
            private,
            si_pid,
            si_code,
        } => {
            let queue = if *private { "private" } else { "shared" };
            let record = match (si_pid, si_code) {
                (Some(p), Some(c)) => format!(" with si_pid {p} ({})", c.name()),
                _ => String::new(),
            };
            format!("{sig} is queued on {task}'s {queue} queue{record}")
        }
        Exiting { drops: true } => {
            format!("{task} is already exiting (SIGNAL_GROUP_EXIT): the signal is dropped")
        }
        Exiting { drops: false } => {
            "the process is exiting (SIGNAL_GROUP_EXIT); before 6.1 that drops nothing here".into()
        }
        StopFlushesCont {
            sig,
            had_cont: true,
        } => format!("{sig} is a stop signal: the pending SIGCONT is flushed"),
        StopFlushesCont { sig, .. } => {
            format!("{sig} is a stop signal: any pending SIGCONT would be flushed")
        }
        ContFlushesStops { was_stopped: true } => format!(
            "SIGCONT: pending stop signals are flushed and {task} resumes now, whatever SIGCONT's disposition; its parent will hear CLD_CONTINUED"
        ),
        ContFlushesStops { .. } => "SIGCONT: pending stop signals are flushed".into(),
        NeitherStopNorCont { sig } => format!(
            "{task} is not exiting and {sig} is neither a stop signal nor SIGCONT: is it ignored?"
        ),
        IgnoredAnswer { ignored: true } => "sig_ignored says yes: do not generate it".into(),
        IgnoredAnswer { ignored: false } => "sig_ignored says no: generate it".into(),
        BlockedCheck { sig, blocked: true } => {
            format!("{sig} is blocked by {task}: never ignored while blocked")
        }
        BlockedCheck { sig, .. } => format!("{sig} is not blocked: sig_task_ignored decides"),
        GlobalInitImmune { sig } => {
            format!("{task} is the global init and {sig} may never reach it")
        }
        SigTaskIgnored {
            sig,
            decision: TaskIgnored::UnkillableInit,
            ..
        } if sig.kernel_only() => format!(
            "{task} is a namespace init (SIGNAL_UNKILLABLE) with the default {sig} action, and a sender in its own namespace is not forced"
        ),
        SigTaskIgnored {
            sig,
            decision: TaskIgnored::UnkillableInit,
            ..
        } => format!(
            "{task} is a namespace init (SIGNAL_UNKILLABLE) with no {sig} handler; only SIGKILL and SIGSTOP can be forced on it"
        ),
        SigTaskIgnored {
            sig,
            unkillable: true,
            handler: Handler::Dfl,
            ..
        } => format!("a namespace init, but {sig} is forced: it passes"),
        SigTaskIgnored {
            sig,
            unkillable: true,
            handler: Handler::Ign,
            ..
        } => format!("a namespace init, but {sig} is set to SIG_IGN, not SIG_DFL: it passes"),
        SigTaskIgnored {
            sig,
            unkillable: true,
            ..
        } => format!("a namespace init, but it has a {sig} handler: it passes"),
        SigTaskIgnored { .. } => "not a namespace init: the handler decides".into(),
        HandlerIgnored {
            sig,
            handler: Handler::Ign,
            ..
        } => format!("{sig} is set to SIG_IGN: dropped"),
        HandlerIgnored {
            sig,
            handler: Handler::User,
            ..
        } => format!("{sig} has a handler: not ignored"),
        HandlerIgnored {
            sig, ignored: true, ..
        } => format!("{sig}'s default action is to ignore it: dropped"),
        HandlerIgnored { sig, default, .. } => format!(
            "{sig}'s default action is to {}: not ignored",
            action_en(*default)
        ),
        LegacyQueue {
            sig, pending: true, ..
        } => format!("{sig} is already pending"),
        LegacyQueue {
            sig, legacy: true, ..
        } => format!("{sig} is not pending yet"),
        LegacyQueue { sig, .. } => format!("{sig} is a real-time signal: every instance queues"),
        NotWoken { sig, why } => {
            let why = match why {
                Unwanted::Blocked => "it is blocked",
                Unwanted::Stopped => "the process is stopped",
                Unwanted::Exiting => "the process is exiting",
                Unwanted::AlreadyWaking => "a signal is already waking it",
            };
            format!("nobody is woken for {sig}: {why}; it stays pending")
        }
        FatalToGroup { sig } => format!(
            "{sig} with SIG_DFL is fatal: the whole group exits now (SIGNAL_GROUP_EXIT, SIGKILL added, woken)"
        ),
        Woken { sig } => format!("{task} is woken to take {sig} off the queue"),
        CannotCatch { sig } => format!("{sig} cannot be caught or ignored: EINVAL"),
        DispositionSet {
            sig,
            handler,
            flushed: true,
        } => format!(
            "{sig} {} and the pending one is discarded",
            handler_en(*handler)
        ),
        DispositionSet { sig, handler, .. } => format!("{sig} {}", handler_en(*handler)),
        MaskChanged { old, new } => format!("blocked: {} → {}", set(old), set(new)),
        ReportsToParent { why } => {
            format!("{task} runs again and reports {} to its parent", why.name())
        }
        MarkedForDeath { code } => format!(
            "{task} was marked for death: it exits with {}",
            sig_name(*code)
        ),
        DequeuedIgnored { sig } => format!("dequeued {sig}: SIG_IGN, discarded"),
        DequeuedHandled {
            sig,
            si_pid,
            si_code,
        } => format!(
            "dequeued {sig}: {task}'s handler will run and see si_pid {si_pid}, {}",
            si_code.name()
        ),
        DequeuedDefaultIgnore { sig } => format!("dequeued {sig}: its default is to ignore it"),
        DequeuedByInit { sig } => format!(
            "dequeued {sig} with SIG_DFL, but {task} is a namespace init (SIGNAL_UNKILLABLE): discarded"
        ),
        DequeuedOrphanedStop { sig } => format!(
            "dequeued {sig}, but {task}'s process group is orphaned: job-control stops do nothing"
        ),
        DequeuedStop { sig } => format!("dequeued {sig}: the default action is to stop"),
        DequeuedFatal { sig, action } => format!(
            "dequeued {sig} with SIG_DFL: {task} dies of it ({})",
            action_en(*action)
        ),
        RunsHandlers { count } => format!(
            "{task} returns to user space and runs {count} handler{}",
            if *count == 1 { "" } else { "s" }
        ),
        Stops => format!("{task} stops (TASK_STOPPED)"),
        NotifyParent { si_code, si_pid } => format!(
            "SIGCHLD {} to {task}, naming the child as {si_pid}",
            si_code.name()
        ),
        NoStopNotice { why } => format!("{task} ignores SIGCHLD: no {} notification", why.name()),
        AutoReap { child } => format!(
            "{task} ignores SIGCHLD: no signal, and {child} is reaped at once (autoreap)"
        ),
        GroupExit { status } => format!("{task} exits: {}", status_en(*status)),
        InitPanics => {
            "the global init is exiting: the kernel panics — Attempted to kill init!".into()
        }
        HandlersLost { sigs } => {
            let list: Vec<String> = sigs.iter().map(|s| s.to_string()).collect();
            format!(
                "{task} dies before returning to user space: the handler frames set up for {} never run",
                list.join(", ")
            )
        }
        WaitsForNamespace => format!(
            "{task} waits in zap_pid_ns_processes until every other process of its namespace is gone"
        ),
        Exited { autoreap: true } => format!("{task} is dead and reaped at once"),
        Exited { autoreap: false } => format!("{task} is a zombie until its parent waits"),
        NamespaceEmpty { ns } => format!("namespace {ns} is empty: {task} finishes exiting"),
        Reparented { father, .. } => format!("{father}'s children are re-parented to {task}"),
        InitTakesNamespace { ns } => format!(
            "{task} is the init of namespace {ns}: no other thread can take over, so the namespace goes with it"
        ),
        OrphanedGroup { leader } => format!(
            "the process group led by {leader} is orphaned with a stopped member: the kernel sends it SIGHUP, then SIGCONT"
        ),
        ZapNamespace { ns, .. } => format!(
            "the init of namespace {ns} is exiting: no new process may enter (PIDNS_ADDING cleared), its SIGCHLD is set to SIG_IGN, and every task numbered 2 or more there is sent SIGKILL"
        ),
        CannotCreate { uid, child, why } => {
            let why = match why {
                ForkRefusal::NewNamespace => "creating a PID namespace needs CAP_SYS_ADMIN",
                ForkRefusal::Setns => "setns into a PID namespace needs CAP_SYS_ADMIN",
                ForkRefusal::Setuid => "giving the child another uid needs CAP_SETUID",
            };
            format!("{task} (uid {uid}) cannot create {child}: {why}: EPERM")
        }
        NamespaceClosed { ns } => format!(
            "namespace {ns} no longer accepts processes (its init died, PIDNS_ADDING is clear): ENOMEM — the numbers it reserved stay used"
        ),
        Created {
            parent, how, nspid, ..
        } => {
            use crate::fork::Creation;
            let how = match how {
                Creation::GlobalInit => "the global init",
                Creation::NewNamespace => "clone(CLONE_NEWPID): the init of a new namespace",
                Creation::Fork => "fork",
                Creation::Setns => "setns + fork, as docker exec does",
            };
            format!(
                "{task} is created by {} ({how}) with NSpid {}",
                parent.as_deref().unwrap_or("the kernel"),
                Field::Ints(nspid)
            )
        }
    }
}

/// A wait status in words: "killed by SIGKILL" or "exit code 3".
fn status_en(code: i32) -> String {
    if code & 0x7f != 0 {
        format!("killed by {}", sig_name(code & 0x7f))
    } else {
        format!("exit code {}", (code >> 8) & 0xff)
    }
}

/// A wait status in words: "SIGKILL" or "退出码 3".
fn status_zh(code: i32) -> String {
    if code & 0x7f != 0 {
        sig_name(code & 0x7f)
    } else {
        format!("退出码 {}", (code >> 8) & 0xff)
    }
}

/// 简体中文: the same arms and sub-cases as [`en`]. Kernel identifiers,
/// constants, signals, errnos and scenario ids stay in ASCII, with a space
/// between them and Chinese text (none next to full-width punctuation).
fn zh(step: &TraceStep, task: &str) -> String {
    use Fact::*;
    let name = step.name();
    match &step.fact {
        KillCalled { pid, sig } => format!("{task} 调用 kill({pid}, {sig})"),
        TgkillCalled { tgid, pid, sig } => format!("{task} 调用 tgkill({tgid}, {pid}, {sig})"),
        BadThreadId { .. } => "线程 id 必须为正数：EINVAL".into(),
        SigqueueCalled { pid, sig, si_pid } => format!(
            "{task} 调用 sigqueue({pid}, {sig})：si_code 为 SI_QUEUE，si_pid 为 {si_pid}，来自用户空间"
        ),
        UserSiCode { .. } => "si_code < 0：用户空间可以发送它".into(),
        PidfdSendCalled { sig } => format!("{task} 通过 pidfd 发送 {}", sig_name(*sig)),
        KernelSends { sig } => {
            format!("内核发送 {sig}（SEND_SIG_PRIV，与 OOM killer 的做法相同）")
        }
        NeverCreated { target } => format!("{target} 从未被创建：ESRCH"),
        ExitCalled { code } => format!("{task} 调用 exit({code})"),
        Returns { ret: r } => format!("{name} 返回 {}", ret(*r)),
        SiginfoBuilt {
            si_code, si_pid, ..
        } => format!(
            "siginfo：si_code 为 {}，si_pid 为 {si_pid}——即发送者在它自己的命名空间中的 PID",
            si_code.name()
        ),
        ThreadDirected => {
            "prepare_kill_siginfo(sig, &info, PIDTYPE_PID)：发给单个线程的信号".into()
        }
        OneProcess { .. } => "pid > 0：单个进程，在调用者的命名空间中查找".into(),
        FindVpid { pid, ns, found: f } => {
            let s = format!("find_vpid({pid}) 在命名空间 {ns} 中{}", found_zh(*f));
            if step.func == crate::version::Func::KillSomethingInfo {
                format!("pid > 0：{s}")
            } else {
                s
            }
        }
        PidIntMin { .. } => "pid 为 INT_MIN，无法取负：ESRCH".into(),
        OwnGroup { leader } => format!(
            "pid 0：调用者自己所在的进程组（组长为 {leader}），无论其成员位于哪个命名空间"
        ),
        OtherGroup { pgid, found: f } => format!(
            "pid < -1：在调用者的命名空间中查找进程组 {pgid}，{}",
            found_zh(*f)
        ),
        EveryProcess { ns } => format!(
            "pid -1：在命名空间 {ns} 中 PID 大于 1 的每个进程，调用者自己除外"
        ),
        EveryProcessDone { candidates: 0, .. } => "没有可见的候选进程：ESRCH".into(),
        EveryProcessDone { candidates, ret: r } => format!(
            "{candidates} 个候选进程；其中任何一个返回的 EPERM 都不会上报，因此调用返回 {}",
            ret(*r)
        ),
        TgidWrapper => "自 6.9 起只是一层包装：kill_pid_info_type(…, PIDTYPE_TGID)".into(),
        NoTask => "pid_task 找不到拥有该 PID 的进程：ESRCH".into(),
        TaskFound { .. } => format!("pid_task 找到了 {task}"),
        GroupMembers { .. } => format!(
            "以 {task} 为组长的进程组中的每个成员，从最新的开始，无论它位于哪个命名空间"
        ),
        GroupDone { members, .. } if members.is_empty() => "该进程组中没有任何进程：ESRCH".into(),
        GroupDone { members, ret: r } => {
            format!("{} 个成员；调用返回 {}", members.len(), ret(*r))
        }
        NoSuchThread { tgid, pid } => format!(
            "find_task_by_vpid({pid}) 在线程组 {tgid} 中找不到这个线程：ESRCH"
        ),
        ThreadFound { pid } => format!("线程 {pid} 就是 {task}"),
        NoPidfdOpen => "4.19 没有 pidfd_open（5.3 才引入）：ENOSYS".into(),
        PidfdOpen {
            pid,
            ns,
            target: Some(t),
            ..
        } => format!("在命名空间 {ns} 中调用 find_get_pid({pid})：得到指向 {t} 的 pidfd"),
        PidfdOpen {
            pid,
            ns,
            ret: Some(Errno::ESRCH),
            ..
        } => format!("命名空间 {ns} 中没有 PID {pid}：ESRCH"),
        PidfdOpen { pid, .. } => format!("PID {pid} 已不属于任何进程：EINVAL"),
        PermissionFirst { .. } => {
            format!("发给 {task}：先做 check_kill_permission，sig 不为 0 时再发送")
        }
        Probe if step.func == crate::version::Func::DoSendSpecific => {
            "sig 0：不发送任何信号".into()
        }
        Probe => "sig 0：目标存在且允许向它发信号；不发送任何信号".into(),
        InvalidSignal { sig } => {
            format!("{sig} 不是有效的信号（valid_signal：0..64）：EINVAL")
        }
        FromKernel { info } => {
            let what = match info {
                InfoArg::Real { si_code, si_pid } => format!("{} si_pid={si_pid}", si_code.name()),
                other => other.name().to_string(),
            };
            format!("{what} 来自内核：不做权限检查")
        }
        CredentialsDecide { sig, sender } => format!(
            "{} 有效且来自用户空间；{sender} 不是目标本身，因此由凭据决定",
            sig_name(*sig)
        ),
        CredCheck {
            uid_match: true, ..
        } => "uid 相符".into(),
        CredCheck { cap_kill: true, .. } => "uid 不同，但发送者拥有 CAP_KILL".into(),
        CredCheck { .. } => "uid 不同，也没有 CAP_KILL".into(),
        ContSameSession { .. } => {
            "凭据不符，但在发送者自己的会话内发送 SIGCONT 是允许的".into()
        }
        PermissionDenied {
            sender,
            sender_uid,
            target_uid,
        } => format!(
            "{sender}（uid {sender_uid}）无权向 {task}（uid {target_uid}）发送信号，且没有 CAP_KILL：EPERM"
        ),
        Permitted {
            self_send: true, ..
        } => "进程总是可以向自己发送信号".into(),
        Permitted { .. } => "允许".into(),
        SighandGone => "lock_task_sighand 失败：该进程已被回收：ESRCH".into(),
        SighandLocked { .. } => "lock_task_sighand 成功".into(),
        KernelSendOne => "内核发给单个任务：不做权限检查".into(),
        FromAncestorNs {
            sender,
            from_ancestor_ns: true,
            ..
        } => format!(
            "{sender} 在目标的命名空间中没有 PID：它位于祖先命名空间，from_ancestor_ns = 1"
        ),
        FromAncestorNs { .. } => "发送者不在祖先命名空间中：from_ancestor_ns = 0".into(),
        Force { kernel: true, .. } => "SEND_SIG_PRIV：内核自己的信号总是强制的".into(),
        Force {
            sender, seen: 0, ..
        } => format!(
            "{sender} 在 {task} 的命名空间中没有 PID，因此它位于祖先命名空间：force = true，si_pid = 0"
        ),
        Force { sender, seen, .. } => {
            format!("{sender} 在 {task} 的命名空间中可见，PID 为 {seen}：force = false")
        }
        AsksPrepareSignal { .. } => "由 prepare_signal 决定这个信号究竟是否产生".into(),
        NotGenerated { sig } => {
            format!("prepare_signal 给出否定回答：{sig} 被丢弃，而发送者仍然得到 0")
        }
        AlreadyPending { sig } => {
            format!("{sig} 已经挂起，而非实时信号不会重复入队")
        }
        Queued {
            sig,
            private,
            si_pid,
            si_code,
        } => {
            let queue = if *private { "私有" } else { "共享" };
            let record = match (si_pid, si_code) {
                (Some(p), Some(c)) => format!("，si_pid 为 {p}（{}）", c.name()),
                _ => String::new(),
            };
            format!("{sig} 被放入 {task} 的{queue}队列{record}")
        }
        Exiting { drops: true } => {
            format!("{task} 已在退出（SIGNAL_GROUP_EXIT）：信号被丢弃")
        }
        Exiting { drops: false } => {
            "该进程正在退出（SIGNAL_GROUP_EXIT）；在 6.1 之前，这里不会因此丢弃任何信号".into()
        }
        StopFlushesCont {
            sig,
            had_cont: true,
        } => format!("{sig} 是停止信号：挂起的 SIGCONT 被清除"),
        StopFlushesCont { sig, .. } => {
            format!("{sig} 是停止信号：如有挂起的 SIGCONT，也会被清除")
        }
        ContFlushesStops { was_stopped: true } => format!(
            "SIGCONT：挂起的停止信号被清除，{task} 立即恢复运行，无论 SIGCONT 的处置如何；它的父进程将收到 CLD_CONTINUED"
        ),
        ContFlushesStops { .. } => "SIGCONT：挂起的停止信号被清除".into(),
        NeitherStopNorCont { sig } => format!(
            "{task} 不在退出中，{sig} 既不是停止信号也不是 SIGCONT：它会被忽略吗？"
        ),
        IgnoredAnswer { ignored: true } => "sig_ignored 回答“是”：不产生该信号".into(),
        IgnoredAnswer { ignored: false } => "sig_ignored 回答“否”：产生该信号".into(),
        BlockedCheck { sig, blocked: true } => {
            format!("{sig} 被 {task} 阻塞：被阻塞的信号永远不会被忽略")
        }
        BlockedCheck { sig, .. } => format!("{sig} 未被阻塞：由 sig_task_ignored 决定"),
        GlobalInitImmune { sig } => {
            format!("{task} 是全局 init 进程，{sig} 永远不能送达它")
        }
        SigTaskIgnored {
            sig,
            decision: TaskIgnored::UnkillableInit,
            ..
        } if sig.kernel_only() => format!(
            "{task} 是命名空间的 init 进程（SIGNAL_UNKILLABLE），{sig} 采用默认动作，而它自己命名空间里的发送者发出的信号不是强制的"
        ),
        SigTaskIgnored {
            sig,
            decision: TaskIgnored::UnkillableInit,
            ..
        } => format!(
            "{task} 是命名空间的 init 进程（SIGNAL_UNKILLABLE），没有 {sig} 的处理函数；只有 SIGKILL 和 SIGSTOP 能强制送达它"
        ),
        // Starts with 虽是 so that `describe_with_subject` can put the
        // process in front: "ctr-init 虽是命名空间的 init 进程，但 …".
        SigTaskIgnored {
            sig,
            unkillable: true,
            handler: Handler::Dfl,
            ..
        } => format!("虽是命名空间的 init 进程，但 {sig} 是强制发送的：放行"),
        SigTaskIgnored {
            sig,
            unkillable: true,
            handler: Handler::Ign,
            ..
        } => format!("虽是命名空间的 init 进程，但 {sig} 设为 SIG_IGN 而非 SIG_DFL：放行"),
        SigTaskIgnored {
            sig,
            unkillable: true,
            ..
        } => format!("虽是命名空间的 init 进程，但设有 {sig} 的处理函数：放行"),
        SigTaskIgnored { .. } => "不是命名空间的 init 进程：由处理函数的设置决定".into(),
        HandlerIgnored {
            sig,
            handler: Handler::Ign,
            ..
        } => format!("{sig} 被设为 SIG_IGN：被丢弃"),
        HandlerIgnored {
            sig,
            handler: Handler::User,
            ..
        } => format!("{sig} 设有处理函数：不会被忽略"),
        HandlerIgnored {
            sig, ignored: true, ..
        } => format!("{sig} 的默认动作是忽略：被丢弃"),
        HandlerIgnored { sig, default, .. } => format!(
            "{sig} 的默认动作是{}：不会被忽略",
            action_zh(*default)
        ),
        LegacyQueue {
            sig, pending: true, ..
        } => format!("{sig} 已经挂起"),
        LegacyQueue {
            sig, legacy: true, ..
        } => format!("{sig} 尚未挂起"),
        LegacyQueue { sig, .. } => format!("{sig} 是实时信号：每一个实例都会入队"),
        NotWoken { sig, why } => {
            let why = match why {
                Unwanted::Blocked => "该信号被阻塞",
                Unwanted::Stopped => "进程已停止",
                Unwanted::Exiting => "进程正在退出",
                Unwanted::AlreadyWaking => "已有信号正在唤醒它",
            };
            format!("没有进程因 {sig} 被唤醒：{why}；信号保持挂起")
        }
        FatalToGroup { sig } => format!(
            "{sig} 的处置为 SIG_DFL，是致命的：整个线程组立即退出（设置 SIGNAL_GROUP_EXIT，加入 SIGKILL，唤醒）"
        ),
        Woken { sig } => format!("{task} 被唤醒，以便从队列中取出 {sig}"),
        CannotCatch { sig } => format!("{sig} 不能被捕获或忽略：EINVAL"),
        DispositionSet {
            sig,
            handler,
            flushed: true,
        } => format!(
            "{sig} 现已{}，已挂起的那个实例被丢弃",
            disposition_zh(*handler)
        ),
        DispositionSet { sig, handler, .. } => {
            format!("{sig} 现已{}", disposition_zh(*handler))
        }
        MaskChanged { old, new } => format!("被阻塞的信号：{} → {}", set(old), set(new)),
        ReportsToParent { why } => {
            format!("{task} 重新运行，并向父进程报告 {}", why.name())
        }
        MarkedForDeath { code } => format!(
            "{task} 已被判定死亡：它以 {} 退出",
            sig_name(*code)
        ),
        DequeuedIgnored { sig } => format!("取出 {sig}：SIG_IGN，丢弃"),
        DequeuedHandled {
            sig,
            si_pid,
            si_code,
        } => format!(
            "取出 {sig}：{task} 的处理函数将会运行，看到 si_pid 为 {si_pid}，si_code 为 {}",
            si_code.name()
        ),
        DequeuedDefaultIgnore { sig } => format!("取出 {sig}：它的默认动作是忽略"),
        DequeuedByInit { sig } => format!(
            "取出 {sig}，处置为 SIG_DFL，但 {task} 是命名空间的 init 进程（SIGNAL_UNKILLABLE）：丢弃"
        ),
        DequeuedOrphanedStop { sig } => format!(
            "取出 {sig}，但 {task} 所在的进程组是孤儿进程组：作业控制的停止不起作用"
        ),
        DequeuedStop { sig } => format!("取出 {sig}：默认动作是停止"),
        DequeuedFatal { sig, action } => format!(
            "取出 {sig}，处置为 SIG_DFL：{task} 因它而死（{}）",
            action_zh(*action)
        ),
        RunsHandlers { count } => {
            format!("{task} 返回用户空间，运行 {count} 个处理函数")
        }
        Stops => format!("{task} 停止（TASK_STOPPED）"),
        NotifyParent { si_code, si_pid } => format!(
            "向 {task} 发送 SIGCHLD（{}），其中子进程记为 {si_pid}",
            si_code.name()
        ),
        NoStopNotice { why } => format!("{task} 忽略 SIGCHLD：不发送 {} 通知", why.name()),
        AutoReap { child } => format!(
            "{task} 忽略 SIGCHLD：不发送信号，{child} 立即被回收（autoreap）"
        ),
        GroupExit { status } => format!("{task} 退出，状态：{}", status_zh(*status)),
        InitPanics => "全局 init 进程正在退出：内核 panic——Attempted to kill init!".into(),
        HandlersLost { sigs } => {
            let list: Vec<String> = sigs.iter().map(|s| s.to_string()).collect();
            format!(
                "{task} 在返回用户空间之前就死了：为 {} 准备好的处理函数栈帧永远不会运行",
                list.join("、")
            )
        }
        WaitsForNamespace => format!(
            "{task} 在 zap_pid_ns_processes 中等待，直到它的命名空间里其他所有进程都消失"
        ),
        Exited { autoreap: true } => format!("{task} 已死亡，并立即被回收"),
        Exited { autoreap: false } => format!("{task} 成为僵尸进程，直到父进程 wait 它"),
        NamespaceEmpty { ns } => format!("命名空间 {ns} 已空：{task} 完成退出"),
        Reparented { father, .. } => format!("{father} 的子进程改以 {task} 为父进程"),
        InitTakesNamespace { ns } => format!(
            "{task} 是命名空间 {ns} 的 init 进程：没有其他线程可以接替，所以命名空间随它一起消亡"
        ),
        OrphanedGroup { leader } => format!(
            "以 {leader} 为组长的进程组变成孤儿进程组，且有成员处于停止状态：内核向它发送 SIGHUP，然后发送 SIGCONT"
        ),
        ZapNamespace { ns, .. } => format!(
            "命名空间 {ns} 的 init 进程正在退出：新进程不得再进入（清除 PIDNS_ADDING），它的 SIGCHLD 被设为 SIG_IGN，该命名空间中编号为 2 及以上的每个任务都会收到 SIGKILL"
        ),
        CannotCreate { uid, child, why } => {
            let why = match why {
                ForkRefusal::NewNamespace => "创建 PID 命名空间需要 CAP_SYS_ADMIN",
                ForkRefusal::Setns => "通过 setns 进入 PID 命名空间需要 CAP_SYS_ADMIN",
                ForkRefusal::Setuid => "让子进程使用另一个 uid 需要 CAP_SETUID",
            };
            format!("{task}（uid {uid}）无法创建 {child}：{why}：EPERM")
        }
        NamespaceClosed { ns } => format!(
            "命名空间 {ns} 不再接受新进程（它的 init 进程已死，PIDNS_ADDING 已清除）：ENOMEM——它预留的编号仍被占用"
        ),
        Created {
            parent, how, nspid, ..
        } => {
            use crate::fork::Creation;
            let how = match how {
                Creation::GlobalInit => "全局 init 进程",
                Creation::NewNamespace => "clone(CLONE_NEWPID)：新命名空间的 init 进程",
                Creation::Fork => "fork",
                Creation::Setns => "setns + fork，与 docker exec 的做法相同",
            };
            let by = match parent {
                Some(p) => format!("由 {p} 创建"),
                None => "由内核创建".into(),
            };
            format!("{task} {by}（{how}），NSpid 为 {}", Field::Ints(nspid))
        }
    }
}
