//! The kernel's state, as `include/linux/sched.h`, `sched/signal.h` and
//! `pid.h` lay it out, cut down to what signal delivery reads. Processes
//! are single-threaded (the format has no threads), so a task, its
//! `signal_struct` and its `sighand_struct` are one [`Task`], and a task's
//! `struct pid` has the same index as the task.

use crate::signum::{SigSet, Signal};
use crate::trace::Tracer;
use crate::uapi::{Handled, SiCode};
use crate::version::KernelVersion;
use std::collections::{HashMap, VecDeque};

pub type TaskId = usize;
/// A `struct pid`. Every pid here is some task's own pid, so it shares the
/// task's index; it can outlive the task as a process-group or session id.
pub type PidId = usize;
pub type NsId = usize;

// `signal_struct->flags` (include/linux/sched/signal.h).
pub const SIGNAL_STOP_STOPPED: u32 = 0x0000_0001;
pub const SIGNAL_STOP_CONTINUED: u32 = 0x0000_0002;
pub const SIGNAL_GROUP_EXIT: u32 = 0x0000_0004;
pub const SIGNAL_CLD_STOPPED: u32 = 0x0000_0010;
pub const SIGNAL_CLD_CONTINUED: u32 = 0x0000_0020;
pub const SIGNAL_CLD_MASK: u32 = SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED;
pub const SIGNAL_UNKILLABLE: u32 = 0x0000_0040;
pub const SIGNAL_STOP_MASK: u32 = SIGNAL_CLD_MASK | SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED;

/// `sa_handler`: SIG_DFL, SIG_IGN, or a user function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Handler {
    #[default]
    Dfl,
    Ign,
    /// The recording handler, installed with SA_SIGINFO.
    User,
}

impl Handler {
    /// As the kernel writes it; a user function is "handler".
    pub fn name(self) -> &'static str {
        match self {
            Handler::Dfl => "SIG_DFL",
            Handler::Ign => "SIG_IGN",
            Handler::User => "handler",
        }
    }
}

/// A `kernel_siginfo`, the fields a handler here can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigInfo {
    pub signo: i32,
    pub code: SiCode,
    pub pid: i32,
    pub uid: u32,
}

/// The `info` argument of the send path: a real siginfo, or one of the
/// special pointers.
#[derive(Debug, PartialEq, Eq)]
pub enum Info<'a> {
    /// `SEND_SIG_NOINFO`: a user-space-like send with no siginfo.
    NoInfo,
    /// `SEND_SIG_PRIV`: the kernel itself.
    Priv,
    /// `SEND_SIG_FORCED` (4.19 only; see `version::CHANGES`
    /// `remove_send_sig_forced`): the kernel, no siginfo kept.
    Forced,
    /// A real siginfo. Mutable: 5.10 and 6.18 rewrite its si_pid in place
    /// (6.1, 6.12 and 7.2 on a copy: `version::CHANGES`
    /// `no_shared_siginfo_rewrite`);
    /// 4.19 leaves it alone and zeroes the queued copy (see `send_signal`).
    Real(&'a mut SigInfo),
}

impl Info<'_> {
    /// The si_pid of a real siginfo.
    pub fn si_pid(&self) -> Option<i32> {
        match self {
            Info::Real(i) => Some(i.pid),
            _ => None,
        }
    }

    pub fn reborrow(&mut self) -> Info<'_> {
        match self {
            Info::NoInfo => Info::NoInfo,
            Info::Priv => Info::Priv,
            Info::Forced => Info::Forced,
            Info::Real(i) => Info::Real(i),
        }
    }
}

/// One queued signal (`struct sigqueue`). `info` is `None` when no record
/// was allocated (SIGKILL, `SEND_SIG_FORCED`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigQueue {
    pub sig: Signal,
    pub info: Option<SigInfo>,
}

/// `struct sigpending`: a bit per signal and the queued records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SigPending {
    pub signal: SigSet,
    pub list: Vec<SigQueue>,
}

