//! One test per `kernel/exit.c` and `kernel/pid_namespace.c` rule the port
//! implements (6.18): re-parenting, SIGCHLD to the parent, autoreap, the
//! namespace zap when an init dies, and job control at exit. Section
//! numbers (§) are those of `shared/kernel/kernel-signal-rules.md`.

mod common;
use common::*;

// ---------------------------------------------------------------------------
// zap_pid_ns_processes (§9.4)
// ---------------------------------------------------------------------------

/// kernel/pid_namespace.c `zap_pid_ns_processes`: when a container init is
/// killed, every other process of its namespace gets SIGKILL (handlers,
/// SIG_IGN and blocked masks do not matter), and the init's parent hears
/// CLD_KILLED once the namespace is empty.
#[test]
fn zap_pid_ns_processes_kills_every_process_of_the_namespace() {
    let (o, t) = run_traced(container_with(
        json!({}),
        json!({"signals": {"SIGTERM": "catch", "SIGHUP": "ignore"}, "blocked": ["SIGUSR1"]}),
        vec![
            json!({"id": "helper", "ns": "ctr", "parent": "worker", "signals": {"SIGINT": "ignore"}}),
        ],
        json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}]),
    ));
    for p in ["app", "worker", "helper"] {
        assert_eq!(killed_by(&o, 0, p).as_deref(), Some("SIGKILL"), "{p}");
    }
    assert_eq!(state(&o, 0, "shim"), Running);
    assert_eq!(
        values(&t[0], "zap_pid_ns_processes", "tasks")
            .first()
            .map(String::as_str),
        Some("2")
    );
}

/// kernel/pid_namespace.c `zap_pid_ns_processes`: processes of nested
/// namespaces have numbers in the dying namespace and are killed too, a
/// nested init included (the kill is SEND_SIG_PRIV, forced) — LTP pidns05.
#[test]
fn zap_pid_ns_processes_kills_nested_namespaces() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [
            {"id": "host"},
            {"id": "ctr", "parent": "host"},
            {"id": "inner", "parent": "ctr"},
            {"id": "innermost", "parent": "inner"},
        ],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shim", "ns": "host", "parent": "systemd"},
            {"id": "app", "ns": "ctr", "parent": "shim"},
            {"id": "inner-init", "ns": "inner", "parent": "app"},
            {"id": "inner-child", "ns": "inner", "parent": "inner-init", "signals": {"SIGTERM": "catch"}},
            {"id": "deep-init", "ns": "innermost", "parent": "inner-child"},
        ],
        "actions": [{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}],
    }));
    for p in ["app", "inner-init", "inner-child", "deep-init"] {
        assert_eq!(killed_by(&o, 0, p).as_deref(), Some("SIGKILL"), "{p}");
    }
    assert_eq!(state(&o, 0, "shim"), Running);
}

/// kernel/pid_namespace.c `zap_pid_ns_processes`: a nested init dying
/// zaps only its own namespace; the outer container is untouched.
#[test]
fn zap_pid_ns_processes_leaves_ancestor_namespaces_alone() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "inner", "parent": "ctr"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "app", "ns": "ctr", "parent": "systemd"},
            {"id": "worker", "ns": "ctr", "parent": "app"},
            {"id": "inner-init", "ns": "inner", "parent": "worker"},
            {"id": "inner-child", "ns": "inner", "parent": "inner-init"},
        ],
        "actions": [{"from": "app", "kill": {"pid_of": "inner-init"}, "sig": "SIGKILL"}],
    }));
    assert_eq!(killed_by(&o, 0, "inner-child").as_deref(), Some("SIGKILL"));
    assert_eq!(state(&o, 0, "app"), Running);
    assert_eq!(state(&o, 0, "worker"), Running);
}

/// kernel/pid_namespace.c `zap_pid_ns_processes` after a plain exit of the
/// init: the rest of the namespace is killed; the init itself died of no
/// signal, and its parent hears CLD_EXITED naming it by its host PID.
#[test]
fn zap_pid_ns_processes_follows_init_exit() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "sigaction": {"SIGCHLD": "catch"}},
            {"exit": "app", "code": 3},
        ]),
    ));
    assert_eq!(state(&o, 1, "app"), Dead);
    assert_eq!(killed_by(&o, 1, "app"), None);
    assert_eq!(killed_by(&o, 1, "worker").as_deref(), Some("SIGKILL"));
    assert_handled(&o, 1, &["shim SIGCHLD 3 CLD_EXITED"]);
}

