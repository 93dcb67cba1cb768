//! Plays a [`Plan`] on the port: builds the starting world, applies each
//! action as the process it names, lets the world settle (every woken
//! process runs `get_signal` until nothing is left to deliver), and reads
//! the outcome off the kernel's state.

use crate::outcome::{Errno, Outcome, ProcessMap, ProcessOutcome, Ret, State, StepOutcome};
use crate::sched::*;
use crate::signal::KResult;
use crate::trace::{trace, Fact, Phase, TraceStep};
use crate::validate::{Action, PidArg, Plan, ProcIdx, ScenarioError};
use crate::version::Func;

pub use crate::sched::Options;

/// The PID a call passes when the format's `pid_of` names a process with no
/// PID in the caller's namespace: a number no namespace hands out.
pub const NO_SUCH_PID: i32 = i32::MAX;

/// A scenario being played: the kernel plus which task each process became.
#[derive(Clone, Debug)]
pub struct World {
    pub plan: Plan,
    pub kernel: Kernel,
    /// For each process of the plan, its task once created.
    pub task_of: Vec<Option<TaskId>>,
    /// How many actions have been applied.
    pub applied: usize,
}

/// What one action did. The processes' states are read separately
/// ([`World::snapshot`]), so a caller that only wants the decision pays
/// nothing for them.
#[derive(Clone, Debug)]
pub struct Step {
    pub ret: Ret,
    pub handled: Vec<crate::outcome::Handled>,
    /// Empty unless tracing is on.
    pub trace: Vec<TraceStep>,
}

/// Runs a whole plan. With `tracing` each step carries its trace.
pub fn simulate(
    plan: &Plan,
    opts: Options,
    tracing: bool,
) -> Result<(Outcome, Vec<Vec<TraceStep>>), ScenarioError> {
    let mut steps = Vec::with_capacity(plan.actions.len());
    let mut traces = Vec::new();
    simulate_each(plan, opts, tracing, |_, step, trace| {
        steps.push(step);
        if tracing {
            traces.push(trace);
        }
        Ok::<(), ScenarioError>(())
    })?;
    Ok((Outcome::new(steps), traces))
}

/// Runs a whole plan and hands each step to `each` as soon as the world
/// has settled after it: its index, its outcome and (with `tracing`) its
/// trace. A caller that writes them out holds one step at a time, so its
/// memory does not grow with the number of steps (the CLI). Stops at the
/// first error, the port's (an actor dead by then) or `each`'s own.
pub fn simulate_each<E: From<ScenarioError>>(
    plan: &Plan,
    opts: Options,
    tracing: bool,
    mut each: impl FnMut(usize, StepOutcome, Vec<TraceStep>) -> Result<(), E>,
) -> Result<(), E> {
    let mut world = World::new(plan.clone(), opts)?;
    world.kernel.tracer.on = tracing;
    while world.applied < world.plan.actions.len() {
        let index = world.applied;
        let step = world.apply_next()?;
        let outcome = StepOutcome {
            ret: step.ret,
            processes: world.snapshot(),
            handled: step.handled,
        };
        each(index, outcome, step.trace)?;
    }
    Ok(())
}

impl World {
    /// The world before the first action: every process of `processes`,
    /// created in order by root.
    pub fn new(plan: Plan, opts: Options) -> Result<World, ScenarioError> {
        let mut kernel = Kernel::new(plan.version, opts);
        for ns in &plan.namespaces {
            kernel.add_namespace(&ns.id, ns.parent);
        }
        let mut world = World {
            task_of: vec![None; plan.processes.len()],
            plan,
            kernel,
            applied: 0,
        };
        for i in 0..world.plan.initial {
            let p = world.plan.processes[i].clone();
            let parent = p
                .parent
                .map(|q| world.task_of[q].expect("parents are listed first"));
            let how = world
                .kernel
                .creation(parent, p.ns)
                .map_err(|m| ScenarioError::new(format!("{}.parent", p.path), m))?;
            let t = world
                .kernel
                .copy_process(parent, &p.clone_args(), how, true)
                .map_err(|e| {
                    ScenarioError::new(&p.path, format!("cannot be created: {}", e.name()))
                })?;
            world.task_of[i] = Some(t);
        }
        world.kernel.tracer.steps.clear();
        Ok(world)
    }

    /// Applies the plan's next action and lets the world settle.
    pub fn apply_next(&mut self) -> Result<Step, ScenarioError> {
        let i = self.applied;
        let action = self.plan.actions[i].clone();
        let step = self.apply(&action, &format!("actions[{i}]"))?;
        self.applied += 1;
        Ok(step)
    }

