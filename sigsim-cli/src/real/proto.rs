//! The wire format between the runner (the "controller") and the scenario
//! processes (the "agents"). Every message is one fixed-size plain struct in
//! one `SOCK_SEQPACKET` record: a read is always a whole message, and a
//! handler's single `send(2)` of a record is atomic, so records from a
//! handler and a reply from the main loop can never interleave.

use super::sys::Pod;
use std::mem::size_of;

/// Commands, controller → agent.
pub const OP_KILL: u32 = 1;
pub const OP_SIGQUEUE: u32 = 2;
pub const OP_TGKILL: u32 = 3;
pub const OP_PIDFD_SEND: u32 = 4;
pub const OP_SIGACTION: u32 = 5;
pub const OP_SIGPROCMASK: u32 = 6;
pub const OP_EXIT: u32 = 7;
pub const OP_SPAWN: u32 = 8;
pub const OP_SETUID: u32 = 9;

/// How `OP_SPAWN` creates the child.
pub const MODE_PLAIN: i64 = 0;
/// `clone(CLONE_NEWPID)`: the child is the init of a new namespace.
pub const MODE_NEWNS: i64 = 1;
/// `setns` into the namespace whose fd rides along (SCM_RIGHTS), fork,
/// `setns` back.
pub const MODE_JOIN: i64 = 2;

/// `OP_SIGPROCMASK` `how` values, as the syscall takes them.
pub const HOW_BLOCK: i64 = libc::SIG_BLOCK as i64;
pub const HOW_UNBLOCK: i64 = libc::SIG_UNBLOCK as i64;
pub const HOW_SET: i64 = libc::SIG_SETMASK as i64;

/// A command. `a`, `b`, `m` mean what the op says:
/// kill-like ops: `a` = pid argument, `b` = signal; `OP_EXIT`: `a` = code;
/// `OP_SPAWN`: `a` = child's process index, `b` = mode; `OP_SETUID`: `a` =
/// uid; `OP_SIGACTION`: `m` = [default, ignore, catch] signal masks;
/// `OP_SIGPROCMASK`: `b` = how, `m[0]` = the set.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cmd {
    pub seq: u32,
    pub op: u32,
    pub a: i64,
    pub b: i64,
    pub m: [u64; 3],
}

// SAFETY: `repr(C)`, integers only (any bit pattern is a `Cmd`), and no
// padding: the size is the sum of the fields' sizes.
unsafe impl Pod for Cmd {}
const _: () = assert!(size_of::<Cmd>() == 4 + 4 + 8 + 8 + 3 * 8);

/// Messages, agent → controller.
pub const MSG_READY: u32 = 1;
pub const MSG_REPLY: u32 = 2;
pub const MSG_HANDLED: u32 = 3;
pub const MSG_FATAL: u32 = 4;

/// A message. `MSG_READY`: `val` = getpid() in the agent's own namespace.
/// `MSG_REPLY`: `seq` of the command, `err` = errno or 0, `val` = a result
/// (the child's PID for a spawn). `MSG_HANDLED`: `val` = signal,
/// `si_pid`/`si_code` as the handler saw them. `MSG_FATAL`: `step` names
/// what failed in the agent itself, `err` its errno.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Msg {
    pub kind: u32,
    pub seq: u32,
    pub index: u32,
    pub err: i32,
    pub val: i64,
    pub si_pid: i32,
    pub si_code: i32,
    pub step: u32,
    pub pad: u32,
}

// SAFETY: `repr(C)`, integers only (any bit pattern is a `Msg`), and no
// padding: the size is the sum of the fields' sizes (`pad` makes the tail
// explicit).
unsafe impl Pod for Msg {}
const _: () = assert!(size_of::<Msg>() == 4 * 4 + 8 + 4 * 4);

impl Msg {
    /// A `const` constructor: usable from a signal handler (no Default
    /// machinery, nothing that could allocate).
    pub const fn new(kind: u32, index: u32) -> Msg {
        Msg {
            kind,
            seq: 0,
            index,
            err: 0,
            val: 0,
            si_pid: 0,
            si_code: 0,
            step: 0,
            pad: 0,
        }
    }
}

/// What an agent was doing when it gave up (`MSG_FATAL`).
pub const STEP_CLOSE_FDS: u32 = 1;
pub const STEP_PDEATHSIG: u32 = 2;
pub const STEP_RLIMIT_CORE: u32 = 3;
pub const STEP_DUMPABLE: u32 = 4;
pub const STEP_RESET_ACTIONS: u32 = 5;
pub const STEP_RESET_MASK: u32 = 6;
pub const STEP_GROUP: u32 = 7;
pub const STEP_DISPOSITIONS: u32 = 8;
pub const STEP_MASK: u32 = 9;
pub const STEP_UID: u32 = 10;
pub const STEP_RECV: u32 = 11;
pub const STEP_SEND: u32 = 12;
pub const STEP_OWN_NS: u32 = 13;
pub const STEP_SETNS_BACK: u32 = 14;
pub const STEP_BAD_COMMAND: u32 = 15;
pub const STEP_ACCT: u32 = 16;

pub fn step_name(step: u32) -> &'static str {
    match step {
        STEP_CLOSE_FDS => "closing inherited file descriptors",
        STEP_PDEATHSIG => "prctl(PR_SET_PDEATHSIG)",
        STEP_RLIMIT_CORE => "setrlimit(RLIMIT_CORE, 0)",
        STEP_DUMPABLE => "prctl(PR_SET_DUMPABLE, 0)",
        STEP_RESET_ACTIONS => "resetting dispositions to SIG_DFL",
        STEP_RESET_MASK => "emptying the blocked mask",
        STEP_GROUP => "setpgid/setsid",
        STEP_DISPOSITIONS => "installing dispositions",
        STEP_MASK => "setting the blocked mask",
        STEP_UID => "setresuid",
        STEP_RECV => "receiving a command",
        STEP_SEND => "sending a message",
        STEP_OWN_NS => "opening /proc/self/ns/pid",
        STEP_SETNS_BACK => "setns back into its own PID namespace",
        STEP_BAD_COMMAND => "decoding a command",
        STEP_ACCT => "acct(2) (process accounting: needs CONFIG_BSD_PROCESS_ACCT)",
        _ => "an unknown step",
    }
}
