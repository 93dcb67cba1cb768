//! Turning a drop into a call: who sends (a process or the kernel), how
//! (kill, sigqueue, tgkill, pidfd_send_signal), onto what (a process, the
//! sender's namespace as kill(-1) or kill(0), a process group as
//! kill(-pgid)). The preview shows the exact call before the drop, with the
//! PID the sender would pass — computed by the port (`World::resolve`,
//! i.e. `pid_nr_ns` in the sender's namespace), never guessed.

use crate::palette;
use crate::replay::Replay;
use crate::session::Why;
use sigsim::run::NO_SUCH_PID;
use sigsim::scenario::{ActionSpec, GroupOf, PidOf, PidSpec};
use sigsim::signum::SigSpec;
use sigsim::validate::PidArg;
use sigsim::Signal;

/// Who makes the call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sender {
    Process(String),
    /// The kernel itself (`SEND_SIG_PRIV`, as the OOM killer sends).
    Kernel,
}

/// The "how to send" choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HowToSend {
    Kill,
    Sigqueue,
    Tgkill,
    PidfdSendSignal,
}

impl HowToSend {
    pub const ALL: [HowToSend; 4] = [
        HowToSend::Kill,
        HowToSend::Sigqueue,
        HowToSend::Tgkill,
        HowToSend::PidfdSendSignal,
    ];

    pub fn name(self) -> &'static str {
        match self {
            HowToSend::Kill => "kill",
            HowToSend::Sigqueue => "sigqueue",
            HowToSend::Tgkill => "tgkill",
            HowToSend::PidfdSendSignal => "pidfd_send_signal",
        }
    }

    pub fn parse(s: &str) -> Option<HowToSend> {
        HowToSend::ALL.into_iter().find(|h| h.name() == s)
    }
}

/// Where a signal can be dropped.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DropTarget {
    /// One process: kill(pid).
    Process(String),
    /// kill(-1): every process the sender may signal.
    Everyone,
    /// kill(0): the sender's own process group.
    OwnGroup,
    /// kill(-pgid): the process group this process is in.
    GroupOf(String),
}

impl DropTarget {
    /// The value of the `data-drop` attribute that marks a drop zone.
    pub fn encode(&self) -> String {
        match self {
            DropTarget::Process(id) => format!("p:{id}"),
            DropTarget::Everyone => "all".into(),
            DropTarget::OwnGroup => "own".into(),
            DropTarget::GroupOf(id) => format!("g:{id}"),
        }
    }

    pub fn decode(s: &str) -> Option<DropTarget> {
        match s {
            "all" => Some(DropTarget::Everyone),
            "own" => Some(DropTarget::OwnGroup),
            _ => {
                if let Some(id) = s.strip_prefix("p:") {
                    Some(DropTarget::Process(id.to_string()))
                } else {
                    s.strip_prefix("g:")
                        .map(|id| DropTarget::GroupOf(id.to_string()))
                }
            }
        }
    }
}

