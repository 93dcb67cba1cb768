//! Version tests: the same scenario under "6.18" (default), "5.10"
//! (5.10.262) and "4.19" (4.19.48), asserting each difference the port
//! models, with the upstream change that made it. See
//! `shared/kernel/kernel-signal-rules.md` §11 and `call-chains.md`.

mod common;
use common::*;
use serde_json::Value;

const ALL: [&str; 6] = ["6.18", "7.2", "6.12", "6.1", "5.10", "4.19"];
/// The eras whose verified release carries the stable "signal: avoid
/// shared siginfo namespace rewrites" (6.1.192, 6.12.118, 7.2.13).
const COPIES: [&str; 3] = ["6.1", "6.12", "7.2"];

fn traced(v: &Value, kernel: &str) -> (sigsim::Outcome, Vec<Vec<sigsim::trace::TraceStep>>) {
    run_traced(on_kernel(v, kernel))
}

fn global_init_world(actions: Value) -> Value {
    json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "sshd", "ns": "host", "parent": "systemd"},
        ],
        "actions": actions,
    })
}

// ---------------------------------------------------------------------------
// (a) 86989c41b5ea "signal: Always ignore SIGKILL and SIGSTOP sent to the
//     global init" — in 5.10 and 6.18, not in 4.19.48
// ---------------------------------------------------------------------------

/// kernel/signal.c `sig_task_ignored` rule 1 (86989c41b5ea, 2018; absent in
/// 4.19.48): the kernel's SIGKILL (SEND_SIG_PRIV, forced) to the global init
/// is dropped in 5.10 and 6.18; in 4.19 it passes SIGNAL_UNKILLABLE (forced)
/// and kills init: the kernel panics, which the port reports as a scenario
/// error.
#[test]
fn sig_task_ignored_kernel_sigkill_to_global_init_panics_only_in_4_19() {
    let v = global_init_world(json!([{"kernel": "SIGKILL", "to": "systemd"}]));
    for k in ["6.18", "5.10"] {
        let (o, t) = traced(&v, k);
        assert_eq!(ret(&o, 0), "0", "{k}");
        assert_eq!(state(&o, 0, "systemd"), Running, "{k}");
        assert_eq!(
            values(&t[0], "sig_task_ignored", "global_init"),
            ["true"],
            "{k}"
        );
        assert_eq!(verdicts(&t[0], "sig_task_ignored"), ["dropped"], "{k}");
    }
    let e =
        try_run(on_kernel(&v, "4.19"), false).expect_err("4.19 lets SIGKILL reach the global init");
    assert!(e.message.contains("panics"), "{e}");
    assert_eq!(e.path, "actions[0]");
}

/// kernel/signal.c `sig_task_ignored` (86989c41b5ea): the kernel's SIGSTOP
/// to the global init is dropped in 5.10/6.18 and stops it in 4.19.
#[test]
fn sig_task_ignored_kernel_sigstop_to_global_init_stops_it_only_in_4_19() {
    let v = global_init_world(json!([{"kernel": "SIGSTOP", "to": "systemd"}]));
    for k in ["6.18", "5.10"] {
        let o = run(on_kernel(&v, k));
        assert_eq!(state(&o, 0, "systemd"), Running, "{k}");
    }
    let o = run(on_kernel(&v, "4.19"));
    assert_eq!(state(&o, 0, "systemd"), Stopped);
}

/// kernel/signal.c `sig_task_ignored`: a user-space kill(1, SIGKILL) from
/// the root namespace is dropped in every version, but by a different rule:
/// the global-init rule in 5.10/6.18, SIGNAL_UNKILLABLE (not forced: same
/// namespace) in 4.19, which lacks 86989c41b5ea.
#[test]
fn sig_task_ignored_user_sigkill_to_global_init_dropped_by_version_specific_rule() {
    let v = global_init_world(json!([{"from": "sshd", "kill": 1, "sig": "SIGKILL"}]));
    for k in ALL {
        let (o, t) = traced(&v, k);
        assert_eq!(ret(&o, 0), "0", "{k}");
        assert_eq!(state(&o, 0, "systemd"), Running, "{k}");
        assert_eq!(verdicts(&t[0], "sig_task_ignored"), ["dropped"], "{k}");
        let global_rule = t[0]
            .iter()
            .any(|s| matches!(s.fact, sigsim::trace::Fact::GlobalInitImmune { .. }));
        assert_eq!(global_rule, k != "4.19", "{k}");
    }
}

