//! One test per `kernel/signal.c` rule the port implements, on the default
//! kernel (6.18). Each test names the upstream function it checks; the
//! section numbers (§) are those of `shared/kernel/kernel-signal-rules.md`.
//!
//! Unless a test says otherwise the world is `common::container`:
//! `systemd` 1, `shim` 2, `app` 3 (container init, PID 1 inside), `worker`
//! 4 (PID 2 inside); or `common::shell_job`: `systemd` 1, `shell` 2, `job` 3.

mod common;
use common::*;

// ---------------------------------------------------------------------------
// sig_task_ignored / sig_ignored / sig_handler_ignored (§5.2, §5.3)
// ---------------------------------------------------------------------------

/// kernel/signal.c `sig_task_ignored`: a namespace init (SIGNAL_UNKILLABLE)
/// drops a SIG_DFL SIGKILL from a sender in its own namespace; kill returns 0.
#[test]
fn sig_task_ignored_drops_sigkill_to_ns_init_from_inside() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([{"from": "worker", "kill": 1, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Running);
    assert_eq!(state(&o, 0, "worker"), Running);
    assert_eq!(verdicts(&t[0], "sig_task_ignored"), ["dropped"]);
    assert_eq!(values(&t[0], "send_signal_locked", "force"), ["false"]);
}

/// kernel/signal.c `sig_task_ignored` (LTP pidns04): the init's own
/// kill(1, SIGKILL) is not forced and is dropped; the call returns 0.
#[test]
fn sig_task_ignored_drops_sigkill_to_ns_init_from_itself() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([{"from": "app", "kill": 1, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Running);
    assert_eq!(verdicts(&t[0], "sig_task_ignored"), ["dropped"]);
}

/// kernel/signal.c `sig_task_ignored`: SIGSTOP from inside the namespace
/// to its init is dropped like SIGKILL.
#[test]
fn sig_task_ignored_drops_sigstop_to_ns_init_from_inside() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([{"from": "worker", "kill": 1, "sig": "SIGSTOP"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Running);
}

/// kernel/signal.c `send_signal_locked`: the sender has no PID in the
/// target's namespace, so `force` is set and SIGKILL passes
/// `sig_task_ignored`; the container init dies (and takes its namespace).
#[test]
fn send_signal_forces_sigkill_from_ancestor_ns() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Dead);
    assert_eq!(killed_by(&o, 0, "app").as_deref(), Some("SIGKILL"));
    assert_eq!(
        values(&t[0], "send_signal_locked", "force")
            .first()
            .map(String::as_str),
        Some("true")
    );
    assert_eq!(
        values(&t[0], "send_signal_locked", "seen")
            .first()
            .map(String::as_str),
        Some("0")
    );
}

/// kernel/signal.c `send_signal_locked` + `get_signal`: a forced SIGSTOP
/// from an ancestor namespace stops a container init.
#[test]
fn send_signal_forces_sigstop_from_ancestor_ns() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGSTOP"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Stopped);
    assert_eq!(state(&o, 0, "worker"), Running);
}

/// kernel/signal.c `sig_task_ignored`: force only helps SIGKILL/SIGSTOP; a
/// SIG_DFL SIGTERM to a container init is dropped even from the host (§5.4).
#[test]
fn sig_task_ignored_drops_sig_dfl_sigterm_to_ns_init_from_ancestor() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGTERM"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Running);
    assert!(pending(&o, 0, "app").is_empty());
    assert_eq!(verdicts(&t[0], "sig_task_ignored"), ["dropped"]);
}

/// kernel/signal.c `sig_task_ignored`: a container init with a handler is
/// not protected; the handler sees the sender's PID in the shared namespace.
#[test]
fn sig_task_ignored_passes_caught_signal_to_ns_init() {
    let o = run(container(
        json!({"signals": {"SIGTERM": "catch"}}),
        json!({}),
        json!([{"from": "worker", "kill": 1, "sig": "SIGTERM"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 0, &["app SIGTERM 2 SI_USER"]);
    assert_eq!(state(&o, 0, "app"), Running);
}

/// kernel/signal.c `sig_task_ignored` (rule 1, 86989c41b5ea): the global
/// init never takes SIGKILL, whoever sends it.
#[test]
fn sig_task_ignored_drops_sigkill_to_global_init() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([{"from": "shim", "kill": 1, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "systemd"), Running);
    assert_eq!(values(&t[0], "sig_task_ignored", "global_init"), ["true"]);
    assert_eq!(verdicts(&t[0], "sig_task_ignored"), ["dropped"]);
}

/// kernel/signal.c `sig_handler_ignored`: SIG_IGN drops the signal at
/// generation time: nothing pending, the call returns 0.
#[test]
fn sig_handler_ignored_drops_sig_ign() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({"signals": {"SIGTERM": "ignore"}}),
        json!([{"from": "app", "kill": 2, "sig": "SIGTERM"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "worker"), Running);
    assert!(pending(&o, 0, "worker").is_empty());
    assert_eq!(verdicts(&t[0], "sig_handler_ignored"), ["dropped"]);
}

/// kernel/signal.c `sig_handler_ignored`: SIG_DFL SIGCHLD, SIGWINCH, SIGURG
/// and SIGCONT are ignored by default (SIG_KERNEL_IGNORE_MASK) and dropped.
#[test]
fn sig_handler_ignored_drops_ignore_by_default_signals() {
    let sigs = ["SIGCHLD", "SIGWINCH", "SIGURG", "SIGCONT"];
    let actions: Vec<_> = sigs
        .iter()
        .map(|s| json!({"from": "app", "kill": 2, "sig": s}))
        .collect();
    let (o, t) = run_traced(container(json!({}), json!({}), json!(actions)));
    for (i, sig) in sigs.iter().enumerate() {
        assert_eq!(ret(&o, i), "0", "{sig}");
        assert_eq!(state(&o, i, "worker"), Running, "{sig}");
        assert!(pending(&o, i, "worker").is_empty(), "{sig}");
        assert_eq!(verdicts(&t[i], "sig_handler_ignored"), ["dropped"], "{sig}");
    }
}

/// kernel/signal.c `sig_ignored`: a blocked signal is never ignored at
/// generation time, even with SIG_IGN (the handler may change before it is
/// unblocked); once unblocked, `get_signal` discards it.
#[test]
fn sig_ignored_never_ignores_a_blocked_signal() {
    let o = run(container(
        json!({}),
        json!({"signals": {"SIGTERM": "ignore"}, "blocked": ["SIGTERM"]}),
        json!([
            {"from": "app", "kill": 2, "sig": "SIGTERM"},
            {"from": "worker", "sigprocmask": {"unblock": ["SIGTERM"]}},
        ]),
    ));
    assert_eq!(pending(&o, 0, "worker"), ["SIGTERM"]);
    assert_eq!(state(&o, 1, "worker"), Running);
    assert!(pending(&o, 1, "worker").is_empty());
}

// ---------------------------------------------------------------------------
// kill(2) and kill_something_info (§2.1, §2.2, §10)
// ---------------------------------------------------------------------------

fn unprivileged_among_root() -> serde_json::Value {
    json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "sshd", "ns": "host", "parent": "systemd"},
            {"id": "cron", "ns": "host", "parent": "systemd"},
            {"id": "user", "ns": "host", "parent": "sshd", "uid": 1000},
        ],
        "actions": [{"from": "user", "kill": -1, "sig": "SIGKILL"}],
    })
}

