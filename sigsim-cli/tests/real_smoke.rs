//! Smoke tests of the real-kernel runner on small inline scenarios. Each
//! expected outcome was reasoned from the kernel notes first
//! (`shared/kernel/kernel-signal-rules.md`, cited per test) and then
//! confirmed on Linux 6.18. They need root, so they are `#[ignore]`d;
//! `make test` runs them as root (`--include-ignored`), and run by anyone
//! else they fail.
//!
//! The tests take one lock so they run one at a time: each then checks that
//! the runner left no process behind (no child of this test process
//! remains), which would be ambiguous with other runs in flight.
//! `parallel_runs_do_not_interfere` makes its own threads.

use sigsim::outcome::Outcome;
use sigsim::validate::Plan;
use sigsim_cli::real::{run_real, run_real_repeated, RealError, RealOptions, RealRun};
use std::sync::{Mutex, MutexGuard};

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// One real-kernel test at a time (a failed one must not stop the rest).
fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn plan(json: &str) -> Plan {
    let scenario: sigsim::Scenario = serde_json::from_str(json).expect("scenario parses");
    sigsim::validate(&scenario).expect("scenario is valid")
}

fn outcome(json: &str) -> Outcome {
    serde_json::from_str(json).expect("expected outcome parses")
}

/// Processes whose parent is this test process: after a run, none may be
/// left (the scenario's init is this process's only child while it runs).
fn children_of_self() -> Vec<String> {
    // SAFETY: getpid cannot fail.
    let me = unsafe { libc::getpid() };
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.get(1).and_then(|p| p.parse::<i32>().ok()) == Some(me) {
            found.push(stat.trim().to_string());
        }
    }
    found
}

fn run(json: &str) -> RealRun {
    let r = run_real(&plan(json), &RealOptions::default());
    assert_eq!(
        children_of_self(),
        Vec::<String>::new(),
        "the runner left processes behind"
    );
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn assert_outcome(got: &Outcome, want: &str) {
    let want = outcome(want);
    if let Some(d) = got.first_difference(&want) {
        panic!(
            "outcome differs: {d}\n got: {}\nwant: {}",
            serde_json::to_string(got).unwrap(),
            serde_json::to_string(&want).unwrap()
        );
    }
}

fn rejected(json: &str) -> String {
    let r = run_real(&plan(json), &RealOptions::default());
    assert_eq!(
        children_of_self(),
        Vec::<String>::new(),
        "the runner left processes behind"
    );
    match r {
        Err(RealError::Rejected(e)) => e.to_string(),
        Err(e) => panic!("expected a rejection, got {e}"),
        Ok(r) => panic!(
            "expected a rejection, got {}",
            serde_json::to_string(&r.outcome).unwrap()
        ),
    }
}

/// A host with a container: `shim` (host) made `cinit` with
/// clone(CLONE_NEWPID); `app` is cinit's child inside.
const CONTAINER: &str = r#"
  "namespaces": [{"id": "host"}, {"id": "c", "parent": "host"}],
  "processes": [
    {"id": "init", "ns": "host"},
    {"id": "shim", "ns": "host", "parent": "init", "signals": {"SIGCHLD": "catch"}},
    {"id": "cinit", "ns": "c", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
    {"id": "app", "ns": "c", "parent": "cinit"}
  ]"#;

fn container(actions: &str) -> String {
    format!(r#"{{"format": "sigscene/1", {CONTAINER}, "actions": {actions}}}"#)
}

const ALL_RUNNING: &str = r#"{"init": {"state": "running"}, "shim": {"state": "running"},
    "cinit": {"state": "running"}, "app": {"state": "running"}}"#;

/// §5.3 rule 2: a container init has SIGNAL_UNKILLABLE; a SIG_DFL signal
/// from inside its namespace is not forced, so it is dropped and kill
/// returns 0 — SIGTERM from its child, and SIGKILL from itself (LTP pidns04).
#[test]
#[ignore = "needs root"]
fn sigterm_from_inside_a_container_to_its_sig_dfl_init_is_dropped() {
    let _lock = one_at_a_time();
    let r = run(&container(
        r#"[{"from": "app", "kill": 1, "sig": "SIGTERM"},
            {"from": "cinit", "kill": 1, "sig": "SIGKILL"}]"#,
    ));
    assert_outcome(
        &r.outcome,
        &format!(
            r#"{{"format": "sigscene-outcome/1", "steps": [
            {{"ret": 0, "processes": {ALL_RUNNING}}},
            {{"ret": 0, "processes": {ALL_RUNNING}}}]}}"#
        ),
    );
}

