//! Shared helpers for the per-rule tests: build a `sigscene/1` scenario
//! from inline JSON, validate it, play it on the port and read the outcome
//! and trace back in a form that is easy to assert on.
#![allow(dead_code)]

use serde_json::Value;
use sigsim::outcome::{ProcessOutcome, State};
use sigsim::trace::TraceStep;
use sigsim::{Options, Outcome, Plan, Scenario, ScenarioError};

pub use serde_json::json;
#[allow(unused_imports)]
pub use sigsim::outcome::State::{Dead, Running, Stopped};

/// Parses a scenario; panics if the JSON does not fit the format's types.
pub fn scenario(v: Value) -> Scenario {
    serde_json::from_value(v).expect("the scenario parses")
}

/// Parses and validates; panics on a validation error.
pub fn plan(v: Value) -> Plan {
    sigsim::validate(&scenario(v)).unwrap_or_else(|e| panic!("valid scenario expected, got {e}"))
}

/// Validates and plays a scenario, returning the first error of either.
pub fn try_run(v: Value, tracing: bool) -> Result<(Outcome, Vec<Vec<TraceStep>>), ScenarioError> {
    let plan = sigsim::validate(&scenario(v))?;
    sigsim::simulate(&plan, Options::default(), tracing)
}

/// Plays a scenario that must be valid and must run.
pub fn run(v: Value) -> Outcome {
    try_run(v, false)
        .unwrap_or_else(|e| panic!("scenario should run, got {e}"))
        .0
}

/// Plays a scenario with tracing on: the outcome and one trace per step.
pub fn run_traced(v: Value) -> (Outcome, Vec<Vec<TraceStep>>) {
    try_run(v, true).unwrap_or_else(|e| panic!("scenario should run, got {e}"))
}

/// The error a scenario must produce, from validation or from the run.
pub fn error(v: Value) -> ScenarioError {
    match try_run(v, false) {
        Ok(_) => panic!("expected a scenario error, but it ran"),
        Err(e) => e,
    }
}

/// The same scenario for another kernel version.
pub fn on_kernel(v: &Value, kernel: &str) -> Value {
    let mut v = v.clone();
    v["kernel"] = Value::String(kernel.to_string());
    v
}

/// A process as reported after `step`; panics if it is not listed.
pub fn process<'a>(o: &'a Outcome, step: usize, id: &str) -> &'a ProcessOutcome {
    o.steps[step]
        .processes
        .get(id)
        .unwrap_or_else(|| panic!("steps[{step}] does not list {id}"))
}

/// Is `id` listed after `step` (created and not a failed spawn)?
pub fn listed(o: &Outcome, step: usize, id: &str) -> bool {
    o.steps[step].processes.get(id).is_some()
}

pub fn state(o: &Outcome, step: usize, id: &str) -> State {
    process(o, step, id).state
}

/// The signal that killed `id`, by name, if it was killed by one.
pub fn killed_by(o: &Outcome, step: usize, id: &str) -> Option<String> {
    process(o, step, id).signal.map(|s| s.to_string())
}

/// Pending signals of `id` after `step`, by name, in number order.
pub fn pending(o: &Outcome, step: usize, id: &str) -> Vec<String> {
    process(o, step, id)
        .pending
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// `ret` of a step as the format writes it: "0" or an errno name.
pub fn ret(o: &Outcome, step: usize) -> String {
    o.steps[step].ret.to_string()
}

/// Handler runs of a step as "process SIG si_pid SI_CODE", sorted (the
/// format compares `handled` as a multiset).
pub fn handled(o: &Outcome, step: usize) -> Vec<String> {
    let mut v: Vec<String> = o.steps[step]
        .handled
        .iter()
        .map(|h| format!("{} {} {} {}", h.process, h.sig, h.si_pid, h.si_code.name()))
        .collect();
    v.sort();
    v
}

/// Asserts the handler runs of a step, as a multiset.
#[track_caller]
pub fn assert_handled(o: &Outcome, step: usize, expected: &[&str]) {
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(handled(o, step), want, "handled at steps[{step}]");
}

/// The functions a trace passes through, consecutive repeats folded.
pub fn funcs(trace: &[TraceStep]) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = trace.iter().map(|s| s.name()).collect();
    v.dedup();
    v
}

