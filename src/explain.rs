//! One sentence saying why a step ended as it did, taken from the trace: the
//! deciding step's verdict, its fact in words, and the kernel function that
//! took the decision —
//! "Dropped: ctr-init is a namespace init (SIGNAL_UNKILLABLE) with no SIGTERM
//! handler; only SIGKILL and SIGSTOP can be forced on it — sig_task_ignored".
//!
//! Architecture invariant: this module only chooses which step decided, by
//! its verdict and fact; the words come from `sigsim::describe`.

use crate::replay::{call_phase_len, Effect};
use crate::words::{self, Lang};
use sigsim::describe::describe_with_subject;
use sigsim::outcome::{Errno, Ret};
use sigsim::sched::Handler;
use sigsim::trace::{Fact, TaskIgnored, TraceStep, Verdict};
use sigsim::validate::{Action, PidArg};

/// What happened, in a word or two: "Dropped", "Killed", "EPERM" — a
/// fact, worded by the catalogue of the page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Fails(Errno),
    CheckedOnly,
    Dropped,
    AlreadyPending,
    Queued,
    Killed,
    Handled,
    Discarded,
    Stopped,
    Continued,
    Exited,
    Created,
    Pending,
    Done,
}

impl Label {
    /// The tone of the outcome panel.
    pub fn tone(self) -> &'static str {
        match self {
            Label::Dropped | Label::AlreadyPending | Label::Discarded | Label::CheckedOnly => {
                "dropped"
            }
            Label::Killed | Label::Exited => "fatal",
            Label::Handled | Label::Created | Label::Continued | Label::Done => "good",
            Label::Stopped | Label::Pending | Label::Queued => "held",
            Label::Fails(_) => "error",
        }
    }

    pub fn text(self, lang: Lang) -> String {
        (words::of(lang).explain.label)(self)
    }
}

/// "Namespace container died with its init ctr-init: app, worker killed too."
#[derive(Clone, Debug, PartialEq)]
pub struct Consequence {
    pub ns: String,
    /// Its init (None: the trace did not say which process it was).
    pub init: Option<String>,
    pub killed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    pub label: Label,
    /// The deciding step, whose fact `sigsim::describe` words; None when
    /// no step decided (an errno with no step of its own, or nothing).
    pub step: Option<Box<TraceStep>>,
    /// The kernel function that decided (as the chosen kernel names it).
    pub func: Option<&'static str>,
    pub verdict: Option<Verdict>,
    /// The process the deciding step was about, when a call reached several.
    pub about: Option<String>,
    /// A consequence worth its own line: a namespace that died with its init.
    pub consequence: Option<Consequence>,
}

impl Explanation {
    /// The deciding step's reason, in `lang`: the port's `describe`.
    pub fn reason(&self, lang: Lang) -> String {
        let w = &words::of(lang).explain;
        match (&self.step, self.label) {
            (Some(s), _) => describe_with_subject(s, lang),
            (None, Label::Fails(e)) => (w.returns)(e.name()),
            (None, _) => w.nothing_to_decide.to_string(),
        }
    }

    /// "Dropped for ctr-init:" — the verdict as the outcome panel heads it.
    pub fn head(&self, lang: Lang) -> String {
        (words::of(lang).explain.head)(&self.label.text(lang), self.about.as_deref())
    }

    /// The sentence the live region announces.
    pub fn sentence(&self, lang: Lang) -> String {
        let mut s = format!("{} {}", self.head(lang), self.reason(lang));
        if let Some(f) = self.func {
            s.push_str(" — ");
            s.push_str(f);
        }
        s
    }

    pub fn consequence_text(&self, lang: Lang) -> Option<String> {
        let c = self.consequence.as_ref()?;
        Some((words::of(lang).explain.consequence)(
            &c.ns,
            c.init.as_deref(),
            &c.killed,
        ))
    }
}

fn label_of(v: Verdict) -> Label {
    match v {
        Verdict::Fails(e) => Label::Fails(e),
        Verdict::Probe => Label::CheckedOnly,
        Verdict::Dropped => Label::Dropped,
        Verdict::Coalesced => Label::AlreadyPending,
        Verdict::Queued => Label::Queued,
        Verdict::Fatal | Verdict::Killed => Label::Killed,
        Verdict::Handled => Label::Handled,
        Verdict::Discarded => Label::Discarded,
        Verdict::Stopped => Label::Stopped,
        Verdict::Continued => Label::Continued,
        Verdict::Exited => Label::Exited,
        Verdict::Created => Label::Created,
    }
}