// ---------------------------------------------------------------------------
// (b) the shared siginfo rewrite (7a0cf094944e moved it into send_signal,
//     in place): 5.10.262 and this machine's 6.18.44 rewrite the caller's
//     siginfo in place — the real kernel shows it (corpus 144, random seed
//     162). "signal: avoid shared siginfo namespace rewrites" (stable, 2026)
//     fixes it in later trees; 4.19 edits the queued copy instead.
// ---------------------------------------------------------------------------

/// kernel/signal.c `send_signal` (5.10) / `send_signal_locked` (6.18):
/// kill(-pgid) passes one siginfo to every member, newest-attached first.
/// The container init (si_pid := 0) comes before a root-namespace catcher:
/// the rewrite is done in place and the later receivers see si_pid 0 (as
/// the real 6.18.44 does); 4.19, which edits the queued copy (its
/// `__send_signal` before 7a0cf094944e), shows the sender's real PID 2.
#[test]
fn send_signal_shared_siginfo_rewrite_leaks_after_4_19() {
    // shim's group, attached in order shim, logger, app: iterated app, logger, shim.
    let v = json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "admin", "ns": "host", "parent": "systemd"},
            {"id": "shim", "ns": "host", "parent": "systemd", "group": "session", "signals": {"SIGUSR1": "catch"}},
            {"id": "logger", "ns": "host", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": [{"from": "admin", "kill": {"group_of": "shim"}, "sig": "SIGUSR1"}],
    });
    let o = run(on_kernel(&v, "4.19"));
    assert_eq!(ret(&o, 0), "0");
    assert_handled(
        &o,
        0,
        &[
            "app SIGUSR1 0 SI_USER",
            "logger SIGUSR1 2 SI_USER",
            "shim SIGUSR1 2 SI_USER",
        ],
    );
    for k in ["5.10", "6.18"] {
        let o = run(on_kernel(&v, k));
        assert_eq!(ret(&o, 0), "0", "{k}");
        assert_handled(
            &o,
            0,
            &[
                "app SIGUSR1 0 SI_USER",
                "logger SIGUSR1 0 SI_USER",
                "shim SIGUSR1 0 SI_USER",
            ],
        );
    }
}

/// kernel/signal.c `send_signal` (5.10) / `send_signal_locked` (6.18.44):
/// the in-place rewrite happens before `prepare_signal`, so a container
/// init that then drops the signal (SIG_DFL SIGUSR1, SIGNAL_UNKILLABLE)
/// still zeroes si_pid for the later receivers; 4.19 does not.
#[test]
fn send_signal_5_10_rewrite_happens_even_when_the_init_drops_the_signal() {
    let v = json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "admin", "ns": "host", "parent": "systemd"},
            {"id": "shim", "ns": "host", "parent": "systemd", "group": "session", "signals": {"SIGUSR1": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "shim"},
        ],
        "actions": [{"from": "admin", "kill": {"group_of": "shim"}, "sig": "SIGUSR1"}],
    });
    let o = run(on_kernel(&v, "4.19"));
    assert_eq!(state(&o, 0, "app"), Running);
    assert_handled(&o, 0, &["shim SIGUSR1 2 SI_USER"]);
    for k in ["5.10", "6.18"] {
        let o = run(on_kernel(&v, k));
        assert_eq!(state(&o, 0, "app"), Running, "{k}");
        assert_handled(&o, 0, &["shim SIGUSR1 0 SI_USER"]);
    }
}