    /// Applies any action (the plan's, or one being tried out) and lets the
    /// world settle. `path` names it in errors.
    pub fn apply(&mut self, action: &Action, path: &str) -> Result<Step, ScenarioError> {
        self.kernel.tracer.steps.clear();
        self.kernel.tracer.depth = 0;
        self.kernel.tracer.phase = Phase::Call;
        self.kernel.handled.clear();
        let ret = self.perform(action, path)?;
        self.kernel.tracer.phase = Phase::Aftermath;
        // The caller is on a CPU already: on its way back to user space it
        // takes its own signals before anything it woke gets to run (the
        // real kernel does so even on one CPU: random seed 2027).
        if let Some(me) = action.actor().and_then(|p| self.task_of[p]) {
            if self.kernel.queued[me] {
                self.kernel.runqueue.retain(|t| *t != me);
                self.kernel.runqueue.push_front(me);
            }
        }
        self.settle(path)?;
        self.kernel.tracer.phase = Phase::Call;
        if self.kernel.tracer.on {
            let actor = action.actor().map(|p| self.plan.processes[p].id.as_str());
            let exits = matches!(action, Action::Exit { .. });
            self.kernel.tracer.seal(actor, exits);
        }
        Ok(Step {
            ret,
            handled: std::mem::take(&mut self.kernel.handled),
            trace: std::mem::take(&mut self.kernel.tracer.steps),
        })
    }

    /// The task of a process that must be able to act now.
    fn actor(&self, p: ProcIdx, path: &str) -> Result<TaskId, ScenarioError> {
        let id = &self.plan.processes[p].id;
        let Some(t) = self.task_of[p] else {
            return Err(ScenarioError::new(
                path,
                format!("{id} does not exist at this point (not yet spawned, or its spawn failed)"),
            ));
        };
        let task = &self.kernel.tasks[t];
        if !task.is_alive() {
            return Err(ScenarioError::new(
                path,
                format!("{id} is dead at this point and cannot act"),
            ));
        }
        if task.stopped {
            return Err(ScenarioError::new(
                path,
                format!("{id} is stopped at this point and cannot act"),
            ));
        }
        Ok(t)
    }

    /// The integer a pid argument stands for, as the caller sees things now.
    pub fn resolve(&self, caller: TaskId, arg: PidArg) -> i32 {
        let ns = self.kernel.tasks[caller].ns;
        let nr_of = |p: ProcIdx| {
            self.task_of[p]
                .map(|t| self.kernel.task_pid_nr_ns(t, ns))
                .filter(|nr| *nr != 0)
        };
        match arg {
            PidArg::Raw(n) => n,
            PidArg::PidOf(p) => nr_of(p).unwrap_or(NO_SUCH_PID),
            PidArg::GroupOf(p) => {
                let leader = self.task_of[p].map(|t| self.kernel.tasks[t].pgrp);
                match leader
                    .map(|g| self.kernel.pid_nr_ns(g, ns))
                    .filter(|nr| *nr != 0)
                {
                    Some(nr) => -nr,
                    None => -NO_SUCH_PID,
                }
            }
        }
    }

