//! The code every scenario process runs: set itself up exactly as its
//! `ProcPlan` says, report ready, then idle waiting for commands and perform
//! them *itself* (so every call is made by the process the scenario names),
//! reporting the errno back.
//!
//! This runs in a copy of a possibly multi-threaded runner made with a raw
//! `clone`, so it must not allocate, lock or panic: only raw system calls on
//! data prepared before the first fork (the [`AgentTable`]), stack buffers
//! and two atomics for the signal handler.

use super::proto::*;
use super::sys::{self, SysResult};
use libc::{c_int, c_void};
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

/// How a process joins its group right after creation.
pub const GROUP_NONE: u8 = 0;
pub const GROUP_NEW: u8 = 1;
pub const GROUP_SESSION: u8 = 2;

/// Everything an agent needs to know about one scenario process, prepared
/// by the controller before the global init is cloned and then only read.
#[derive(Clone, Debug, Default)]
pub struct AgentSpec {
    /// Its end of its socket to the controller.
    pub fd: c_int,
    /// Descriptors it keeps (sorted): 0-2, its own socket end and those of
    /// every process below it in the plan's tree, which it passes on by
    /// forking.
    pub keep: Vec<c_int>,
    /// Its own end and its descendants': what its parent closes once it has
    /// forked it.
    pub subtree: Vec<c_int>,
    pub uid: u32,
    /// Spawned processes take their uid at creation (their parent's own
    /// privilege decides); processes of `processes` get it later, once all
    /// of them exist, because root sets them up.
    pub uid_at_creation: bool,
    pub ignore: u64,
    pub catch: u64,
    pub blocked: u64,
    pub group: u8,
}

pub struct AgentTable {
    pub procs: Vec<AgentSpec>,
    /// The accounting file the global init turns process accounting on
    /// for, in its new namespace, before anything else exists there
    /// (`world.rs`, `Accounting`).
    pub acct: std::ffi::CString,
}

/// Which scenario process this is, and its socket: read by the handler.
static MY_INDEX: AtomicU32 = AtomicU32::new(u32::MAX);
static MY_FD: AtomicI32 = AtomicI32::new(-1);

const SIGKILL_BIT: u64 = 1 << (libc::SIGKILL - 1);
const SIGSTOP_BIT: u64 = 1 << (libc::SIGSTOP - 1);

fn bit(sig: i32) -> u64 {
    1u64 << (sig - 1)
}

/// Exit codes of an agent that gave up (never seen in an outcome: a failing
/// agent makes the whole run fail).
const EXIT_FATAL: i32 = 125;
const EXIT_UNWOUND: i32 = 126;
const EXIT_NO_SPEC: i32 = 127;

/// If anything ever unwinds in an agent, stop right there: unwinding further
/// would run the runner's own code in a copy of the runner.
struct ExitOnUnwind;

impl Drop for ExitOnUnwind {
    fn drop(&mut self) {
        sys::exit_group(EXIT_UNWOUND);
    }
}

/// The handler every `"catch"` disposition installs: one record, one
/// `send(2)`, errno preserved (the main loop may be between a call and its
/// errno read).
extern "C" fn on_signal(sig: c_int, info: *mut libc::siginfo_t, _ctx: *mut c_void) {
    // SAFETY: errno is per-thread and always readable.
    let saved = unsafe { *libc::__errno_location() };
    let mut m = Msg::new(MSG_HANDLED, MY_INDEX.load(Ordering::Relaxed));
    m.val = sig as i64;
    if !info.is_null() {
        // SAFETY: the kernel passes a full siginfo; si_pid sits at the same
        // offset for the kill, rt and chld layouts this runner produces.
        unsafe {
            m.si_pid = (*info).si_pid();
            m.si_code = (*info).si_code;
        }
    }
    let _ = sys::send_bytes(MY_FD.load(Ordering::Relaxed), sys::as_bytes(&m), true);
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = saved };
}

fn send_msg(m: &Msg) -> SysResult<()> {
    let fd = MY_FD.load(Ordering::Relaxed);
    loop {
        match sys::send_bytes(fd, sys::as_bytes(m), false) {
            Err(libc::EINTR) => continue,
            r => return r,
        }
    }
}

/// Reports what failed and leaves.
fn fatal(step: u32, err: i32) -> ! {
    let mut m = Msg::new(MSG_FATAL, MY_INDEX.load(Ordering::Relaxed));
    m.step = step;
    m.err = err;
    let _ = send_msg(&m);
    sys::exit_group(EXIT_FATAL)
}

fn must<T>(step: u32, r: SysResult<T>) -> T {
    match r {
        Ok(v) => v,
        Err(e) => fatal(step, e),
    }
}

/// Closes every descriptor but `keep` (sorted): the runner's own, those of
/// other scenarios running in parallel threads, those of other branches.
fn close_all_except(keep: &[c_int]) -> SysResult<()> {
    let mut next: u32 = 0;
    for &k in keep {
        if k < 0 || (k as u32) < next {
            continue;
        }
        if k as u32 > next {
            sys::close_range(next, k as u32 - 1)?;
        }
        next = k as u32 + 1;
    }
    sys::close_range(next, u32::MAX)
}