impl SigPending {
    /// `flush_sigqueue_mask`: drop every signal in `mask`.
    pub fn flush_mask(&mut self, mask: SigSet) {
        self.signal = SigSet(self.signal.0 & !mask.0);
        self.list.retain(|q| !mask.contains(q.sig));
    }
}

/// `enum pid_type`, as the send path uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PidType {
    /// Thread-directed: the private queue.
    Pid,
    /// Process-directed.
    Tgid,
    /// Part of a process-group kill.
    Pgid,
    /// Part of kill(-1) or a namespace zap.
    Max,
}

impl PidType {
    pub fn name(self) -> &'static str {
        match self {
            PidType::Pid => "PIDTYPE_PID",
            PidType::Tgid => "PIDTYPE_TGID",
            PidType::Pgid => "PIDTYPE_PGID",
            PidType::Max => "PIDTYPE_MAX",
        }
    }
}

/// `exit_state`, plus the stretch a namespace init spends in
/// `zap_pid_ns_processes` before it becomes a zombie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitState {
    Alive,
    /// PF_EXITING, waiting in `zap_pid_ns_processes` for its namespace to empty.
    Zapping,
    /// EXIT_ZOMBIE: waiting for a parent's wait() that never comes.
    Zombie,
    /// Released (`release_task`): gone from every list.
    Dead,
}

#[derive(Clone, Debug)]
pub struct Task {
    /// The scenario's id.
    pub name: String,
    /// `task_active_pid_ns`: fixed for the task's life.
    pub ns: NsId,
    pub real_parent: Option<TaskId>,
    /// `children`, in the order they were attached.
    pub children: Vec<TaskId>,
    pub pgrp: PidId,
    pub session: PidId,
    pub cred: crate::cred::Cred,
    /// `sighand->action[]`, index `sig - 1`.
    pub action: [Handler; 64],
    pub blocked: SigSet,
    pub pending: SigPending,
    pub shared_pending: SigPending,
    /// `signal->flags`.
    pub flags: u32,
    pub group_exit_code: i32,
    pub group_stop_count: u32,
    /// TIF_SIGPENDING.
    pub sigpending: bool,
    /// TASK_STOPPED.
    pub stopped: bool,
    /// JOBCTL_STOP_DEQUEUED: a stop signal was dequeued (cleared by SIGCONT).
    pub stop_dequeued: bool,
    pub exit_state: ExitState,
    /// The wait status: signal number, or `code << 8`.
    pub exit_code: i32,
    /// Handler frames set up by `get_signal` but not yet run: a handler
    /// runs only when the process gets back to user space, so a fatal
    /// signal dequeued in the same pass means it never runs.
    pub frames: Vec<Handled>,
}

impl Task {
    pub fn handler(&self, sig: Signal) -> Handler {
        self.action[sig.nr() as usize - 1]
    }
    pub fn set_handler(&mut self, sig: Signal, h: Handler) {
        self.action[sig.nr() as usize - 1] = h;
    }
    pub fn is_alive(&self) -> bool {
        self.exit_state == ExitState::Alive
    }
    /// Not yet released: still findable by pid and still in its groups.
    pub fn is_hashed(&self) -> bool {
        self.exit_state != ExitState::Dead
    }
}

/// `struct pid`: a number in every namespace from the root down to the
/// one it was allocated in.
#[derive(Clone, Debug)]
pub struct Pid {
    /// `numbers[level]`: (namespace, nr), root first.
    pub numbers: Vec<(NsId, i32)>,
    /// Tasks using it as their pid / process group / session; the pid stays
    /// hashed until all three are zero (`free_pid` via `__change_pid`).
    pub users: [u32; 3],
    /// Tasks in this process group, in the order they were attached.
    pub pgrp_members: Vec<TaskId>,
}

impl Pid {
    pub fn level(&self) -> usize {
        self.numbers.len() - 1
    }
    pub fn in_use(&self) -> bool {
        self.users.iter().any(|u| *u > 0)
    }
}