/// §4.1 + §9.4: SIGKILL from the parent namespace is forced, the init dies,
/// zap_pid_ns_processes SIGKILLs and reaps app, then shim hears CLD_KILLED
/// with cinit's PID as shim sees it (3).
#[test]
#[ignore = "needs root"]
fn sigkill_from_the_host_takes_the_whole_container_down() {
    let _lock = one_at_a_time();
    let r = run(&container(
        r#"[{"from": "shim", "kill": {"pid_of": "cinit"}, "sig": "SIGKILL"}]"#,
    ));
    assert_outcome(
        &r.outcome,
        r#"{"format": "sigscene-outcome/1", "steps": [{"ret": 0,
            "processes": {"init": {"state": "running"}, "shim": {"state": "running"},
              "cinit": {"state": "dead", "signal": "SIGKILL"}, "app": {"state": "dead", "signal": "SIGKILL"}},
            "handled": [{"process": "shim", "sig": "SIGCHLD", "si_pid": 3, "si_code": "CLD_KILLED"}]}]}"#,
    );
    assert_eq!(
        r.pids,
        vec![
            ("init".to_string(), vec![1]),
            ("shim".to_string(), vec![2]),
            ("cinit".to_string(), vec![3, 1]),
            ("app".to_string(), vec![4, 2]),
        ]
    );
}

/// LTP pidns12/pidns16: a caught signal reaches a container init from
/// anywhere; from the parent namespace si_pid is 0 (the sender has no PID
/// there), from inside it is the sender's own PID (app is 2 in c).
#[test]
#[ignore = "needs root"]
fn a_container_init_catching_sigusr1_sees_si_pid_0_from_the_host() {
    let _lock = one_at_a_time();
    let json = container(
        r#"[{"from": "shim", "kill": {"pid_of": "cinit"}, "sig": "SIGUSR1"},
            {"from": "app", "kill": 1, "sig": "SIGUSR1"}]"#,
    );
    let want = format!(
        r#"{{"format": "sigscene-outcome/1", "steps": [
            {{"ret": 0, "processes": {ALL_RUNNING},
              "handled": [{{"process": "cinit", "sig": "SIGUSR1", "si_pid": 0, "si_code": "SI_USER"}}]}},
            {{"ret": 0, "processes": {ALL_RUNNING},
              "handled": [{{"process": "cinit", "sig": "SIGUSR1", "si_pid": 2, "si_code": "SI_USER"}}]}}]}}"#
    );
    assert_outcome(&run(&json).outcome, &want);
    // The same scenario, three times: one outcome.
    let repeated = run_real_repeated(&plan(&json), &RealOptions::default(), 3).expect("runs");
    assert_eq!(children_of_self(), Vec::<String>::new());
    assert_outcome(&repeated.expect("all runs agree"), &want);
}

/// LTP pidns10, §9.6: kill(-1) skips the caller and its namespace's init;
/// a lone container init has no candidate at all → ESRCH.
#[test]
#[ignore = "needs root"]
fn kill_minus_one_by_a_lone_container_init_is_esrch() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "c", "parent": "host"}],
        "processes": [{"id": "init", "ns": "host"}, {"id": "cinit", "ns": "c", "parent": "init"}],
        "actions": [{"from": "cinit", "kill": -1, "sig": "SIGKILL"}]}"#);
    assert_outcome(
        &r.outcome,
        r#"{"format": "sigscene-outcome/1", "steps": [{"ret": "ESRCH",
            "processes": {"init": {"state": "running"}, "cinit": {"state": "running"}}}]}"#,
    );
}

