//! The controller: builds the scenario's world out of real processes, has
//! each action performed by the process that the action names, lets the world
//! settle, and records what the kernel did.
//!
//! Safety model. The controller never signals anything but the scenario's
//! global init (SIGKILL through a pidfd at clean-up). Every scenario process
//! lives in the fresh PID namespace that `clone(CLONE_NEWPID)` makes for the
//! global init, or below it, so kill(2) by number can only reach scenario
//! processes; the global init `setsid`s before anything else exists, so
//! kill(0) and kill(-pgid) stay inside too. Killing that init makes the
//! kernel take the whole namespace down, and [`Runner::shutdown`] waits,
//! bounded, until it has.

use super::agent::{self, AgentSpec, AgentTable, GROUP_NEW, GROUP_NONE, GROUP_SESSION};
use super::procfs;
use super::proto::*;
use super::sys;
use super::{RealError, RealOptions};
use sigsim::outcome::{
    Errno, Handled, ProcessMap, ProcessOutcome, Ret, SiCode, State, StepOutcome,
};
use sigsim::scenario::{Disposition, GroupSpec};
use sigsim::signum::{SigSet, Signal};
use sigsim::validate::{Action, MaskHow, NsIdx, PidArg, Plan, ProcIdx, ScenarioError};
use std::collections::HashMap;
use std::ffi::CString;
use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A PID no namespace hands out (pid_max is far below it): what a call
/// names when the process it means has no PID in the caller's namespace.
/// Not INT_MIN, which kill(2) treats specially.
pub const NO_SUCH_PID: i32 = i32::MAX;

fn failed(msg: impl Into<String>) -> RealError {
    RealError::Failed(msg.into())
}

fn rejected(path: impl Into<String>, msg: impl Into<String>) -> RealError {
    RealError::Rejected(ScenarioError::new(path, msg))
}

fn os_err(e: i32) -> String {
    format!(
        "{} ({})",
        std::io::Error::from_raw_os_error(e),
        errno_name(e)
    )
}

fn errno_name(e: i32) -> String {
    Errno::from_number(e)
        .map(|e| e.name().to_string())
        .unwrap_or_else(|| format!("errno {e}"))
}

fn sig_bit(s: Signal) -> u64 {
    1u64 << (s.nr() - 1)
}

/// What the runner saw of one process at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Obs {
    state: State,
    signal: Option<Signal>,
    pending: u64,
    /// Something is still going to happen: it is runnable, has a deliverable
    /// signal pending, or is between two states the runner can read.
    busy: bool,
}

/// A created scenario process.
struct Live {
    /// Its PID in the runner's namespace (what /proc shows).
    host: i32,
    /// Its PIDs at scenario levels 0 ..= its namespace's level (verified).
    pids: Vec<i32>,
    /// `/proc/<host>`, held since creation: reads through it fail once the
    /// process is reaped, whoever gets the number next.
    dir: OwnedFd,
    /// Held since creation: readable once it has exited; on 6.15+ also a
    /// second witness of its exit status once reaped.
    pidfd: OwnedFd,
    /// The scenario process that leads its process group.
    leader: ProcIdx,
    /// Its final observation, once it is a zombie or reaped.
    done: Option<Obs>,
}

pub struct Runner<'a> {
    plan: &'a Plan,
    opts: &'a RealOptions,
    /// The runner's end of each process's socket (SO_PASSCRED: every
    /// message says which host PID sent it).
    ctl: Vec<OwnedFd>,
    /// The socket's process has exited (read returned 0): poll it no more.
    eof: Vec<bool>,
    /// The processes' ends, until the global init carries them.
    agent_ends: Vec<OwnedFd>,
    table: AgentTable,
    procs: Vec<Option<Live>>,
    /// A fd of every namespace whose init has been created: joining a
    /// namespace after its init died goes through it (→ ENOMEM).
    ns_fd: Vec<Option<OwnedFd>>,
    /// The next PID each namespace hands out, as the format predicts.
    next_pid: Vec<i32>,
    /// Index in NSpid of the scenario's level 0.
    base: usize,
    seq: u32,
    /// The global init's pidfd (from CLONE_PIDFD) and host PID.
    init: Option<(OwnedFd, i32)>,
    ready: Vec<Option<(i32, i64)>>,
    replies: HashMap<u32, (i32, i64)>,
    /// Handler records of the current step: (process, signal, si_pid, si_code).
    handled: Vec<(ProcIdx, i32, i32, i32)>,
    /// The last settled observation of every process (None: not created).
    obs: Vec<Option<Obs>>,
    /// How reaped processes died.
    acct: Accounting,
    shut: bool,
}

/// How a reaped process died, on any kernel the runner supports: the BSD
/// process-accounting file the scenario's global init turns on for its
/// namespace before anything else exists there. `do_exit` appends one
/// `acct_v3` record per exiting process of that namespace or any below it
/// (`acct_process`, before `exit_notify`: the record is there before the
/// process can be reaped), naming it by its PID at the scenario's root
/// level and carrying its wait status. Nothing a scenario can observe
/// changes: no process is added, no parent or reaper changes. See
/// ARCHITECTURE.md ("How the runner learns how a reaped process died").
struct Accounting {
    file: std::fs::File,
    /// Until the global init has opened it (then it is unlinked).
    path: Option<PathBuf>,
    /// Bytes read that do not make a whole record yet.
    partial: Vec<u8>,
    /// Wait status by PID at the scenario's root level.
    exits: HashMap<i32, i32>,
}