/// Does `chain` appear in `trace`'s functions in this order (gaps allowed)?
pub fn has_chain(trace: &[TraceStep], chain: &[&str]) -> bool {
    let fs = funcs(trace);
    let mut it = fs.iter();
    chain.iter().all(|want| it.any(|f| f == want))
}

/// Verdict labels recorded by function `func`, in order.
pub fn verdicts(trace: &[TraceStep], func: &str) -> Vec<&'static str> {
    trace
        .iter()
        .filter(|s| s.name() == func)
        .filter_map(|s| s.verdict())
        .map(|v| v.label())
        .collect()
}

/// Every verdict label in the trace, in order, as "func:label".
pub fn all_verdicts(trace: &[TraceStep]) -> Vec<String> {
    trace
        .iter()
        .filter_map(|s| s.verdict().map(|v| format!("{}:{}", s.name(), v.label())))
        .collect()
}

/// Was function `func` reached at all?
pub fn reached(trace: &[TraceStep], func: &str) -> bool {
    trace.iter().any(|s| s.name() == func)
}

/// The value named `key` of every step of `func`, in order.
pub fn values(trace: &[TraceStep], func: &str, key: &str) -> Vec<String> {
    trace
        .iter()
        .filter(|s| s.name() == func)
        .filter_map(|s| {
            s.fact
                .fields()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        })
        .collect()
}

/// `a` with the keys of object `b` added (or replaced).
pub fn merge(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

/// The usual container world, PIDs as NSpid (host / ctr):
/// `systemd` 1, `shim` 2 (its own session and group), `app` 3/1 (the
/// container's init, made by `shim`, in `shim`'s group), `worker` 4/2
/// (`app`'s child), then `extra` in order. `app` and `worker` take the
/// extra fields given (signals, blocked, uid, …).
pub fn container_with(app: Value, worker: Value, extra: Vec<Value>, actions: Value) -> Value {
    let mut processes = vec![
        json!({"id": "systemd", "ns": "host"}),
        json!({"id": "shim", "ns": "host", "parent": "systemd", "group": "session"}),
        merge(json!({"id": "app", "ns": "ctr", "parent": "shim"}), app),
        merge(
            json!({"id": "worker", "ns": "ctr", "parent": "app"}),
            worker,
        ),
    ];
    processes.extend(extra);
    json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": processes,
        "actions": actions,
    })
}

pub fn container(app: Value, worker: Value, actions: Value) -> Value {
    container_with(app, worker, vec![], actions)
}

/// A shell and one job, all in the root namespace: `systemd` 1, `shell` 2
/// (session leader), `job` 3 (`shell`'s child, leading its own process
/// group in `shell`'s session, so its group is not orphaned), then `extra`.
pub fn shell_job_with(job: Value, extra: Vec<Value>, actions: Value) -> Value {
    let mut processes = vec![
        json!({"id": "systemd", "ns": "host"}),
        json!({"id": "shell", "ns": "host", "parent": "systemd", "group": "session"}),
        merge(
            json!({"id": "job", "ns": "host", "parent": "shell", "group": "new"}),
            job,
        ),
    ];
    processes.extend(extra);
    json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": processes,
        "actions": actions,
    })
}

pub fn shell_job(job: Value, actions: Value) -> Value {
    shell_job_with(job, vec![], actions)
}

/// Verdict labels recorded by `func` while looking at process `task`.
pub fn verdicts_on(trace: &[TraceStep], func: &str, task: &str) -> Vec<&'static str> {
    trace
        .iter()
        .filter(|s| s.name() == func && s.task.as_deref() == Some(task))
        .filter_map(|s| s.verdict())
        .map(|v| v.label())
        .collect()
}

/// The trace up to (not including) the first step of `func`.
pub fn before<'a>(trace: &'a [TraceStep], func: &str) -> &'a [TraceStep] {
    let end = trace
        .iter()
        .position(|s| s.name() == func)
        .unwrap_or(trace.len());
    &trace[..end]
}