/// kernel/signal.c `__kill_pgrp_info` iteration order (`hlist_add_head`:
/// newest member first) decides who is hit by the 5.10 leak: a member
/// attached *after* the container init is signalled before it and keeps
/// the real si_pid.
#[test]
fn send_signal_5_10_leak_follows_pgrp_iteration_order() {
    let v = json!({
        "format": "sigscene/1",
        "kernel": "5.10",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "admin", "ns": "host", "parent": "systemd"},
            {"id": "shim", "ns": "host", "parent": "systemd", "group": "session", "signals": {"SIGUSR1": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
            {"id": "logger", "ns": "host", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": [{"from": "admin", "kill": {"group_of": "shim"}, "sig": "SIGUSR1"}],
    });
    let o = run(v);
    assert_handled(
        &o,
        0,
        &[
            "app SIGUSR1 0 SI_USER",
            "logger SIGUSR1 2 SI_USER",
            "shim SIGUSR1 0 SI_USER",
        ],
    );
}

/// kernel/signal.c `kill_something_info` (pid == -1) walks every process in
/// creation order with one siginfo: in 5.10 and 6.18.44 a root-namespace
/// catcher created after a container process sees si_pid 0; 4.19 shows 2.
#[test]
fn send_signal_shared_siginfo_rewrite_leaks_through_kill_minus_one_after_4_19() {
    let v = json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "admin", "ns": "host", "parent": "systemd"},
            {"id": "early", "ns": "host", "parent": "systemd", "signals": {"SIGUSR1": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "systemd", "signals": {"SIGUSR1": "catch"}},
            {"id": "late", "ns": "host", "parent": "systemd", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": [{"from": "admin", "kill": -1, "sig": "SIGUSR1"}],
    });
    let o = run(on_kernel(&v, "4.19"));
    assert_handled(
        &o,
        0,
        &[
            "app SIGUSR1 0 SI_USER",
            "early SIGUSR1 2 SI_USER",
            "late SIGUSR1 2 SI_USER",
        ],
    );
    for k in ["5.10", "6.18"] {
        let o = run(on_kernel(&v, k));
        assert_handled(
            &o,
            0,
            &[
                "app SIGUSR1 0 SI_USER",
                "early SIGUSR1 2 SI_USER",
                "late SIGUSR1 0 SI_USER",
            ],
        );
    }
}

// ---------------------------------------------------------------------------
// (c) pidfd_send_signal (5.1) and pidfd_open (5.3) do not exist in 4.19
// ---------------------------------------------------------------------------

/// kernel/signal.c `pidfd_send_signal` / kernel/pid.c `pidfd_open`: ENOSYS
/// in 4.19 (added in 5.1 / 5.3) — before any lookup, so even for an
/// invisible target; 5.10 and 6.18 deliver.
#[test]
fn pidfd_send_signal_is_enosys_in_4_19() {
    let v = container(
        json!({}),
        json!({"signals": {"SIGUSR1": "catch"}}),
        json!([
            {"from": "app", "pidfd_send_signal": "worker", "sig": "SIGUSR1"},
            {"from": "worker", "pidfd_send_signal": "shim", "sig": "SIGUSR1"},
        ]),
    );
    for k in ["6.18", "5.10"] {
        let o = run(on_kernel(&v, k));
        assert_eq!(ret(&o, 0), "0", "{k}");
        assert_handled(&o, 0, &["worker SIGUSR1 1 SI_USER"]);
        assert_eq!(ret(&o, 1), "ESRCH", "{k}");
    }
    let o = run(on_kernel(&v, "4.19"));
    assert_eq!(ret(&o, 0), "ENOSYS");
    assert_handled(&o, 0, &[]);
    assert_eq!(ret(&o, 1), "ENOSYS");
}

// ---------------------------------------------------------------------------
// (d) call chains and function names (call-chains.md table 1)
// ---------------------------------------------------------------------------

fn kill_one() -> Value {
    container(
        json!({}),
        json!({}),
        json!([{"from": "app", "kill": 2, "sig": "SIGTERM"}]),
    )
}

/// kernel/signal.c `SYSCALL_DEFINE2(kill)` call chain, 6.18.
/// kill(pid > 0) on 6.18: `send_signal` → `send_signal_locked` and
/// `__send_signal` → `__send_signal_locked` ("signal: Rename send_signal
/// send_signal_locked", 5.19), `kill_pid_info` → `kill_pid_info_type`
/// ("pidfd: change pidfd_send_signal() to respect PIDFD_THREAD", 6.9).
#[test]
fn kill_call_chain_6_18() {
    let (_, t) = traced(&kill_one(), "6.18");
    let chain = [
        "kill",
        "prepare_kill_siginfo",
        "kill_something_info",
        "kill_proc_info",
        "kill_pid_info",
        "kill_pid_info_type",
        "group_send_sig_info",
        "check_kill_permission",
        "kill_ok_by_cred",
        "do_send_sig_info",
        "send_signal_locked",
        "__send_signal_locked",
        "prepare_signal",
        "sig_ignored",
        "sig_task_ignored",
        "sig_handler_ignored",
        "legacy_queue",
        "complete_signal",
    ];
    assert!(has_chain(&t[0], &chain), "{:?}", funcs(&t[0]));
    assert!(!reached(&t[0], "send_signal") && !reached(&t[0], "__send_signal"));
}

/// kernel/signal.c `SYSCALL_DEFINE2(kill)` call chain, 5.10.
/// kill(pid > 0) on 5.10: the blog post's chain, exact (kernel notes §12.10):
/// `prepare_kill_siginfo`, the `kill_proc_info` hop (added between 5.4 and
/// 5.10), `kill_pid_info`, unrenamed `send_signal` / `__send_signal`.
#[test]
fn kill_call_chain_5_10() {
    let (_, t) = traced(&kill_one(), "5.10");
    let chain = [
        "kill",
        "prepare_kill_siginfo",
        "kill_something_info",
        "kill_proc_info",
        "kill_pid_info",
        "group_send_sig_info",
        "check_kill_permission",
        "kill_ok_by_cred",
        "do_send_sig_info",
        "send_signal",
        "__send_signal",
        "prepare_signal",
        "sig_ignored",
        "sig_task_ignored",
        "sig_handler_ignored",
    ];
    assert!(has_chain(&t[0], &chain), "{:?}", funcs(&t[0]));
    for absent in [
        "kill_pid_info_type",
        "send_signal_locked",
        "__send_signal_locked",
    ] {
        assert!(!reached(&t[0], absent), "5.10 has no {absent}");
    }
}

/// kernel/signal.c `SYSCALL_DEFINE2(kill)` call chain, 4.19.
/// kill(pid > 0) on 4.19: no `prepare_kill_siginfo` helper (the siginfo is
/// built inline in `sys_kill`) and no `kill_proc_info` hop
/// (`kill_something_info` calls `kill_pid_info(find_vpid(pid))` directly).
#[test]
fn kill_call_chain_4_19() {
    let (_, t) = traced(&kill_one(), "4.19");
    let chain = [
        "kill",
        "kill_something_info",
        "kill_pid_info",
        "group_send_sig_info",
        "check_kill_permission",
        "do_send_sig_info",
        "send_signal",
        "__send_signal",
        "prepare_signal",
        "sig_ignored",
        "sig_task_ignored",
        "sig_handler_ignored",
    ];
    assert!(has_chain(&t[0], &chain), "{:?}", funcs(&t[0]));
    for absent in [
        "prepare_kill_siginfo",
        "kill_proc_info",
        "kill_pid_info_type",
        "send_signal_locked",
    ] {
        assert!(!reached(&t[0], absent), "4.19 has no {absent}");
    }
}

/// kernel/signal.c `do_rt_sigqueueinfo`:
/// rt_sigqueueinfo → `do_rt_sigqueueinfo` → `kill_proc_info` in every
/// version, 4.19 included (only kill(2) lacked the hop there).
#[test]
fn sigqueue_goes_through_kill_proc_info_in_every_version() {
    let v = container(
        json!({}),
        json!({}),
        json!([{"from": "app", "sigqueue": 2, "sig": "SIGUSR2"}]),
    );
    for k in ALL {
        let (o, t) = traced(&v, k);
        assert!(
            has_chain(
                &t[0],
                &[
                    "do_rt_sigqueueinfo",
                    "kill_proc_info",
                    "group_send_sig_info"
                ]
            ),
            "{k}: {:?}",
            funcs(&t[0])
        );
        assert_eq!(
            killed_by(&o, 0, "worker").as_deref(),
            Some("SIGUSR2"),
            "{k}"
        );
    }
}

/// kernel/signal.c `do_tkill`:
/// tgkill → `do_tkill`: 6.18 builds the siginfo with
/// `prepare_kill_siginfo(sig, &info, PIDTYPE_PID)` (the PIDFD_THREAD work,
/// 6.9); 5.10 and 4.19 build it inline in `do_tkill` (call-chains.md §3:
/// "≤6.1: info built inline"), so neither `prepare_kill_siginfo` nor
/// `kill` is on their path.
#[test]
fn tgkill_builds_siginfo_per_version() {
    let v = container(
        json!({}),
        json!({}),
        json!([{"from": "app", "tgkill": 2, "sig": "SIGUSR2"}]),
    );
    let (_, t) = traced(&v, "6.18");
    assert!(
        has_chain(
            &t[0],
            &["tgkill", "prepare_kill_siginfo", "do_send_specific"]
        ),
        "{:?}",
        funcs(&t[0])
    );
    for k in ["5.10", "4.19"] {
        let (o, t) = traced(&v, k);
        assert_eq!(
            killed_by(&o, 0, "worker").as_deref(),
            Some("SIGUSR2"),
            "{k}"
        );
        assert!(
            has_chain(&t[0], &["tgkill", "do_send_specific"]),
            "{k}: {:?}",
            funcs(&t[0])
        );
        assert!(
            !reached(&t[0], "prepare_kill_siginfo"),
            "{k}: {:?}",
            funcs(&t[0])
        );
        assert!(!reached(&t[0], "kill"), "{k}: {:?}", funcs(&t[0]));
    }
}

/// kernel/signal.c `SYSCALL_DEFINE4(pidfd_send_signal)`:
/// pidfd_send_signal without a siginfo: 6.18 calls `kill_pid_info_type`
/// directly (6.12 inlines everything in the syscall; no `kill_pid_info`
/// wrapper on this path); 5.10 calls `kill_pid_info`.
#[test]
fn pidfd_send_signal_call_chain_per_version() {
    let v = container(
        json!({}),
        json!({}),
        json!([{"from": "app", "pidfd_send_signal": "worker", "sig": "SIGUSR2"}]),
    );
    let (_, t) = traced(&v, "6.18");
    assert!(
        has_chain(
            &t[0],
            &[
                "pidfd_send_signal",
                "prepare_kill_siginfo",
                "kill_pid_info_type",
                "group_send_sig_info"
            ]
        ),
        "{:?}",
        funcs(&t[0])
    );
    assert!(!reached(&t[0], "kill_pid_info"), "6.18: {:?}", funcs(&t[0]));
    let (_, t) = traced(&v, "5.10");
    assert!(
        has_chain(
            &t[0],
            &[
                "pidfd_send_signal",
                "prepare_kill_siginfo",
                "kill_pid_info",
                "group_send_sig_info"
            ]
        ),
        "{:?}",
        funcs(&t[0])
    );
    assert!(!reached(&t[0], "kill_pid_info_type"));
}

/// kernel/signal.c `send_signal` in 4.19 computes `from_ancestor_ns`; 5.10
/// and 6.18 compute `force` ("signal: Move the computation of force into
/// send_signal and correct it", 5.2). Same outcome: the host's SIGKILL kills
/// the container init in all three.
#[test]
fn send_signal_from_ancestor_ns_in_4_19_force_later() {
    let v = container(
        json!({}),
        json!({}),
        json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}]),
    );
    let (o, t) = traced(&v, "4.19");
    assert_eq!(killed_by(&o, 0, "app").as_deref(), Some("SIGKILL"));
    assert_eq!(
        values(&t[0], "send_signal", "from_ancestor_ns")
            .first()
            .map(String::as_str),
        Some("true")
    );
    for (k, f) in [("5.10", "send_signal"), ("6.18", "send_signal_locked")] {
        let (o, t) = traced(&v, k);
        assert_eq!(killed_by(&o, 0, "app").as_deref(), Some("SIGKILL"), "{k}");
        assert_eq!(
            values(&t[0], f, "force").first().map(String::as_str),
            Some("true"),
            "{k}"
        );
        assert!(values(&t[0], f, "from_ancestor_ns").is_empty(), "{k}");
    }
}

