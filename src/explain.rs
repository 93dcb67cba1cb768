//! One sentence saying why a step ended as it did, taken from the trace: the
//! deciding step's verdict, its fact in words, and the kernel function that
//! took the decision —
//! "Dropped: ctr-init is a namespace init (SIGNAL_UNKILLABLE) with no SIGTERM
//! handler; only SIGKILL and SIGSTOP can be forced on it — sig_task_ignored".
//!
//! Architecture invariant: this module only chooses which step decided, by
//! its verdict and fact; the words come from `sigsim::describe`.

use crate::replay::{call_phase_len, Effect};
use crate::PAGE_LANG;
use sigsim::describe::describe_with_subject;
use sigsim::outcome::Ret;
use sigsim::sched::Handler;
use sigsim::trace::{Fact, TaskIgnored, TraceStep, Verdict};
use sigsim::validate::{Action, PidArg};

#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// What happened, in a word or two: "Dropped", "Killed", "EPERM".
    pub label: String,
    /// The deciding step's reason, verbatim from the trace.
    pub reason: String,
    /// The kernel function that decided (as the chosen kernel names it).
    pub func: Option<&'static str>,
    pub verdict: Option<Verdict>,
    /// The process the deciding step was about, when a call reached several.
    pub about: Option<String>,
    /// A consequence worth its own line: a namespace that died with its init.
    pub consequence: Option<String>,
}

impl Explanation {
    /// The sentence the live region announces.
    pub fn sentence(&self) -> String {
        let mut s = match &self.about {
            Some(who) => format!("{} for {who}: {}", self.label, self.reason),
            None => format!("{}: {}", self.label, self.reason),
        };
        if let Some(f) = self.func {
            s.push_str(" — ");
            s.push_str(f);
        }
        s
    }
}

fn label_of(v: Verdict) -> String {
    match v {
        Verdict::Fails(e) => e.name().to_string(),
        Verdict::Probe => "Checked only".into(),
        Verdict::Dropped => "Dropped".into(),
        Verdict::Coalesced => "Already pending".into(),
        Verdict::Queued => "Queued".into(),
        Verdict::Fatal | Verdict::Killed => "Killed".into(),
        Verdict::Handled => "Handled".into(),
        Verdict::Discarded => "Discarded".into(),
        Verdict::Stopped => "Stopped".into(),
        Verdict::Continued => "Continued".into(),
        Verdict::Exited => "Exited".into(),
        Verdict::Created => "Created".into(),
    }
}

fn from_step(step: &TraceStep, label: String, about: bool) -> Explanation {
    Explanation {
        label,
        reason: describe_with_subject(step, PAGE_LANG),
        func: Some(step.name()),
        verdict: step.verdict(),
        about: if about { step.task.clone() } else { None },
        consequence: None,
    }
}

/// Does this call reach a set of processes rather than one?
fn reaches_many(action: &Action) -> bool {
    matches!(action, Action::Kill { pid: PidArg::Raw(n), .. } if *n <= 0)
        || matches!(
            action,
            Action::Kill {
                pid: PidArg::GroupOf(_),
                ..
            }
        )
}

/// Chooses the deciding step of one action and words it.
pub fn explain(
    action: &Action,
    ret: Ret,
    trace: &[TraceStep],
    effects: &[(String, Vec<Effect>)],
) -> Explanation {
    let split = call_phase_len(trace);
    let (call, settle) = trace.split_at(split);
    let mut e = decide(action, ret, call, settle);
    e.consequence = consequence(trace, effects);
    e
}