/// kernel/signal.c `kill_something_info` (pid == -1): EPERM from every
/// candidate is not reported; an unprivileged caller alone among root
/// processes gets 0 and nothing dies (NixOS/nix#4530).
#[test]
fn kill_something_info_minus_one_swallows_eperm() {
    let (o, t) = run_traced(unprivileged_among_root());
    assert_eq!(ret(&o, 0), "0");
    for p in ["systemd", "sshd", "cron", "user"] {
        assert_eq!(state(&o, 0, p), Running, "{p}");
    }
    // sshd and cron were candidates and refused (systemd is PID 1, user is the caller).
    assert_eq!(verdicts(&t[0], "check_kill_permission"), ["EPERM", "EPERM"]);
}

/// kernel/signal.c `kill_something_info` (pid == -1, LTP pidns10): a
/// container init alone in its namespace has no candidate: ESRCH.
#[test]
fn kill_something_info_minus_one_without_candidate_is_esrch() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "app", "ns": "ctr", "parent": "systemd"},
        ],
        "actions": [{"from": "app", "kill": -1, "sig": "SIGKILL"}],
    }));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert_eq!(state(&o, 0, "systemd"), Running);
    assert_eq!(state(&o, 0, "app"), Running);
}

/// kernel/signal.c `kill_something_info` (pid == -1): only processes with
/// a PID > 1 in the caller's namespace, not the caller: the container init
/// and the host are skipped, siblings are hit (LTP pidns17, §9.6).
#[test]
fn kill_something_info_minus_one_skips_ns_init_caller_and_ancestors() {
    let o = run(container_with(
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        vec![
            json!({"id": "sibling", "ns": "ctr", "parent": "app", "signals": {"SIGUSR1": "catch"}}),
            json!({"id": "plain", "ns": "ctr", "parent": "app"}),
        ],
        json!([{"from": "worker", "kill": -1, "sig": "SIGUSR1"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 0, &["sibling SIGUSR1 2 SI_USER"]);
    assert_eq!(killed_by(&o, 0, "plain").as_deref(), Some("SIGUSR1"));
    for p in ["systemd", "shim", "app", "worker", "sibling"] {
        assert_eq!(state(&o, 0, p), Running, "{p}");
    }
}

/// kernel/signal.c `kill_something_info` (pid == -1) from the root
/// namespace: container inits have PIDs > 1 there and the send is forced,
/// so kill(-1, SIGKILL) kills them; the global init and the caller survive.
#[test]
fn kill_something_info_minus_one_from_root_kills_container_inits() {
    let o = run(container_with(
        json!({}),
        json!({}),
        vec![json!({"id": "cron", "ns": "host", "parent": "systemd"})],
        json!([{"from": "shim", "kill": -1, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "systemd"), Running);
    assert_eq!(state(&o, 0, "shim"), Running);
    for p in ["app", "worker", "cron"] {
        assert_eq!(killed_by(&o, 0, p).as_deref(), Some("SIGKILL"), "{p}");
    }
}

/// kernel/signal.c `kill_something_info`: INT_MIN cannot be negated and is
/// ESRCH before anything else (CVE-2018-10124, LTP kill03/kill13), also
/// for signal 0 and for an invalid signal.
#[test]
fn kill_something_info_int_min_is_esrch() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "kill": -2147483648i64, "sig": "SIGKILL"},
            {"from": "shim", "kill": -2147483648i64, "sig": 0},
            {"from": "shim", "kill": -2147483648i64, "sig": 2000},
        ]),
    ));
    for i in 0..3 {
        assert_eq!(ret(&o, i), "ESRCH", "steps[{i}]");
    }
    assert_eq!(state(&o, 2, "shim"), Running);
}

fn kill02_world(actions: serde_json::Value) -> serde_json::Value {
    // p 2 (own session, ignores SIGUSR1), child1 3 and a 5 in p's group,
    // child2 4 and b 6 each in a group of their own (LTP kill02).
    json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "p", "ns": "host", "parent": "systemd", "group": "session", "signals": {"SIGUSR1": "ignore"}},
            {"id": "child1", "ns": "host", "parent": "p", "signals": {"SIGUSR1": "catch"}},
            {"id": "child2", "ns": "host", "parent": "p", "group": "new", "signals": {"SIGUSR1": "catch"}},
            {"id": "a", "ns": "host", "parent": "child1", "signals": {"SIGUSR1": "catch"}},
            {"id": "b", "ns": "host", "parent": "child1", "group": "new", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": actions,
    })
}

/// kernel/signal.c `kill_something_info` (pid == 0) → `__kill_pgrp_info`:
/// the caller's own process group, itself included (LTP kill02).
#[test]
fn kill_something_info_zero_signals_callers_group() {
    let o = run(kill02_world(
        json!([{"from": "p", "kill": 0, "sig": "SIGUSR1"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 0, &["a SIGUSR1 2 SI_USER", "child1 SIGUSR1 2 SI_USER"]);
    assert_eq!(state(&o, 0, "p"), Running);
}

/// kernel/signal.c `kill_something_info` (pid < -1) → `__kill_pgrp_info`
/// on `find_vpid(-pid)`: exactly that group's members.
#[test]
fn kill_something_info_negative_pid_signals_that_group() {
    let o = run(kill02_world(
        json!([{"from": "p", "kill": {"group_of": "child2"}, "sig": "SIGUSR1"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 0, &["child2 SIGUSR1 2 SI_USER"]);
}

/// kernel/signal.c `kill_something_info` (pid < -1): a group id that is
/// not a PID in the caller's namespace gives a NULL pgrp: ESRCH.
#[test]
fn kill_something_info_unknown_group_is_esrch() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "kill": -99, "sig": "SIGTERM"},
            {"from": "worker", "kill": {"group_of": "shim"}, "sig": "SIGTERM"},
        ]),
    ));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(state(&o, 1, "shim"), Running);
}

/// kernel/signal.c `kill_something_info` → `__kill_pgrp_info`: the caller
/// is a member of the group it kills and dies with it; the call still
/// counts as having succeeded (LTP kill06/kill08).
#[test]
fn kill_pgrp_info_includes_the_caller() {
    let o = run(shell_job_with(
        json!({}),
        vec![json!({"id": "sub", "ns": "host", "parent": "job"})],
        json!([{"from": "job", "kill": 0, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(killed_by(&o, 0, "job").as_deref(), Some("SIGKILL"));
    assert_eq!(killed_by(&o, 0, "sub").as_deref(), Some("SIGKILL"));
    assert_eq!(state(&o, 0, "shell"), Running);
}

/// kernel/signal.c `kill_pid_info` (via `find_vpid`): a PID is looked up
/// in the caller's namespace only; an ancestor's process has no number
/// there (LTP pidns06), and a host number means nothing inside: ESRCH.
#[test]
fn kill_pid_info_pid_invisible_in_callers_ns_is_esrch() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "worker", "kill": {"pid_of": "shim"}, "sig": "SIGKILL"},
            {"from": "worker", "kill": 4, "sig": 0},
        ]),
    ));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(state(&o, 1, "shim"), Running);
}

/// kernel/signal.c `check_kill_permission` step 1: an invalid signal is
/// EINVAL only once a target was found; with no target the lookup's ESRCH
/// comes first (LTP kill03, §2.1 note).
#[test]
fn check_kill_permission_invalid_signal_is_einval_only_with_a_target() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "app", "kill": 2, "sig": 2000},
            {"from": "app", "kill": 99, "sig": 2000},
            {"from": "app", "kill": 2, "sig": -1},
            {"from": "app", "kill": 2, "sig": 65},
            {"from": "app", "kill": 0, "sig": 65},
            {"from": "app", "kill": -1, "sig": 65},
        ]),
    ));
    assert_eq!(ret(&o, 0), "EINVAL");
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(ret(&o, 2), "EINVAL");
    assert_eq!(ret(&o, 3), "EINVAL");
    assert_eq!(
        ret(&o, 4),
        "EINVAL",
        "kill(0): the caller's group has members"
    );
    assert_eq!(
        ret(&o, 5),
        "EINVAL",
        "kill(-1): a candidate's EINVAL is not EPERM, so it is reported"
    );
    assert_eq!(state(&o, 5, "worker"), Running);
}