pub const PID_USE_PID: usize = 0;
pub const PID_USE_PGID: usize = 1;
pub const PID_USE_SID: usize = 2;

/// `struct pid_namespace`.
#[derive(Clone, Debug)]
pub struct PidNamespace {
    pub name: String,
    pub level: u8,
    pub parent: Option<NsId>,
    pub child_reaper: Option<TaskId>,
    /// PIDNS_ADDING: cleared when its init dies.
    pub adding: bool,
    /// Has it ever had a process (its init was created)?
    pub populated: bool,
    /// The cursor of `idr_alloc_cyclic`: the last number handed out.
    pub last_pid: i32,
    /// The IDR: number → pid.
    pub idr: HashMap<i32, PidId>,
}

/// Options that are not part of the kernel's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The scenario's root namespace is not `init_pid_ns` but sits below a
    /// host, as it does in the real-kernel runner: then no scenario process
    /// is the global init (`is_global_init` is false for all of them). The
    /// format says the simulator treats the root as `init_pid_ns`; the
    /// differential tests set this to compare against the real kernel.
    pub under_host: bool,
}

/// The whole modelled kernel.
#[derive(Clone, Debug)]
pub struct Kernel {
    pub version: KernelVersion,
    pub opts: Options,
    pub namespaces: Vec<PidNamespace>,
    pub tasks: Vec<Task>,
    pub pids: Vec<Pid>,
    /// The task making the current syscall (or exiting).
    pub current: TaskId,
    /// Woken tasks that will run (`get_signal`) before the world settles,
    /// in wake order, and whether each is queued.
    pub runqueue: VecDeque<TaskId>,
    pub queued: Vec<bool>,
    /// Handler runs since the last action began.
    pub handled: Vec<Handled>,
    pub tracer: Tracer,
    /// Set when the kernel would panic ("Attempted to kill init!").
    pub panicked: bool,
}

impl Kernel {
    /// A process's scenario id, for a trace step.
    pub(crate) fn name(&self, t: TaskId) -> String {
        self.tasks[t].name.clone()
    }

    pub(crate) fn names(&self, ts: &[TaskId]) -> Vec<String> {
        ts.iter().map(|t| self.name(*t)).collect()
    }

    /// A namespace's scenario id, for a trace step.
    pub(crate) fn ns_id(&self, ns: NsId) -> String {
        self.namespaces[ns].name.clone()
    }

    pub fn new(version: KernelVersion, opts: Options) -> Kernel {
        Kernel {
            version,
            opts,
            namespaces: Vec::new(),
            tasks: Vec::new(),
            pids: Vec::new(),
            current: 0,
            runqueue: VecDeque::new(),
            queued: Vec::new(),
            handled: Vec::new(),
            tracer: Tracer::default(),
            panicked: false,
        }
    }

    pub fn add_namespace(&mut self, name: &str, parent: Option<NsId>) -> NsId {
        let level = parent.map_or(0, |p| self.namespaces[p].level + 1);
        self.namespaces.push(PidNamespace {
            name: name.to_string(),
            level,
            parent,
            child_reaper: None,
            adding: true,
            populated: false,
            last_pid: 0,
            idr: HashMap::new(),
        });
        self.namespaces.len() - 1
    }

    /// Puts a task on the run queue (the scheduler side of `wake_up_*`).
    pub fn enqueue(&mut self, t: TaskId) {
        if !self.queued[t] {
            self.queued[t] = true;
            self.runqueue.push_back(t);
        }
    }

    /// The namespace chain from `ns` up to the root.
    pub fn ns_ancestry(&self, ns: NsId) -> impl Iterator<Item = NsId> + '_ {
        std::iter::successors(Some(ns), move |n| self.namespaces[*n].parent)
    }

    pub fn ns_is_ancestor_or_self(&self, ancestor: NsId, ns: NsId) -> bool {
        self.ns_ancestry(ns).any(|n| n == ancestor)
    }
}
