//! Signal numbers, names and classes: `include/uapi/asm-generic/signal.h`
//! (x86-64 numbering) and the class masks of `include/linux/signal.h`
//! (`sig_kernel_only`, `sig_kernel_stop`, …), which are identical in every
//! version we follow (every version followed).

use serde::{Deserialize, Serialize};
use std::fmt;

pub const SIGHUP: u8 = 1;
pub const SIGINT: u8 = 2;
pub const SIGQUIT: u8 = 3;
pub const SIGILL: u8 = 4;
pub const SIGTRAP: u8 = 5;
pub const SIGABRT: u8 = 6;
pub const SIGBUS: u8 = 7;
pub const SIGFPE: u8 = 8;
pub const SIGKILL: u8 = 9;
pub const SIGUSR1: u8 = 10;
pub const SIGSEGV: u8 = 11;
pub const SIGUSR2: u8 = 12;
pub const SIGPIPE: u8 = 13;
pub const SIGALRM: u8 = 14;
pub const SIGTERM: u8 = 15;
pub const SIGSTKFLT: u8 = 16;
pub const SIGCHLD: u8 = 17;
pub const SIGCONT: u8 = 18;
pub const SIGSTOP: u8 = 19;
pub const SIGTSTP: u8 = 20;
pub const SIGTTIN: u8 = 21;
pub const SIGTTOU: u8 = 22;
pub const SIGURG: u8 = 23;
pub const SIGXCPU: u8 = 24;
pub const SIGXFSZ: u8 = 25;
pub const SIGVTALRM: u8 = 26;
pub const SIGPROF: u8 = 27;
pub const SIGWINCH: u8 = 28;
pub const SIGIO: u8 = 29;
pub const SIGPWR: u8 = 30;
pub const SIGSYS: u8 = 31;
/// SIGRTMIN as user space (glibc) and the format name it: 32 and 33 are
/// taken by glibc's threads and have no name.
pub const SIGRTMIN: u8 = 34;
/// SIGRTMIN as the kernel knows it (`include/uapi/asm-generic/signal.h`):
/// 32 and 33 are real-time signals to the kernel — they queue.
pub const KERNEL_SIGRTMIN: u8 = 32;
/// `_NSIG`: the highest valid signal number.
pub const NSIG: u8 = 64;

const NAMES: [&str; 32] = [
    "",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGSTKFLT",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGIO",
    "SIGPWR",
    "SIGSYS",
];

/// A valid signal number, 1 ..= 64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Signal(u8);

impl Signal {
    pub const KILL: Signal = Signal(SIGKILL);
    pub const STOP: Signal = Signal(SIGSTOP);
    pub const CONT: Signal = Signal(SIGCONT);
    pub const CHLD: Signal = Signal(SIGCHLD);
    pub const HUP: Signal = Signal(SIGHUP);
    pub const TERM: Signal = Signal(SIGTERM);

    /// `valid_signal()`, for a number that is not 0.
    pub fn new(n: i64) -> Option<Signal> {
        (1..=NSIG as i64).contains(&n).then_some(Signal(n as u8))
    }

    pub fn nr(self) -> u8 {
        self.0
    }

    fn bit(self) -> u64 {
        1u64 << (self.0 - 1)
    }

    /// The name as `signal(7)` and the format write it; `None` for 32 and 33,
    /// which glibc reserves and which have no name.
    pub fn name(self) -> Option<String> {
        match self.0 {
            n @ 1..=31 => Some(NAMES[n as usize].to_string()),
            SIGRTMIN => Some("SIGRTMIN".to_string()),
            n @ 35..=64 => Some(format!("SIGRTMIN+{}", n - SIGRTMIN)),
            _ => None,
        }
    }