/// Becomes scenario process `idx`: the entry point of every agent, called
/// in the child right after the clone that made it. Never returns.
pub fn run(table: &AgentTable, idx: usize, global_init: bool) -> ! {
    let _guard = ExitOnUnwind;
    let spec = match table.procs.get(idx) {
        Some(s) => s,
        None => sys::exit_group(EXIT_NO_SPEC),
    };
    MY_INDEX.store(idx as u32, Ordering::Relaxed);
    MY_FD.store(spec.fd, Ordering::Relaxed);
    if global_init {
        // A safety net: if the runner's thread dies without cleaning up, the
        // kernel kills this init, which takes the whole scenario with it.
        must(
            STEP_PDEATHSIG,
            sys::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong),
        );
    }
    must(STEP_CLOSE_FDS, close_all_except(&spec.keep));
    if global_init {
        // Every process of the scenario exits below this namespace: the
        // kernel appends one record per exit, wait status included, for the
        // controller to read once a process is reaped.
        must(STEP_ACCT, sys::acct(&table.acct));
        // Inherited by every scenario process. RLIMIT_CORE 0 alone does not
        // stop a dump to a `|pipe` core_pattern; not being dumpable does, so
        // no parent ever hears CLD_DUMPED on any machine.
        must(STEP_RLIMIT_CORE, sys::setrlimit(libc::RLIMIT_CORE, 0));
        must(STEP_DUMPABLE, sys::prctl(libc::PR_SET_DUMPABLE, 0));
    }
    // Nothing is inherited: all SIG_DFL, empty mask, then its own lists.
    for sig in 1..=64 {
        if sig != libc::SIGKILL && sig != libc::SIGSTOP {
            must(STEP_RESET_ACTIONS, sys::rt_sigaction(sig, libc::SIG_DFL, 0));
        }
    }
    must(STEP_RESET_MASK, sys::rt_sigprocmask(libc::SIG_SETMASK, 0));
    match spec.group {
        GROUP_NEW => must(STEP_GROUP, sys::setpgid_self()),
        GROUP_SESSION => must(STEP_GROUP, sys::setsid()),
        _ => {}
    }
    for sig in 1..=64 {
        if spec.ignore & bit(sig) != 0 {
            must(STEP_DISPOSITIONS, set_disposition(sig, DISP_IGNORE));
        } else if spec.catch & bit(sig) != 0 {
            must(STEP_DISPOSITIONS, set_disposition(sig, DISP_CATCH));
        }
    }
    must(
        STEP_MASK,
        sys::rt_sigprocmask(libc::SIG_SETMASK, spec.blocked),
    );
    // The uid last: setresuid to a non-zero uid drops every capability.
    if spec.uid_at_creation && spec.uid != sys::getuid() {
        must(STEP_UID, sys::setresuid(spec.uid));
    }
    let mut ready = Msg::new(MSG_READY, idx as u32);
    ready.val = sys::getpid() as i64;
    must(STEP_SEND, send_msg(&ready));
    serve(table, idx)
}

const DISP_DEFAULT: u8 = 0;
const DISP_IGNORE: u8 = 1;
const DISP_CATCH: u8 = 2;

fn set_disposition(sig: i32, d: u8) -> SysResult<()> {
    match d {
        DISP_IGNORE => sys::rt_sigaction(sig, libc::SIG_IGN, 0),
        DISP_CATCH => sys::rt_sigaction(
            sig,
            on_signal as *const () as usize,
            libc::SA_SIGINFO as libc::c_ulong,
        ),
        _ => sys::rt_sigaction(sig, libc::SIG_DFL, 0),
    }
}

/// The idle loop: a blocking receive (interrupted by handlers, EINTR is
/// simply retried, so handlers run while idle), one command, one reply.
fn serve(table: &AgentTable, idx: usize) -> ! {
    let fd = MY_FD.load(Ordering::Relaxed);
    loop {
        let mut cmd = Cmd::default();
        let mut passed: c_int = -1;
        match sys::recv_with_fd(fd, sys::as_bytes_mut(&mut cmd), &mut passed) {
            // The controller is gone: leave (an init takes its namespace along).
            Ok(0) => sys::exit_group(0),
            Ok(n) if n == std::mem::size_of::<Cmd>() => {}
            Ok(_) => fatal(STEP_BAD_COMMAND, 0),
            Err(libc::EINTR) => continue,
            Err(e) => fatal(STEP_RECV, e),
        }
        let (err, val) = perform(table, idx, &cmd, passed);
        let mut reply = Msg::new(MSG_REPLY, idx as u32);
        reply.seq = cmd.seq;
        reply.err = err;
        reply.val = val;
        must(STEP_SEND, send_msg(&reply));
    }
}

fn errno_of(r: SysResult<()>) -> i32 {
    match r {
        Ok(()) => 0,
        Err(e) => e,
    }
}

