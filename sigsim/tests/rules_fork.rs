//! One test per `kernel/fork.c` / `kernel/pid.c` rule the port implements
//! (6.18): PID numbers per namespace level, no reuse, ENOMEM into a
//! namespace whose init died, EPERM for an unprivileged parent, and what a
//! new process starts with. Section numbers (§) are those of
//! `shared/kernel/kernel-signal-rules.md`.

mod common;
use common::*;

/// kernel/pid.c `alloc_pid`: a process gets a number at every level from
/// its namespace up to the root (NSpid), each the next of that namespace;
/// `find_vpid` resolves a number in the caller's namespace only.
#[test]
fn alloc_pid_gives_one_number_per_level() {
    // NSpid: systemd 1, shim 2, app 3/1, worker 4/2, inner-init 5/3/1, leaf 6/4/2.
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "inner", "parent": "ctr"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shim", "ns": "host", "parent": "systemd"},
            {"id": "app", "ns": "ctr", "parent": "shim"},
            {"id": "worker", "ns": "ctr", "parent": "app"},
            {"id": "inner-init", "ns": "inner", "parent": "worker"},
            {"id": "leaf", "ns": "inner", "parent": "inner-init", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": [
            {"from": "shim", "kill": 6, "sig": "SIGUSR1"},
            {"from": "app", "kill": 4, "sig": "SIGUSR1"},
            {"from": "inner-init", "kill": 2, "sig": "SIGUSR1"},
            {"from": "leaf", "kill": 2, "sig": "SIGUSR1"},
        ],
    }));
    assert_handled(&o, 0, &["leaf SIGUSR1 0 SI_USER"]);
    assert_handled(&o, 1, &["leaf SIGUSR1 0 SI_USER"]);
    assert_handled(&o, 2, &["leaf SIGUSR1 1 SI_USER"]);
    assert_handled(&o, 3, &["leaf SIGUSR1 2 SI_USER"]);
}

/// kernel/pid.c `alloc_pid` for setns + fork (docker exec): the child gets
/// the next number of the container and of the host.
#[test]
fn alloc_pid_setns_child_takes_next_number_at_each_level() {
    // exec: host 5, ctr 3.
    let o = run(container_with(
        json!({}),
        json!({}),
        vec![json!({"id": "exec", "ns": "ctr", "parent": "shim", "signals": {"SIGUSR1": "catch"}})],
        json!([
            {"from": "app", "kill": 3, "sig": "SIGUSR1"},
            {"from": "shim", "kill": 5, "sig": "SIGUSR1"},
        ]),
    ));
    assert_handled(&o, 0, &["exec SIGUSR1 1 SI_USER"]);
    assert_handled(&o, 1, &["exec SIGUSR1 0 SI_USER"]);
}

/// kernel/pid.c `alloc_pid` (PIDNS_ADDING) and kernel/fork.c
/// `copy_process`: a fork into a namespace whose init died fails with
/// ENOMEM and creates nothing; the numbers it reserved (one per level) stay
/// used, so the next host PID skips one.
#[test]
fn alloc_pid_enomem_uses_up_numbers() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"},
            {"spawn": {"id": "late-exec", "ns": "ctr", "parent": "shim"}},
            {"spawn": {"id": "late", "ns": "host", "parent": "shim", "signals": {"SIGUSR1": "catch"}}},
            {"from": "shim", "kill": 5, "sig": 0},
            {"from": "shim", "kill": 6, "sig": "SIGUSR1"},
        ]),
    ));
    assert_eq!(ret(&o, 1), "ENOMEM");
    assert!(!listed(&o, 1, "late-exec"));
    assert_eq!(verdicts(&t[1], "alloc_pid"), ["ENOMEM"]);
    assert_eq!(ret(&o, 2), "0");
    assert_eq!(ret(&o, 3), "ESRCH", "host PID 5 went to the failed attempt");
    assert_handled(&o, 4, &["late SIGUSR1 2 SI_USER"]);
    assert!(!listed(&o, 4, "late-exec"));
}

/// kernel/pid.c `alloc_pid`: PIDs are not reused (cyclic allocation; no
/// wrap in a scenario): after a process is reaped, the next one gets a new
/// number and the old one names nothing.
#[test]
fn alloc_pid_never_reuses_pids() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host", "signals": {"SIGCHLD": "ignore"}},
            {"id": "first", "ns": "host", "parent": "systemd"},
        ],
        "actions": [
            {"exit": "first"},
            {"spawn": {"id": "second", "ns": "host", "parent": "systemd", "signals": {"SIGUSR1": "catch"}}},
            {"from": "systemd", "kill": 2, "sig": 0},
            {"from": "systemd", "kill": 3, "sig": "SIGUSR1"},
        ],
    }));
    assert_eq!(ret(&o, 1), "0");
    assert_eq!(ret(&o, 2), "ESRCH");
    assert_handled(&o, 3, &["second SIGUSR1 1 SI_USER"]);
}