/// §9.1/§9.4: once a namespace's init died, joining it (setns + fork) fails
/// with ENOMEM — and alloc_pid had already reserved a number at each level,
/// so the host's next PID skips 4: `next` is 5, and 4 names nobody.
#[test]
#[ignore = "needs root"]
fn spawning_into_a_namespace_whose_init_died_is_enomem_and_uses_up_a_pid() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "c", "parent": "host"}],
        "processes": [{"id": "init", "ns": "host"}, {"id": "shim", "ns": "host", "parent": "init"},
                      {"id": "cinit", "ns": "c", "parent": "shim"}],
        "actions": [
          {"from": "shim", "kill": {"pid_of": "cinit"}, "sig": "SIGKILL"},
          {"spawn": {"id": "late", "ns": "c", "parent": "shim"}},
          {"spawn": {"id": "next", "ns": "host", "parent": "shim"}},
          {"from": "init", "kill": 4, "sig": 0},
          {"from": "init", "kill": 5, "sig": 0},
          {"from": "init", "kill": {"pid_of": "late"}, "sig": 0}]}"#);
    let dead = r#""init": {"state": "running"}, "shim": {"state": "running"},
        "cinit": {"state": "dead", "signal": "SIGKILL"}"#;
    let with_next = format!(r#"{{{dead}, "next": {{"state": "running"}}}}"#);
    assert_outcome(
        &r.outcome,
        &format!(
            r#"{{"format": "sigscene-outcome/1", "steps": [
            {{"ret": 0, "processes": {{{dead}}}}},
            {{"ret": "ENOMEM", "processes": {{{dead}}}}},
            {{"ret": 0, "processes": {with_next}}},
            {{"ret": "ESRCH", "processes": {with_next}}},
            {{"ret": 0, "processes": {with_next}}},
            {{"ret": "ESRCH", "processes": {with_next}}}]}}"#
        ),
    );
    assert_eq!(r.pids.last(), Some(&("next".to_string(), vec![5])));
}

/// §8.1: any action for SIGKILL is EINVAL, and the whole change is void —
/// SIGTERM stays SIG_DFL, so the next SIGTERM kills.
#[test]
#[ignore = "needs root"]
fn sigaction_on_sigkill_is_einval_and_changes_nothing() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1", "namespaces": [{"id": "h"}],
        "processes": [{"id": "init", "ns": "h"}, {"id": "p", "ns": "h", "parent": "init"}],
        "actions": [{"from": "p", "sigaction": {"SIGKILL": "ignore", "SIGTERM": "ignore"}},
                    {"from": "init", "kill": {"pid_of": "p"}, "sig": "SIGTERM"}]}"#);
    assert_outcome(
        &r.outcome,
        r#"{"format": "sigscene-outcome/1", "steps": [
            {"ret": "EINVAL", "processes": {"init": {"state": "running"}, "p": {"state": "running"}}},
            {"ret": 0, "processes": {"init": {"state": "running"}, "p": {"state": "dead", "signal": "SIGTERM"}}}]}"#,
    );
}

/// §3: uid 1000 holds no CAP_KILL and matches no uid of a root process →
/// EPERM; SIGCONT is the exception within one session (both are in the
/// global init's session).
#[test]
#[ignore = "needs root"]
fn uid_1000_signalling_a_uid_0_process_is_eperm_except_sigcont_in_its_session() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1", "namespaces": [{"id": "h"}],
        "processes": [{"id": "init", "ns": "h"}, {"id": "user", "ns": "h", "parent": "init", "uid": 1000},
                      {"id": "root", "ns": "h", "parent": "init"}],
        "actions": [{"from": "user", "kill": {"pid_of": "root"}, "sig": "SIGTERM"},
                    {"from": "user", "kill": {"pid_of": "root"}, "sig": "SIGCONT"}]}"#);
    let all = r#"{"init": {"state": "running"}, "user": {"state": "running"}, "root": {"state": "running"}}"#;
    assert_outcome(
        &r.outcome,
        &format!(
            r#"{{"format": "sigscene-outcome/1", "steps": [
            {{"ret": "EPERM", "processes": {all}}}, {{"ret": 0, "processes": {all}}}]}}"#
        ),
    );
}

