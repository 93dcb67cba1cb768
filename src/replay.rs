//! The displayed world is the session's scenario replayed through the port:
//! `validate` turns it into a plan, `World` plays every action with the
//! trace on. Nothing here decides what the kernel does; it only records, per
//! action, the call as the caller wrote it, the port's return value, what
//! changed for each process, and the trace.
//!
//! Rationale: replaying from the scenario (instead of patching a live world)
//! makes undo, permalinks, import and the tests one code path.

use crate::explain::{explain, Explanation};
use crate::palette;
use sigsim::fork::Creation;
use sigsim::outcome::{Errno, Handled, Ret, SiCode};
use sigsim::run::{World, NO_SUCH_PID};
use sigsim::scenario::Disposition;
use sigsim::sched::{ExitState, Kernel, TaskId};
use sigsim::signum::SigSet;
use sigsim::trace::{Phase, TraceStep, Verdict};
use sigsim::validate::{Action, MaskHow, PidArg, Plan, ProcIdx};
use sigsim::version::Func;
use sigsim::{validate, Options, Scenario, ScenarioError, Signal};
use std::collections::HashMap;
use std::rc::Rc;

/// What `ps` would say about a process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcState {
    Running,
    Stopped,
    /// Exited, waiting for a `wait()` that never comes.
    Zombie,
    /// Exited and reaped (or still leaving).
    Dead,
}

impl ProcState {
    /// Its key in class names (`state-zombie`); the words are the
    /// catalogue's ([`crate::words`]).
    pub fn label(self) -> &'static str {
        match self {
            ProcState::Running => "running",
            ProcState::Stopped => "stopped",
            ProcState::Zombie => "zombie",
            ProcState::Dead => "dead",
        }
    }

    pub fn is_alive(self) -> bool {
        matches!(self, ProcState::Running | ProcState::Stopped)
    }
}

pub fn proc_state(k: &Kernel, t: TaskId) -> ProcState {
    let task = &k.tasks[t];
    match task.exit_state {
        ExitState::Alive if task.stopped => ProcState::Stopped,
        ExitState::Alive => ProcState::Running,
        ExitState::Zombie => ProcState::Zombie,
        ExitState::Zapping | ExitState::Dead => ProcState::Dead,
    }
}

/// What one action did to one process, as the tree shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Created,
    /// Died of this signal.
    Killed(Signal),
    /// Called exit with this code.
    Exited(i32),
    Stopped,
    Continued,
    /// Its handler ran and saw this siginfo.
    Handled {
        sig: Signal,
        si_pid: i32,
        si_code: SiCode,
    },
    /// Queued and not taken (blocked, or the process is stopped).
    Pending(Signal),
    /// The kernel threw the signal away before queueing it.
    Dropped(Signal),
    /// Already pending: a legacy signal does not queue twice.
    Coalesced(Signal),
    /// This target refused the sender (a group send goes on past it).
    Refused(Errno),
}

impl Effect {
    /// The tone of the badge: what happened to the process, broadly.
    pub fn tone(&self) -> &'static str {
        match self {
            Effect::Killed(_) | Effect::Exited(_) => "fatal",
            Effect::Dropped(_) | Effect::Coalesced(_) | Effect::Refused(_) => "dropped",
            Effect::Handled { .. } | Effect::Created | Effect::Continued => "good",
            Effect::Stopped | Effect::Pending(_) => "held",
        }
    }
}

/// One replayed action.
#[derive(Clone, Debug)]
pub struct StepRecord {
    /// Who made the call: a process id, or `kernel` (see `by_kernel`).
    pub actor: String,
    /// The kernel itself sent it (SEND_SIG_PRIV): the page says "the
    /// kernel" in its language.
    pub by_kernel: bool,
    /// The call with the arguments the caller passed: `kill(3, SIGTERM)`.
    pub call: Call,
    /// Whom it aimed at, when that is not obvious from the call.
    pub aim: Option<Aim>,
    /// A send (kill family, kernel) rather than an edit (spawn, sigaction, …).
    pub is_send: bool,
    pub ret: Ret,
    pub handled: Vec<Handled>,
    /// Per process id, in creation order; only processes something happened to.
    pub effects: Vec<(String, Vec<Effect>)>,
    pub explanation: Explanation,
    /// The decisions the port took, for the call-chain view: the first
    /// [`TRACE_SHOWN`] of them.
    pub trace: Rc<Vec<TraceStep>>,
    /// How many decisions it took in all (a kill(-1) over 10,000 processes
    /// takes 170,000).
    pub trace_len: usize,
}