/// kernel/fork.c `copy_process` / `create_pid_namespace`: an unprivileged
/// parent cannot create a PID namespace: EPERM, nothing created, and no
/// number used up (the next child gets PID 3).
#[test]
fn copy_process_eperm_unprivileged_new_namespace() {
    let (o, t) = run_traced(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "user", "ns": "host", "parent": "systemd", "uid": 1000},
        ],
        "actions": [
            {"spawn": {"id": "app", "ns": "ctr", "parent": "user", "uid": 1000}},
            {"spawn": {"id": "kid", "ns": "host", "parent": "user", "uid": 1000, "signals": {"SIGUSR1": "catch"}}},
            {"from": "systemd", "kill": 3, "sig": "SIGUSR1"},
        ],
    }));
    assert_eq!(ret(&o, 0), "EPERM");
    assert!(!listed(&o, 0, "app"));
    assert_eq!(verdicts(&t[0], "copy_process"), ["EPERM"]);
    assert!(!reached(&t[0], "alloc_pid"));
    assert_eq!(ret(&o, 1), "0");
    assert_handled(&o, 2, &["kid SIGUSR1 1 SI_USER"]);
}

/// kernel/pid_namespace.c `pidns_install` (setns): joining a PID namespace
/// needs CAP_SYS_ADMIN: EPERM for an unprivileged parent.
#[test]
fn copy_process_eperm_unprivileged_setns() {
    let o = run(container_with(
        json!({}),
        json!({}),
        vec![json!({"id": "user", "ns": "host", "parent": "shim", "uid": 1000})],
        json!([{"spawn": {"id": "exec", "ns": "ctr", "parent": "user", "uid": 1000}}]),
    ));
    assert_eq!(ret(&o, 0), "EPERM");
    assert!(!listed(&o, 0, "exec"));
}

/// kernel/sys.c `setresuid` (CAP_SETUID): an unprivileged parent cannot give
/// its child another uid — including uid 0, the default of a spawn without
/// `uid` — but may fork a child with its own uid.
#[test]
fn copy_process_eperm_for_another_uid() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "user", "ns": "host", "parent": "systemd", "uid": 1000},
        ],
        "actions": [
            {"spawn": {"id": "other", "ns": "host", "parent": "user", "uid": 2000}},
            {"spawn": {"id": "rootkid", "ns": "host", "parent": "user"}},
            {"spawn": {"id": "same", "ns": "host", "parent": "user", "uid": 1000}},
        ],
    }));
    assert_eq!(ret(&o, 0), "EPERM");
    assert_eq!(ret(&o, 1), "EPERM");
    assert_eq!(ret(&o, 2), "0");
    assert!(listed(&o, 2, "same"));
    assert!(!listed(&o, 2, "other") && !listed(&o, 2, "rootkid"));
}

/// kernel/fork.c `copy_process`: a root parent may give a child any uid;
/// the child then has that uid's permissions.
#[test]
fn copy_process_root_parent_may_set_any_uid() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"spawn": {"id": "kid", "ns": "host", "parent": "job", "uid": 1000}},
            {"from": "kid", "kill": {"pid_of": "job"}, "sig": "SIGTERM"},
        ]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(ret(&o, 1), "EPERM");
}

/// kernel/fork.c `copy_process` (`is_child_reaper`): the first process of a
/// namespace, spawned at run time, is PID 1 there, its child reaper and
/// SIGNAL_UNKILLABLE: its own SIGKILL is dropped, the host's kills it.
#[test]
fn copy_process_first_process_of_namespace_is_unkillable_init() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shim", "ns": "host", "parent": "systemd"},
        ],
        "actions": [
            {"spawn": {"id": "app", "ns": "ctr", "parent": "shim", "signals": {"SIGUSR1": "catch"}}},
            {"from": "app", "kill": 1, "sig": "SIGUSR1"},
            {"from": "app", "kill": 1, "sig": "SIGKILL"},
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"},
        ],
    }));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 1, &["app SIGUSR1 1 SI_USER"]);
    assert_eq!(state(&o, 2, "app"), Running);
    assert_eq!(killed_by(&o, 3, "app").as_deref(), Some("SIGKILL"));
}