    /// Reads a name (exact case) or an alias (`SIGRTMAX`, `SIGIOT`, `SIGPOLL`,
    /// `SIGCLD`, `SIGRTMAX-n`), or a decimal number as a string (the only way
    /// to name 32 and 33 as an object key). Numbers are written one way
    /// only, as JSON writes them: `"17"`, not `"017"` or `"+17"` (so that a
    /// key cannot hide a signal named twice behind another spelling).
    pub fn parse(s: &str) -> Option<Signal> {
        if let Ok(n) = s.parse::<i64>() {
            return Signal::new(n).filter(|_| plain_number(s));
        }
        let alias = match s {
            "SIGIOT" => Some(SIGABRT),
            "SIGPOLL" => Some(SIGIO),
            "SIGCLD" => Some(SIGCHLD),
            "SIGRTMIN" => Some(SIGRTMIN),
            "SIGRTMAX" => Some(NSIG),
            _ => None,
        };
        if let Some(n) = alias {
            return Some(Signal(n));
        }
        if let Some(i) = NAMES.iter().position(|n| *n == s && !n.is_empty()) {
            return Some(Signal(i as u8));
        }
        let offset = |rest: &str| {
            rest.parse::<u8>()
                .ok()
                .filter(|n| *n <= NSIG - SIGRTMIN && *n > 0 && plain_number(rest))
        };
        if let Some(rest) = s.strip_prefix("SIGRTMIN+") {
            return offset(rest).map(|n| Signal(SIGRTMIN + n));
        }
        if let Some(rest) = s.strip_prefix("SIGRTMAX-") {
            return offset(rest).map(|n| Signal(NSIG - n));
        }
        None
    }

    /// `sig_kernel_only`: SIGKILL and SIGSTOP.
    pub fn kernel_only(self) -> bool {
        self.0 == SIGKILL || self.0 == SIGSTOP
    }
    /// `sig_kernel_stop`: SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU.
    pub fn kernel_stop(self) -> bool {
        matches!(self.0, SIGSTOP | SIGTSTP | SIGTTIN | SIGTTOU)
    }
    /// `sig_kernel_coredump`.
    pub fn kernel_coredump(self) -> bool {
        matches!(
            self.0,
            SIGQUIT
                | SIGILL
                | SIGTRAP
                | SIGABRT
                | SIGFPE
                | SIGSEGV
                | SIGBUS
                | SIGSYS
                | SIGXCPU
                | SIGXFSZ
        )
    }
    /// `sig_kernel_ignore`: SIGCONT, SIGCHLD, SIGWINCH, SIGURG.
    pub fn kernel_ignore(self) -> bool {
        matches!(self.0, SIGCONT | SIGCHLD | SIGWINCH | SIGURG)
    }
    /// Signals below the kernel's SIGRTMIN (32) coalesce in `legacy_queue`;
    /// real-time signals, 32 and 33 included, queue.
    pub fn is_legacy(self) -> bool {
        self.0 < KERNEL_SIGRTMIN
    }
    /// `SYNCHRONOUS_MASK`: dequeued first by `next_signal`.
    pub fn synchronous(self) -> bool {
        matches!(
            self.0,
            SIGSEGV | SIGBUS | SIGILL | SIGTRAP | SIGFPE | SIGSYS
        )
    }

    pub fn default_action(self) -> DefaultAction {
        if self.kernel_stop() {
            DefaultAction::Stop
        } else if self.0 == SIGCONT {
            DefaultAction::Continue
        } else if self.kernel_ignore() {
            DefaultAction::Ignore
        } else if self.kernel_coredump() {
            DefaultAction::Core
        } else {
            DefaultAction::Terminate
        }
    }

    /// Every valid signal, 1 ..= 64.
    pub fn all() -> impl Iterator<Item = Signal> {
        (1..=NSIG).map(Signal)
    }
}

/// Whether a string that `parse` reads as a positive integer spells it as
/// JSON would: no `+`, no leading zero.
pub(crate) fn plain_number(s: &str) -> bool {
    !(s.starts_with('+') || s.starts_with('0') && s.len() > 1)
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(&n),
            None => write!(f, "{}", self.0),
        }
    }
}

/// Serialised as the format writes signals: a name, or a number for 32 and 33.
impl Serialize for Signal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.name() {
            Some(n) => s.serialize_str(&n),
            None => s.serialize_u8(self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Signal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match SigSpec::deserialize(d)? {
            SigSpec::Number(n) => Signal::new(n).ok_or_else(|| {
                serde::de::Error::custom(format!("signal {n} is out of range 1..64"))
            }),
            SigSpec::Name(s) => Signal::parse(&s)
                .ok_or_else(|| serde::de::Error::custom(format!("unknown signal {s:?}"))),
        }
    }
}

/// A signal as written in a scenario: a name, or a raw number that may be
/// out of range (kill(2) takes any int; the kernel decides what it means).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SigSpec {
    Number(i64),
    Name(String),
}