/// kernel/pid_namespace.c `zap_pid_ns_processes`: a process that joined
/// with setns + fork (docker exec) is killed too; but its parent lives
/// outside and never waits, so it stays a zombie with a PID in the
/// namespace, and the init waits in the zap forever: it is dead, but its
/// parent never hears of it (§9.4 step 5).
#[test]
fn zap_pid_ns_processes_waits_for_setns_zombies() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shim", "ns": "host", "parent": "systemd", "signals": {"SIGCHLD": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "shim"},
            {"id": "exec", "ns": "ctr", "parent": "shim"},
        ],
        "actions": [{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}],
    }));
    assert_eq!(killed_by(&o, 0, "app").as_deref(), Some("SIGKILL"));
    assert_eq!(killed_by(&o, 0, "exec").as_deref(), Some("SIGKILL"));
    assert_handled(&o, 0, &["shim SIGCHLD 4 CLD_KILLED"]);
}

/// kernel/pid_namespace.c `zap_pid_ns_processes`: with the setns'd
/// process's parent ignoring SIGCHLD it is autoreaped, the namespace
/// empties and the init finishes exiting: its parent (here another host
/// process catching SIGCHLD) hears CLD_KILLED.
#[test]
fn zap_pid_ns_processes_finishes_when_namespace_empties() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shim", "ns": "host", "parent": "systemd", "signals": {"SIGCHLD": "catch"}},
            {"id": "dockerd", "ns": "host", "parent": "systemd", "signals": {"SIGCHLD": "ignore"}},
            {"id": "app", "ns": "ctr", "parent": "shim"},
            {"id": "exec", "ns": "ctr", "parent": "dockerd"},
        ],
        "actions": [{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}],
    }));
    assert_eq!(killed_by(&o, 0, "exec").as_deref(), Some("SIGKILL"));
    assert_handled(&o, 0, &["shim SIGCHLD 4 CLD_KILLED"]);
}

/// kernel/pid_namespace.c `zap_pid_ns_processes` (step 2): the dying init's
/// SIGCHLD becomes SIG_IGN, so the children it inherits are reaped: after
/// the zap nothing of the namespace answers a probe from the host except
/// the init itself, a zombie (its parent never waits).
#[test]
fn zap_pid_ns_processes_reaps_the_namespace() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"},
            {"from": "shim", "kill": {"pid_of": "worker"}, "sig": 0},
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": 0},
        ]),
    ));
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(ret(&o, 2), "0");
}

// ---------------------------------------------------------------------------
// do_notify_parent (§9.5)
// ---------------------------------------------------------------------------

/// kernel/signal.c `do_notify_parent`: CLD_EXITED, with the child's PID as
/// the parent's namespace sees it (host PID for the host parent, container
/// PID for a parent inside).
#[test]
fn do_notify_parent_cld_exited_names_child_in_parents_ns() {
    let o = run(container_with(
        json!({}),
        json!({"signals": {"SIGCHLD": "catch"}}),
        vec![json!({"id": "leaf", "ns": "ctr", "parent": "worker"})],
        json!([
            {"exit": "leaf"},
            {"from": "shim", "sigaction": {"SIGCHLD": "catch"}},
            {"exit": "app"},
        ]),
    ));
    assert_handled(&o, 0, &["worker SIGCHLD 3 CLD_EXITED"]);
    assert_handled(&o, 2, &["shim SIGCHLD 3 CLD_EXITED"]);
}

/// kernel/signal.c `do_notify_parent`: a child killed by a signal is
/// reported as CLD_KILLED.
#[test]
fn do_notify_parent_cld_killed() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"from": "shell", "sigaction": {"SIGCHLD": "catch"}},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTERM"},
        ]),
    ));
    assert_eq!(killed_by(&o, 1, "job").as_deref(), Some("SIGTERM"));
    assert_handled(&o, 1, &["shell SIGCHLD 3 CLD_KILLED"]);
}