/// How many steps of a call's path the page keeps and plays. The path of a
/// kill(-1) over thousands of processes repeats the same functions once per
/// target; its first thousand steps show them, and playing or listing all
/// of them would freeze the page. `sigsim --trace` prints every step.
pub const TRACE_SHOWN: usize = 1_000;

impl StepRecord {
    pub fn effects_of(&self, id: &str) -> &[Effect] {
        self.effects
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, e)| e.as_slice())
            .unwrap_or(&[])
    }
}

/// The session's scenario, played.
#[derive(Clone, Debug)]
pub struct Replay {
    pub plan: Plan,
    /// The world after the last action.
    pub world: World,
    /// Shared, not copied, by the replays that extend this one
    /// ([`Replay::extended`], [`Replay::truncated`]).
    pub steps: Vec<Rc<StepRecord>>,
}

/// Per plan process: its state and pending signals, if it exists yet.
type Snapshot = Vec<Option<(ProcState, SigSet)>>;

fn snapshot(w: &World) -> Snapshot {
    w.task_of
        .iter()
        .map(|t| {
            t.map(|t| {
                let task = &w.kernel.tasks[t];
                (
                    proc_state(&w.kernel, t),
                    task.pending.signal.union(task.shared_pending.signal),
                )
            })
        })
        .collect()
}

/// Replays are compared by identity: a component given the same replay
/// need not render again, and a new replay is always new.
impl PartialEq for Replay {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Plays the world's next action, traced, and records it.
fn record_next(world: &mut World) -> Result<StepRecord, ScenarioError> {
    let action = world.plan.actions[world.applied].clone();
    let (actor, call, aim) = describe_call(world, &action);
    let before = snapshot(world);
    let step = world.apply_next()?;
    let after = snapshot(world);
    let effects = effects(world, &action, &before, &after, &step.handled, &step.trace);
    let explanation = explain(&action, step.ret, &step.trace, &effects);
    let trace_len = step.trace.len();
    let mut trace = step.trace;
    trace.truncate(TRACE_SHOWN);
    Ok(StepRecord {
        actor,
        by_kernel: matches!(action, Action::Kernel { .. }),
        call,
        aim,
        is_send: is_send(&action),
        ret: step.ret,
        handled: step.handled,
        effects,
        explanation,
        trace: Rc::new(trace),
        trace_len,
    })
}

/// Is `longer` `shorter` with actions added at the end (and the processes
/// they spawn)? Then playing on from `shorter`'s world is the same as
/// playing `longer` from the start: the port is deterministic and an action
/// reads only the world and the plan up to it.
fn extends(longer: &Plan, shorter: &Plan) -> bool {
    longer.version == shorter.version
        && longer.initial == shorter.initial
        && longer.namespaces == shorter.namespaces
        && longer.processes.starts_with(&shorter.processes)
        && longer.actions.starts_with(&shorter.actions)
}

impl Replay {
    /// Validates and plays a scenario. An error is the port's own, with the
    /// path of the field or action it is about.
    pub fn run(s: &Scenario) -> Result<Replay, ScenarioError> {
        Replay::play(validate(s)?, 0)
    }

    /// `plan` played, its first `untraced` actions without the trace or a
    /// record (the caller has their records).
    fn play(plan: Plan, untraced: usize) -> Result<Replay, ScenarioError> {
        let mut world = World::new(plan.clone(), Options::default())?;
        while world.applied < untraced {
            world.apply_next()?;
        }
        world.kernel.tracer.on = true;
        Replay::play_on(plan, world, Vec::new())
    }

