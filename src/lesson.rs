//! Lessons and predictions, pure (no DOM): a scenario's `meta.lesson`
//! (`docs/scenario-format-notes.md`) as the steps a learner takes, each
//! checked against what the learner did; and the question "what will the
//! kernel do?" asked before a send is shown, scored against the port's own
//! replay of that send.
//!
//! Architecture invariant: the right answer is never written down here. A
//! step says what to *do*; what the kernel does about it comes from the
//! replay (`Explanation::label`, the effects), so a lesson cannot drift from
//! the port. *Rationale:* a hard-coded answer would be a second model of
//! the kernel, the one thing the page must not have.

use crate::explain::Label;
use crate::replay::{Call, Effect, ProcState, Replay, StepRecord};
use crate::send::{DropTarget, Sender};
use sigsim::outcome::Errno;
use sigsim::scenario::{Aim, Disposition, LessonStep, Meta, Task, Text};
use sigsim::signum::SigSpec;
use sigsim::Signal;
use std::collections::BTreeSet;
use std::rc::Rc;

/// What the learner did, as a lesson step compares it: a fact, not the
/// verb (a drag and the keyboard's Enter are the same send).
#[derive(Clone, Debug, PartialEq)]
pub enum Did {
    Send {
        sig: Signal,
        target: DropTarget,
        from: Sender,
    },
    Set {
        id: String,
        sig: Signal,
        disposition: Disposition,
    },
    Exit(String),
    Undo,
    /// Another edit of the session (a new process, a uid, …).
    Other,
}

fn signal(spec: &SigSpec) -> Option<Signal> {
    match spec {
        SigSpec::Number(n) => Signal::new(*n),
        SigSpec::Name(n) => Signal::parse(n),
    }
}

fn sender_is(from: &Sender, id: &str) -> bool {
    match from {
        Sender::Kernel => id == "kernel",
        Sender::Process(p) => p == id,
    }
}

/// Does `did` do what `task` asks? A send names its signal, whom it aims
/// at and, if the step says so, who sends; a disposition names its
/// process, signal and new value.
pub fn task_matches(task: &Task, did: &Did) -> bool {
    match did {
        Did::Send { sig, target, from } => {
            let Some(want) = task.send.as_ref().and_then(signal) else {
                return false;
            };
            let aimed = match (&task.to, target) {
                (Some(Aim::Name(id)), DropTarget::Process(p)) => id == p,
                (Some(Aim::GroupOf(g)), DropTarget::GroupOf(p)) => &g.group_of == p,
                (Some(Aim::Raw(-1)), DropTarget::Everyone) => true,
                (Some(Aim::Raw(0)), DropTarget::OwnGroup) => true,
                _ => false,
            };
            want == *sig && aimed && task.from.as_deref().is_none_or(|f| sender_is(from, f))
        }
        Did::Set {
            id,
            sig,
            disposition,
        } => {
            let name = match disposition {
                Disposition::Default => "default",
                Disposition::Ignore => "ignore",
                Disposition::Catch => "catch",
            };
            task.set.as_ref().and_then(signal) == Some(*sig)
                && task.on.as_deref() == Some(id)
                && matches!(&task.to, Some(Aim::Name(d)) if d == name)
        }
        Did::Exit(id) => task.exit.as_deref() == Some(id),
        Did::Undo => task.undo == Some(true),
        Did::Other => false,
    }
}

/// The outcomes a learner chooses among for a send to one process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    Dropped,
    Handled,
    Killed,
    Stopped,
    Eperm,
    Esrch,
    /// Anything else: still pending (blocked), continued, another errno.
    Other,
}

impl Choice {
    pub const ALL: [Choice; 7] = [
        Choice::Dropped,
        Choice::Handled,
        Choice::Killed,
        Choice::Stopped,
        Choice::Eperm,
        Choice::Esrch,
        Choice::Other,
    ];

    /// The choice a send's verdict falls under. A legacy signal already
    /// pending and a signal ignored at delivery were thrown away too.
    pub fn of(label: Label) -> Choice {
        match label {
            Label::Dropped | Label::AlreadyPending | Label::Discarded => Choice::Dropped,
            Label::Handled => Choice::Handled,
            Label::Killed => Choice::Killed,
            Label::Stopped => Choice::Stopped,
            Label::Fails(Errno::EPERM) => Choice::Eperm,
            Label::Fails(Errno::ESRCH) => Choice::Esrch,
            _ => Choice::Other,
        }
    }

    /// Its form value and test hook (`data-choice`).
    pub fn key(self) -> &'static str {
        match self {
            Choice::Dropped => "dropped",
            Choice::Handled => "handled",
            Choice::Killed => "killed",
            Choice::Stopped => "stopped",
            Choice::Eperm => "eperm",
            Choice::Esrch => "esrch",
            Choice::Other => "other",
        }
    }

    pub fn from_key(k: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// A learner's answer, or the port's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Guess {
    Outcome(Choice),
    /// A send that reaches several processes: which of them die.
    WhoDies(BTreeSet<String>),
}