/// §7.3/§8.2: a parent catching SIGCHLD hears its child stop and continue,
/// with the child's PID as it sees it (3).
#[test]
#[ignore = "needs root"]
fn a_parent_catching_sigchld_hears_cld_stopped_then_cld_continued() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1", "namespaces": [{"id": "h"}],
        "processes": [{"id": "init", "ns": "h"},
                      {"id": "parent", "ns": "h", "parent": "init", "signals": {"SIGCHLD": "catch"}},
                      {"id": "child", "ns": "h", "parent": "parent"}],
        "actions": [{"from": "init", "kill": {"pid_of": "child"}, "sig": "SIGSTOP"},
                    {"from": "init", "kill": {"pid_of": "child"}, "sig": "SIGCONT"}]}"#);
    assert_outcome(
        &r.outcome,
        r#"{"format": "sigscene-outcome/1", "steps": [
            {"ret": 0, "processes": {"init": {"state": "running"}, "parent": {"state": "running"}, "child": {"state": "stopped"}},
             "handled": [{"process": "parent", "sig": "SIGCHLD", "si_pid": 3, "si_code": "CLD_STOPPED"}]},
            {"ret": 0, "processes": {"init": {"state": "running"}, "parent": {"state": "running"}, "child": {"state": "running"}},
             "handled": [{"process": "parent", "sig": "SIGCHLD", "si_pid": 3, "si_code": "CLD_CONTINUED"}]}]}"#,
    );
}

/// Signals 32 and 33 (reserved by glibc) are caught and blocked for real:
/// the runner uses the raw syscalls. sigqueue gives SI_QUEUE with the
/// caller's PID, tgkill SI_TKILL; a blocked one stays pending (as a number).
#[test]
#[ignore = "needs root"]
fn signals_32_and_33_work_through_the_raw_syscalls() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1", "namespaces": [{"id": "h"}],
        "processes": [{"id": "init", "ns": "h"},
                      {"id": "p", "ns": "h", "parent": "init", "signals": {"32": "catch"}, "blocked": [33]}],
        "actions": [{"from": "init", "sigqueue": {"pid_of": "p"}, "sig": 32},
                    {"from": "init", "tgkill": {"pid_of": "p"}, "sig": 33}]}"#);
    assert_outcome(
        &r.outcome,
        r#"{"format": "sigscene-outcome/1", "steps": [
            {"ret": 0, "processes": {"init": {"state": "running"}, "p": {"state": "running"}},
             "handled": [{"process": "p", "sig": 32, "si_pid": 1, "si_code": "SI_QUEUE"}]},
            {"ret": 0, "processes": {"init": {"state": "running"}, "p": {"state": "running", "pending": [33]}}}]}"#,
    );
}

/// An unprivileged parent uses only its own privilege: it cannot give its
/// child another uid, nor create a namespace — EPERM, and no PID is used
/// up (the next child is 3).
#[test]
#[ignore = "needs root"]
fn an_unprivileged_parent_cannot_spawn_with_another_uid_or_a_new_namespace() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1",
        "namespaces": [{"id": "h"}, {"id": "c", "parent": "h"}],
        "processes": [{"id": "init", "ns": "h"}, {"id": "u", "ns": "h", "parent": "init", "uid": 1000}],
        "actions": [{"spawn": {"id": "a", "ns": "h", "parent": "u"}},
                    {"spawn": {"id": "b", "ns": "c", "parent": "u", "uid": 1000}},
                    {"spawn": {"id": "ok", "ns": "h", "parent": "u", "uid": 1000}}]}"#);
    let two = r#"{"init": {"state": "running"}, "u": {"state": "running"}}"#;
    assert_outcome(
        &r.outcome,
        &format!(
            r#"{{"format": "sigscene-outcome/1", "steps": [
            {{"ret": "EPERM", "processes": {two}}}, {{"ret": "EPERM", "processes": {two}}},
            {{"ret": 0, "processes": {{"init": {{"state": "running"}}, "u": {{"state": "running"}}, "ok": {{"state": "running"}}}}}}]}}"#
        ),
    );
    assert_eq!(r.pids.last(), Some(&("ok".to_string(), vec![3])));
}