    /// The rest of `plan`'s actions played on `world`, recorded after `steps`.
    fn play_on(
        plan: Plan,
        mut world: World,
        mut steps: Vec<Rc<StepRecord>>,
    ) -> Result<Replay, ScenarioError> {
        while world.applied < plan.actions.len() {
            steps.push(Rc::new(record_next(&mut world)?));
        }
        Ok(Replay { plan, world, steps })
    }

    /// `next` played on from this replay's world when it only adds actions
    /// at the end (a send: the cost of one action, not of the session);
    /// else from the start.
    pub fn extended(&self, next: &Scenario) -> Result<Replay, ScenarioError> {
        let plan = validate(next)?;
        if !extends(&plan, &self.plan) {
            return Replay::play(plan, 0);
        }
        let mut world = self.world.clone();
        world.task_of.resize(plan.processes.len(), None);
        world.plan = plan.clone();
        Replay::play_on(plan, world, self.steps.clone())
    }

    /// `prev` played, when it is this replay's scenario with actions taken
    /// off the end (an undo): the records are this replay's, and the world
    /// is rebuilt without the trace, which is most of a replay's cost; else
    /// from the start.
    pub fn truncated(&self, prev: &Scenario) -> Result<Replay, ScenarioError> {
        let plan = validate(prev)?;
        if !extends(&self.plan, &plan) {
            return Replay::play(plan, 0);
        }
        let n = plan.actions.len();
        let mut replay = Replay::play(plan, n)?;
        replay.steps = self.steps[..n].to_vec();
        Ok(replay)
    }

    pub fn index(&self, id: &str) -> Option<ProcIdx> {
        self.plan.process_index(id)
    }

    /// The task a process became, if it was created.
    pub fn task(&self, id: &str) -> Option<TaskId> {
        self.index(id).and_then(|i| self.world.task_of[i])
    }

    pub fn state_of(&self, id: &str) -> Option<ProcState> {
        self.task(id).map(|t| proc_state(&self.world.kernel, t))
    }

    /// Why a process cannot make a call now, if it cannot.
    pub fn cannot_act(&self, id: &str) -> Option<CannotAct> {
        let state = self.state_of(id);
        (state != Some(ProcState::Running)).then(|| CannotAct {
            id: id.to_string(),
            state,
        })
    }

    /// The last send, whose trace the call-chain view will animate.
    pub fn last_send(&self) -> Option<&StepRecord> {
        self.steps.iter().rev().find(|s| s.is_send).map(|s| &**s)
    }
}

pub fn is_send(action: &Action) -> bool {
    matches!(
        action,
        Action::Kill { .. }
            | Action::Sigqueue { .. }
            | Action::Tgkill { .. }
            | Action::PidfdSendSignal { .. }
            | Action::Kernel { .. }
    )
}

/// A process that cannot make a call: it does not exist (`state` None),
/// or it is stopped, a zombie or dead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CannotAct {
    pub id: String,
    pub state: Option<ProcState>,
}

/// A call as the caller wrote it: code, except where a PID it names has no
/// number in the caller's namespace, which the page says in its language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Call(pub Vec<CallPart>);

#[derive(Clone, Debug, PartialEq)]
pub enum CallPart {
    Code(String),
    /// A PID (negated for a group when `group`) the caller cannot see.
    NoPid {
        group: bool,
    },
}

impl Call {
    fn code(s: String) -> Call {
        Call(vec![CallPart::Code(s)])
    }

    /// The call in `lang`: `kill(3, SIGKILL)`, `kill(<no PID here>, …)`.
    pub fn text(&self, lang: crate::words::Lang) -> String {
        let w = crate::words::of(lang);
        self.0
            .iter()
            .map(|p| match p {
                CallPart::Code(c) => c.clone(),
                CallPart::NoPid { group: false } => w.log.no_pid.to_string(),
                CallPart::NoPid { group: true } => format!("-{}", w.log.no_pid),
            })
            .collect()
    }
}