/// What is asked about a send the learner has made but not yet seen.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// The send's index in the replay that holds it.
    pub step: usize,
    /// kill(-1), kill(0) or kill(-pgid): "who dies" rather than one verdict.
    pub group: bool,
    /// For a group send: every process alive before it, in creation order.
    pub candidates: Vec<String>,
}

impl Question {
    /// The question about `after`'s last step, a send aimed at `target`;
    /// `before` is the session the learner still sees.
    pub fn about(before: &Replay, after: &Replay, target: &DropTarget) -> Option<Question> {
        let step = after.steps.len().checked_sub(1)?;
        if !after.steps[step].is_send {
            return None;
        }
        let group = !matches!(target, DropTarget::Process(_));
        let candidates = if group {
            before
                .plan
                .processes
                .iter()
                .map(|p| p.id.clone())
                .filter(|id| {
                    matches!(
                        before.state_of(id),
                        Some(ProcState::Running | ProcState::Stopped)
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        Some(Question {
            step,
            group,
            candidates,
        })
    }

    /// The port's answer: the verdict's choice, or who was killed.
    pub fn truth(&self, step: &StepRecord) -> Guess {
        if self.group {
            Guess::WhoDies(
                step.effects
                    .iter()
                    .filter(|(_, e)| e.iter().any(|e| matches!(e, Effect::Killed(_))))
                    .map(|(id, _)| id.clone())
                    .collect(),
            )
        } else {
            Guess::Outcome(Choice::of(step.explanation.label))
        }
    }
}

/// A prediction and the port's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored {
    pub guess: Guess,
    pub truth: Guess,
}

impl Scored {
    pub fn right(&self) -> bool {
        self.guess == self.truth
    }
}

/// What a send of the lesson showed, kept when its step is done (an undo
/// step later takes the send itself off the session).
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub actor: String,
    pub call: Call,
    pub label: Label,
    /// The kernel function that decided (`sig_task_ignored`).
    pub func: Option<&'static str>,
    pub predicted: Option<Scored>,
}

impl Sent {
    pub fn of(step: &StepRecord) -> Sent {
        Sent {
            actor: step.actor.clone(),
            call: step.call.clone(),
            label: step.explanation.label,
            func: step.explanation.func,
            predicted: None,
        }
    }
}

/// One step done.
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    pub step: usize,
    /// The session's undo depth once it was done: an undo below it takes
    /// the step back.
    pub depth: usize,
    pub sent: Option<Sent>,
}

/// A lesson being taken: its steps and how far the learner got.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonRun {
    pub title: Text,
    pub steps: Rc<Vec<LessonStep>>,
    /// False while the session still shows the scenario's own actions:
    /// the card offers to start from the starting world.
    pub begun: bool,
    pub done: Vec<Done>,
    /// The last thing the learner did that was not the step.
    pub off_step: Option<Did>,
}

impl LessonRun {
    pub fn of(meta: &Meta, begun: bool) -> Option<LessonRun> {
        (!meta.lesson.is_empty()).then(|| LessonRun {
            title: meta.title.clone(),
            steps: Rc::new(meta.lesson.clone()),
            begun,
            done: Vec::new(),
            off_step: None,
        })
    }

    /// The step to do now (None: the lesson is over).
    pub fn current(&self) -> Option<&LessonStep> {
        self.steps.get(self.done.len())
    }

    pub fn finished(&self) -> bool {
        self.done.len() >= self.steps.len()
    }

    /// Checks one thing the learner did, at undo depth `depth` after it
    /// (an undo's depth is the one it went back to). Returns the step
    /// `did` completed, if any.
    pub fn check(&mut self, did: Did, depth: usize, sent: Option<Sent>) -> Option<usize> {
        let i = self.done.len();
        let matches = self.current().is_some_and(|s| task_matches(&s.task, &did));
        if matches {
            self.done.push(Done {
                step: i,
                depth,
                sent,
            });
            self.off_step = None;
            return Some(i);
        }
        if did == Did::Undo {
            // Undo takes back every step the undone edits had done, and
            // with it the note about a wrong step (it was the one undone,
            // or the learner is going back further).
            while self.done.last().is_some_and(|d| d.depth > depth) {
                self.done.pop();
            }
            self.off_step = None;
            return None;
        }
        if !self.finished() {
            self.off_step = Some(did);
        }
        None
    }

    /// The prediction of the last step done, when it was the send asked.
    pub fn record(&mut self, step: usize, scored: Scored) {
        if let Some(sent) = self
            .done
            .last_mut()
            .filter(|d| d.step == step)
            .and_then(|d| d.sent.as_mut())
        {
            sent.predicted = Some(scored);
        }
    }

    /// (right, asked): the predictions of the steps done.
    pub fn score(&self) -> (usize, usize) {
        let scored = self
            .done
            .iter()
            .filter_map(|d| d.sent.as_ref()?.predicted.as_ref());
        scored.fold((0, 0), |(r, n), s| (r + s.right() as usize, n + 1))
    }
}
