//! The signals the palette offers, and how a signal is written on the page.

use sigsim::signum::{DefaultAction, Signal};

/// The standard signals of the palette, in `signal(7)` order. SIGRTMIN+n is
/// offered separately, with its n chosen by the user.
pub const STANDARD: [u8; 14] = [1, 2, 3, 9, 10, 12, 13, 14, 15, 17, 18, 19, 20, 28];

/// The highest n of SIGRTMIN+n (SIGRTMAX is SIGRTMIN+30 on x86-64).
pub const RT_MAX_OFFSET: u8 = 30;

pub fn standard_signals() -> impl Iterator<Item = Signal> {
    STANDARD
        .iter()
        .map(|n| Signal::new(*n as i64).expect("standard signal numbers are valid"))
}

/// SIGRTMIN+n, clamped to the valid range.
pub fn realtime(offset: u8) -> Signal {
    Signal::new(34 + offset.min(RT_MAX_OFFSET) as i64).expect("SIGRTMIN+0..30 is valid")
}

/// The full name, `SIGTERM` or `SIGRTMIN+2` (32 and 33 have none: their number).
pub fn name(sig: Signal) -> String {
    sig.to_string()
}

/// Without the `SIG` prefix, for small badges: `TERM`, `RTMIN+2`.
pub fn short(sig: Signal) -> String {
    let n = sig.to_string();
    n.strip_prefix("SIG").map(str::to_string).unwrap_or(n)
}

/// The default action as a key of class names (`act-core-dump`); the
/// words are the catalogue's.
pub fn default_action_label(sig: Signal) -> &'static str {
    match sig.default_action() {
        DefaultAction::Terminate => "terminate",
        DefaultAction::Core => "core dump",
        DefaultAction::Stop => "stop",
        DefaultAction::Continue => "continue",
        DefaultAction::Ignore => "ignore",
    }
}

/// The raw `int sig` a call passes, written as the page writes calls.
pub fn raw_name(sig: i32) -> String {
    match Signal::new(sig as i64) {
        Some(s) => s.to_string(),
        None => sig.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_has_the_signals_the_issue_names() {
        let names: Vec<String> = standard_signals().map(short).collect();
        for want in [
            "HUP", "INT", "QUIT", "KILL", "USR1", "USR2", "PIPE", "ALRM", "TERM", "CHLD", "CONT",
            "STOP", "TSTP", "WINCH",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} missing");
        }
        assert_eq!(name(realtime(2)), "SIGRTMIN+2");
        assert_eq!(name(realtime(99)), "SIGRTMIN+30");
    }
}