/// Whom a call aimed at, when the call does not say it by name.
#[derive(Clone, Debug, PartialEq)]
pub enum Aim {
    /// kill(-1): every process the caller may signal.
    Everyone,
    /// kill(0): the caller's own process group.
    OwnGroup,
    Process(String),
    GroupOf(String),
    /// A new process, made in this namespace.
    InNamespace(String),
}

/// A pid argument as the caller passes it, or a mark where it names nobody
/// there.
fn pid_part(w: &World, caller: Option<TaskId>, arg: PidArg) -> CallPart {
    let Some(me) = caller else {
        return CallPart::Code("?".into());
    };
    match w.resolve(me, arg) {
        NO_SUCH_PID => CallPart::NoPid { group: false },
        n if n == -NO_SUCH_PID => CallPart::NoPid { group: true },
        n => CallPart::Code(n.to_string()),
    }
}

fn aim_of(plan: &Plan, arg: PidArg) -> Option<Aim> {
    match arg {
        PidArg::Raw(-1) => Some(Aim::Everyone),
        PidArg::Raw(0) => Some(Aim::OwnGroup),
        PidArg::Raw(_) => None,
        PidArg::PidOf(p) => Some(Aim::Process(plan.processes[p].id.clone())),
        PidArg::GroupOf(p) => Some(Aim::GroupOf(plan.processes[p].id.clone())),
    }
}

/// `name(` + the pid + `rest`.
fn with_pid(name: &str, pid: CallPart, rest: String) -> Call {
    Call(vec![
        CallPart::Code(format!("{name}(")),
        pid,
        CallPart::Code(rest),
    ])
}

fn disposition_text(d: Disposition) -> &'static str {
    match d {
        Disposition::Default => "SIG_DFL",
        Disposition::Ignore => "SIG_IGN",
        Disposition::Catch => "handler",
    }
}

fn set_text(set: SigSet) -> String {
    let names: Vec<String> = set.iter().map(palette::name).collect();
    format!("{{{}}}", names.join(", "))
}

/// Who calls what, written before the action runs (PIDs are as the caller
/// sees them at that moment).
fn describe_call(w: &World, action: &Action) -> (String, Call, Option<Aim>) {
    let plan = &w.plan;
    let id = |p: ProcIdx| plan.processes[p].id.clone();
    let task = |p: ProcIdx| w.task_of[p];
    match *action {
        Action::Kill { from, pid, sig } => (
            id(from),
            with_pid(
                "kill",
                pid_part(w, task(from), pid),
                format!(", {})", palette::raw_name(sig)),
            ),
            aim_of(plan, pid),
        ),
        Action::Sigqueue { from, pid, sig } => (
            id(from),
            with_pid(
                "sigqueue",
                pid_part(w, task(from), pid),
                format!(", {})", palette::raw_name(sig)),
            ),
            aim_of(plan, pid),
        ),
        Action::Tgkill { from, pid, sig } => {
            let p = pid_part(w, task(from), pid);
            let mut call = with_pid("tgkill", p.clone(), ", ".into());
            call.0.push(p);
            call.0
                .push(CallPart::Code(format!(", {})", palette::raw_name(sig))));
            (id(from), call, aim_of(plan, pid))
        }
        Action::PidfdSendSignal { from, target, sig } => {
            let p = pid_part(w, task(from), PidArg::PidOf(target));
            (
                id(from),
                with_pid(
                    "pidfd_send_signal(pidfd_open",
                    p,
                    format!("), {})", palette::raw_name(sig)),
                ),
                Some(Aim::Process(id(target))),
            )
        }
        Action::Kernel { sig, to } => (
            "kernel".into(),
            Call::code(format!(
                "do_send_sig_info({sig}, SEND_SIG_PRIV, {})",
                id(to)
            )),
            Some(Aim::Process(id(to))),
        ),
        Action::Exit { who, code } => (id(who), Call::code(format!("exit({code})")), None),
        Action::Spawn { process } => {
            let p = &plan.processes[process];
            let parent = p.parent.expect("a spawned process has a parent");
            let ns = &plan.namespaces[p.ns].id;
            let how = task(parent).map(|t| w.kernel.creation(Some(t), p.ns));
            let call = match how {
                Some(Ok(Creation::NewNamespace)) => format!("clone(CLONE_NEWPID) → {}", p.id),
                Some(Ok(Creation::Setns)) => format!("setns({ns}) + fork() → {}", p.id),
                _ => format!("fork() → {}", p.id),
            };
            (
                id(parent),
                Call::code(call),
                Some(Aim::InNamespace(ns.clone())),
            )
        }
        Action::Sigaction { from, ref changes } => {
            let calls: Vec<String> = changes
                .iter()
                .map(|(s, d)| format!("sigaction({s}, {})", disposition_text(*d)))
                .collect();
            (id(from), Call::code(calls.join("; ")), None)
        }
        Action::Sigprocmask { from, how, set } => {
            let how = match how {
                MaskHow::Block => "SIG_BLOCK",
                MaskHow::Unblock => "SIG_UNBLOCK",
                MaskHow::Set => "SIG_SETMASK",
            };
            (
                id(from),
                Call::code(format!("sigprocmask({how}, {})", set_text(set))),
                None,
            )
        }
    }
}