impl SigSpec {
    /// The raw number the syscall receives; `None` for an unknown name.
    pub fn number(&self) -> Option<i64> {
        match self {
            SigSpec::Number(n) => Some(*n),
            SigSpec::Name(s) => Signal::parse(s).map(|s| s.nr() as i64),
        }
    }
}

impl From<Signal> for SigSpec {
    fn from(s: Signal) -> Self {
        match s.name() {
            Some(n) => SigSpec::Name(n),
            None => SigSpec::Number(s.nr() as i64),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DefaultAction {
    Terminate,
    Core,
    Stop,
    Continue,
    Ignore,
}

impl DefaultAction {
    /// A snake_case token: `terminate`, `core`, `stop`, `continue`, `ignore`.
    pub fn name(self) -> &'static str {
        match self {
            DefaultAction::Terminate => "terminate",
            DefaultAction::Core => "core",
            DefaultAction::Stop => "stop",
            DefaultAction::Continue => "continue",
            DefaultAction::Ignore => "ignore",
        }
    }
}

/// `sigset_t` for the 64 signals of x86-64: bit `n - 1` is signal `n`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SigSet(pub u64);

impl SigSet {
    pub const EMPTY: SigSet = SigSet(0);

    pub fn contains(self, s: Signal) -> bool {
        self.0 & s.bit() != 0
    }
    pub fn add(&mut self, s: Signal) {
        self.0 |= s.bit();
    }
    pub fn remove(&mut self, s: Signal) {
        self.0 &= !s.bit();
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// `sigdelsetmask(…, sigmask(SIGKILL) | sigmask(SIGSTOP))`: what every
    /// mask-setting path of the kernel does.
    pub fn without_kill_stop(self) -> SigSet {
        SigSet(self.0 & !(Signal::KILL.bit() | Signal::STOP.bit()))
    }
    pub fn iter(self) -> impl Iterator<Item = Signal> {
        Signal::all().filter(move |s| self.contains(*s))
    }
    pub fn union(self, o: SigSet) -> SigSet {
        SigSet(self.0 | o.0)
    }
}

impl FromIterator<Signal> for SigSet {
    fn from_iter<I: IntoIterator<Item = Signal>>(it: I) -> Self {
        let mut set = SigSet::EMPTY;
        for s in it {
            set.add(s);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_for_every_signal() {
        for s in Signal::all() {
            match s.name() {
                Some(n) => assert_eq!(Signal::parse(&n), Some(s), "{n}"),
                None => assert!(s.nr() == 32 || s.nr() == 33),
            }
        }
        assert_eq!(Signal::parse("SIGRTMIN+30").map(Signal::nr), Some(64));
        assert_eq!(Signal::parse("SIGRTMAX").map(Signal::nr), Some(64));
        assert_eq!(Signal::parse("SIGIOT").map(Signal::nr), Some(6));
        assert_eq!(Signal::parse("SIGRTMIN+31"), None);
        assert_eq!(Signal::parse("sigterm"), None);
        assert_eq!(Signal::parse("65"), None);
    }

    #[test]
    fn numbers_and_offsets_have_one_spelling() {
        assert_eq!(Signal::parse("17"), Some(Signal::CHLD));
        assert_eq!(Signal::parse("32").map(Signal::nr), Some(32));
        for other in [
            "017",
            "+17",
            " 17",
            "17 ",
            "0x11",
            "",
            "-",
            "SIGRTMIN+01",
            "SIGRTMIN++1",
            "SIGRTMAX-+1",
            "SIGRTMIN+",
            "SIGRTMIN+0",
        ] {
            assert_eq!(Signal::parse(other), None, "{other:?}");
        }
        assert_eq!(Signal::parse("SIGRTMAX-1").map(Signal::nr), Some(63));
    }

    #[test]
    fn default_actions_follow_include_linux_signal_h() {
        use DefaultAction::*;
        let action = |n| Signal::new(n).unwrap().default_action();
        assert_eq!(action(9), Terminate);
        assert_eq!(action(3), Core);
        assert_eq!(action(20), Stop);
        assert_eq!(action(18), Continue);
        assert_eq!(action(28), Ignore);
        assert_eq!(action(17), Ignore);
        assert_eq!(action(40), Terminate);
    }

    #[test]
    fn masks_never_hold_sigkill_or_sigstop() {
        let all = SigSet(u64::MAX).without_kill_stop();
        assert!(!all.contains(Signal::KILL) && !all.contains(Signal::STOP));
        assert!(all.contains(Signal::TERM));
    }
}