    fn perform(&mut self, action: &Action, path: &str) -> Result<Ret, ScenarioError> {
        let r: KResult = match *action {
            Action::Kill { from, pid, sig } => {
                let me = self.actor(from, &format!("{path}.from"))?;
                let pid = self.resolve(me, pid);
                self.kernel.current = me;
                self.kernel.sys_kill(pid, sig)
            }
            Action::Sigqueue { from, pid, sig } => {
                let me = self.actor(from, &format!("{path}.from"))?;
                let pid = self.resolve(me, pid);
                self.kernel.current = me;
                self.kernel.sys_rt_sigqueueinfo(pid, sig)
            }
            Action::Tgkill { from, pid, sig } => {
                let me = self.actor(from, &format!("{path}.from"))?;
                let pid = self.resolve(me, pid);
                self.kernel.current = me;
                self.kernel.sys_tgkill(pid, pid, sig)
            }
            Action::PidfdSendSignal { from, target, sig } => {
                let me = self.actor(from, &format!("{path}.from"))?;
                let pid = self.resolve(me, PidArg::PidOf(target));
                self.kernel.current = me;
                self.kernel
                    .sys_pidfd_open(pid)
                    .and_then(|fd| self.kernel.sys_pidfd_send_signal(fd, sig))
            }
            Action::Kernel { sig, to } => match self.task_of[to] {
                Some(t) => {
                    let k = &mut self.kernel;
                    k.current = t;
                    k.kernel_send(sig, t)
                }
                None => {
                    let k = &mut self.kernel;
                    trace!(k; Func::DoSendSigInfo, None, Fact::NeverCreated { target: self.plan.processes[to].id.clone() });
                    Err(Errno::ESRCH)
                }
            },
            Action::Exit { who, code } => {
                let me = self.actor(who, &format!("{path}.exit"))?;
                if self.kernel.tasks[me].real_parent.is_none() {
                    return Err(ScenarioError::new(
                        format!("{path}.exit"),
                        "the global init cannot exit: the real kernel panics (\"Attempted to kill init!\")",
                    ));
                }
                let k = &mut self.kernel;
                k.current = me;
                trace!(k; Func::ExitGroup, Some(me), Fact::ExitCalled { code });
                k.do_group_exit((code & 0xff) << 8);
                Ok(())
            }
            Action::Spawn { process } => {
                let p = self.plan.processes[process].clone();
                let parent_idx = p.parent.expect("only the global init has no parent");
                let parent = self.actor(parent_idx, &format!("{path}.spawn.parent"))?;
                let how = self.kernel.creation(Some(parent), p.ns).map_err(|m| {
                    ScenarioError::new(
                        format!("{path}.spawn.parent"),
                        format!(
                            "{} could not have made {}: {m}",
                            self.plan.processes[parent_idx].id, p.id
                        ),
                    )
                })?;
                self.kernel.current = parent;
                match self
                    .kernel
                    .copy_process(Some(parent), &p.clone_args(), how, false)
                {
                    Ok(t) => {
                        self.task_of[process] = Some(t);
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
            Action::Sigaction { from, ref changes } => {
                let me = self.actor(from, &format!("{path}.from"))?;
                let k = &mut self.kernel;
                k.current = me;
                // Each key is its own sigaction(2) call; one naming SIGKILL
                // or SIGSTOP fails, and then the format wants nothing changed.
                if let Some((sig, _)) = changes.iter().find(|(s, _)| s.kernel_only()) {
                    k.do_sigaction(*sig, Handler::Dfl)
                } else {
                    changes
                        .iter()
                        .try_for_each(|(sig, d)| k.do_sigaction(*sig, (*d).into()))
                }
            }
            Action::Sigprocmask { from, how, set } => {
                let me = self.actor(from, &format!("{path}.from"))?;
                self.kernel.current = me;
                self.kernel.sys_sigprocmask(how, set)
            }
        };
        Ok(match r {
            Ok(()) => Ret::Ok,
            Err(e) => Ret::Err(e),
        })
    }

    /// Runs woken processes until none has anything left to do.
    fn settle(&mut self, path: &str) -> Result<(), ScenarioError> {
        let k = &mut self.kernel;
        let mut budget = 1_000_000usize;
        while let Some(t) = k.runqueue.pop_front() {
            k.queued[t] = false;
            budget -= 1;
            if budget == 0 {
                return Err(ScenarioError::new(
                    path,
                    "the world did not settle (a bug in the port)",
                ));
            }
            match k.tasks[t].exit_state {
                ExitState::Alive => {
                    let saved_depth = k.tracer.depth;
                    k.tracer.depth = 0;
                    k.get_signal(t);
                    k.tracer.depth = saved_depth;
                }
                ExitState::Zapping => k.finish_zapped_exit(t),
                _ => {}
            }
            if k.panicked {
                let v = k.version;
                return Err(ScenarioError::new(
                    path,
                    format!("the kernel panics: the global init dies (\"Attempted to kill init!\"); {v} lets this signal reach it"),
                ));
            }
        }
        Ok(())
    }

    /// Every created process as the outcome format reports it.
    pub fn snapshot(&self) -> ProcessMap {
        // In creation order: task ids are handed out in that order.
        let mut created: Vec<(TaskId, usize)> = self
            .task_of
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.map(|t| (t, i)))
            .collect();
        created.sort_unstable();
        ProcessMap(
            created
                .into_iter()
                .map(|(t, i)| (self.plan.processes[i].id.clone(), self.process_outcome(t)))
                .collect(),
        )
    }

    pub fn process_outcome(&self, t: TaskId) -> ProcessOutcome {
        let task = &self.kernel.tasks[t];
        if !task.is_alive() {
            let sig = task.exit_code & 0x7f;
            return ProcessOutcome {
                state: State::Dead,
                signal: crate::Signal::new(sig as i64),
                pending: Vec::new(),
            };
        }
        let pending = task
            .pending
            .signal
            .union(task.shared_pending.signal)
            .iter()
            .collect();
        let state = if task.stopped {
            State::Stopped
        } else {
            State::Running
        };
        ProcessOutcome {
            state,
            signal: None,
            pending,
        }
    }
}