/// Orphaned process groups (§7.2 step 9, §9.5) as the runner's world has
/// them. The global init's own group and a session leader's group are
/// orphaned (their parents are in other sessions): SIGTSTP/SIGTTIN at SIG_DFL
/// are discarded there. A new group under the scenario's init *is* anchored
/// by that init — unlike under a true global init, which
/// `will_become_orphaned_pgrp` skips via `is_global_init(p->real_parent)`:
/// the scenario's init is PID 1 of a child namespace only. So when `a`
/// exits, `c`'s group is not orphaned here and `c` stays stopped (on a real
/// host, with a real PID 1, it would get SIGHUP + SIGCONT and die of SIGHUP).
#[test]
#[ignore = "needs root"]
fn orphaned_groups_as_the_runner_sees_them() {
    let _lock = one_at_a_time();
    let r = run(r#"{"format": "sigscene/1", "namespaces": [{"id": "h"}],
        "processes": [{"id": "init", "ns": "h"},
                      {"id": "same", "ns": "h", "parent": "init"},
                      {"id": "lead", "ns": "h", "parent": "init", "group": "session"},
                      {"id": "a", "ns": "h", "parent": "init", "group": "new"},
                      {"id": "c", "ns": "h", "parent": "a"}],
        "actions": [{"from": "init", "kill": {"pid_of": "same"}, "sig": "SIGTSTP"},
                    {"from": "init", "kill": {"pid_of": "lead"}, "sig": "SIGTTIN"},
                    {"from": "init", "kill": {"pid_of": "c"}, "sig": "SIGTSTP"},
                    {"exit": "a"}]}"#);
    let before = r#""init": {"state": "running"}, "same": {"state": "running"}, "lead": {"state": "running"}"#;
    assert_outcome(
        &r.outcome,
        &format!(
            r#"{{"format": "sigscene-outcome/1", "steps": [
            {{"ret": 0, "processes": {{{before}, "a": {{"state": "running"}}, "c": {{"state": "running"}}}}}},
            {{"ret": 0, "processes": {{{before}, "a": {{"state": "running"}}, "c": {{"state": "running"}}}}}},
            {{"ret": 0, "processes": {{{before}, "a": {{"state": "running"}}, "c": {{"state": "stopped"}}}}}},
            {{"ret": 0, "processes": {{{before}, "a": {{"state": "dead"}}, "c": {{"state": "stopped"}}}}}}]}}"#
        ),
    );
}