/// kernel/signal.c `do_notify_parent`: with core dumps off (RLIMIT_CORE 0)
/// a coredump signal is reported as CLD_KILLED, never CLD_DUMPED.
#[test]
fn do_notify_parent_coredump_signal_is_cld_killed_without_core() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"from": "shell", "sigaction": {"SIGCHLD": "catch"}},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSEGV"},
        ]),
    ));
    assert_eq!(killed_by(&o, 1, "job").as_deref(), Some("SIGSEGV"));
    assert_handled(&o, 1, &["shell SIGCHLD 3 CLD_KILLED"]);
}

/// kernel/signal.c `do_notify_parent`: a parent whose SIGCHLD is SIG_IGN
/// gets no signal and the child is reaped at once (autoreap): its PID is
/// gone (ESRCH), where a SIG_DFL parent leaves a zombie that answers 0.
#[test]
fn do_notify_parent_autoreaps_when_sigchld_ignored() {
    let (o, t) = run_traced(shell_job_with(
        json!({"signals": {"SIGCHLD": "ignore"}}),
        vec![
            json!({"id": "reaped", "ns": "host", "parent": "job"}),
            json!({"id": "zombie", "ns": "host", "parent": "shell"}),
        ],
        json!([
            {"exit": "reaped"},
            {"exit": "zombie"},
            {"from": "shell", "kill": {"pid_of": "reaped"}, "sig": 0},
            {"from": "shell", "kill": {"pid_of": "zombie"}, "sig": 0},
        ]),
    ));
    assert_handled(&o, 0, &[]);
    assert_eq!(values(&t[0], "do_notify_parent", "autoreap"), ["true"]);
    assert_eq!(state(&o, 0, "reaped"), Dead);
    assert_eq!(ret(&o, 2), "ESRCH");
    assert_eq!(ret(&o, 3), "0");
}

/// kernel/signal.c `do_notify_parent`: SIGCHLD at SIG_DFL is sent but
/// ignored by default: no handler runs, the child stays a zombie.
#[test]
fn do_notify_parent_sig_dfl_sigchld_is_dropped_and_leaves_a_zombie() {
    let (o, t) = run_traced(shell_job(
        json!({}),
        json!([{"exit": "job"}, {"from": "shell", "kill": {"pid_of": "job"}, "sig": 0}]),
    ));
    assert_handled(&o, 0, &[]);
    assert_eq!(
        verdicts_on(&t[0], "sig_handler_ignored", "shell"),
        ["dropped"]
    );
    assert_eq!(ret(&o, 1), "0");
}

/// kernel/signal.c `do_notify_parent_cldstop`: a parent catching SIGCHLD
/// hears CLD_STOPPED when its child stops and CLD_CONTINUED when it is
/// continued, naming the child by its PID in the parent's namespace (here
/// a container init seen from the host).
#[test]
fn do_notify_parent_cldstop_reports_stopped_and_continued() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "sigaction": {"SIGCHLD": "catch"}},
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGSTOP"},
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(state(&o, 1, "app"), Stopped);
    assert_handled(&o, 1, &["shim SIGCHLD 3 CLD_STOPPED"]);
    assert_eq!(state(&o, 2, "app"), Running);
    assert_handled(&o, 2, &["shim SIGCHLD 3 CLD_CONTINUED"]);
}

/// kernel/signal.c `do_notify_parent_cldstop`: nothing is sent to a parent
/// that ignores SIGCHLD.
#[test]
fn do_notify_parent_cldstop_silent_when_parent_ignores_sigchld() {
    let (o, t) = run_traced(shell_job(
        json!({}),
        json!([
            {"from": "shell", "sigaction": {"SIGCHLD": "ignore"}},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
        ]),
    ));
    assert_eq!(state(&o, 1, "job"), Stopped);
    assert_handled(&o, 1, &[]);
    assert!(
        verdicts_on(&t[1], "__send_signal_locked", "shell").is_empty(),
        "no SIGCHLD is generated"
    );
    assert!(pending(&o, 1, "shell").is_empty());
}

// ---------------------------------------------------------------------------
// forget_original_parent / reparent_leader (§9.5)
// ---------------------------------------------------------------------------