/// Performs one command as this process; (errno or 0, result value).
fn perform(table: &AgentTable, idx: usize, cmd: &Cmd, passed: c_int) -> (i32, i64) {
    if cmd.op != OP_SPAWN && passed >= 0 {
        sys::close(passed);
    }
    let pid = cmd.a as i32;
    let sig = cmd.b as i32;
    match cmd.op {
        OP_KILL => (errno_of(sys::kill(pid, sig)), 0),
        OP_SIGQUEUE => {
            // What sigqueue(3) builds: SI_QUEUE, the caller's own PID and uid.
            let info = sys::RawSiginfo {
                signo: sig,
                errno: 0,
                code: libc::SI_QUEUE,
                pad0: 0,
                pid: sys::getpid(),
                uid: sys::getuid(),
                value: 0,
                rest: [0; 12],
            };
            (errno_of(sys::rt_sigqueueinfo(pid, sig, &info)), 0)
        }
        OP_TGKILL => (errno_of(sys::tgkill(pid, pid, sig)), 0),
        OP_PIDFD_SEND => match sys::pidfd_open(pid) {
            Err(e) => (e, 0),
            Ok(pfd) => {
                let r = sys::pidfd_send_signal(pfd, sig);
                sys::close(pfd);
                (errno_of(r), 0)
            }
        },
        OP_SIGACTION => (sigaction(cmd.m[0], cmd.m[1], cmd.m[2]), 0),
        OP_SIGPROCMASK => (errno_of(sys::rt_sigprocmask(cmd.b as i32, cmd.m[0])), 0),
        OP_EXIT => sys::exit_group(cmd.a as i32),
        OP_SPAWN => spawn(table, cmd.a, cmd.b, passed),
        OP_SETUID => {
            let r = sys::setresuid(cmd.a as u32);
            if r.is_ok() && idx == 0 {
                // A uid change clears the parent-death signal; re-arm it.
                let _ = sys::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
            }
            (errno_of(r), 0)
        }
        _ => fatal(STEP_BAD_COMMAND, cmd.op as i32),
    }
}

/// Changes dispositions. SIGKILL/SIGSTOP among them: the kernel's EINVAL and
/// nothing changes (the format treats the map as one call), so those are
/// tried first, for real.
fn sigaction(dfl: u64, ign: u64, catch: u64) -> i32 {
    let all = dfl | ign | catch;
    let disp = |sig: i32| {
        if ign & bit(sig) != 0 {
            DISP_IGNORE
        } else if catch & bit(sig) != 0 {
            DISP_CATCH
        } else {
            DISP_DEFAULT
        }
    };
    for sig in [libc::SIGKILL, libc::SIGSTOP] {
        if all & bit(sig) != 0 {
            if let Err(e) = set_disposition(sig, disp(sig)) {
                return e;
            }
        }
    }
    for sig in 1..=64 {
        if all & bit(sig) != 0 && bit(sig) & (SIGKILL_BIT | SIGSTOP_BIT) == 0 {
            if let Err(e) = set_disposition(sig, disp(sig)) {
                return e;
            }
        }
    }
    0
}

/// Forks scenario process `child` as this process, with this process's own
/// privileges. Every EPERM is decided before anything could allocate a PID:
/// an unprivileged parent first tries to take the child's uid itself
/// (setresuid to its own uid is a no-op, to another one EPERM), and
/// `clone(CLONE_NEWPID)` / `setns` check CAP_SYS_ADMIN before `alloc_pid`.
fn spawn(table: &AgentTable, child: i64, mode: i64, nsfd: c_int) -> (i32, i64) {
    let cspec = match table.procs.get(child as usize) {
        Some(s) => s,
        None => fatal(STEP_BAD_COMMAND, child as i32),
    };
    let done = |own: c_int| {
        if own >= 0 {
            // Back into its own namespace for its later plain forks.
            must(STEP_SETNS_BACK, sys::setns(own, libc::CLONE_NEWPID));
            sys::close(own);
        }
        if nsfd >= 0 {
            sys::close(nsfd);
        }
    };
    if sys::geteuid() != 0 {
        if let Err(e) = sys::setresuid(cspec.uid) {
            done(-1);
            return (e, 0);
        }
    }
    let mut own: c_int = -1;
    let mut flags = libc::SIGCHLD as u64;
    match mode {
        MODE_NEWNS => flags |= libc::CLONE_NEWPID as u64,
        MODE_JOIN => {
            own = must(
                STEP_OWN_NS,
                sys::open(c"/proc/self/ns/pid", libc::O_RDONLY | libc::O_CLOEXEC),
            );
            if let Err(e) = sys::setns(nsfd, libc::CLONE_NEWPID) {
                sys::close(own);
                done(-1);
                return (e, 0);
            }
        }
        _ => {}
    }
    // SAFETY: the child branch runs only agent code and ends in exit_group.
    match unsafe { sys::clone_fork(flags, None) } {
        Ok(0) => run(table, child as usize, false),
        Ok(pid) => {
            done(own);
            // The child carries its branch's sockets now.
            for &fd in &cspec.subtree {
                sys::close(fd);
            }
            (0, pid as i64)
        }
        Err(e) => {
            done(own);
            (e, 0)
        }
    }
}