/// kernel/fork.c `copy_process`: a process that joins a namespace with
/// setns is an ordinary member (no SIGNAL_UNKILLABLE): killable from
/// inside; and it cannot bring down the init either.
#[test]
fn copy_process_setns_child_is_an_ordinary_member() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"spawn": {"id": "exec", "ns": "ctr", "parent": "shim"}},
            {"from": "exec", "kill": 1, "sig": "SIGKILL"},
            {"from": "exec", "kill": {"pid_of": "shim"}, "sig": 0},
            {"from": "app", "kill": {"pid_of": "exec"}, "sig": "SIGKILL"},
        ]),
    ));
    assert_eq!(state(&o, 1, "app"), Running);
    assert_eq!(ret(&o, 2), "ESRCH", "its parent is invisible from inside");
    assert_eq!(killed_by(&o, 3, "exec").as_deref(), Some("SIGKILL"));
}

/// kernel/fork.c `copy_process`: a spawned process is created with the
/// scenario's dispositions and mask only — nothing is inherited (format
/// convention), so a child of a parent that ignores and blocks SIGUSR1
/// still dies of it.
#[test]
fn copy_process_spawned_child_starts_with_default_dispositions() {
    let o = run(shell_job(
        json!({"signals": {"SIGUSR1": "ignore"}, "blocked": ["SIGUSR1"]}),
        json!([
            {"spawn": {"id": "kid", "ns": "host", "parent": "job"}},
            {"from": "shell", "kill": {"pid_of": "kid"}, "sig": "SIGUSR1"},
        ]),
    ));
    assert_eq!(killed_by(&o, 1, "kid").as_deref(), Some("SIGUSR1"));
    assert_eq!(state(&o, 1, "job"), Running);
}

/// kernel/fork.c `copy_process` (pgrp/session inherited), kernel/sys.c
/// `setpgid` / `setsid`: a child stays in its parent's group unless it
/// leads a new one; kill(-pgid) reaches exactly the members.
#[test]
fn copy_process_child_inherits_group_unless_it_leads_one() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"spawn": {"id": "member", "ns": "host", "parent": "job", "signals": {"SIGUSR1": "catch"}}},
            {"spawn": {"id": "leader", "ns": "host", "parent": "job", "group": "new", "signals": {"SIGUSR1": "catch"}}},
            {"spawn": {"id": "sessleader", "ns": "host", "parent": "job", "group": "session", "signals": {"SIGUSR1": "catch"}}},
            {"from": "shell", "kill": {"group_of": "member"}, "sig": "SIGUSR1"},
        ]),
    ));
    assert_eq!(killed_by(&o, 3, "job").as_deref(), Some("SIGUSR1"));
    assert_handled(&o, 3, &["member SIGUSR1 2 SI_USER"]);
}

/// kernel/pid.c `alloc_pid` for a nested namespace created at run time: its
/// init is 1 there and has the next number in each ancestor.
#[test]
fn alloc_pid_spawned_nested_init_numbers() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "inner", "parent": "ctr"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "app", "ns": "ctr", "parent": "systemd"},
        ],
        "actions": [
            {"spawn": {"id": "inner-init", "ns": "inner", "parent": "app", "signals": {"SIGUSR1": "catch"}}},
            {"from": "app", "kill": 2, "sig": "SIGUSR1"},
            {"from": "systemd", "kill": 3, "sig": "SIGUSR1"},
            {"from": "inner-init", "kill": 1, "sig": "SIGUSR1"},
        ],
    }));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 1, &["inner-init SIGUSR1 0 SI_USER"]);
    assert_handled(&o, 2, &["inner-init SIGUSR1 0 SI_USER"]);
    assert_handled(&o, 3, &["inner-init SIGUSR1 1 SI_USER"]);
}

/// kernel/pid.c `find_vpid`: a process named before its spawn, or whose
/// spawn failed, has no PID anywhere: `pid_of` / `group_of` give ESRCH.
#[test]
fn find_vpid_misses_processes_not_created() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "kill": {"pid_of": "late"}, "sig": 0},
            {"from": "shim", "kill": {"group_of": "late"}, "sig": 0},
            {"spawn": {"id": "late", "ns": "host", "parent": "shim"}},
            {"from": "shim", "kill": {"pid_of": "late"}, "sig": 0},
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"},
            {"spawn": {"id": "failed", "ns": "ctr", "parent": "shim"}},
            {"from": "shim", "kill": {"pid_of": "failed"}, "sig": 0},
        ]),
    ));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(ret(&o, 3), "0");
    assert_eq!(ret(&o, 5), "ENOMEM");
    assert_eq!(ret(&o, 6), "ESRCH");
}