/// kernel/pid_namespace.c `zap_pid_ns_processes`: 4.19 kills with
/// `send_sig_info(SIGKILL, SEND_SIG_FORCED, t)`; "signal: Remove
/// SEND_SIG_FORCED" (5.0) made it `group_send_sig_info(SIGKILL,
/// SEND_SIG_PRIV, t, PIDTYPE_MAX)`. Both are forced: a nested init dies.
#[test]
fn zap_pid_ns_processes_send_path_per_version() {
    let v = json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "inner", "parent": "ctr"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "shim", "ns": "host", "parent": "systemd"},
            {"id": "app", "ns": "ctr", "parent": "shim"},
            {"id": "inner-init", "ns": "inner", "parent": "app"},
        ],
        "actions": [{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}],
    });
    for k in ALL {
        let (o, t) = traced(&v, k);
        assert_eq!(
            killed_by(&o, 0, "inner-init").as_deref(),
            Some("SIGKILL"),
            "{k}"
        );
        let zap = &t[0][t[0]
            .iter()
            .position(|s| s.func == sigsim::version::Func::ZapPidNsProcesses)
            .expect("zap")..];
        assert_eq!(
            reached(zap, "send_sig_info"),
            k == "4.19",
            "{k}: {:?}",
            funcs(zap)
        );
    }
}