/// kernel/exit.c `forget_original_parent` → `find_new_reaper`: orphans in
/// a container go to the container's init, which then hears their deaths.
#[test]
fn forget_original_parent_reparents_to_ns_init() {
    let o = run(container_with(
        json!({"signals": {"SIGCHLD": "catch"}}),
        json!({}),
        vec![json!({"id": "leaf", "ns": "ctr", "parent": "worker"})],
        json!([{"exit": "worker"}, {"exit": "leaf"}]),
    ));
    assert_handled(&o, 0, &["app SIGCHLD 2 CLD_EXITED"]);
    assert_handled(&o, 1, &["app SIGCHLD 3 CLD_EXITED"]);
}

/// kernel/exit.c `find_child_reaper`: the reaper comes from the *father's*
/// namespace, so a setns'd process (docker exec) whose host parent dies is
/// re-parented to the host's init, not to the container's.
#[test]
fn find_child_reaper_uses_the_fathers_namespace() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host", "signals": {"SIGCHLD": "catch"}},
            {"id": "dockerd", "ns": "host", "parent": "systemd"},
            {"id": "app", "ns": "ctr", "parent": "dockerd", "signals": {"SIGCHLD": "catch"}},
            {"id": "exec", "ns": "ctr", "parent": "dockerd"},
        ],
        "actions": [{"exit": "dockerd"}, {"exit": "exec"}],
    }));
    assert_handled(&o, 0, &["systemd SIGCHLD 2 CLD_EXITED"]);
    assert_handled(&o, 1, &["systemd SIGCHLD 4 CLD_EXITED"]);
}

/// kernel/exit.c `reparent_leader`: a zombie child is announced again to
/// its new parent, which autoreaps it if it ignores SIGCHLD.
#[test]
fn reparent_leader_autoreaps_zombie_when_new_parent_ignores_sigchld() {
    let o = run(container_with(
        json!({"signals": {"SIGCHLD": "ignore"}}),
        json!({}),
        vec![json!({"id": "leaf", "ns": "ctr", "parent": "worker"})],
        json!([
            {"exit": "leaf"},
            {"from": "app", "kill": {"pid_of": "leaf"}, "sig": 0},
            {"exit": "worker"},
            {"from": "app", "kill": {"pid_of": "leaf"}, "sig": 0},
        ]),
    ));
    assert_eq!(ret(&o, 1), "0", "a zombie while worker lives");
    assert_eq!(ret(&o, 3), "ESRCH", "reaped once re-parented to app");
}

/// kernel/exit.c `do_exit` ("Attempted to kill init!"): the global init
/// cannot exit; the simulator reports a scenario error at that action.
#[test]
fn do_exit_of_global_init_is_a_scenario_error() {
    let e = error(shell_job(json!({}), json!([{"exit": "systemd"}])));
    assert_eq!(e.path, "actions[0].exit");
    assert!(e.message.contains("panic"), "{}", e.message);
}

// ---------------------------------------------------------------------------
// kill_orphaned_pgrp (§9.5, POSIX 3.2.2.2)
// ---------------------------------------------------------------------------

fn orphaning_world(job: serde_json::Value, stop: bool) -> serde_json::Value {
    let mut actions = vec![];
    if stop {
        actions.push(json!({"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"}));
    }
    actions.push(json!({"exit": "shell"}));
    shell_job(job, json!(actions))
}

/// kernel/exit.c `kill_orphaned_pgrp` (via `reparent_leader`): the shell
/// exits, its job's group loses its last link in the session and has a
/// stopped member: the kernel sends the group SIGHUP, then SIGCONT
/// (SEND_SIG_PRIV: si_code SI_KERNEL, si_pid 0); the job resumes.
#[test]
fn kill_orphaned_pgrp_sends_sighup_then_sigcont() {
    let (o, t) = run_traced(orphaning_world(
        json!({"signals": {"SIGHUP": "catch", "SIGCONT": "catch"}}),
        true,
    ));
    assert_eq!(state(&o, 0, "job"), Stopped);
    let exit = &t[1];
    assert!(reached(exit, "kill_orphaned_pgrp"));
    assert_eq!(
        values(exit, "group_send_sig_info", "sig"),
        ["SIGHUP", "SIGCONT"]
    );
    assert_handled(
        &o,
        1,
        &["job SIGCONT 0 SI_KERNEL", "job SIGHUP 0 SI_KERNEL"],
    );
    assert_eq!(state(&o, 1, "job"), Running);
}