/// The action a drop appends to the scenario, or why there is none.
pub fn build_action(
    r: &Replay,
    sender: &Sender,
    how: HowToSend,
    target: &DropTarget,
    sig: Signal,
) -> Result<ActionSpec, Why> {
    let sig_spec = Some(SigSpec::from(sig));
    let from = match sender {
        Sender::Kernel => {
            return match target {
                DropTarget::Process(id) => Ok(ActionSpec {
                    kernel: Some(SigSpec::from(sig)),
                    to: Some(id.clone()),
                    ..Default::default()
                }),
                _ => Err(Why::KernelSendsToOne),
            }
        }
        Sender::Process(p) => {
            if let Some(why) = r.cannot_act(p) {
                return Err(Why::ChooseAnotherSender(why));
            }
            Some(p.clone())
        }
    };
    let pid_of = |id: &str| {
        PidSpec::PidOf(PidOf {
            pid_of: id.to_string(),
        })
    };
    let base = ActionSpec {
        from,
        sig: sig_spec,
        ..Default::default()
    };
    Ok(match (target, how) {
        (DropTarget::Process(id), HowToSend::Kill) => ActionSpec {
            kill: Some(pid_of(id)),
            ..base
        },
        (DropTarget::Process(id), HowToSend::Sigqueue) => ActionSpec {
            sigqueue: Some(pid_of(id)),
            ..base
        },
        (DropTarget::Process(id), HowToSend::Tgkill) => ActionSpec {
            tgkill: Some(pid_of(id)),
            ..base
        },
        (DropTarget::Process(id), HowToSend::PidfdSendSignal) => ActionSpec {
            pidfd_send_signal: Some(id.clone()),
            ..base
        },
        (_, HowToSend::Kill) => ActionSpec {
            kill: Some(match target {
                DropTarget::Everyone => PidSpec::Raw(-1),
                DropTarget::OwnGroup => PidSpec::Raw(0),
                DropTarget::GroupOf(id) => PidSpec::GroupOf(GroupOf {
                    group_of: id.clone(),
                }),
                DropTarget::Process(_) => unreachable!("matched above"),
            }),
            ..base
        },
        (_, how) => return Err(Why::OneProcessOnly(how)),
    })
}

/// What a hovered target shows while a signal is in hand: the call a drop
/// would make, or why there would be none — worded by the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Preview {
    /// The call, as code: `kill(3, SIGKILL)`.
    Call(String),
    /// The kernel's own send to this process.
    Kernel(String),
    CannotAct(crate::replay::CannotAct),
    NoProcess(String),
    NotVisible,
    GroupNotVisible,
    /// `kill(-1, …)`: process group 1 here is the broadcast.
    GroupIsBroadcast(String),
    KernelSendsToOne,
    OneProcessOnly(HowToSend),
}

impl Preview {
    /// The call, when there is one (tests, and the page's code).
    pub fn call(&self) -> Option<&str> {
        match self {
            Preview::Call(c) | Preview::Kernel(c) | Preview::GroupIsBroadcast(c) => Some(c),
            _ => None,
        }
    }

    pub fn text(&self, lang: crate::words::Lang) -> String {
        (crate::words::of(lang).tree.preview)(self)
    }
}