// ---------------------------------------------------------------------------
// (e) "signal: Drop signals received after a fatal signal has been
//     processed" (Eric Biederman, 2022, 6.0)
// ---------------------------------------------------------------------------

/// kernel/signal.c `prepare_signal`: a signal to a process already in group
/// exit (a zombie) is dropped outright in 6.18; 5.10 and 4.19 fall through
/// to the ignore test and may queue it on the dying process. The outcome
/// is the same (a dead process shows no pending; kill returns 0).
#[test]
fn prepare_signal_drops_signal_to_dying_process_from_6_0() {
    let v = container(
        json!({}),
        json!({}),
        json!([
            {"from": "app", "kill": 2, "sig": "SIGTERM"},
            {"from": "app", "kill": 2, "sig": "SIGUSR1"},
        ]),
    );
    let (o, t) = traced(&v, "6.18");
    assert_eq!(killed_by(&o, 0, "worker").as_deref(), Some("SIGTERM"));
    assert_eq!(ret(&o, 1), "0");
    assert_eq!(verdicts(&t[1], "prepare_signal"), ["dropped"]);
    assert!(!reached(&t[1], "sig_ignored"));
    for k in ["5.10", "4.19"] {
        let (o, t) = traced(&v, k);
        assert_eq!(ret(&o, 1), "0", "{k}");
        assert!(pending(&o, 1, "worker").is_empty(), "{k}");
        assert!(verdicts(&t[1], "prepare_signal").is_empty(), "{k}");
        assert!(reached(&t[1], "sig_ignored"), "{k}");
        assert_eq!(verdicts(&t[1], "__send_signal"), ["queued"], "{k}");
    }
}