/// The signal a send carries, if it is a real one.
pub fn sent_signal(action: &Action) -> Option<Signal> {
    match *action {
        Action::Kill { sig, .. }
        | Action::Sigqueue { sig, .. }
        | Action::Tgkill { sig, .. }
        | Action::PidfdSendSignal { sig, .. } => Signal::new(sig as i64),
        Action::Kernel { sig, .. } => Some(sig),
        _ => None,
    }
}

/// Where a step's trace stops describing the call and starts describing
/// what the world did after it (the port marks the phase).
pub fn call_phase_len(trace: &[TraceStep]) -> usize {
    trace
        .iter()
        .position(|s| s.phase == Phase::Aftermath)
        .unwrap_or(trace.len())
}

fn effects(
    w: &World,
    action: &Action,
    before: &Snapshot,
    after: &Snapshot,
    handled: &[Handled],
    trace: &[TraceStep],
) -> Vec<(String, Vec<Effect>)> {
    let plan = &w.plan;
    let sig = sent_signal(action);
    let call = &trace[..call_phase_len(trace)];
    // Indexed by process once: a kill(-1) over thousands of processes must
    // not scan the whole trace (or every handler run, or the plan's list of
    // processes) once per process.
    let tasks: HashMap<&str, TaskId> = plan
        .processes
        .iter()
        .zip(&w.task_of)
        .filter_map(|(p, t)| t.map(|t| (p.id.as_str(), t)))
        .collect();
    let task_of_id = |id: &str| tasks.get(id).copied();
    let mut decided: Vec<Vec<&TraceStep>> = vec![Vec::new(); w.kernel.tasks.len()];
    for s in call.iter().filter(|s| s.verdict().is_some()) {
        if let Some(t) = s.task.as_deref().and_then(task_of_id) {
            decided[t].push(s);
        }
    }
    let mut ran: Vec<Vec<&Handled>> = vec![Vec::new(); w.kernel.tasks.len()];
    for h in handled {
        if let Some(t) = task_of_id(&h.process) {
            ran[t].push(h);
        }
    }
    let mut out = Vec::new();
    // Creation order, like the tree.
    let mut order: Vec<(TaskId, ProcIdx)> = w
        .task_of
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|t| (t, i)))
        .collect();
    order.sort_unstable();
    for (t, i) in order {
        let id = &plan.processes[i].id;
        let mut list = Vec::new();
        let was = before.get(i).copied().flatten();
        let (now, pending) = after[i].expect("in task_of");
        match was {
            None => list.push(Effect::Created),
            Some((was, was_pending)) => {
                let about_me = || decided[t].iter().copied();
                // SIGCONT resumes a stopped process at send time, whatever
                // happens next (it may die of what was waiting).
                let continued = about_me().any(|s| s.verdict() == Some(Verdict::Continued));
                if continued {
                    list.push(Effect::Continued);
                }
                if was.is_alive() && !now.is_alive() {
                    let status = w.kernel.tasks[t].exit_code;
                    let killer = Signal::new((status & 0x7f) as i64);
                    match (action, killer) {
                        (Action::Exit { who, .. }, _) if *who == i => {
                            list.push(Effect::Exited(status >> 8 & 0xff))
                        }
                        (_, Some(s)) => list.push(Effect::Killed(s)),
                        (_, None) => list.push(Effect::Exited(status >> 8 & 0xff)),
                    }
                } else if was == ProcState::Running && now == ProcState::Stopped {
                    list.push(Effect::Stopped);
                } else if was == ProcState::Stopped && now == ProcState::Running && !continued {
                    list.push(Effect::Continued);
                }
                for h in &ran[t] {
                    list.push(Effect::Handled {
                        sig: h.sig,
                        si_pid: h.si_pid,
                        si_code: h.si_code,
                    });
                }
                if now.is_alive() {
                    for s in pending.iter().filter(|s| !was_pending.contains(*s)) {
                        list.push(Effect::Pending(s));
                    }
                }
                // What the kernel decided about this process during the call.
                // (A SIGCONT that continued it is then dropped as ignored by
                // default: "continued" says all there is to say.)
                for s in about_me() {
                    let e = match (s.verdict(), sig) {
                        (Some(Verdict::Dropped), Some(sig)) if !continued => Effect::Dropped(sig),
                        (Some(Verdict::Coalesced), Some(sig)) => Effect::Coalesced(sig),
                        (Some(Verdict::Fails(e)), _) if s.func == Func::CheckKillPermission => {
                            Effect::Refused(e)
                        }
                        _ => continue,
                    };
                    if !list.contains(&e) {
                        list.push(e);
                    }
                }
            }
        }
        if !list.is_empty() {
            out.push((id.clone(), list));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_world::default_scenario;

    fn with_actions(json: &str) -> Scenario {
        let mut s = default_scenario();
        s.actions = serde_json::from_str(json).unwrap();
        s
    }

    #[test]
    fn default_world_replays_with_no_steps() {
        let r = Replay::run(&default_scenario()).unwrap();
        assert!(r.steps.is_empty());
        assert_eq!(r.state_of("ctr-init"), Some(ProcState::Running));
    }

    #[test]
    fn sigkill_from_host_empties_the_container() {
        let r = Replay::run(&with_actions(
            r#"[{"from":"shell","kill":{"pid_of":"ctr-init"},"sig":"SIGKILL"}]"#,
        ))
        .unwrap();
        let step = &r.steps[0];
        assert_eq!(step.call.text(crate::words::Lang::En), "kill(3, SIGKILL)");
        assert_eq!(step.actor, "shell");
        for id in ["ctr-init", "app", "worker"] {
            assert!(
                step.effects_of(id).contains(&Effect::Killed(Signal::KILL)),
                "{id}: {:?}",
                step.effects_of(id)
            );
            assert!(!r.state_of(id).unwrap().is_alive());
        }
        assert!(step.effects_of("shell").is_empty());
    }

    #[test]
    fn sigterm_to_container_init_is_dropped_there() {
        let r = Replay::run(&with_actions(
            r#"[{"from":"shell","kill":{"pid_of":"ctr-init"},"sig":"SIGTERM"}]"#,
        ))
        .unwrap();
        assert_eq!(
            r.steps[0].effects_of("ctr-init"),
            &[Effect::Dropped(Signal::TERM)]
        );
    }

    #[test]
    fn a_pid_with_no_number_in_the_callers_namespace_is_written_as_such() {
        let r = Replay::run(&with_actions(
            r#"[{"from":"app","kill":{"pid_of":"shell"},"sig":"SIGTERM"}]"#,
        ))
        .unwrap();
        assert_eq!(
            r.steps[0].call.text(crate::words::Lang::En),
            "kill(<no PID here>, SIGTERM)"
        );
        assert_eq!(r.steps[0].ret, Ret::Err(Errno::ESRCH));
    }
}