fn decide(action: &Action, ret: Ret, call: &[TraceStep], settle: &[TraceStep]) -> Explanation {
    let many = reaches_many(action);
    let first = |v: Verdict| call.iter().find(|s| s.verdict() == Some(v));
    // 1. The call failed: the step that sealed the errno.
    if let Ret::Err(errno) = ret {
        if let Some(s) = call
            .iter()
            .rev()
            .find(|s| s.verdict() == Some(Verdict::Fails(errno)))
        {
            return from_step(s, errno.name().to_string(), false);
        }
        return Explanation {
            label: errno.name().to_string(),
            reason: format!("the call returns {}", errno.name()),
            func: None,
            verdict: Some(Verdict::Fails(errno)),
            about: None,
            consequence: None,
        };
    }
    match action {
        Action::Spawn { .. } => {
            if let Some(s) = first(Verdict::Created) {
                return from_step(s, "Created".into(), false);
            }
        }
        Action::Exit { .. } => {
            // An init's exit is about its namespace: the zap is the news.
            if let Some(s) = call
                .iter()
                .find(|s| matches!(s.fact, Fact::ZapNamespace { .. }))
            {
                return from_step(s, "Exited".into(), false);
            }
            if let Some(s) = call
                .iter()
                .chain(settle)
                .find(|s| s.verdict() == Some(Verdict::Exited))
            {
                return from_step(s, "Exited".into(), false);
            }
        }
        Action::Sigaction { .. } | Action::Sigprocmask { .. } => {
            // Unblocking may deliver something; that is the news then.
            if let Some((s, v)) = settle.iter().find_map(|s| Some((s, s.verdict()?))) {
                return from_step(s, label_of(v), true);
            }
            if let Some(s) = call.iter().rev().find(|s| {
                matches!(
                    s.fact,
                    Fact::DispositionSet { .. }
                        | Fact::CannotCatch { .. }
                        | Fact::MaskChanged { .. }
                )
            }) {
                let label = if s.verdict() == Some(Verdict::Discarded) {
                    "Discarded"
                } else {
                    "Done"
                };
                return from_step(s, label.into(), false);
            }
        }
        _ => {
            // A send. SIGCONT resumes a stopped process even when the
            // signal itself is then dropped: say that first.
            if let Some(s) = first(Verdict::Continued) {
                return from_step(s, "Continued".into(), many);
            }
            // Dropped before it was queued: the first such step is the
            // deepest function that said no (sig_task_ignored, …).
            for v in [Verdict::Dropped, Verdict::Coalesced, Verdict::Probe] {
                if let Some(s) = first(v) {
                    return from_step(s, label_of(v), many);
                }
            }
            // A namespace init let it through because it was forced.
            let forced_init = call.iter().find(|s| {
                matches!(
                    s.fact,
                    Fact::SigTaskIgnored {
                        unkillable: true,
                        force: true,
                        handler: Handler::Dfl,
                        decision: TaskIgnored::Passes,
                        ..
                    }
                )
            });
            let outcome = settle.iter().find(|s| {
                matches!(
                    s.verdict(),
                    Some(
                        Verdict::Handled | Verdict::Killed | Verdict::Stopped | Verdict::Discarded
                    )
                )
            });
            if let Some(s) = forced_init {
                let label = outcome
                    .and_then(|o| o.verdict())
                    .map(label_of)
                    .unwrap_or_else(|| "Queued".into());
                return from_step(s, label, many);
            }
            // Fatal at send time: complete_signal says why.
            if let Some(s) = first(Verdict::Fatal) {
                return from_step(s, "Killed".into(), many);
            }
            if let Some((s, v)) = outcome.and_then(|s| Some((s, s.verdict()?))) {
                return from_step(s, label_of(v), many);
            }
            // Queued and still waiting: blocked, or the target is stopped.
            if let Some(s) = call
                .iter()
                .find(|s| matches!(s.fact, Fact::BlockedCheck { blocked: true, .. }))
            {
                return from_step(s, "Pending".into(), many);
            }
            if let Some(s) = first(Verdict::Queued) {
                return from_step(s, "Pending".into(), many);
            }
        }
    }
    // Anything else: the first verdict, or the last word of the call.
    let s = call
        .iter()
        .chain(settle)
        .find(|s| s.verdict().is_some())
        .or_else(|| call.last());
    match s {
        Some(s) => from_step(
            s,
            s.verdict().map(label_of).unwrap_or_else(|| "Done".into()),
            false,
        ),
        None => Explanation {
            label: "Done".into(),
            reason: "nothing to decide".into(),
            func: None,
            verdict: None,
            about: None,
            consequence: None,
        },
    }
}