impl Accounting {
    fn create() -> Result<Accounting, RealError> {
        use std::os::unix::fs::OpenOptionsExt;
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "sigscope-acct-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| failed(format!("creating {}: {e}", path.display())))?;
        Ok(Accounting {
            file,
            path: Some(path),
            partial: Vec::new(),
            exits: HashMap::new(),
        })
    }

    fn path(&self) -> CString {
        use std::os::unix::ffi::OsStrExt;
        let p = self.path.as_ref().expect("asked before it was unlinked");
        CString::new(p.as_os_str().as_bytes()).expect("a temp path has no NUL")
    }

    /// The kernel holds the file open from now on; nobody needs its name.
    fn unlink(&mut self) {
        if let Some(p) = self.path.take() {
            let _ = std::fs::remove_file(p);
        }
    }

    /// The wait status of the process whose root-level PID is `pid`, if
    /// its record has been written.
    fn exit_status(&mut self, pid: i32) -> std::io::Result<Option<i32>> {
        if !self.exits.contains_key(&pid) {
            self.file.read_to_end(&mut self.partial)?;
            let whole = self.partial.len() / procfs::ACCT_V3_SIZE * procfs::ACCT_V3_SIZE;
            for rec in self.partial[..whole].chunks_exact(procfs::ACCT_V3_SIZE) {
                let r = procfs::parse_acct_v3(rec).ok_or_else(|| {
                    std::io::Error::other(format!(
                        "not an acct_v3 record (version byte {:#x}): the kernel needs CONFIG_BSD_PROCESS_ACCT_V3",
                        rec[1]
                    ))
                })?;
                self.exits.insert(r.pid, r.status);
            }
            self.partial.drain(..whole);
        }
        Ok(self.exits.get(&pid).copied())
    }
}

impl Drop for Accounting {
    fn drop(&mut self) {
        self.unlink();
    }
}