fn from_step(step: &TraceStep, label: Label, about: bool) -> Explanation {
    Explanation {
        label,
        step: Some(Box::new(step.clone())),
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
            return from_step(s, Label::Fails(errno), false);
        }
        return Explanation {
            label: Label::Fails(errno),
            step: None,
            func: None,
            verdict: Some(Verdict::Fails(errno)),
            about: None,
            consequence: None,
        };
    }
    match action {
        Action::Spawn { .. } => {
            if let Some(s) = first(Verdict::Created) {
                return from_step(s, Label::Created, false);
            }
        }
        Action::Exit { .. } => {
            // An init's exit is about its namespace: the zap is the news.
            if let Some(s) = call
                .iter()
                .find(|s| matches!(s.fact, Fact::ZapNamespace { .. }))
            {
                return from_step(s, Label::Exited, false);
            }
            if let Some(s) = call
                .iter()
                .chain(settle)
                .find(|s| s.verdict() == Some(Verdict::Exited))
            {
                return from_step(s, Label::Exited, false);
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
                    Label::Discarded
                } else {
                    Label::Done
                };
                return from_step(s, label, false);
            }
        }
        _ => {
            // A send. SIGCONT resumes a stopped process even when the
            // signal itself is then dropped: say that first.
            if let Some(s) = first(Verdict::Continued) {
                return from_step(s, Label::Continued, many);
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
                    .unwrap_or(Label::Queued);
                return from_step(s, label, many);
            }
            // Fatal at send time: complete_signal says why.
            if let Some(s) = first(Verdict::Fatal) {
                return from_step(s, Label::Killed, many);
            }
            if let Some((s, v)) = outcome.and_then(|s| Some((s, s.verdict()?))) {
                return from_step(s, label_of(v), many);
            }
            // Queued and still waiting: blocked, or the target is stopped.
            if let Some(s) = call
                .iter()
                .find(|s| matches!(s.fact, Fact::BlockedCheck { blocked: true, .. }))
            {
                return from_step(s, Label::Pending, many);
            }
            if let Some(s) = first(Verdict::Queued) {
                return from_step(s, Label::Pending, many);
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
        Some(s) => from_step(s, s.verdict().map(label_of).unwrap_or(Label::Done), false),
        None => Explanation {
            label: Label::Done,
            step: None,
            func: None,
            verdict: None,
            about: None,
            consequence: None,
        },
    }
}

/// A namespace that died with its init, and who died with it.
fn consequence(trace: &[TraceStep], effects: &[(String, Vec<Effect>)]) -> Option<Consequence> {
    let (zap, ns) = trace.iter().find_map(|s| match &s.fact {
        Fact::ZapNamespace { ns, .. } => Some((s, ns)),
        _ => None,
    })?;
    let init = zap.task.clone();
    let killed = effects
        .iter()
        .filter(|(id, e)| {
            Some(id) != init.as_ref() && e.iter().any(|e| matches!(e, Effect::Killed(_)))
        })
        .map(|(id, _)| id.clone())
        .collect();
    Some(Consequence {
        ns: ns.to_string(),
        init,
        killed,
    })
}

#[cfg(test)]
mod tests {
    use super::{Explanation, Label};
    use crate::default_world::default_scenario;
    use crate::replay::Replay;
    use crate::words::Lang;
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
            assert_eq!(last(actions).sentence(Lang::En), want, "{actions}");
        }
    }

    /// The same answers in Chinese: the port's own `describe`, framed by
    /// the page's Chinese verdict, the function name as it is.
    #[test]
    fn the_blogs_answers_read_in_chinese_too() {
        let e = last(r#"[{"from":"app","kill":1,"sig":"SIGTERM"}]"#);
        let zh = e.sentence(Lang::Zh);
        assert!(zh.starts_with("被丢弃："), "{zh}");
        assert!(zh.contains(&sigsim::describe::describe_with_subject(
            e.step.as_deref().unwrap(),
            Lang::Zh
        )));
        assert!(zh.ends_with(" — sig_task_ignored"), "{zh}");
    }

    #[test]
    fn sigkill_from_host_takes_the_namespace_with_it() {
        let e = last(r#"[{"from":"shell","kill":{"pid_of":"ctr-init"},"sig":"SIGKILL"}]"#);
        let c = e.consequence_text(Lang::En).expect("a consequence");
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
        assert_eq!(e.label, Label::Fails(Errno::ESRCH));
        assert_eq!(e.label.text(Lang::En), "ESRCH");
    }

    #[test]
    fn a_broadcast_names_the_process_the_decision_was_about() {
        let e = last(r#"[{"from":"shell","kill":-1,"sig":"SIGTERM"}]"#);
        assert_eq!(e.verdict, Some(Verdict::Dropped));
        assert_eq!(e.about.as_deref(), Some("ctr-init"));
    }
}