// ---------------------------------------------------------------------------
// Where no modelled rule differs, the three versions agree
// ---------------------------------------------------------------------------

/// kernel/signal.c, kernel/exit.c, kernel/pid_namespace.c:
/// The rules common to 4.19.48, 5.10.262 and 6.18 (kernel notes §3, §5.3
/// rule 2, §7.2, §9.4, §2.2) give identical outcomes in all three.
#[test]
fn outcomes_agree_across_versions_where_no_rule_differs() {
    let scenarios = [
        container(
            json!({}),
            json!({}),
            json!([{"from": "worker", "kill": 1, "sig": "SIGKILL"}]),
        ),
        container(
            json!({}),
            json!({}),
            json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGTERM"}]),
        ),
        container(
            json!({}),
            json!({}),
            json!([{"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGKILL"}]),
        ),
        container(
            json!({"blocked": ["SIGUSR1"]}),
            json!({}),
            json!([
                {"from": "shim", "kill": {"pid_of": "app"}, "sig": "SIGUSR1"},
                {"from": "app", "sigaction": {"SIGUSR1": "catch"}},
                {"from": "app", "sigprocmask": {"unblock": ["SIGUSR1"]}},
            ]),
        ),
        container(
            json!({"signals": {"SIGUSR1": "catch"}}),
            json!({"signals": {"SIGUSR1": "catch"}}),
            json!([
                {"from": "app", "tgkill": 2, "sig": "SIGUSR1"},
                {"from": "app", "sigqueue": 2, "sig": "SIGUSR1"},
                {"from": "shim", "kill": 4, "sig": "SIGUSR1"},
                {"from": "shim", "kill": -2147483648i64, "sig": 0},
                {"from": "worker", "kill": -1, "sig": 65},
                {"from": "app", "kill": 0, "sig": "SIGUSR1"},
            ]),
        ),
        shell_job(
            json!({"signals": {"SIGHUP": "catch"}}),
            json!([
                {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGSTOP"},
                {"from": "shell", "kill": {"pid_of": "job"}, "sig": "SIGTERM"},
                {"exit": "shell"},
            ]),
        ),
    ];
    for (i, v) in scenarios.iter().enumerate() {
        let reference = run(on_kernel(v, "6.18"));
        for k in ["7.2", "6.12", "6.1", "5.10", "4.19"] {
            let o = run(on_kernel(v, k));
            assert!(
                o.same_as(&reference),
                "scenario {i}, {k}: {:?}",
                o.first_difference(&reference)
            );
        }
    }
}

// ---------------------------------------------------------------------------
// (f) 6.1.192, 6.12.118 and 7.2.13: the exact Debian releases verified in
//     qemu (`make verify-era`), beside this machine's 6.18.44
// ---------------------------------------------------------------------------

fn pgrp_catchers() -> Value {
    json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "admin", "ns": "host", "parent": "systemd"},
            {"id": "shim", "ns": "host", "parent": "systemd", "group": "session", "signals": {"SIGUSR1": "catch"}},
            {"id": "logger", "ns": "host", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "shim", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": [{"from": "admin", "kill": {"group_of": "shim"}, "sig": "SIGUSR1"}],
    })
}