/// kernel/signal.c `kill_something_info` (pid == -1): with no candidate an
/// invalid signal still gives ESRCH.
#[test]
fn kill_something_info_minus_one_invalid_signal_without_candidate_is_esrch() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [{"id": "systemd", "ns": "host"}, {"id": "app", "ns": "ctr", "parent": "systemd"}],
        "actions": [{"from": "app", "kill": -1, "sig": 65}],
    }));
    assert_eq!(ret(&o, 0), "ESRCH");
}

/// kernel/signal.c `group_send_sig_info`: signal 0 checks existence and
/// permission and sends nothing (trace verdict "probe").
#[test]
fn group_send_sig_info_signal_zero_only_probes() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([{"from": "app", "kill": 2, "sig": 0}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "worker"), Running);
    assert!(pending(&o, 0, "worker").is_empty());
    assert_eq!(verdicts(&t[0], "group_send_sig_info"), ["probe"]);
    assert!(!reached(&t[0], "do_send_sig_info"));
}

/// kernel/signal.c `kill_pid_info` → `pid_task`: a zombie is still found
/// (kill returns 0 and the probe succeeds); once reaped its PID is gone:
/// ESRCH. In 6.18 `prepare_signal` drops a signal to the dying process.
#[test]
fn kill_pid_info_finds_a_zombie_but_not_a_reaped_process() {
    // app keeps SIGCHLD at SIG_DFL and nobody waits: worker stays a zombie.
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([
            {"exit": "worker"},
            {"from": "app", "kill": 2, "sig": 0},
            {"from": "app", "kill": 2, "sig": "SIGTERM"},
        ]),
    ));
    assert_eq!(state(&o, 0, "worker"), Dead);
    assert_eq!(ret(&o, 1), "0", "a zombie answers the probe");
    assert_eq!(ret(&o, 2), "0", "a signal to a zombie succeeds");
    assert_eq!(verdicts(&t[2], "prepare_signal"), ["dropped"]);
}

/// kernel/signal.c `kill_pid_info`: a reaped (autoreaped) process's PID no
/// longer resolves: ESRCH, for a signal and for a probe.
#[test]
fn kill_pid_info_reaped_process_is_esrch() {
    let o = run(container(
        json!({"signals": {"SIGCHLD": "ignore"}}),
        json!({}),
        json!([
            {"exit": "worker"},
            {"from": "app", "kill": 2, "sig": 0},
            {"from": "app", "kill": 2, "sig": "SIGTERM"},
        ]),
    ));
    assert_eq!(state(&o, 0, "worker"), Dead);
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(ret(&o, 2), "ESRCH");
}

// ---------------------------------------------------------------------------
// check_kill_permission / kill_ok_by_cred (§3)
// ---------------------------------------------------------------------------

/// kernel/signal.c `check_kill_permission` → `kill_ok_by_cred`: two
/// different unprivileged uids may not signal each other, not even probe
/// (LTP kill05).
#[test]
fn check_kill_permission_other_uid_is_eperm() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "first", "ns": "host", "parent": "systemd", "uid": 1001},
            {"id": "second", "ns": "host", "parent": "systemd", "uid": 1002},
        ],
        "actions": [
            {"from": "second", "kill": {"pid_of": "first"}, "sig": "SIGKILL"},
            {"from": "second", "kill": {"pid_of": "first"}, "sig": 0},
        ],
    }));
    assert_eq!(ret(&o, 0), "EPERM");
    assert_eq!(ret(&o, 1), "EPERM");
    assert_eq!(state(&o, 1, "first"), Running);
}

/// kernel/signal.c `kill_ok_by_cred`: the same uid may signal.
#[test]
fn kill_ok_by_cred_same_uid_is_allowed() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "first", "ns": "host", "parent": "systemd", "uid": 1000},
            {"id": "second", "ns": "host", "parent": "systemd", "uid": 1000},
        ],
        "actions": [{"from": "second", "kill": {"pid_of": "first"}, "sig": "SIGTERM"}],
    }));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(killed_by(&o, 0, "first").as_deref(), Some("SIGTERM"));
}

/// kernel/signal.c `kill_ok_by_cred`: root holds CAP_KILL and may signal
/// any uid.
#[test]
fn kill_ok_by_cred_cap_kill_overrides_uids() {
    let o = run(shell_job(
        json!({"uid": 1000}),
        json!([{"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(killed_by(&o, 0, "job").as_deref(), Some("SIGKILL"));
}

/// kernel/signal.c `check_kill_permission`: permission is checked before
/// the init protection: an unprivileged kill(1, SIGKILL) is EPERM, not 0.
#[test]
fn check_kill_permission_precedes_init_protection() {
    let o = run(shell_job(
        json!({"uid": 1000}),
        json!([{"from": "job", "kill": 1, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "EPERM");
}

fn sigcont_world(user_group: Option<&str>) -> serde_json::Value {
    let mut user = json!({"id": "user", "ns": "host", "parent": "shell", "uid": 1000});
    if let Some(g) = user_group {
        user["group"] = json!(g);
    }
    shell_job_with(
        json!({}),
        vec![user],
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "user", "kill": {"pid_of": "job"}, "sig": "SIGTERM"},
            {"from": "user", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
        ]),
    )
}

/// kernel/signal.c `check_kill_permission`: SIGCONT is allowed without
/// matching credentials when the target is in the sender's session.
#[test]
fn check_kill_permission_sigcont_same_session() {
    let o = run(sigcont_world(None));
    assert_eq!(state(&o, 0, "job"), Stopped);
    assert_eq!(ret(&o, 1), "EPERM");
    assert_eq!(ret(&o, 2), "0");
    assert_eq!(state(&o, 2, "job"), Running);
}

/// kernel/signal.c `check_kill_permission`: the SIGCONT exception needs the
/// same session; from another session it is EPERM and the target stays
/// stopped.
#[test]
fn check_kill_permission_sigcont_other_session_is_eperm() {
    let o = run(sigcont_world(Some("session")));
    assert_eq!(ret(&o, 2), "EPERM");
    assert_eq!(state(&o, 2, "job"), Stopped);
}

// ---------------------------------------------------------------------------
// __send_signal_locked: legacy_queue, RT queueing, private vs shared (§6)
// ---------------------------------------------------------------------------

/// kernel/signal.c `legacy_queue`: a signal below SIGRTMIN already pending
/// in that queue is not queued again; the handler runs once.
#[test]
fn legacy_queue_coalesces() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({"signals": {"SIGUSR1": "catch"}, "blocked": ["SIGUSR1"]}),
        json!([
            {"from": "app", "kill": 2, "sig": "SIGUSR1"},
            {"from": "app", "kill": 2, "sig": "SIGUSR1"},
            {"from": "worker", "sigprocmask": {"unblock": ["SIGUSR1"]}},
        ]),
    ));
    assert_eq!(verdicts(&t[0], "__send_signal_locked"), ["queued"]);
    assert_eq!(verdicts(&t[1], "__send_signal_locked"), ["coalesced"]);
    assert_eq!(ret(&o, 1), "0");
    assert_eq!(pending(&o, 1, "worker"), ["SIGUSR1"]);
    assert_handled(&o, 2, &["worker SIGUSR1 1 SI_USER"]);
    assert!(pending(&o, 2, "worker").is_empty());
}

/// kernel/signal.c `legacy_queue`: the kernel's SIGRTMIN is 32, so 32 and
/// 33 — reserved and unnamed in glibc — are real-time to the kernel and
/// queue every instance (found by the real kernel: corpus 059).
#[test]
fn legacy_queue_treats_32_and_33_as_real_time() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({"signals": {"33": "catch"}, "blocked": [33]}),
        json!([
            {"from": "app", "kill": 2, "sig": 33},
            {"from": "app", "kill": 2, "sig": 33},
            {"from": "worker", "sigprocmask": {"unblock": [33]}},
        ]),
    ));
    assert_eq!(verdicts(&t[1], "__send_signal_locked"), ["queued"]);
    assert_handled(&o, 2, &["worker 33 1 SI_USER", "worker 33 1 SI_USER"]);
}

/// kernel/signal.c `__send_signal_locked`: real-time signals queue every
/// instance with its own siginfo (kill → SI_USER, sigqueue → SI_QUEUE).
#[test]
fn rt_signals_queue_every_instance() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({"signals": {"SIGRTMIN": "catch"}, "blocked": ["SIGRTMIN"]}),
        json!([
            {"from": "app", "kill": 2, "sig": "SIGRTMIN"},
            {"from": "app", "kill": 2, "sig": "SIGRTMIN"},
            {"from": "app", "sigqueue": 2, "sig": "SIGRTMIN"},
            {"from": "worker", "sigprocmask": {"unblock": ["SIGRTMIN"]}},
        ]),
    ));
    for (i, tr) in t.iter().enumerate().take(3) {
        assert_eq!(
            verdicts(tr, "__send_signal_locked"),
            ["queued"],
            "steps[{i}]"
        );
    }
    assert_eq!(
        pending(&o, 2, "worker"),
        ["SIGRTMIN"],
        "pending lists each signal once"
    );
    assert_handled(
        &o,
        3,
        &[
            "worker SIGRTMIN 1 SI_USER",
            "worker SIGRTMIN 1 SI_USER",
            "worker SIGRTMIN 1 SI_QUEUE",
        ],
    );
}