/// kernel/exit.c `kill_orphaned_pgrp`: a job with SIGHUP at SIG_DFL dies of
/// the SIGHUP once SIGCONT wakes it.
#[test]
fn kill_orphaned_pgrp_sighup_kills_a_default_job() {
    let o = run(orphaning_world(json!({}), true));
    assert_eq!(killed_by(&o, 1, "job").as_deref(), Some("SIGHUP"));
}

/// kernel/exit.c `kill_orphaned_pgrp` (`has_stopped_jobs`): an orphaned
/// group with no stopped member gets nothing.
#[test]
fn kill_orphaned_pgrp_needs_a_stopped_member() {
    let (o, t) = run_traced(orphaning_world(json!({}), false));
    assert_eq!(state(&o, 0, "job"), Running);
    assert!(!reached(&t[0], "group_send_sig_info"));
}

/// kernel/exit.c `kill_orphaned_pgrp` (exit case): the exiting process's
/// own group, orphaned by its exit with a stopped member, gets SIGHUP and
/// SIGCONT too.
#[test]
fn kill_orphaned_pgrp_on_exit_of_the_groups_last_link() {
    // job leads a group with a stopped child; job's parent (shell) is in the
    // same session: job is the group's only link. job exits.
    let o = run(shell_job_with(
        json!({}),
        vec![json!({"id": "sub", "ns": "host", "parent": "job", "signals": {"SIGHUP": "catch"}})],
        json!([
            {"from": "shell", "kill": {"pid_of": "sub"}, "sig": "SIGSTOP"},
            {"exit": "job"},
        ]),
    ));
    assert_eq!(state(&o, 0, "sub"), Stopped);
    assert_handled(&o, 1, &["sub SIGHUP 0 SI_KERNEL"]);
    assert_eq!(state(&o, 1, "sub"), Running);
}

/// kernel/signal.c `do_sigaction` / kernel/exit.c: setting SIGCHLD to
/// SIG_IGN does not reap zombies that already exist (only `do_notify_parent`
/// autoreaps, at each later death).
#[test]
fn sigchld_ignore_autoreaps_later_children_only() {
    let o = run(shell_job_with(
        json!({}),
        vec![json!({"id": "second", "ns": "host", "parent": "shell", "group": "new"})],
        json!([
            {"exit": "job"},
            {"from": "shell", "sigaction": {"SIGCHLD": "ignore"}},
            {"exit": "second"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": 0},
            {"from": "shell", "kill": {"pid_of": "second"}, "sig": 0},
        ]),
    ));
    assert_eq!(ret(&o, 3), "0", "the earlier zombie stays");
    assert_eq!(ret(&o, 4), "ESRCH", "the later child was autoreaped");
}

/// kernel/exit.c `kill_orphaned_pgrp` sends SEND_SIG_PRIV (forced), but
/// force only helps SIGKILL/SIGSTOP: a stopped container init in the newly
/// orphaned group is continued by the SIGCONT, while its SIG_DFL SIGHUP is
/// dropped (`sig_task_ignored`); the ordinary member dies of SIGHUP.
#[test]
fn kill_orphaned_pgrp_continues_but_cannot_hang_up_a_container_init() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shell", "ns": "host", "parent": "systemd", "group": "session"},
            {"id": "job", "ns": "host", "parent": "shell", "group": "new"},
            {"id": "app", "ns": "ctr", "parent": "job"},
        ],
        "actions": [
            {"from": "shell", "kill": {"pid_of": "app"}, "sig": "SIGSTOP"},
            {"exit": "shell"},
        ],
    }));
    assert_eq!(state(&o, 0, "app"), Stopped);
    assert_eq!(killed_by(&o, 1, "job").as_deref(), Some("SIGHUP"));
    assert_eq!(state(&o, 1, "app"), Running);
    assert!(pending(&o, 1, "app").is_empty());
}