/// "Namespace container died with its init: app, worker were killed."
fn consequence(trace: &[TraceStep], effects: &[(String, Vec<Effect>)]) -> Option<String> {
    let (zap, ns) = trace.iter().find_map(|s| match &s.fact {
        Fact::ZapNamespace { ns, .. } => Some((s, ns)),
        _ => None,
    })?;
    let init = zap.task.as_deref().unwrap_or("its init");
    let killed: Vec<&str> = effects
        .iter()
        .filter(|(id, e)| id != init && e.iter().any(|e| matches!(e, Effect::Killed(_))))
        .map(|(id, _)| id.as_str())
        .collect();
    Some(if killed.is_empty() {
        format!("Namespace {ns} died with its init {init}; it accepts no new process.")
    } else {
        format!(
            "Namespace {ns} died with its init {init}: {} killed too; it accepts no new process.",
            killed.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::Explanation;
    use crate::default_world::default_scenario;
    use crate::replay::Replay;
    use sigsim::outcome::Errno;
    use sigsim::trace::Verdict;

    fn last(actions: &str) -> Explanation {
        let mut s = default_scenario();
        s.actions = serde_json::from_str(actions).unwrap();
        let r = Replay::run(&s).unwrap();
        r.steps.last().unwrap().explanation.clone()
    }

    /// The blog's four questions, word for word as the page has said them
    /// since the call chain joined it: the one place the page's verdict
    /// sentences are held (the sentences of each fact are held in
    /// `sigsim/tests/describe.rs`).
    #[test]
    fn the_blogs_four_answers_keep_their_words() {
        let cases = [
            (
                r#"[{"from":"app","kill":1,"sig":"SIGTERM"}]"#,
                "Dropped: ctr-init is a namespace init (SIGNAL_UNKILLABLE) with no SIGTERM handler; only SIGKILL and SIGSTOP can be forced on it — sig_task_ignored",
            ),
            (
                r#"[{"from":"app","kill":1,"sig":"SIGKILL"}]"#,
                "Dropped: ctr-init is a namespace init (SIGNAL_UNKILLABLE) with the default SIGKILL action, and a sender in its own namespace is not forced — sig_task_ignored",
            ),
            (
                r#"[{"from":"shell","kill":{"pid_of":"ctr-init"},"sig":"SIGTERM"}]"#,
                "Dropped: ctr-init is a namespace init (SIGNAL_UNKILLABLE) with no SIGTERM handler; only SIGKILL and SIGSTOP can be forced on it — sig_task_ignored",
            ),
            (
                r#"[{"from":"shell","kill":{"pid_of":"ctr-init"},"sig":"SIGKILL"}]"#,
                "Killed: ctr-init is a namespace init, but SIGKILL is forced: it passes — sig_task_ignored",
            ),
        ];
        for (actions, want) in cases {
            assert_eq!(last(actions).sentence(), want, "{actions}");
        }
    }

    #[test]
    fn sigkill_from_host_takes_the_namespace_with_it() {
        let e = last(r#"[{"from":"shell","kill":{"pid_of":"ctr-init"},"sig":"SIGKILL"}]"#);
        let c = e.consequence.expect("a consequence");
        assert!(c.contains("container") && c.contains("app, worker"), "{c}");
    }

    #[test]
    fn a_handler_on_the_init_is_the_news_from_get_signal() {
        let e = last(
            r#"[{"from":"ctr-init","sigaction":{"SIGTERM":"catch"}},{"from":"shell","kill":{"pid_of":"ctr-init"},"sig":"SIGTERM"}]"#,
        );
        assert_eq!(e.verdict, Some(Verdict::Handled));
        assert_eq!(e.func, Some("get_signal"));
    }

    #[test]
    fn an_error_is_explained_by_the_step_that_failed() {
        let e = last(r#"[{"from":"app","kill":{"pid_of":"shell"},"sig":"SIGTERM"}]"#);
        assert_eq!(e.verdict, Some(Verdict::Fails(Errno::ESRCH)));
        assert_eq!(e.label, "ESRCH");
    }

    #[test]
    fn a_broadcast_names_the_process_the_decision_was_about() {
        let e = last(r#"[{"from":"shell","kill":-1,"sig":"SIGTERM"}]"#);
        assert_eq!(e.verdict, Some(Verdict::Dropped));
        assert_eq!(e.about.as_deref(), Some("ctr-init"));
    }
}