/// kernel/signal.c `legacy_queue` checks the queue the signal goes to: a
/// thread-directed (tgkill, private) and a process-directed (kill, shared)
/// instance of the same legacy signal are both pending and both delivered.
#[test]
fn legacy_queue_is_per_queue_private_and_shared() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({"signals": {"SIGUSR1": "catch"}, "blocked": ["SIGUSR1"]}),
        json!([
            {"from": "app", "tgkill": 2, "sig": "SIGUSR1"},
            {"from": "app", "kill": 2, "sig": "SIGUSR1"},
            {"from": "worker", "sigprocmask": {"unblock": ["SIGUSR1"]}},
        ]),
    ));
    assert_eq!(values(&t[0], "__send_signal_locked", "queue"), ["pending"]);
    assert_eq!(
        values(&t[1], "__send_signal_locked", "queue"),
        ["shared_pending"]
    );
    assert_handled(
        &o,
        2,
        &["worker SIGUSR1 1 SI_TKILL", "worker SIGUSR1 1 SI_USER"],
    );
}

/// Signals 32 and 33 are valid (glibc reserves them) and are reported by
/// number (`include/uapi/asm-generic/signal.h`, `valid_signal`).
#[test]
fn valid_signal_accepts_32_and_33() {
    let o = run(container(
        json!({}),
        json!({"blocked": [32, 33]}),
        json!([
            {"from": "app", "kill": 2, "sig": 32},
            {"from": "app", "kill": 2, "sig": 33},
        ]),
    ));
    assert_eq!(ret(&o, 1), "0");
    assert_eq!(pending(&o, 1, "worker"), ["32", "33"]);
}

// ---------------------------------------------------------------------------
// complete_signal (§7.1) and a stopped process (§8.3)
// ---------------------------------------------------------------------------

/// kernel/signal.c `complete_signal`: a SIG_DFL terminating signal takes the
/// group-fatal fast path at send time (SIGNAL_GROUP_EXIT); the process dies
/// of it.
#[test]
fn complete_signal_takes_group_fatal_path() {
    let (o, t) = run_traced(shell_job(
        json!({}),
        json!([{"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTERM"}]),
    ));
    assert_eq!(verdicts(&t[0], "complete_signal"), ["fatal"]);
    assert_eq!(killed_by(&o, 0, "job").as_deref(), Some("SIGTERM"));
}

/// kernel/signal.c `complete_signal`: a coredump signal skips the fast
/// path (so one thread can dump core); `get_signal` kills the process.
#[test]
fn complete_signal_coredump_signal_takes_slow_path() {
    let (o, t) = run_traced(shell_job(
        json!({}),
        json!([{"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGQUIT"}]),
    ));
    assert!(verdicts(&t[0], "complete_signal").is_empty());
    assert_eq!(verdicts(&t[0], "get_signal"), ["killed"]);
    assert_eq!(killed_by(&o, 0, "job").as_deref(), Some("SIGQUIT"));
}

/// kernel/signal.c `complete_signal` / `wants_signal`: a stopped process is
/// not woken for a SIG_DFL SIGTERM; it stays stopped with SIGTERM pending and
/// dies of it right after SIGCONT (§7.1, §8.3).
#[test]
fn complete_signal_leaves_stopped_process_pending() {
    let (o, t) = run_traced(shell_job(
        json!({}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTERM"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(state(&o, 0, "job"), Stopped);
    assert_eq!(ret(&o, 1), "0");
    assert_eq!(state(&o, 1, "job"), Stopped);
    assert_eq!(pending(&o, 1, "job"), ["SIGTERM"]);
    assert!(
        verdicts(&t[1], "complete_signal").is_empty(),
        "no fast path while stopped"
    );
    assert_eq!(killed_by(&o, 2, "job").as_deref(), Some("SIGTERM"));
}

/// kernel/signal.c `wants_signal`: SIGKILL wakes a stopped process, which
/// dies stopped or not.
#[test]
fn complete_signal_sigkill_kills_a_stopped_process() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGKILL"},
        ]),
    ));
    assert_eq!(killed_by(&o, 1, "job").as_deref(), Some("SIGKILL"));
}

/// kernel/signal.c `complete_signal`: a caught signal to a stopped process
/// stays pending; the handler runs only after SIGCONT (§8.3).
#[test]
fn complete_signal_caught_signal_waits_for_sigcont() {
    let o = run(shell_job(
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGUSR1"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_handled(&o, 1, &[]);
    assert_eq!(pending(&o, 1, "job"), ["SIGUSR1"]);
    assert_handled(&o, 2, &["job SIGUSR1 2 SI_USER"]);
    assert_eq!(state(&o, 2, "job"), Running);
}

/// kernel/signal.c `prepare_signal` on a stopped process: an ignored signal
/// is still dropped at send time (nothing pending).
#[test]
fn prepare_signal_drops_ignored_signal_to_stopped_process() {
    let o = run(shell_job(
        json!({"signals": {"SIGUSR2": "ignore"}}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGUSR2"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGWINCH"},
        ]),
    ));
    assert!(pending(&o, 2, "job").is_empty());
    assert_eq!(state(&o, 2, "job"), Stopped);
}