#[test]
#[ignore = "needs root"]
fn what_the_real_kernel_cannot_play_is_rejected_with_its_path() {
    let _lock = one_at_a_time();
    let msg = rejected(&container(r#"[{"kernel": "SIGKILL", "to": "app"}]"#));
    assert!(msg.starts_with("actions[0].kernel: "), "{msg}");
    let msg = rejected(&container(r#"[{"exit": "init"}]"#));
    assert!(msg.starts_with("actions[0].exit: "), "{msg}");
    let msg = rejected(&container(
        r#"[{"exit": "app"}, {"from": "app", "kill": 1, "sig": 0}]"#,
    ));
    assert!(
        msg.starts_with("actions[1].from: ") && msg.contains("dead"),
        "{msg}"
    );
    let msg = rejected(&container(
        r#"[{"from": "init", "kill": {"pid_of": "shim"}, "sig": "SIGSTOP"},
            {"spawn": {"id": "x", "ns": "host", "parent": "shim"}}]"#,
    ));
    assert!(
        msg.starts_with("actions[1].spawn.parent: ") && msg.contains("stopped"),
        "{msg}"
    );
    let msg = rejected(&container(
        r#"[{"from": "late", "kill": 1, "sig": 0}, {"spawn": {"id": "late", "ns": "c", "parent": "app"}}]"#,
    ));
    assert!(msg.starts_with("actions[0].from: "), "{msg}");
    // 32 levels below the scenario's root: the runner's root is already one
    // level below the host's.
    let mut ns = vec![r#"{"id": "n0"}"#.to_string()];
    let mut procs = vec![r#"{"id": "p0", "ns": "n0"}"#.to_string()];
    for i in 1..=32 {
        ns.push(format!(r#"{{"id": "n{i}", "parent": "n{}"}}"#, i - 1));
        procs.push(format!(
            r#"{{"id": "p{i}", "ns": "n{i}", "parent": "p{}"}}"#,
            i - 1
        ));
    }
    let deep = format!(
        r#"{{"format": "sigscene/1", "namespaces": [{}], "processes": [{}]}}"#,
        ns.join(","),
        procs.join(",")
    );
    let msg = rejected(&deep);
    assert!(msg.starts_with("namespaces[32]: "), "{msg}");
}

/// 31 nested namespaces work, with the PIDs the format predicts.
#[test]
#[ignore = "needs root"]
fn thirty_one_nested_namespaces_are_fine() {
    let _lock = one_at_a_time();
    let mut ns = vec![r#"{"id": "n0"}"#.to_string()];
    let mut procs = vec![r#"{"id": "p0", "ns": "n0"}"#.to_string()];
    for i in 1..=31 {
        ns.push(format!(r#"{{"id": "n{i}", "parent": "n{}"}}"#, i - 1));
        procs.push(format!(
            r#"{{"id": "p{i}", "ns": "n{i}", "parent": "p{}"}}"#,
            i - 1
        ));
    }
    let json = format!(
        r#"{{"format": "sigscene/1", "namespaces": [{}], "processes": [{}],
            "actions": [{{"from": "p0", "kill": {{"pid_of": "p1"}}, "sig": "SIGKILL"}}]}}"#,
        ns.join(","),
        procs.join(",")
    );
    let r = run(&json);
    let step = &r.outcome.steps[0];
    assert_eq!(
        step.processes.get("p0").unwrap().state,
        sigsim::outcome::State::Running
    );
    for i in 1..=31 {
        let p = step.processes.get(&format!("p{i}")).unwrap();
        assert_eq!(p.state, sigsim::outcome::State::Dead, "p{i}");
        assert_eq!(p.signal, Some(sigsim::Signal::KILL), "p{i}");
    }
    assert_eq!(r.pids[31].1, (1..=32).rev().collect::<Vec<i32>>());
}

/// Runners in parallel threads each get their own world and the same answer.
#[test]
#[ignore = "needs root"]
fn parallel_runs_do_not_interfere() {
    let _lock = one_at_a_time();
    let json = container(
        r#"[{"from": "shim", "kill": {"pid_of": "cinit"}, "sig": "SIGUSR1"},
            {"from": "app", "kill": 1, "sig": "SIGUSR1"},
            {"from": "shim", "kill": {"pid_of": "cinit"}, "sig": "SIGKILL"}]"#,
    );
    let p = plan(&json);
    let first = run_real(&p, &RealOptions::default()).expect("runs").outcome;
    let results: Vec<Result<RealRun, RealError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| run_real(&p, &RealOptions::default())))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert_eq!(children_of_self(), Vec::<String>::new());
    for r in results {
        let o = r.expect("runs").outcome;
        assert!(o.same_as(&first), "{:?}", o.first_difference(&first));
    }
}

/// A run that fails midway (here: the world gets no time to settle once
/// every process exists) still takes every process it made down.
#[test]
#[ignore = "needs root"]
fn a_failing_run_cleans_up() {
    let _lock = one_at_a_time();
    let opts = RealOptions {
        quiet: std::time::Duration::from_secs(10),
        settle_cap: std::time::Duration::ZERO,
        ..RealOptions::default()
    };
    let r = run_real(
        &plan(&container(r#"[{"from": "app", "kill": 1, "sig": 0}]"#)),
        &opts,
    );
    assert!(
        matches!(r, Err(RealError::Failed(ref m)) if m.contains("did not settle")),
        "{r:?}"
    );
    assert_eq!(children_of_self(), Vec::<String>::new());
}