impl<'a> Runner<'a> {
    pub fn new(plan: &'a Plan, opts: &'a RealOptions) -> Result<Runner<'a>, RealError> {
        let n = plan.processes.len();
        let mut ctl = Vec::with_capacity(n);
        let mut agent_ends = Vec::with_capacity(n);
        for _ in 0..n {
            let mut fds = [0 as RawFd; 2];
            // SAFETY: `fds` has room for the two descriptors.
            if unsafe {
                libc::socketpair(
                    libc::AF_UNIX,
                    libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC,
                    0,
                    fds.as_mut_ptr(),
                )
            } < 0
            {
                return Err(failed(format!(
                    "socketpair: {}",
                    std::io::Error::last_os_error()
                )));
            }
            // SAFETY: both were just created and are owned by nobody else.
            let (c, a) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
            setsockopt_int(c.as_fd(), libc::SO_PASSCRED, 1)
                .map_err(|e| failed(format!("SO_PASSCRED: {e}")))?;
            // Room for bursts of handler records, which must never block
            // (best effort: SO_SNDBUFFORCE needs CAP_NET_ADMIN).
            let _ = setsockopt_int(a.as_fd(), libc::SO_SNDBUFFORCE, 1 << 20);
            ctl.push(c);
            agent_ends.push(a);
        }
        let acct = Accounting::create()?;
        let table = build_table(plan, &agent_ends, acct.path());
        let levels = plan.namespaces.len();
        Ok(Runner {
            plan,
            opts,
            ctl,
            eof: vec![false; n],
            agent_ends,
            table,
            procs: (0..n).map(|_| None).collect(),
            ns_fd: (0..levels).map(|_| None).collect(),
            next_pid: vec![1; levels],
            base: 0,
            seq: 0,
            init: None,
            ready: vec![None; n],
            replies: HashMap::new(),
            handled: Vec::new(),
            obs: vec![None; n],
            acct,
            shut: false,
        })
    }

    /// The scenario's PIDs of every created process, root level first.
    pub fn pids(&self) -> Vec<(String, Vec<i32>)> {
        self.procs
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                l.as_ref()
                    .map(|l| (self.plan.processes[i].id.clone(), l.pids.clone()))
            })
            .collect()
    }

    /// Builds the world, plays every action, returns one step per action.
    pub fn run(&mut self) -> Result<Vec<StepOutcome>, RealError> {
        let plan = self.plan;
        self.start_global_init()?;
        for c in 1..plan.initial {
            let mode = self
                .mode_for(c)
                .map_err(|m| failed(format!("{}: {m}", plan.processes[c].path)))?;
            if let Ret::Err(e) = self.create(c, mode)? {
                return Err(failed(format!(
                    "{}: creating {:?} failed with {}",
                    plan.processes[c].path,
                    plan.processes[c].id,
                    e.name()
                )));
            }
        }
        // Root set every listed process up; now each takes its own uid.
        for c in 0..plan.initial {
            let uid = plan.processes[c].uid;
            if uid != 0 {
                match self.call(
                    c,
                    Cmd {
                        op: OP_SETUID,
                        a: uid as i64,
                        ..Cmd::default()
                    },
                    None,
                    false,
                )? {
                    Ret::Ok => {}
                    Ret::Err(e) => {
                        return Err(failed(format!(
                            "{}: setresuid({uid}) failed with {}",
                            plan.processes[c].path,
                            e.name()
                        )))
                    }
                }
            }
        }
        self.settle()?;
        let mut steps = Vec::with_capacity(plan.actions.len());
        for (k, action) in plan.actions.iter().enumerate() {
            self.handled.clear();
            let ret = self.perform(k, action)?;
            self.settle()?;
            steps.push(self.step_outcome(ret)?);
        }
        Ok(steps)
    }

    // ----- creating processes ---------------------------------------------

    fn start_global_init(&mut self) -> Result<(), RealError> {
        let mut pidfd: libc::c_int = -1;
        // SAFETY: the child branch runs only agent code and ends in exit_group.
        let host = match unsafe {
            sys::clone_fork(
                (libc::CLONE_NEWPID | libc::SIGCHLD) as u64,
                Some(&mut pidfd),
            )
        } {
            Ok(0) => agent::run(&self.table, 0, true),
            Ok(host) => host,
            Err(e) => {
                return Err(failed(format!(
                    "clone(CLONE_NEWPID) for the global init: {}",
                    os_err(e)
                )))
            }
        };
        // SAFETY: CLONE_PIDFD stored a fresh descriptor that nobody else owns.
        self.init = Some((unsafe { OwnedFd::from_raw_fd(pidfd) }, host));
        // The init holds every process's end now and passes them down.
        self.agent_ends.clear();
        let root = self.plan.root_ns();
        let predicted = self.take_pids(root);
        let (cred_host, own) = self.await_ready(0)?;
        // Ready means its acct(2) succeeded.
        self.acct.unlink();
        if cred_host != host || own != predicted[0] as i64 {
            return Err(failed(format!(
                "the global init reported host PID {cred_host} / own PID {own}, expected {host} / {}",
                predicted[0]
            )));
        }
        self.register(0, host, predicted)
    }

    /// How `c`'s parent makes it, from the real world now: the first process
    /// of a namespace by `clone(CLONE_NEWPID)` from the namespace's parent;
    /// later ones by a plain fork, or by `setns` from an ancestor namespace.
    fn mode_for(&self, c: ProcIdx) -> Result<i64, String> {
        let plan = self.plan;
        let p = &plan.processes[c];
        let parent = p.parent.ok_or("the global init has no parent")?;
        let pns = plan.processes[parent].ns;
        if self.ns_fd[p.ns].is_none() {
            if plan.namespaces[p.ns].parent == Some(pns) {
                Ok(MODE_NEWNS)
            } else {
                Err(format!(
                    "{:?} would be the first process of namespace {:?}, so its parent must live in that namespace's parent, not in {:?}",
                    p.id, plan.namespaces[p.ns].id, plan.namespaces[pns].id
                ))
            }
        } else if pns == p.ns {
            Ok(MODE_PLAIN)
        } else if plan.ns_is_ancestor_or_self(pns, p.ns) {
            Ok(MODE_JOIN)
        } else {
            Err(format!(
                "{:?} in namespace {:?} cannot make a child in {:?}",
                plan.processes[parent].id, plan.namespaces[pns].id, plan.namespaces[p.ns].id
            ))
        }
    }

    /// The PIDs the next process of `ns` gets, root level first, and uses
    /// them up (a failed ENOMEM attempt uses them up too).
    fn take_pids(&mut self, ns: NsIdx) -> Vec<i32> {
        let level = self.plan.namespaces[ns].level as usize;
        let mut pids = vec![0; level + 1];
        let mut at = Some(ns);
        while let Some(n) = at {
            pids[self.plan.namespaces[n].level as usize] = self.next_pid[n];
            self.next_pid[n] += 1;
            at = self.plan.namespaces[n].parent;
        }
        pids
    }

    /// Has `c`'s parent fork it. `Ret::Err` for what the format lets a spawn
    /// return (EPERM, ENOMEM); anything else fails the run.
    fn create(&mut self, c: ProcIdx, mode: i64) -> Result<Ret, RealError> {
        let plan = self.plan;
        let p = &plan.processes[c];
        let parent = p.parent.expect("only the global init has no parent");
        let cmd = Cmd {
            op: OP_SPAWN,
            a: c as i64,
            b: mode,
            ..Cmd::default()
        };
        let nsfd = if mode == MODE_JOIN {
            self.ns_fd[p.ns].as_ref().map(|f| f.as_raw_fd())
        } else {
            None
        };
        let (err, child_pid) = self
            .request(parent, cmd, nsfd, false)?
            .expect("a spawn always replies");
        match err {
            0 => {}
            libc::ENOMEM => {
                // alloc_pid reserved a number at every level before it saw
                // that the namespace takes no new process.
                self.take_pids(p.ns);
                return Ok(Ret::Err(Errno::ENOMEM));
            }
            libc::EPERM => return Ok(Ret::Err(Errno::EPERM)),
            e => {
                return Err(failed(format!(
                    "{}: the fork by {:?} failed with {}",
                    p.path,
                    plan.processes[parent].id,
                    os_err(e)
                )))
            }
        }
        let predicted = self.take_pids(p.ns);
        let plevel = plan.namespaces[plan.processes[parent].ns].level as usize;
        if child_pid != predicted[plevel] as i64 {
            return Err(failed(format!(
                "PID mismatch: {} ({:?}) is PID {child_pid} for its parent, the format predicts {}",
                p.path, p.id, predicted[plevel]
            )));
        }
        let (host, own) = self.await_ready(c)?;
        let level = plan.namespaces[p.ns].level as usize;
        if own != predicted[level] as i64 {
            return Err(failed(format!(
                "PID mismatch: {} ({:?}) is PID {own} in its own namespace, the format predicts {}",
                p.path, p.id, predicted[level]
            )));
        }
        self.register(c, host, predicted)?;
        Ok(Ret::Ok)
    }

    /// Takes hold of a new process: /proc dir fd, pidfd, and (for a
    /// namespace's first process) the namespace; checks its PIDs and group.
    fn register(&mut self, c: ProcIdx, host: i32, predicted: Vec<i32>) -> Result<(), RealError> {
        let plan = self.plan;
        let p = &plan.processes[c];
        let path = CString::new(format!("/proc/{host}")).expect("no NUL");
        let dir = sys::open(&path, libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC)
            .map_err(|e| failed(format!("open /proc/{host} for {:?}: {}", p.id, os_err(e))))?;
        // SAFETY: just opened, owned by nobody else.
        let dir = unsafe { OwnedFd::from_raw_fd(dir) };
        let io = |e: std::io::Error| failed(format!("reading /proc/{host} of {:?}: {e}", p.id));
        let status = procfs::read_status(dir.as_fd())
            .map_err(io)?
            .ok_or_else(|| failed(format!("{:?} vanished while being created", p.id)))?;
        if c == 0 {
            self.base = status.nspid.len() - 1;
        }
        if status.nspid.len() != self.base + predicted.len()
            || status.nspid[self.base..] != predicted[..]
        {
            return Err(failed(format!(
                "PID mismatch: {} ({:?}) should have PIDs {predicted:?} (scenario root first), the kernel says NSpid {:?} (host first)",
                p.path, p.id, status.nspid
            )));
        }
        let pidfd = sys::pidfd_open(host)
            .map_err(|e| failed(format!("pidfd_open({host}) for {:?}: {}", p.id, os_err(e))))?;
        // SAFETY: just opened, owned by nobody else.
        let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd) };
        let stat = procfs::read_stat(dir.as_fd())
            .map_err(io)?
            .ok_or_else(|| failed(format!("{:?} vanished while being created", p.id)))?;
        // Its group: its own if it made one, else its parent's (across
        // namespaces too). Groups never change after creation.
        let leader = match p.parent {
            Some(parent) if p.group.is_none() => {
                self.procs[parent].as_ref().expect("parent exists").leader
            }
            _ => c,
        };
        let leader_host = if leader == c {
            host
        } else {
            self.procs[leader].as_ref().expect("leader exists").host
        };
        if stat.pgrp != leader_host {
            return Err(failed(format!(
                "{} ({:?}) is in process group {} (host PIDs), expected that of {:?} ({leader_host})",
                p.path, p.id, stat.pgrp, plan.processes[leader].id
            )));
        }
        if self.ns_fd[p.ns].is_none() {
            let path = CString::new(format!("/proc/{host}/ns/pid")).expect("no NUL");
            let fd = sys::open(&path, libc::O_RDONLY | libc::O_CLOEXEC)
                .map_err(|e| failed(format!("open /proc/{host}/ns/pid: {}", os_err(e))))?;
            // SAFETY: just opened, owned by nobody else.
            self.ns_fd[p.ns] = Some(unsafe { OwnedFd::from_raw_fd(fd) });
        }
        self.procs[c] = Some(Live {
            host,
            pids: predicted,
            dir,
            pidfd,
            leader,
            done: None,
        });
        Ok(())
    }

    // ----- actions ----------------------------------------------------------

    fn perform(&mut self, k: usize, action: &Action) -> Result<Ret, RealError> {
        let simple = |op: u32, a: i32, b: i32| Cmd {
            op,
            a: a as i64,
            b: b as i64,
            ..Cmd::default()
        };
        match *action {
            Action::Kill { from, pid, sig } => {
                self.check_actor(k, from, "from")?;
                let pid = self.resolve(from, pid);
                self.call(from, simple(OP_KILL, pid, sig), None, true)
            }
            Action::Sigqueue { from, pid, sig } => {
                self.check_actor(k, from, "from")?;
                let pid = self.resolve(from, pid);
                self.call(from, simple(OP_SIGQUEUE, pid, sig), None, true)
            }
            Action::Tgkill { from, pid, sig } => {
                self.check_actor(k, from, "from")?;
                let pid = self.resolve(from, pid);
                self.call(from, simple(OP_TGKILL, pid, sig), None, true)
            }
            Action::PidfdSendSignal { from, target, sig } => {
                self.check_actor(k, from, "from")?;
                match self.pid_in(from, target) {
                    // pidfd_open would fail with ESRCH: it has no PID there.
                    None => Ok(Ret::Err(Errno::ESRCH)),
                    Some(pid) => self.call(from, simple(OP_PIDFD_SEND, pid, sig), None, true),
                }
            }
            Action::Kernel { .. } => {
                Err(rejected(format!("actions[{k}].kernel"), KERNEL_ACTION_MSG))
            }
            Action::Exit { who, code } => {
                if who == 0 {
                    return Err(rejected(
                        format!("actions[{k}].exit"),
                        "the global init cannot exit (the real kernel panics: \"Attempted to kill init!\")",
                    ));
                }
                self.check_actor(k, who, "exit")?;
                self.call(who, simple(OP_EXIT, code, 0), None, true)
            }
            Action::Spawn { process } => {
                let parent = self.plan.processes[process]
                    .parent
                    .expect("a spawned process has a parent");
                self.check_actor(k, parent, "spawn.parent")?;
                let mode = self
                    .mode_for(process)
                    .map_err(|m| rejected(format!("actions[{k}].spawn.parent"), m))?;
                self.create(process, mode)
            }
            Action::Sigaction { from, ref changes } => {
                self.check_actor(k, from, "from")?;
                let mut m = [0u64; 3];
                for (sig, d) in changes {
                    let slot = match d {
                        Disposition::Default => 0,
                        Disposition::Ignore => 1,
                        Disposition::Catch => 2,
                    };
                    m[slot] |= sig_bit(*sig);
                }
                self.call(
                    from,
                    Cmd {
                        op: OP_SIGACTION,
                        m,
                        ..Cmd::default()
                    },
                    None,
                    true,
                )
            }
            Action::Sigprocmask { from, how, set } => {
                self.check_actor(k, from, "from")?;
                let how = match how {
                    MaskHow::Block => HOW_BLOCK,
                    MaskHow::Unblock => HOW_UNBLOCK,
                    MaskHow::Set => HOW_SET,
                };
                self.call(
                    from,
                    Cmd {
                        op: OP_SIGPROCMASK,
                        b: how,
                        m: [set.0, 0, 0],
                        ..Cmd::default()
                    },
                    None,
                    true,
                )
            }
        }
    }

    /// Only a created, living, running process can call anything.
    fn check_actor(&self, k: usize, p: ProcIdx, field: &str) -> Result<(), RealError> {
        let id = &self.plan.processes[p].id;
        let path = format!("actions[{k}].{field}");
        match self.obs[p] {
            None => Err(rejected(path, format!("{id:?} does not exist at this point (not spawned yet, or its spawn failed), so it cannot act"))),
            Some(o) if o.state == State::Dead => Err(rejected(path, format!("{id:?} is dead at this point and cannot act"))),
            Some(o) if o.state == State::Stopped => Err(rejected(path, format!("{id:?} is stopped at this point and cannot act"))),
            Some(_) => Ok(()),
        }
    }

    /// `q`'s PID as `actor` sees it, if `q` exists and has one there.
    fn pid_in(&self, actor: ProcIdx, q: ProcIdx) -> Option<i32> {
        let live = self.procs[q].as_ref()?;
        let ans = self.plan.processes[actor].ns;
        if !self
            .plan
            .ns_is_ancestor_or_self(ans, self.plan.processes[q].ns)
        {
            return None;
        }
        live.pids
            .get(self.plan.namespaces[ans].level as usize)
            .copied()
    }

    /// The `pid` argument as the actor passes it, from the real world now.
    fn resolve(&self, actor: ProcIdx, arg: PidArg) -> i32 {
        match arg {
            PidArg::Raw(n) => n,
            PidArg::PidOf(q) => self.pid_in(actor, q).unwrap_or(NO_SUCH_PID),
            PidArg::GroupOf(q) => match &self.procs[q] {
                Some(live) => self
                    .pid_in(actor, live.leader)
                    .map(|p| -p)
                    .unwrap_or(-NO_SUCH_PID),
                None => -NO_SUCH_PID,
            },
        }
    }

    /// Sends a command and turns its errno into a `Ret`. With `may_vanish`,
    /// an actor that stopped or died before replying (its own signal) made
    /// a call that succeeded: ret 0, as the format says.
    fn call(
        &mut self,
        actor: ProcIdx,
        cmd: Cmd,
        fd: Option<RawFd>,
        may_vanish: bool,
    ) -> Result<Ret, RealError> {
        match self.request(actor, cmd, fd, may_vanish)? {
            None | Some((0, _)) => Ok(Ret::Ok),
            Some((e, _)) => Errno::from_number(e).map(Ret::Err).ok_or_else(|| {
                failed(format!(
                    "{:?} got {} from op {}, which no outcome can express",
                    self.plan.processes[actor].id,
                    os_err(e),
                    cmd.op
                ))
            }),
        }
    }

    /// Sends `cmd` to `actor` and waits for its reply (errno, value); `None`
    /// if, with `may_vanish`, the actor stopped or died first.
    fn request(
        &mut self,
        actor: ProcIdx,
        mut cmd: Cmd,
        fd: Option<RawFd>,
        may_vanish: bool,
    ) -> Result<Option<(i32, i64)>, RealError> {
        self.seq += 1;
        cmd.seq = self.seq;
        send_cmd(self.ctl[actor].as_fd(), &cmd, fd).map_err(|e| {
            failed(format!(
                "sending a command to {:?}: {e}",
                self.plan.processes[actor].id
            ))
        })?;
        let start = Instant::now();
        loop {
            self.drain()?;
            if let Some(r) = self.replies.remove(&cmd.seq) {
                return Ok(Some(r));
            }
            if may_vanish && self.observe(actor)?.state != State::Running {
                // A stopped actor replies once continued (that reply is
                // stale then and dropped); a dead one never does.
                self.drain()?;
                return Ok(self.replies.remove(&cmd.seq));
            }
            if start.elapsed() > self.opts.reply_timeout {
                return Err(failed(format!(
                    "timeout: {:?} did not answer op {} within {:?}",
                    self.plan.processes[actor].id, cmd.op, self.opts.reply_timeout
                )));
            }
            self.wait_io(self.opts.poll);
        }
    }

    fn await_ready(&mut self, c: ProcIdx) -> Result<(i32, i64), RealError> {
        let start = Instant::now();
        loop {
            self.drain()?;
            if let Some(r) = self.ready[c].take() {
                return Ok(r);
            }
            if start.elapsed() > self.opts.reply_timeout {
                return Err(failed(format!(
                    "timeout: {:?} was not ready within {:?}",
                    self.plan.processes[c].id, self.opts.reply_timeout
                )));
            }
            self.wait_io(self.opts.poll);
        }
    }

    // ----- messages -----------------------------------------------------------

    /// Reads every message waiting on every socket.
    fn drain(&mut self) -> Result<(), RealError> {
        for i in 0..self.ctl.len() {
            while !self.eof[i] {
                match recv_msg(self.ctl[i].as_fd()) {
                    Ok(Recv::Msg(msg, pid)) => self.on_msg(i, msg, pid)?,
                    Ok(Recv::Empty) => break,
                    // Its process has exited (every copy of its end is closed).
                    Ok(Recv::Closed) => self.eof[i] = true,
                    Err(e) => {
                        return Err(failed(format!(
                            "reading from {:?}: {e}",
                            self.plan.processes[i].id
                        )))
                    }
                }
            }
        }
        Ok(())
    }

    fn on_msg(&mut self, chan: usize, msg: Msg, cred_pid: i32) -> Result<(), RealError> {
        let id = &self.plan.processes[chan].id;
        if msg.index as usize != chan {
            return Err(failed(format!(
                "a message for process #{} arrived on {id:?}'s socket",
                msg.index
            )));
        }
        match msg.kind {
            MSG_READY => self.ready[chan] = Some((cred_pid, msg.val)),
            MSG_REPLY => {
                self.replies.insert(msg.seq, (msg.err, msg.val));
            }
            MSG_HANDLED => self
                .handled
                .push((chan, msg.val as i32, msg.si_pid, msg.si_code)),
            MSG_FATAL => {
                return Err(failed(format!(
                    "{} ({id:?}) failed while {}: {}",
                    self.plan.processes[chan].path,
                    step_name(msg.step),
                    os_err(msg.err)
                )))
            }
            k => return Err(failed(format!("unknown message kind {k} from {id:?}"))),
        }
        Ok(())
    }

    /// Sleeps until a message arrives or `timeout` passes.
    fn wait_io(&self, timeout: Duration) {
        let mut fds: Vec<libc::pollfd> = (0..self.ctl.len())
            .filter(|&i| !self.eof[i])
            .map(|i| libc::pollfd {
                fd: self.ctl[i].as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        // SAFETY: `fds` is a valid array of pollfd.
        unsafe {
            libc::poll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                timeout.as_millis().max(1) as libc::c_int,
            )
        };
    }

    // ----- observing ----------------------------------------------------------

    /// Polls until nothing is runnable, no signal is waiting to be
    /// delivered, and nothing changed (states, pending sets, handler
    /// records) for `quiet`; fails after `settle_cap`.
    fn settle(&mut self) -> Result<(), RealError> {
        let start = Instant::now();
        let mut last: Option<(Vec<Option<Obs>>, usize)> = None;
        let mut since = start;
        loop {
            self.drain()?;
            let now: Vec<Option<Obs>> = (0..self.procs.len())
                .map(|i| {
                    if self.procs[i].is_some() {
                        self.observe(i).map(Some)
                    } else {
                        Ok(None)
                    }
                })
                .collect::<Result<_, _>>()?;
            let key = (now, self.handled.len());
            if last.as_ref() != Some(&key) {
                last = Some(key);
                since = Instant::now();
            }
            let obs = &last.as_ref().expect("just set").0;
            let busy: Vec<&str> = obs
                .iter()
                .enumerate()
                .filter(|(_, o)| o.is_some_and(|o| o.busy))
                .map(|(i, _)| self.plan.processes[i].id.as_str())
                .collect();
            if busy.is_empty() && since.elapsed() >= self.opts.quiet {
                self.obs = last.expect("just set").0;
                return Ok(());
            }
            if start.elapsed() >= self.opts.settle_cap {
                return Err(failed(format!(
                    "timeout: the world did not settle within {:?} (still busy: {busy:?})",
                    self.opts.settle_cap
                )));
            }
            self.wait_io(self.opts.poll);
        }
    }

    fn observe(&mut self, i: ProcIdx) -> Result<Obs, RealError> {
        let id = &self.plan.processes[i].id;
        let live = self.procs[i].as_mut().expect("observing a created process");
        if let Some(o) = live.done {
            return Ok(o);
        }
        let io = |e: std::io::Error| failed(format!("reading /proc/{} of {id:?}: {e}", live.host));
        let dead = |signal, busy| Obs {
            state: State::Dead,
            signal,
            pending: 0,
            busy,
        };
        let stat = procfs::read_stat(live.dir.as_fd()).map_err(io)?;
        let o = match stat {
            // Reaped (or being reaped): its accounting record says how it died.
            None => match self
                .acct
                .exit_status(live.pids[0])
                .map_err(|e| failed(format!("reading the accounting record of {id:?}: {e}")))?
            {
                Some(status) => {
                    cross_check_exit(live.pidfd.as_fd(), status, id)?;
                    let o = dead(killed_by(status, id)?, false);
                    live.done = Some(o);
                    o
                }
                // Not written yet (it is written before the process can be
                // reaped, so this is a process still being unhashed): look again.
                None => dead(None, true),
            },
            Some(st) if st.state == b'Z' || st.state == b'X' => {
                let o = dead(killed_by(st.exit_code, id)?, false);
                if st.state == b'Z' {
                    live.done = Some(o);
                }
                o
            }
            // Dying but not yet a zombie: dead for the format (an init
            // waiting in zap_pid_ns_processes may stay like this).
            Some(st) if st.flags & procfs::PF_EXITING != 0 => dead(
                killed_by(st.exit_code, id)?,
                matches!(st.state, b'R' | b'D'),
            ),
            Some(st) => match procfs::read_status(live.dir.as_fd()).map_err(io)? {
                None => dead(None, true),
                Some(s) => {
                    let pending = s.sig_pnd | s.shd_pnd;
                    if matches!(st.state, b'T' | b't') {
                        Obs {
                            state: State::Stopped,
                            signal: None,
                            pending,
                            busy: false,
                        }
                    } else {
                        let busy = matches!(st.state, b'R' | b'D') || pending & !s.sig_blk != 0;
                        Obs {
                            state: State::Running,
                            signal: None,
                            pending,
                            busy,
                        }
                    }
                }
            },
        };
        Ok(o)
    }

    fn step_outcome(&self, ret: Ret) -> Result<StepOutcome, RealError> {
        let mut processes = Vec::new();
        for (i, o) in self.obs.iter().enumerate() {
            let Some(o) = o else { continue };
            let dead = o.state == State::Dead;
            processes.push((
                self.plan.processes[i].id.clone(),
                ProcessOutcome {
                    state: o.state,
                    signal: if dead { o.signal } else { None },
                    pending: if dead {
                        Vec::new()
                    } else {
                        SigSet(o.pending).iter().collect()
                    },
                },
            ));
        }
        // The format compares `handled` as a multiset; list it in a fixed
        // order anyway — by process, in creation order, each process's own
        // records in delivery order — so recorded outcomes are stable.
        let mut records = self.handled.clone();
        records.sort_by_key(|r| r.0);
        let mut handled = Vec::new();
        for (p, sig, si_pid, code) in records {
            let id = &self.plan.processes[p].id;
            let sig = Signal::new(sig as i64)
                .ok_or_else(|| failed(format!("{id:?}'s handler saw signal {sig}")))?;
            let si_code = SiCode::from_raw(sig, code).ok_or_else(|| {
                failed(format!(
                    "{id:?}'s handler saw {sig} with si_code {code}, which the format cannot name"
                ))
            })?;
            handled.push(Handled {
                process: id.clone(),
                sig,
                si_pid,
                si_code,
            });
        }
        Ok(StepOutcome {
            ret,
            processes: ProcessMap(processes),
            handled,
        })
    }

    // ----- clean-up -------------------------------------------------------------

    /// SIGKILLs the global init (the only process the runner ever signals),
    /// waits until the kernel has taken its namespace down and reaps it.
    /// Idempotent; also run by `Drop` on every error and panic path.
    pub fn shutdown(&mut self) -> Result<(), RealError> {
        if self.shut {
            return Ok(());
        }
        self.shut = true;
        let Some((pidfd, host)) = self.init.take() else {
            return Ok(());
        };
        let _ = sys::pidfd_send_signal(pidfd.as_raw_fd(), libc::SIGKILL);
        // Readable once the init has exited, i.e. after zap_pid_ns_processes
        // has killed and reaped everything with a PID in its namespace.
        let gone = poll_readable(&[pidfd.as_fd()], self.opts.cleanup_timeout);
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: reaping our own child through its pidfd; WNOHANG keeps it bounded.
        unsafe {
            libc::waitid(
                P_PIDFD,
                pidfd.as_raw_fd() as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOHANG,
            )
        };
        if !gone {
            return Err(failed(format!(
                "the scenario's init (host PID {host}) did not exit within {:?} of SIGKILL",
                self.opts.cleanup_timeout
            )));
        }
        let fds: Vec<BorrowedFd<'_>> = self
            .procs
            .iter()
            .flatten()
            .map(|l| l.pidfd.as_fd())
            .collect();
        if !poll_readable(&fds, self.opts.cleanup_timeout) {
            return Err(failed("scenario processes outlived their namespace's init"));
        }
        Ok(())
    }
}