/// kernel/signal.c `send_signal_locked`, "signal: avoid shared siginfo
/// namespace rewrites" (stable, 2026; in 6.1.192, 6.12.117+ and 7.2.13,
/// not in 6.18.44): the sender is hidden from the container process on a
/// copy, so the later members of kill(-pgid) still see its PID 2.
#[test]
fn send_signal_locked_hides_the_sender_on_a_copy_in_6_1_6_12_7_2() {
    for k in COPIES {
        let (o, t) = traced(&pgrp_catchers(), k);
        assert_eq!(ret(&o, 0), "0", "{k}");
        assert_handled(
            &o,
            0,
            &[
                "app SIGUSR1 0 SI_USER",
                "logger SIGUSR1 2 SI_USER",
                "shim SIGUSR1 2 SI_USER",
            ],
        );
        assert_eq!(
            values(&t[0], "send_signal_locked", "si_pid"),
            ["0", "2", "2"],
            "{k}"
        );
    }
    let o = run(on_kernel(&pgrp_catchers(), "6.18"));
    assert_handled(
        &o,
        0,
        &[
            "app SIGUSR1 0 SI_USER",
            "logger SIGUSR1 0 SI_USER",
            "shim SIGUSR1 0 SI_USER",
        ],
    );
}

/// kernel/signal.c `kill_something_info` (pid == -1) with the stable
/// "signal: avoid shared siginfo namespace rewrites": a root-namespace
/// catcher created after a container process keeps si_pid 2 in 6.1, 6.12
/// and 7.2 (0 in 6.18.44: `send_signal_shared_siginfo_rewrite_leaks_…`).
#[test]
fn kill_minus_one_keeps_the_sender_for_later_recipients_in_6_1_6_12_7_2() {
    let v = json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": [
            {"id": "systemd", "ns": "host"},
            {"id": "admin", "ns": "host", "parent": "systemd"},
            {"id": "early", "ns": "host", "parent": "systemd", "signals": {"SIGUSR1": "catch"}},
            {"id": "app", "ns": "ctr", "parent": "systemd", "signals": {"SIGUSR1": "catch"}},
            {"id": "late", "ns": "host", "parent": "systemd", "signals": {"SIGUSR1": "catch"}},
        ],
        "actions": [{"from": "admin", "kill": -1, "sig": "SIGUSR1"}],
    });
    for k in COPIES {
        let o = run(on_kernel(&v, k));
        assert_eq!(ret(&o, 0), "0", "{k}");
        assert_handled(
            &o,
            0,
            &[
                "app SIGUSR1 0 SI_USER",
                "early SIGUSR1 2 SI_USER",
                "late SIGUSR1 2 SI_USER",
            ],
        );
    }
}

/// kernel/signal.c `SYSCALL_DEFINE2(kill)` call chain, 6.1.192: the
/// `*_locked` names ("signal: Rename send_signal send_signal_locked",
/// 5.19) but still `kill_pid_info` alone (`kill_pid_info_type` came with
/// "pidfd: change pidfd_send_signal() to respect PIDFD_THREAD", 6.9).
#[test]
fn kill_call_chain_6_1() {
    let (_, t) = traced(&kill_one(), "6.1");
    let chain = [
        "kill",
        "prepare_kill_siginfo",
        "kill_something_info",
        "kill_proc_info",
        "kill_pid_info",
        "group_send_sig_info",
        "check_kill_permission",
        "kill_ok_by_cred",
        "do_send_sig_info",
        "send_signal_locked",
        "__send_signal_locked",
        "prepare_signal",
        "sig_ignored",
        "sig_task_ignored",
        "sig_handler_ignored",
        "legacy_queue",
        "complete_signal",
    ];
    assert!(has_chain(&t[0], &chain), "{:?}", funcs(&t[0]));
    assert!(!reached(&t[0], "kill_pid_info_type"), "{:?}", funcs(&t[0]));
}

