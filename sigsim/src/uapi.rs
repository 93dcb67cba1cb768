//! What user space sees of signals: errno values, `si_code`s, the siginfo
//! a handler receives, `sigprocmask`'s `how`, and (re-exported from
//! [`crate::signum`]) the signal numbers. The kernel modules speak these;
//! the scenario and outcome formats are built on them, not the other way
//! round.

pub use crate::signum::{DefaultAction, SigSet, Signal, NSIG};
use serde::{Deserialize, Serialize};

/// The errno values the modelled calls can return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Errno {
    EPERM,
    ESRCH,
    EINVAL,
    ENOMEM,
    EAGAIN,
    ENOSYS,
}

impl Errno {
    pub const ALL: [Errno; 6] = [
        Errno::EPERM,
        Errno::ESRCH,
        Errno::EINVAL,
        Errno::ENOMEM,
        Errno::EAGAIN,
        Errno::ENOSYS,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Errno::EPERM => "EPERM",
            Errno::ESRCH => "ESRCH",
            Errno::EINVAL => "EINVAL",
            Errno::ENOMEM => "ENOMEM",
            Errno::EAGAIN => "EAGAIN",
            Errno::ENOSYS => "ENOSYS",
        }
    }

    pub fn from_name(s: &str) -> Option<Errno> {
        Errno::ALL.into_iter().find(|e| e.name() == s)
    }

    /// The number on x86-64 Linux (`asm-generic/errno-base.h`, `errno.h`).
    pub fn number(self) -> i32 {
        match self {
            Errno::EPERM => 1,
            Errno::ESRCH => 3,
            Errno::EINVAL => 22,
            Errno::ENOMEM => 12,
            Errno::EAGAIN => 11,
            Errno::ENOSYS => 38,
        }
    }

    pub fn from_number(n: i32) -> Option<Errno> {
        Errno::ALL.into_iter().find(|e| e.number() == n)
    }
}

/// One run of a handler: which process, which signal, and what the
/// siginfo said.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handled {
    pub process: String,
    pub sig: Signal,
    pub si_pid: i32,
    pub si_code: SiCode,
}

/// `si_code` values a handler here can see (`include/uapi/asm-generic/siginfo.h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[allow(non_camel_case_types)]
pub enum SiCode {
    SI_USER,
    SI_KERNEL,
    SI_QUEUE,
    SI_TKILL,
    CLD_EXITED,
    CLD_KILLED,
    CLD_DUMPED,
    CLD_STOPPED,
    CLD_CONTINUED,
}

impl SiCode {
    /// The raw value: negative for user-generated codes, which is what
    /// `si_fromuser` and `SI_FROMUSER` test.
    pub fn raw(self) -> i32 {
        match self {
            SiCode::SI_USER => 0,
            SiCode::SI_KERNEL => 0x80,
            SiCode::SI_QUEUE => -1,
            SiCode::SI_TKILL => -6,
            SiCode::CLD_EXITED => 1,
            SiCode::CLD_KILLED => 2,
            SiCode::CLD_DUMPED => 3,
            SiCode::CLD_STOPPED => 5,
            SiCode::CLD_CONTINUED => 6,
        }
    }

    /// Reads a raw value back; SIGCHLD's codes overlap other signals' codes,
    /// so the signal decides.
    pub fn from_raw(sig: Signal, code: i32) -> Option<SiCode> {
        let all = [
            SiCode::SI_USER,
            SiCode::SI_KERNEL,
            SiCode::SI_QUEUE,
            SiCode::SI_TKILL,
        ];
        if let Some(c) = all.into_iter().find(|c| c.raw() == code) {
            return Some(c);
        }
        if sig == Signal::CHLD {
            let cld = [
                SiCode::CLD_EXITED,
                SiCode::CLD_KILLED,
                SiCode::CLD_DUMPED,
                SiCode::CLD_STOPPED,
                SiCode::CLD_CONTINUED,
            ];
            return cld.into_iter().find(|c| c.raw() == code);
        }
        None
    }

    pub fn name(self) -> &'static str {
        match self {
            SiCode::SI_USER => "SI_USER",
            SiCode::SI_KERNEL => "SI_KERNEL",
            SiCode::SI_QUEUE => "SI_QUEUE",
            SiCode::SI_TKILL => "SI_TKILL",
            SiCode::CLD_EXITED => "CLD_EXITED",
            SiCode::CLD_KILLED => "CLD_KILLED",
            SiCode::CLD_DUMPED => "CLD_DUMPED",
            SiCode::CLD_STOPPED => "CLD_STOPPED",
            SiCode::CLD_CONTINUED => "CLD_CONTINUED",
        }
    }
}

/// `sigprocmask`'s `how`: SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaskHow {
    Block,
    Unblock,
    Set,
}