impl Drop for Runner<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.shutdown() {
            eprintln!("sigsim real runner: clean-up: {e}");
        }
    }
}

pub const KERNEL_ACTION_MSG: &str =
    "the real-kernel runner cannot make the kernel itself send a signal (simulator only)";

/// `waitid` id type for a pidfd (Linux 5.4+).
const P_PIDFD: libc::idtype_t = 3;

/// The signal a wait status says killed the process; a core dump fails the
/// run (the format's world has none: RLIMIT_CORE 0, not dumpable).
fn killed_by(status: i32, id: &str) -> Result<Option<Signal>, RealError> {
    if status & 0x80 != 0 {
        return Err(failed(format!(
            "{id:?} dumped core (wait status {status:#x}) although dumps are off"
        )));
    }
    Ok(Signal::new((status & 0x7f) as i64))
}

/// Where the kernel can say it too (PIDFD_INFO_EXIT, 6.15+), the
/// accounting record's wait status must be the pidfd's: a runner that read
/// the wrong record would fail here rather than report a wrong death.
fn cross_check_exit(pidfd: BorrowedFd<'_>, status: i32, id: &str) -> Result<(), RealError> {
    match procfs::pidfd_exit_status(pidfd) {
        Ok(Some(p)) if p != status => Err(failed(format!(
            "{id:?}: its accounting record says wait status {status:#x}, its pidfd (PIDFD_INFO_EXIT) {p:#x}"
        ))),
        // Agreeing, not published to the pidfd yet, or a kernel before 6.15.
        _ => Ok(()),
    }
}