/// kernel/signal.c `SYSCALL_DEFINE2(kill)` call chain, 6.12.118 and
/// 7.2.13: the names of 6.18 — `*_locked` (5.19) and the `kill_pid_info`
/// wrapper around `kill_pid_info_type` (6.9).
#[test]
fn kill_call_chain_6_12_and_7_2_match_6_18() {
    let (_, reference) = traced(&kill_one(), "6.18");
    for k in ["6.12", "7.2"] {
        let (_, t) = traced(&kill_one(), k);
        assert_eq!(funcs(&t[0]), funcs(&reference[0]), "{k}");
        assert!(reached(&t[0], "kill_pid_info_type"), "{k}");
    }
}

/// kernel/signal.c `do_tkill`: 6.1.192 builds the SI_TKILL siginfo inline;
/// 6.12 and 7.2 through `prepare_kill_siginfo(…, PIDTYPE_PID)` (the
/// PIDFD_THREAD work, 6.9).
#[test]
fn tgkill_builds_siginfo_inline_in_6_1_with_prepare_kill_siginfo_since_6_12() {
    let v = container(
        json!({}),
        json!({}),
        json!([{"from": "app", "tgkill": 2, "sig": "SIGUSR2"}]),
    );
    let (_, t) = traced(&v, "6.1");
    assert!(
        has_chain(&t[0], &["tgkill", "do_send_specific"]),
        "{:?}",
        funcs(&t[0])
    );
    assert!(
        !reached(&t[0], "prepare_kill_siginfo"),
        "{:?}",
        funcs(&t[0])
    );
    for k in ["6.12", "7.2"] {
        let (_, t) = traced(&v, k);
        assert!(
            has_chain(
                &t[0],
                &["tgkill", "prepare_kill_siginfo", "do_send_specific"]
            ),
            "{k}: {:?}",
            funcs(&t[0])
        );
    }
}

/// kernel/signal.c `SYSCALL_DEFINE4(pidfd_send_signal)`: `kill_pid_info`
/// in 6.1.192, `kill_pid_info_type` directly in 6.12.118 and 7.2.13 (6.9).
#[test]
fn pidfd_send_signal_call_chain_6_1_6_12_7_2() {
    let v = container(
        json!({}),
        json!({}),
        json!([{"from": "app", "pidfd_send_signal": "worker", "sig": "SIGUSR2"}]),
    );
    let (_, t) = traced(&v, "6.1");
    assert!(
        has_chain(
            &t[0],
            &[
                "pidfd_send_signal",
                "prepare_kill_siginfo",
                "kill_pid_info",
                "group_send_sig_info"
            ]
        ),
        "{:?}",
        funcs(&t[0])
    );
    assert!(!reached(&t[0], "kill_pid_info_type"));
    for k in ["6.12", "7.2"] {
        let (_, t) = traced(&v, k);
        assert!(
            has_chain(
                &t[0],
                &[
                    "pidfd_send_signal",
                    "prepare_kill_siginfo",
                    "kill_pid_info_type",
                    "group_send_sig_info"
                ]
            ),
            "{k}: {:?}",
            funcs(&t[0])
        );
        assert!(!reached(&t[0], "kill_pid_info"), "{k}: {:?}", funcs(&t[0]));
    }
}

/// kernel/signal.c `prepare_signal`, "signal: Drop signals received after
/// a fatal signal has been processed" (6.1): 6.1.192, 6.12.118 and 7.2.13
/// drop a signal to a process already in group exit, as 6.18 does.
#[test]
fn prepare_signal_drops_signal_to_dying_process_in_6_1_6_12_7_2() {
    let v = container(
        json!({}),
        json!({}),
        json!([
            {"from": "app", "kill": 2, "sig": "SIGTERM"},
            {"from": "app", "kill": 2, "sig": "SIGUSR1"},
        ]),
    );
    for k in COPIES {
        let (o, t) = traced(&v, k);
        assert_eq!(
            killed_by(&o, 0, "worker").as_deref(),
            Some("SIGTERM"),
            "{k}"
        );
        assert_eq!(verdicts(&t[1], "prepare_signal"), ["dropped"], "{k}");
        assert!(!reached(&t[1], "sig_ignored"), "{k}");
    }
}