/// kernel/signal.c `prepare_signal`: another stop signal to a stopped
/// process is queued (stop is not "ignore") and flushed by the next SIGCONT,
/// which leaves the process running (§8.3).
#[test]
fn prepare_signal_stop_signal_to_stopped_process_waits_for_sigcont_flush() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTSTP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(pending(&o, 1, "job"), ["SIGTSTP"]);
    assert_eq!(state(&o, 1, "job"), Stopped);
    assert!(pending(&o, 2, "job").is_empty());
    assert_eq!(state(&o, 2, "job"), Running);
}

/// kernel/signal.c `sig_task_ignored` on a stopped container init: an
/// unforced SIGKILL from inside is dropped and the init stays stopped (§8.3).
#[test]
fn sig_task_ignored_unforced_sigkill_leaves_stopped_ns_init_stopped() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGSTOP"},
            {"from": "worker", "kill": 1, "sig": "SIGKILL"},
        ]),
    ));
    assert_eq!(state(&o, 0, "app"), Stopped);
    assert_eq!(ret(&o, 1), "0");
    assert_eq!(state(&o, 1, "app"), Stopped);
}

// ---------------------------------------------------------------------------
// prepare_signal: stop / continue (§5.1)
// ---------------------------------------------------------------------------

/// kernel/signal.c `prepare_signal`: SIGCONT removes every pending stop
/// signal, even a blocked one that was queued.
#[test]
fn prepare_signal_sigcont_flushes_stop_signals() {
    let (o, t) = run_traced(shell_job(
        json!({"blocked": ["SIGTSTP", "SIGTTIN"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTSTP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTTIN"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
            {"from": "job", "sigprocmask": {"unblock": ["SIGTSTP", "SIGTTIN"]}},
        ]),
    ));
    assert_eq!(pending(&o, 1, "job"), ["SIGTSTP", "SIGTTIN"]);
    assert_eq!(ret(&o, 2), "0");
    assert!(pending(&o, 2, "job").is_empty());
    assert!(reached(&t[2], "prepare_signal"));
    assert_eq!(state(&o, 3, "job"), Running, "nothing is left to stop it");
}

/// kernel/signal.c `prepare_signal`: a stop signal removes a pending
/// SIGCONT (here blocked, so it was queued).
#[test]
fn prepare_signal_stop_signal_flushes_pending_sigcont() {
    let o = run(shell_job(
        json!({"blocked": ["SIGCONT"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
        ]),
    ));
    assert_eq!(pending(&o, 0, "job"), ["SIGCONT"]);
    assert_eq!(state(&o, 1, "job"), Stopped);
    assert!(pending(&o, 1, "job").is_empty());
}

/// kernel/signal.c `prepare_signal`: SIGCONT resumes a stopped process at
/// send time whatever its disposition — even SIG_IGN (trace "continued").
#[test]
fn prepare_signal_sigcont_continues_even_when_ignored() {
    let (o, t) = run_traced(shell_job(
        json!({"signals": {"SIGCONT": "ignore"}}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(state(&o, 1, "job"), Running);
    assert!(pending(&o, 1, "job").is_empty());
    assert_eq!(verdicts(&t[1], "prepare_signal"), ["continued"]);
    assert_eq!(
        verdicts_on(&t[1], "sig_handler_ignored", "job"),
        ["dropped"]
    );
}

/// kernel/signal.c `prepare_signal`: SIGCONT resumes even when blocked; the
/// blocked SIGCONT itself stays pending.
#[test]
fn prepare_signal_sigcont_continues_even_when_blocked() {
    let o = run(shell_job(
        json!({"blocked": ["SIGCONT"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(state(&o, 1, "job"), Running);
    assert_eq!(pending(&o, 1, "job"), ["SIGCONT"]);
}

/// kernel/signal.c `prepare_signal` + `get_signal`: a caught SIGCONT both
/// resumes the process and runs its handler.
#[test]
fn prepare_signal_sigcont_with_handler_resumes_and_is_handled() {
    let o = run(shell_job(
        json!({"signals": {"SIGCONT": "catch"}}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(state(&o, 1, "job"), Running);
    assert_handled(&o, 1, &["job SIGCONT 2 SI_USER"]);
}

// ---------------------------------------------------------------------------
// get_signal: default actions (§8.1), the receiver's own checks (§7.2)
// ---------------------------------------------------------------------------

/// kernel/signal.c `get_signal` default actions: terminate (SIGUSR1, an RT
/// signal), terminate+core (SIGSEGV), ignore (SIGURG).
#[test]
fn get_signal_default_actions_terminate_core_ignore() {
    for (sig, dies) in [
        ("SIGUSR1", true),
        ("SIGRTMIN+5", true),
        ("SIGSEGV", true),
        ("SIGHUP", true),
        ("SIGURG", false),
    ] {
        let o = run(shell_job(
            json!({}),
            json!([{"from": "shell", "kill": {"pid_of": "job"}, "sig": sig}]),
        ));
        if dies {
            assert_eq!(killed_by(&o, 0, "job").as_deref(), Some(sig), "{sig}");
        } else {
            assert_eq!(state(&o, 0, "job"), Running, "{sig}");
        }
    }
}

/// kernel/signal.c `get_signal` → `do_signal_stop`: SIGSTOP and, in a group
/// that is not orphaned, SIGTSTP/SIGTTIN/SIGTTOU stop the process.
#[test]
fn get_signal_default_action_stop() {
    for sig in ["SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU"] {
        let (o, t) = run_traced(shell_job(
            json!({}),
            json!([{"from": "shell", "kill": {"pid_of": "job"}, "sig": sig}]),
        ));
        assert_eq!(state(&o, 0, "job"), Stopped, "{sig}");
        assert_eq!(verdicts(&t[0], "do_signal_stop"), ["stopped"], "{sig}");
    }
}

/// kernel/signal.c `get_signal` (`is_current_pgrp_orphaned`): SIGTSTP,
/// SIGTTIN and SIGTTOU do nothing to a process in an orphaned process group
/// (a session leader's group: its parent is in another session); SIGSTOP
/// still stops it.
#[test]
fn get_signal_discards_job_control_stops_in_orphaned_pgrp() {
    let w = json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "daemon", "ns": "host", "parent": "systemd", "group": "session"},
        ],
        "actions": [
            {"from": "systemd", "kill": {"pid_of": "daemon"}, "sig": "SIGTSTP"},
            {"from": "systemd", "kill": {"pid_of": "daemon"}, "sig": "SIGTTIN"},
            {"from": "systemd", "kill": {"pid_of": "daemon"}, "sig": "SIGTTOU"},
            {"from": "systemd", "kill": {"pid_of": "daemon"}, "sig": "SIGSTOP"},
        ],
    });
    let (o, t) = run_traced(w);
    for (i, tr) in t.iter().enumerate().take(3) {
        assert_eq!(state(&o, i, "daemon"), Running, "steps[{i}]");
        assert_eq!(verdicts(tr, "get_signal"), ["discarded"], "steps[{i}]");
    }
    assert_eq!(state(&o, 3, "daemon"), Stopped);
}

/// kernel/signal.c `get_signal` (SIGNAL_UNKILLABLE check), LTP pidns20
/// variant: a SIG_DFL signal blocked by a container init is queued (blocked
/// signals are never ignored), and discarded by the init's own `get_signal`
/// once unblocked with no handler installed.
#[test]
fn get_signal_discards_unblocked_sig_dfl_in_ns_init() {
    let (o, t) = run_traced(container(
        json!({"blocked": ["SIGUSR1"]}),
        json!({}),
        json!([
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGUSR1"},
            {"from": "app", "sigprocmask": {"unblock": ["SIGUSR1"]}},
        ]),
    ));
    assert_eq!(pending(&o, 0, "app"), ["SIGUSR1"]);
    assert_eq!(state(&o, 1, "app"), Running);
    assert!(pending(&o, 1, "app").is_empty());
    assert_eq!(values(&t[1], "get_signal", "unkillable"), ["true"]);
    assert_eq!(verdicts(&t[1], "get_signal"), ["discarded"]);
}

/// kernel/signal.c `get_signal`, LTP pidns20: the init installs a handler
/// while the signal is blocked and pending; on unblock the handler runs
/// exactly once, with si_pid 0 (the sender is in an ancestor namespace).
#[test]
fn get_signal_runs_handler_installed_while_blocked_in_ns_init() {
    let o = run(container(
        json!({"blocked": ["SIGUSR1"]}),
        json!({}),
        json!([
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGUSR1"},
            {"from": "app", "sigaction": {"SIGUSR1": "catch"}},
            {"from": "app", "sigprocmask": {"unblock": ["SIGUSR1"]}},
        ]),
    ));
    assert_eq!(pending(&o, 1, "app"), ["SIGUSR1"]);
    assert_handled(&o, 2, &["app SIGUSR1 0 SI_USER"]);
}

// ---------------------------------------------------------------------------
// si_pid as the receiver sees it (§4.1)
// ---------------------------------------------------------------------------

/// kernel/signal.c `send_signal_locked`: a receiver below the sender's
/// namespace sees si_pid 0 (LTP pidns12).
#[test]
fn send_signal_hides_ancestor_sender_as_si_pid_zero() {
    let o = run(container(
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!({}),
        json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGUSR1"}]),
    ));
    assert_handled(&o, 0, &["app SIGUSR1 0 SI_USER"]);
}

/// kernel/signal.c `prepare_kill_siginfo`: si_pid is the sender's PID in
/// its own namespace; inside one namespace that is what the receiver sees
/// (LTP pidns16: the init signalling itself sees 1).
#[test]
fn prepare_kill_siginfo_names_sender_in_its_own_ns() {
    let o = run(container(
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!([
            {"from": "app", "kill": 1, "sig": "SIGUSR1"},
            {"from": "worker", "kill": 1, "sig": "SIGUSR1"},
            {"from": "app", "kill": 2, "sig": "SIGUSR1"},
            {"from": "shim", "kill": 4, "sig": "SIGUSR1"},
        ]),
    ));
    assert_handled(&o, 0, &["app SIGUSR1 1 SI_USER"]);
    assert_handled(&o, 1, &["app SIGUSR1 2 SI_USER"]);
    assert_handled(&o, 2, &["worker SIGUSR1 1 SI_USER"]);
    assert_handled(&o, 3, &["worker SIGUSR1 0 SI_USER"]);
}

/// kernel/signal.c `__kill_pgrp_info` is not namespace-filtered: a
/// container init that never called setsid is in its parent's group on the
/// host, so kill(0) reaches it; receivers there see si_pid 1 — the init's
/// own-namespace number, never translated (§9.6, §4.1).
#[test]
fn __kill_pgrp_info_ignores_namespaces() {
    let o = run(json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shim", "ns": "host", "parent": "systemd", "group": "session", "signals": {"SIGUSR1": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "shim"},
            {"id": "logger", "ns": "host", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": [{"from": "app", "kill": 0, "sig": "SIGUSR1"}],
    }));
    // shim's group: shim, app (SIG_DFL container init: dropped for itself), logger.
    assert_eq!(ret(&o, 0), "0");
    assert_handled(
        &o,
        0,
        &["logger SIGUSR1 1 SI_USER", "shim SIGUSR1 1 SI_USER"],
    );
    assert_eq!(state(&o, 0, "app"), Running);
    assert_eq!(state(&o, 0, "systemd"), Running);
}

/// kernel/signal.c `__kill_pgrp_info`: 0 if any member accepted the
/// signal, though others refused with EPERM.
#[test]
fn __kill_pgrp_info_succeeds_if_any_member_accepts() {
    let o = run(shell_job_with(
        json!({"uid": 1000}),
        vec![
            json!({"id": "mate", "ns": "host", "parent": "job", "uid": 1000}),
            json!({"id": "root-mate", "ns": "host", "parent": "job"}),
        ],
        json!([{"from": "mate", "kill": 0, "sig": "SIGTERM"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(killed_by(&o, 0, "job").as_deref(), Some("SIGTERM"));
    assert_eq!(killed_by(&o, 0, "mate").as_deref(), Some("SIGTERM"));
    assert_eq!(state(&o, 0, "root-mate"), Running);
}

/// kernel/signal.c `__kill_pgrp_info`: when no member accepts, the last
/// error is returned (EPERM), and SIGCONT's same-session exception lets the
/// same call through.
#[test]
fn __kill_pgrp_info_returns_last_error_when_all_refuse() {
    let o = run(shell_job_with(
        json!({}),
        vec![
            json!({"id": "sub", "ns": "host", "parent": "job"}),
            json!({"id": "user", "ns": "host", "parent": "shell", "uid": 1000}),
        ],
        json!([
            {"from": "user", "kill": {"group_of": "job"}, "sig": "SIGTERM"},
            {"from": "user", "kill": {"group_of": "job"}, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(ret(&o, 0), "EPERM");
    assert_eq!(state(&o, 0, "job"), Running);
    assert_eq!(ret(&o, 1), "0");
}

// ---------------------------------------------------------------------------
// tgkill (§2.9)
// ---------------------------------------------------------------------------

/// kernel/signal.c `do_tkill`: si_code SI_TKILL, si_pid the sender's PID in
/// its namespace; `do_send_specific` queues on the private (per-thread) queue.
#[test]
fn do_tkill_sends_si_tkill() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!([{"from": "app", "tgkill": {"pid_of": "worker"}, "sig": "SIGUSR1"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 0, &["worker SIGUSR1 1 SI_TKILL"]);
    assert_eq!(values(&t[0], "__send_signal_locked", "queue"), ["pending"]);
}

/// kernel/signal.c `SYSCALL_DEFINE3(tgkill)`: a thread id or tgid <= 0 is
/// EINVAL (tgkill(0, 0, sig), tgkill(-1, -1, sig)).
#[test]
fn tgkill_non_positive_id_is_einval() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "app", "tgkill": 0, "sig": "SIGUSR1"},
            {"from": "app", "tgkill": -1, "sig": "SIGUSR1"},
            {"from": "app", "tgkill": 0, "sig": 2000},
        ]),
    ));
    for i in 0..3 {
        assert_eq!(ret(&o, i), "EINVAL", "steps[{i}]");
    }
}

/// kernel/signal.c `do_send_specific`: `find_task_by_vpid` misses a thread
/// that is not in the caller's namespace: ESRCH, before any signal check.
#[test]
fn do_send_specific_invisible_is_esrch() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "worker", "tgkill": {"pid_of": "shim"}, "sig": "SIGKILL"},
            {"from": "worker", "tgkill": 99, "sig": 2000},
            {"from": "worker", "tgkill": 1, "sig": 2000},
        ]),
    ));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(ret(&o, 2), "EINVAL");
    assert_eq!(state(&o, 2, "shim"), Running);
}

/// kernel/signal.c `do_send_specific` → `send_signal_locked`: tgkill from an
/// ancestor namespace is forced too: SIGKILL kills a container init.
#[test]
fn do_send_specific_forces_sigkill_from_ancestor_ns() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([{"from": "shim", "tgkill": {"pid_of": "app"}, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(killed_by(&o, 0, "app").as_deref(), Some("SIGKILL"));
}

// ---------------------------------------------------------------------------
// sigqueue / rt_sigqueueinfo (§2.10)
// ---------------------------------------------------------------------------

/// kernel/signal.c `do_rt_sigqueueinfo` → `kill_proc_info`: si_code
/// SI_QUEUE, si_pid rewritten to 0 for a receiver below the sender.
#[test]
fn do_rt_sigqueueinfo_sends_si_queue() {
    let o = run(container(
        json!({}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!([
            {"from": "app", "sigqueue": {"pid_of": "worker"}, "sig": "SIGUSR1"},
            {"from": "shim", "sigqueue": {"pid_of": "worker"}, "sig": "SIGUSR1"},
        ]),
    ));
    assert_handled(&o, 0, &["worker SIGUSR1 1 SI_QUEUE"]);
    assert_handled(&o, 1, &["worker SIGUSR1 0 SI_QUEUE"]);
}

/// kernel/signal.c `do_rt_sigqueueinfo` → `kill_proc_info`: a PID that is
/// not in the caller's namespace is ESRCH.
#[test]
fn do_rt_sigqueueinfo_invisible_is_esrch() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"from": "worker", "sigqueue": {"pid_of": "shim"}, "sig": "SIGUSR1"},
            {"from": "worker", "sigqueue": 99, "sig": "SIGUSR1"},
        ]),
    ));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert_eq!(ret(&o, 1), "ESRCH");
}

/// kernel/signal.c `send_signal_locked`: an SI_QUEUE siginfo from inside the
/// namespace is not forced, so it cannot SIGKILL the init either.
#[test]
fn do_rt_sigqueueinfo_sigkill_to_ns_init_from_inside_is_dropped() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([{"from": "worker", "sigqueue": 1, "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Running);
}

// ---------------------------------------------------------------------------
// pidfd_send_signal (§2.11)
// ---------------------------------------------------------------------------

/// kernel/signal.c `pidfd_send_signal` without a siginfo:
/// `prepare_kill_siginfo` (SI_USER, the sender's own PID), then the kill path.
#[test]
fn pidfd_send_signal_sends_si_user() {
    let o = run(container(
        json!({}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!([
            {"from": "app", "pidfd_send_signal": "worker", "sig": "SIGUSR1"},
            {"from": "shim", "pidfd_send_signal": "worker", "sig": "SIGUSR1"},
        ]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(&o, 0, &["worker SIGUSR1 1 SI_USER"]);
    assert_handled(&o, 1, &["worker SIGUSR1 0 SI_USER"]);
}

/// kernel/pid.c `pidfd_open`: the target has no PID in the caller's
/// namespace: ESRCH, and nothing is sent.
#[test]
fn pidfd_open_invisible_is_esrch() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([{"from": "worker", "pidfd_send_signal": "shim", "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert_eq!(state(&o, 0, "shim"), Running);
}

/// kernel/signal.c `pidfd_send_signal` → `check_kill_permission`: an
/// unprivileged caller gets EPERM for a root target.
#[test]
fn pidfd_send_signal_checks_permission() {
    let o = run(shell_job(
        json!({"uid": 1000}),
        json!([{"from": "job", "pidfd_send_signal": "shell", "sig": "SIGTERM"}]),
    ));
    assert_eq!(ret(&o, 0), "EPERM");
    assert_eq!(state(&o, 0, "shell"), Running);
}

/// kernel/signal.c `pidfd_send_signal` → `send_signal_locked`: forced from
/// an ancestor namespace, like kill(2).
#[test]
fn pidfd_send_signal_forces_sigkill_from_ancestor_ns() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([{"from": "shim", "pidfd_send_signal": "app", "sig": "SIGKILL"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(killed_by(&o, 0, "app").as_deref(), Some("SIGKILL"));
}

/// kernel/pid.c `pidfd_open`: a zombie still has its task, so the pidfd
/// opens and the send returns 0.
#[test]
fn pidfd_open_accepts_a_zombie() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"exit": "worker"},
            {"from": "app", "pidfd_send_signal": "worker", "sig": "SIGTERM"},
        ]),
    ));
    assert_eq!(ret(&o, 1), "0");
}

// ---------------------------------------------------------------------------
// Kernel-originated sends: SEND_SIG_PRIV (§2.12)
// ---------------------------------------------------------------------------

/// kernel/signal.c `send_signal_locked` with SEND_SIG_PRIV: always forced,
/// so the kernel's SIGKILL (as the OOM killer sends it) kills a container
/// init; no permission check.
#[test]
fn send_signal_priv_forces_sigkill_to_container_init() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([{"kernel": "SIGKILL", "to": "app"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(killed_by(&o, 0, "app").as_deref(), Some("SIGKILL"));
    assert_eq!(killed_by(&o, 0, "worker").as_deref(), Some("SIGKILL"));
    // No permission check on the way to the init (the zap that follows goes
    // through group_send_sig_info, whose check passes SEND_SIG_PRIV).
    assert!(!reached(
        before(&t[0], "zap_pid_ns_processes"),
        "check_kill_permission"
    ));
    assert_eq!(verdicts(&t[0], "check_kill_permission"), Vec::<&str>::new());
}

/// kernel/signal.c `sig_task_ignored`: even the kernel cannot deliver a
/// SIG_DFL SIGTERM to a container init; force only helps SIGKILL/SIGSTOP.
#[test]
fn sig_task_ignored_drops_kernel_sigterm_to_container_init() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([{"kernel": "SIGTERM", "to": "app"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 0, "app"), Running);
}

/// kernel/signal.c `__send_signal_locked` with SEND_SIG_PRIV: the queued
/// siginfo is SI_KERNEL with si_pid 0.
#[test]
fn send_signal_priv_reaches_handler_as_si_kernel() {
    let o = run(container(
        json!({}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!([{"kernel": "SIGUSR1", "to": "worker"}]),
    ));
    assert_handled(&o, 0, &["worker SIGUSR1 0 SI_KERNEL"]);
}

/// kernel/signal.c `do_send_sig_info`: `lock_task_sighand` fails for a
/// reaped process: ESRCH; a zombie still takes the call (0).
#[test]
fn do_send_sig_info_reaped_is_esrch_zombie_is_zero() {
    let o = run(container_with(
        json!({"signals": {"SIGCHLD": "ignore"}}),
        json!({}),
        vec![json!({"id": "zombie", "ns": "host", "parent": "shim"})],
        json!([
            {"exit": "worker"},
            {"kernel": "SIGKILL", "to": "worker"},
            {"exit": "zombie"},
            {"kernel": "SIGKILL", "to": "zombie"},
        ]),
    ));
    assert_eq!(ret(&o, 1), "ESRCH");
    assert_eq!(ret(&o, 3), "0");
}

// ---------------------------------------------------------------------------
// do_sigaction / sigprocmask (§8.1)
// ---------------------------------------------------------------------------

/// kernel/signal.c `do_sigaction`: setting SIG_IGN discards that signal
/// from the queues, blocked or not (POSIX 3.3.1.3).
#[test]
fn do_sigaction_ignore_discards_pending() {
    let (o, t) = run_traced(shell_job(
        json!({"blocked": ["SIGUSR1"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGUSR1"},
            {"from": "job", "sigaction": {"SIGUSR1": "ignore"}},
            {"from": "job", "sigprocmask": {"unblock": ["SIGUSR1"]}},
        ]),
    ));
    assert_eq!(pending(&o, 0, "job"), ["SIGUSR1"]);
    assert_eq!(ret(&o, 1), "0");
    assert!(pending(&o, 1, "job").is_empty());
    assert_eq!(verdicts(&t[1], "do_sigaction"), ["discarded"]);
    assert_eq!(state(&o, 2, "job"), Running);
}

/// kernel/signal.c `do_sigaction`: SIG_DFL for an ignore-by-default signal
/// (SIGWINCH) discards it too.
#[test]
fn do_sigaction_default_discards_pending_ignore_by_default_signal() {
    let o = run(shell_job(
        json!({"signals": {"SIGWINCH": "catch"}, "blocked": ["SIGWINCH"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGWINCH"},
            {"from": "job", "sigaction": {"SIGWINCH": "default"}},
        ]),
    ));
    assert_eq!(pending(&o, 0, "job"), ["SIGWINCH"]);
    assert!(pending(&o, 1, "job").is_empty());
}

/// kernel/signal.c `do_sigaction`: SIG_DFL for a terminating signal keeps
/// it pending; it kills once unblocked.
#[test]
fn do_sigaction_default_keeps_pending_terminating_signal() {
    let o = run(shell_job(
        json!({"signals": {"SIGUSR1": "catch"}, "blocked": ["SIGUSR1"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGUSR1"},
            {"from": "job", "sigaction": {"SIGUSR1": "default"}},
            {"from": "job", "sigprocmask": {"unblock": ["SIGUSR1"]}},
        ]),
    ));
    assert_eq!(pending(&o, 1, "job"), ["SIGUSR1"]);
    assert_eq!(killed_by(&o, 2, "job").as_deref(), Some("SIGUSR1"));
}

/// kernel/signal.c `do_sigaction`: SIGKILL or SIGSTOP among the keys is
/// EINVAL and nothing changes (SIGUSR1 stays SIG_DFL).
#[test]
fn do_sigaction_rejects_sigkill_and_sigstop() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"from": "job", "sigaction": {"SIGKILL": "default", "SIGUSR1": "ignore"}},
            {"from": "job", "sigaction": {"SIGSTOP": "ignore"}},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGUSR1"},
        ]),
    ));
    assert_eq!(ret(&o, 0), "EINVAL");
    assert_eq!(ret(&o, 1), "EINVAL");
    assert_eq!(killed_by(&o, 2, "job").as_deref(), Some("SIGUSR1"));
}

/// kernel/signal.c `sigprocmask` → `__set_current_blocked`: a pending
/// signal that becomes unblocked is delivered before the step ends.
#[test]
fn sigprocmask_unblock_delivers_pending() {
    let o = run(shell_job(
        json!({"signals": {"SIGUSR2": "catch"}, "blocked": ["SIGUSR2"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGUSR2"},
            {"from": "job", "sigprocmask": {"set": []}},
        ]),
    ));
    assert_handled(&o, 0, &[]);
    assert_eq!(ret(&o, 1), "0");
    assert_handled(&o, 1, &["job SIGUSR2 2 SI_USER"]);
}

/// kernel/signal.c `sigprocmask`: SIGKILL and SIGSTOP are silently left
/// unblocked (ret 0); both still act.
#[test]
fn sigprocmask_cannot_block_sigkill_or_sigstop() {
    let o = run(shell_job(
        json!({}),
        json!([
            {"from": "job", "sigprocmask": {"block": ["SIGKILL", "SIGSTOP"]}},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGKILL"},
        ]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_eq!(state(&o, 1, "job"), Stopped);
    assert_eq!(killed_by(&o, 2, "job").as_deref(), Some("SIGKILL"));
}

/// kernel/signal.c `kill_something_info`: `group_of` a group whose leader is
/// PID 1 in the caller's namespace is kill(-1, sig) — the broadcast, as the
/// kernel sees the number (format note): everything visible but PID 1 and
/// the caller is hit, in or out of that group.
#[test]
fn kill_something_info_group_of_pid_1_is_the_broadcast() {
    let o = run(container_with(
        json!({"group": "session", "signals": {"SIGUSR1": "catch"}}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        vec![
            json!({"id": "member", "ns": "ctr", "parent": "app", "signals": {"SIGUSR1": "catch"}}),
            json!({"id": "outsider", "ns": "ctr", "parent": "app", "group": "new", "signals": {"SIGUSR1": "catch"}}),
        ],
        json!([{"from": "worker", "kill": {"group_of": "app"}, "sig": "SIGUSR1"}]),
    ));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(
        &o,
        0,
        &["member SIGUSR1 2 SI_USER", "outsider SIGUSR1 2 SI_USER"],
    );
}

/// kernel/signal.c `do_send_sig_info` for a kernel send to a process that
/// does not exist (never spawned): ESRCH.
#[test]
fn kernel_send_to_a_process_never_created_is_esrch() {
    let o = run(container(
        json!({}),
        json!({}),
        json!([
            {"kernel": "SIGKILL", "to": "late"},
            {"spawn": {"id": "late", "ns": "host", "parent": "shim"}},
        ]),
    ));
    assert_eq!(ret(&o, 0), "ESRCH");
    assert!(!listed(&o, 0, "late"));
    assert!(listed(&o, 1, "late"));
}

/// kernel/signal.c `prepare_signal`: SIGCONT's continue happens before the
/// ignore test, so a SIGCONT from inside the namespace resumes a stopped
/// container init even though `sig_task_ignored` then drops the SIGCONT
/// itself (SIGNAL_UNKILLABLE, SIG_DFL).
#[test]
fn prepare_signal_sigcont_from_inside_resumes_stopped_ns_init() {
    let (o, t) = run_traced(container(
        json!({}),
        json!({}),
        json!([
            {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGSTOP"},
            {"from": "worker", "kill": 1, "sig": "SIGCONT"},
        ]),
    ));
    assert_eq!(state(&o, 0, "app"), Stopped);
    assert_eq!(ret(&o, 1), "0");
    assert_eq!(state(&o, 1, "app"), Running);
    assert_eq!(verdicts_on(&t[1], "prepare_signal", "app"), ["continued"]);
    assert_eq!(verdicts_on(&t[1], "sig_task_ignored", "app"), ["dropped"]);
}

/// kernel/signal.c `sigprocmask` semantics for the scenario's `blocked`
/// field: SIGKILL and SIGSTOP are silently left out of the mask.
#[test]
fn blocked_mask_never_holds_sigkill_or_sigstop() {
    let o = run(shell_job(
        json!({"blocked": ["SIGKILL", "SIGSTOP", "SIGTERM"]}),
        json!([
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTERM"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
            {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGKILL"},
        ]),
    ));
    assert_eq!(pending(&o, 0, "job"), ["SIGTERM"]);
    assert_eq!(state(&o, 1, "job"), Stopped);
    assert_eq!(killed_by(&o, 2, "job").as_deref(), Some("SIGKILL"));
}