/// Polls until every fd is readable (a pidfd: its process has exited).
fn poll_readable(fds: &[BorrowedFd<'_>], timeout: Duration) -> bool {
    let start = Instant::now();
    loop {
        let mut p: Vec<libc::pollfd> = fds
            .iter()
            .map(|f| libc::pollfd {
                fd: f.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            })
            .collect();
        // SAFETY: `p` is a valid array of pollfd.
        unsafe { libc::poll(p.as_mut_ptr(), p.len() as libc::nfds_t, 0) };
        if p.iter().all(|p| p.revents & libc::POLLIN != 0) {
            return true;
        }
        if start.elapsed() >= timeout {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn setsockopt_int(fd: BorrowedFd<'_>, opt: libc::c_int, v: libc::c_int) -> std::io::Result<()> {
    // SAFETY: `v` is a valid int option value.
    let r = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            opt,
            &v as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if r < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// One command, with a descriptor passed along (SCM_RIGHTS) if given.
fn send_cmd(sock: BorrowedFd<'_>, cmd: &Cmd, fd: Option<RawFd>) -> std::io::Result<()> {
    let bytes = sys::as_bytes(cmd);
    let mut iov = libc::iovec {
        iov_base: bytes.as_ptr() as *mut libc::c_void,
        iov_len: bytes.len(),
    };
    let mut cbuf = [0u64; 4];
    // SAFETY: msghdr is plain data; the pointers set below outlive the call.
    let mut mh: libc::msghdr = unsafe { std::mem::zeroed() };
    mh.msg_iov = &mut iov;
    mh.msg_iovlen = 1;
    if let Some(fd) = fd {
        mh.msg_control = cbuf.as_mut_ptr() as *mut libc::c_void;
        // SAFETY: CMSG_* only compute sizes and offsets within `cbuf`.
        unsafe {
            mh.msg_controllen = libc::CMSG_SPACE(std::mem::size_of::<RawFd>() as u32) as usize;
            let c = libc::CMSG_FIRSTHDR(&mh);
            (*c).cmsg_level = libc::SOL_SOCKET;
            (*c).cmsg_type = libc::SCM_RIGHTS;
            (*c).cmsg_len = libc::CMSG_LEN(std::mem::size_of::<RawFd>() as u32) as usize;
            std::ptr::write_unaligned(libc::CMSG_DATA(c) as *mut RawFd, fd);
        }
    }
    loop {
        // SAFETY: `mh` describes valid buffers.
        let r = unsafe { libc::sendmsg(sock.as_raw_fd(), &mh, libc::MSG_NOSIGNAL) };
        if r >= 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// What one non-blocking read of a socket found.
enum Recv {
    /// A message, with the sender's PID in the runner's namespace
    /// (SCM_CREDENTIALS).
    Msg(Msg, i32),
    /// Nothing waiting.
    Empty,
    /// The other end is closed for good.
    Closed,
}

fn recv_msg(sock: BorrowedFd<'_>) -> std::io::Result<Recv> {
    let mut msg = Msg::default();
    let bytes = sys::as_bytes_mut(&mut msg);
    let mut iov = libc::iovec {
        iov_base: bytes.as_mut_ptr() as *mut libc::c_void,
        iov_len: bytes.len(),
    };
    let mut cbuf = [0u64; 16];
    // SAFETY: msghdr is plain data; the pointers set below outlive the call.
    let mut mh: libc::msghdr = unsafe { std::mem::zeroed() };
    mh.msg_iov = &mut iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cbuf.as_mut_ptr() as *mut libc::c_void;
    mh.msg_controllen = std::mem::size_of_val(&cbuf);
    // SAFETY: `mh` describes valid buffers.
    let n = unsafe {
        libc::recvmsg(
            sock.as_raw_fd(),
            &mut mh,
            libc::MSG_DONTWAIT | libc::MSG_CMSG_CLOEXEC,
        )
    };
    if n < 0 {
        let e = std::io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::EAGAIN) | Some(libc::EINTR) => Ok(Recv::Empty),
            _ => Err(e),
        };
    }
    if n == 0 {
        return Ok(Recv::Closed);
    }
    if n as usize != std::mem::size_of::<Msg>() {
        return Err(std::io::Error::other(format!("a message of {n} bytes")));
    }
    let mut pid = 0;
    // SAFETY: the CMSG_* helpers walk the control buffer the kernel filled.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(&mh);
        while !c.is_null() {
            if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_CREDENTIALS {
                let cred: libc::ucred =
                    std::ptr::read_unaligned(libc::CMSG_DATA(c) as *const libc::ucred);
                pid = cred.pid;
            } else if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_RIGHTS {
                // Never expected from an agent; do not leak it.
                libc::close(std::ptr::read_unaligned(libc::CMSG_DATA(c) as *const RawFd));
            }
            c = libc::CMSG_NXTHDR(&mh, c);
        }
    }
    Ok(Recv::Msg(msg, pid))
}

/// The agents' table: each process's socket end, what it keeps, and how it
/// sets itself up.
fn build_table(plan: &Plan, ends: &[OwnedFd], acct: CString) -> AgentTable {
    let n = plan.processes.len();
    let mut children = vec![Vec::new(); n];
    for (i, p) in plan.processes.iter().enumerate() {
        if let Some(parent) = p.parent {
            children[parent].push(i);
        }
    }
    let procs = (0..n)
        .map(|i| {
            let p = &plan.processes[i];
            let mut subtree = Vec::new();
            let mut stack = vec![i];
            while let Some(j) = stack.pop() {
                subtree.push(ends[j].as_raw_fd());
                stack.extend(&children[j]);
            }
            let mut keep: Vec<RawFd> = subtree.iter().copied().chain([0, 1, 2]).collect();
            keep.sort_unstable();
            keep.dedup();
            let mask = |d: Disposition| {
                p.signals
                    .iter()
                    .filter(|(_, x)| *x == d)
                    .fold(0u64, |m, (s, _)| m | sig_bit(*s))
            };
            AgentSpec {
                fd: ends[i].as_raw_fd(),
                keep,
                subtree,
                uid: p.uid,
                uid_at_creation: i >= plan.initial,
                ignore: mask(Disposition::Ignore),
                catch: mask(Disposition::Catch),
                blocked: p.blocked.0,
                group: if i == 0 {
                    GROUP_SESSION
                } else {
                    match p.group {
                        None => GROUP_NONE,
                        Some(GroupSpec::New) => GROUP_NEW,
                        Some(GroupSpec::Session) => GROUP_SESSION,
                    }
                },
            }
        })
        .collect();
    AgentTable { procs, acct }
}