/// The call a drop would make, as the target shows it while hovered:
/// `kill(3, SIGKILL)`, or that it is not visible from here.
pub fn preview(
    r: &Replay,
    sender: &Sender,
    how: HowToSend,
    target: &DropTarget,
    sig: Signal,
) -> Preview {
    let s = palette::name(sig);
    let me = match sender {
        Sender::Kernel => {
            return match target {
                DropTarget::Process(id) => {
                    Preview::Kernel(format!("do_send_sig_info({s}, SEND_SIG_PRIV, {id})"))
                }
                _ => Preview::KernelSendsToOne,
            }
        }
        Sender::Process(p) => {
            if let Some(why) = r.cannot_act(p) {
                return Preview::CannotAct(why);
            }
            match r.task(p) {
                Some(t) => t,
                None => return Preview::NoProcess(p.clone()),
            }
        }
    };
    let resolve = |arg| r.world.resolve(me, arg);
    match target {
        DropTarget::Process(id) => {
            let Some(idx) = r.index(id) else {
                return Preview::NoProcess(id.clone());
            };
            let nr = resolve(PidArg::PidOf(idx));
            if nr == NO_SUCH_PID {
                return Preview::NotVisible;
            }
            Preview::Call(match how {
                HowToSend::Kill => format!("kill({nr}, {s})"),
                HowToSend::Sigqueue => format!("sigqueue({nr}, {s})"),
                HowToSend::Tgkill => format!("tgkill({nr}, {nr}, {s})"),
                HowToSend::PidfdSendSignal => format!("pidfd_send_signal(pidfd_open({nr}), {s})"),
            })
        }
        _ if how != HowToSend::Kill => Preview::OneProcessOnly(how),
        DropTarget::Everyone => Preview::Call(format!("kill(-1, {s})")),
        DropTarget::OwnGroup => Preview::Call(format!("kill(0, {s})")),
        DropTarget::GroupOf(id) => {
            let Some(idx) = r.index(id) else {
                return Preview::NoProcess(id.clone());
            };
            match resolve(PidArg::GroupOf(idx)) {
                n if n == -NO_SUCH_PID => Preview::GroupNotVisible,
                -1 => Preview::GroupIsBroadcast(format!("kill(-1, {s})")),
                n => Preview::Call(format!("kill({n}, {s})")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_world::default_scenario;

    /// The preview as the English page words it.
    fn preview(
        r: &Replay,
        sender: &Sender,
        how: HowToSend,
        target: &DropTarget,
        sig: Signal,
    ) -> String {
        super::preview(r, sender, how, target, sig).text(crate::words::Lang::En)
    }

    fn world() -> Replay {
        Replay::run(&default_scenario()).unwrap()
    }

    #[test]
    fn drop_targets_round_trip_through_the_attribute() {
        for t in [
            DropTarget::Process("a:b".into()),
            DropTarget::Everyone,
            DropTarget::OwnGroup,
            DropTarget::GroupOf("x".into()),
        ] {
            assert_eq!(DropTarget::decode(&t.encode()), Some(t));
        }
        assert_eq!(DropTarget::decode("nonsense"), None);
    }

    #[test]
    fn preview_uses_the_pid_in_the_senders_namespace() {
        let r = world();
        let t = DropTarget::Process("ctr-init".into());
        let shell = Sender::Process("shell".into());
        let app = Sender::Process("app".into());
        assert_eq!(
            preview(&r, &shell, HowToSend::Kill, &t, Signal::KILL),
            "kill(3, SIGKILL)"
        );
        assert_eq!(
            preview(&r, &app, HowToSend::Kill, &t, Signal::KILL),
            "kill(1, SIGKILL)"
        );
        let host_shell = DropTarget::Process("shell".into());
        assert_eq!(
            preview(&r, &app, HowToSend::Kill, &host_shell, Signal::KILL),
            "not visible from here"
        );
    }

    #[test]
    fn preview_of_group_and_broadcast_drops() {
        let r = world();
        let app = Sender::Process("app".into());
        assert_eq!(
            preview(
                &r,
                &app,
                HowToSend::Kill,
                &DropTarget::Everyone,
                Signal::TERM
            ),
            "kill(-1, SIGTERM)"
        );
        assert_eq!(
            preview(
                &r,
                &app,
                HowToSend::Kill,
                &DropTarget::OwnGroup,
                Signal::TERM
            ),
            "kill(0, SIGTERM)"
        );
        // ctr-init leads app's group; inside, that leader is PID 1.
        assert!(preview(
            &r,
            &app,
            HowToSend::Kill,
            &DropTarget::GroupOf("app".into()),
            Signal::TERM
        )
        .starts_with("kill(-1, SIGTERM)"));
        let shell = Sender::Process("shell".into());
        assert_eq!(
            preview(
                &r,
                &shell,
                HowToSend::Kill,
                &DropTarget::GroupOf("app".into()),
                Signal::TERM
            ),
            "kill(-3, SIGTERM)"
        );
        assert_eq!(
            preview(
                &r,
                &shell,
                HowToSend::Sigqueue,
                &DropTarget::Everyone,
                Signal::TERM
            ),
            "sigqueue signals one process only"
        );
    }

    #[test]
    fn the_kernel_sends_to_processes_only() {
        let r = world();
        let a = build_action(
            &r,
            &Sender::Kernel,
            HowToSend::Kill,
            &DropTarget::Process("app".into()),
            Signal::KILL,
        )
        .unwrap();
        assert_eq!(a.to.as_deref(), Some("app"));
        assert!(build_action(
            &r,
            &Sender::Kernel,
            HowToSend::Kill,
            &DropTarget::Everyone,
            Signal::KILL
        )
        .is_err());
    }
}
