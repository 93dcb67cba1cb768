//! Scenario errors (the CLI's exit-2 class), each with the path of the
//! offending field: `sigsim::validate` for what can be checked statically,
//! `sigsim::simulate` for what depends on the run. The kernel rule behind
//! each check is named in its doc comment.

mod common;
use common::*;
use serde_json::Value;

fn base(processes: Value, actions: Value) -> Value {
    json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}, {"id": "ctr", "parent": "host"}],
        "processes": processes,
        "actions": actions,
    })
}

/// A validation error (not a run error): `sigsim::validate` must refuse it.
#[track_caller]
fn invalid(v: Value) -> sigsim::ScenarioError {
    match sigsim::validate(&scenario(v)) {
        Ok(_) => panic!("validate accepted an invalid scenario"),
        Err(e) => e,
    }
}

/// A run error: validation passes, `sigsim::simulate` refuses.
#[track_caller]
fn run_error(v: Value) -> sigsim::ScenarioError {
    let p = plan(v);
    match sigsim::simulate(&p, sigsim::Options::default(), false) {
        Ok(_) => panic!("simulate ran a scenario that should fail"),
        Err(e) => e,
    }
}

fn two() -> Value {
    json!([
        {"id": "systemd", "ns": "host"},
        {"id": "app", "ns": "ctr", "parent": "systemd"},
    ])
}

/// sigsim `validate::validate` (format: `format` must be "sigscene/1"); no kernel function.
/// Invalid structure: a wrong `format` string.
#[test]
fn validate_rejects_wrong_format() {
    let mut v = base(two(), json!([]));
    v["format"] = json!("sigscene/2");
    assert_eq!(invalid(v).path, "format");
}

/// sigsim `validate::validate` (`kernel`: a version the port follows); no
/// kernel function. The eras verified in guests are accepted, others refused
/// with the list.
#[test]
fn validate_kernel_accepts_every_version_followed() {
    for k in ["6.18", "7.2", "6.12", "6.1", "5.10", "4.19"] {
        let mut v = base(two(), json!([]));
        v["kernel"] = json!(k);
        let s: sigsim::Scenario = serde_json::from_value(v).unwrap();
        assert!(sigsim::validate::validate(&s).is_ok(), "{k}");
    }
    let mut v = base(two(), json!([]));
    v["kernel"] = json!("6.2");
    let e = invalid(v);
    assert_eq!(e.path, "kernel");
    assert!(e.message.contains("6.12, 6.1"), "{e}");
}

/// sigsim `scenario::Scenario` deserialisation (format: required fields and types); no kernel function.
/// Invalid structure: missing required fields or wrong types are refused
/// by the scenario types themselves.
#[test]
fn scenario_rejects_missing_and_mistyped_fields() {
    let missing = json!({"format": "sigscene/1", "namespaces": [{"id": "host"}]});
    let e = serde_json::from_value::<sigsim::Scenario>(missing).unwrap_err();
    assert!(e.to_string().contains("processes"), "{e}");
    let mistyped = json!({"format": "sigscene/1", "namespaces": {}, "processes": []});
    assert!(serde_json::from_value::<sigsim::Scenario>(mistyped).is_err());
}

/// sigsim `scenario` types, `deny_unknown_fields` (format: an unknown field is an error); no kernel function.
/// Unknown fields are errors, not silently dropped, at every level
/// (`deny_unknown_fields`): the error names the field.
#[test]
fn scenario_rejects_unknown_fields() {
    let mut top = base(two(), json!([]));
    top["expected"] = json!({});
    let e = serde_json::from_value::<sigsim::Scenario>(top).unwrap_err();
    assert!(e.to_string().contains("`expected`"), "{e}");

    let proc_field = base(
        json!([{"id": "systemd", "ns": "host", "name": "init"}]),
        json!([]),
    );
    let e = serde_json::from_value::<sigsim::Scenario>(proc_field).unwrap_err();
    assert!(e.to_string().contains("`name`"), "{e}");

    let action_field = base(
        two(),
        json!([{"from": "systemd", "kill": 2, "sig": "SIGTERM", "expect": 0}]),
    );
    let e = serde_json::from_value::<sigsim::Scenario>(action_field).unwrap_err();
    assert!(e.to_string().contains("`expect`"), "{e}");
}

/// sigsim `validate` (`Builder::action`: one action kind per entry); no kernel function.
/// A field of another action kind is an error with its path.
#[test]
fn validate_rejects_field_of_another_action_kind() {
    let e = invalid(base(two(), json!([{"exit": "app", "sig": "SIGTERM"}])));
    assert_eq!(e.path, "actions[0].sig");
    let e = invalid(base(
        two(),
        json!([{"from": "app", "kill": 1, "exit": "app"}]),
    ));
    assert_eq!(e.path, "actions[0].exit");
    let e = invalid(base(two(), json!([{"from": "app"}])));
    assert_eq!(e.path, "actions[0]");
}

/// sigsim `validate` (`Builder::proc`); no kernel function.
/// An undefined process is an error at the field that names it.
#[test]
fn validate_rejects_undefined_process() {
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "ghost", "kill": 1, "sig": "SIGTERM"}])
        ))
        .path,
        "actions[0].from"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "kill": {"pid_of": "ghost"}, "sig": 0}])
        ))
        .path,
        "actions[0].kill.pid_of"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "kill": {"group_of": "ghost"}, "sig": 0}])
        ))
        .path,
        "actions[0].kill.group_of"
    );
    assert_eq!(
        invalid(base(two(), json!([{"kernel": "SIGKILL", "to": "ghost"}]))).path,
        "actions[0].to"
    );
    assert_eq!(
        invalid(base(two(), json!([{"exit": "ghost"}]))).path,
        "actions[0].exit"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "pidfd_send_signal": "ghost", "sig": 1}])
        ))
        .path,
        "actions[0].pidfd_send_signal"
    );
    let parent = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "a", "ns": "host", "parent": "ghost"}]),
        json!([]),
    );
    assert_eq!(invalid(parent).path, "processes[1].parent");
}

/// sigsim `validate` (`Builder::ns`, `namespaces`); no kernel function.
/// An undefined namespace is an error at the field that names it.
#[test]
fn validate_rejects_undefined_namespace() {
    let v = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "a", "ns": "nowhere", "parent": "systemd"}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[1].ns");
    let mut v = base(two(), json!([]));
    v["namespaces"] = json!([{"id": "host"}, {"id": "ctr", "parent": "nowhere"}]);
    assert_eq!(invalid(v).path, "namespaces[1].parent");
}

/// sigsim `validate` (`namespaces`: one root, the simulator's `init_pid_ns`).
/// Exactly one root namespace (the simulator's `init_pid_ns`).
#[test]
fn validate_rejects_two_root_namespaces() {
    let mut v = base(two(), json!([]));
    v["namespaces"] = json!([{"id": "host"}, {"id": "other"}, {"id": "ctr", "parent": "host"}]);
    assert!(invalid(v).path.starts_with("namespaces[1]"));
}

/// sigsim `validate` (`namespaces`); no kernel function. The port builds
/// namespaces in the order listed, so a parent comes before its children
/// (the format says so); one listed later, or a namespace that is its own
/// parent, is refused at its `parent` instead of reaching the port (it
/// once indexed out of bounds in `add_namespace`).
#[test]
fn validate_rejects_a_namespace_listed_before_its_parent() {
    let v = json!({"format": "sigscene/1",
        "namespaces": [{"id": "c", "parent": "h"}, {"id": "h"}],
        "processes": [{"id": "i", "ns": "h"}]});
    let e = invalid(v);
    assert_eq!(e.path, "namespaces[0].parent");
    let mut v = base(two(), json!([]));
    v["namespaces"] =
        json!([{"id": "host"}, {"id": "a", "parent": "b"}, {"id": "b", "parent": "host"}]);
    assert_eq!(invalid(v).path, "namespaces[1].parent");
    let mut v = base(two(), json!([]));
    v["namespaces"] = json!([{"id": "host"}, {"id": "loop", "parent": "loop"}]);
    assert_eq!(invalid(v).path, "namespaces[1].parent");
}

/// sigsim `validate`; no kernel function. One object naming a signal
/// twice, by an alias (`SIGCLD`) or its number, is refused at the second
/// name: which disposition was meant cannot be told.
#[test]
fn validate_rejects_a_signal_named_twice_in_one_object() {
    let v = base(
        json!([{"id": "systemd", "ns": "host"},
               {"id": "a", "ns": "host", "parent": "systemd", "signals": {"SIGCHLD": "catch", "SIGCLD": "ignore"}}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[1].signals.SIGCLD");
    let v = base(
        json!([{"id": "systemd", "ns": "host"}]),
        json!([{"from": "systemd", "sigaction": {"SIGIO": "catch", "SIGPOLL": "catch"}}]),
    );
    assert_eq!(invalid(v).path, "actions[0].sigaction.SIGPOLL");
}

/// sigsim `validate`; no kernel function. The objects are unordered, so
/// "the second name" is the one that sorts second (byte order): `64`
/// before `SIGRTMAX`, `SIGABRT` before `SIGIOT`, whatever order is written.
#[test]
fn validate_rejects_a_signal_named_twice_by_number_or_alias_at_the_later_key() {
    for (signals, at) in [
        (json!({"SIGRTMAX": "catch", "64": "ignore"}), "SIGRTMAX"),
        (
            json!({"SIGRTMIN+30": "catch", "SIGRTMAX": "catch"}),
            "SIGRTMIN+30",
        ),
        (json!({"SIGIOT": "ignore", "SIGABRT": "catch"}), "SIGIOT"),
        (json!({"SIGCHLD": "ignore", "17": "ignore"}), "SIGCHLD"),
        (
            json!({"SIGRTMAX-1": "catch", "SIGRTMIN+29": "default"}),
            "SIGRTMIN+29",
        ),
    ] {
        let v = base(
            json!([{"id": "systemd", "ns": "host"}]),
            json!([{"from": "systemd", "sigaction": signals.clone()}]),
        );
        let e = invalid(v);
        assert_eq!(e.path, format!("actions[0].sigaction.{at}"), "{signals}");
        assert!(e.message.contains("a second time"), "{}", e.message);
    }
}

/// sigsim `Signal::parse`; no kernel function. A number has one spelling,
/// JSON's: `"017"` and `"+17"` are not SIGCHLD (they would hide a signal
/// named twice).
#[test]
fn validate_rejects_a_signal_number_spelled_another_way() {
    for key in ["017", "+17", "SIGRTMIN+01", "SIGRTMIN++1"] {
        let v = base(
            json!([{"id": "systemd", "ns": "host", "signals": {key: "ignore"}}]),
            json!([]),
        );
        let e = invalid(v);
        assert_eq!(e.path, format!("processes[0].signals.{key}"));
        assert!(e.message.starts_with("unknown signal"), "{}", e.message);
    }
    let v = base(
        json!([{"id": "systemd", "ns": "host", "blocked": ["SIGINT", "+2"]}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[0].blocked[1]");
}

/// sigsim `validate`; `sigprocmask` (kernel/signal.c) takes a set. A mask
/// listing one signal twice, by any of its names, is that set: `blocked`
/// and `sigprocmask` accept it, as `sigaddset` twice does.
#[test]
fn validate_accepts_a_signal_listed_twice_in_a_mask() {
    let once = plan(base(
        json!([{"id": "systemd", "ns": "host", "blocked": ["SIGCHLD"]}]),
        json!([{"from": "systemd", "sigprocmask": {"block": ["SIGIO"]}}]),
    ));
    let twice = plan(base(
        json!([{"id": "systemd", "ns": "host", "blocked": ["SIGCHLD", "SIGCLD", 17, "17", "SIGCHLD"]}]),
        json!([{"from": "systemd", "sigprocmask": {"block": ["SIGIO", "SIGPOLL", 29]}}]),
    ));
    assert_eq!(once.processes[0].blocked, twice.processes[0].blocked);
    assert_eq!(once.actions, twice.actions);
}

/// sigsim `validate` (`Builder::process`); no kernel function.
/// Duplicate ids are errors.
#[test]
fn validate_rejects_duplicate_ids() {
    let v = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "systemd", "ns": "host", "parent": "systemd"}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[1].id");
}

fn chain(depth: usize) -> Value {
    let mut namespaces = vec![json!({"id": "ns0"})];
    for i in 1..=depth {
        namespaces.push(json!({"id": format!("ns{i}"), "parent": format!("ns{}", i - 1)}));
    }
    json!({"format": "sigscene/1", "namespaces": namespaces, "processes": [{"id": "init", "ns": "ns0"}]})
}

/// include/linux/pid_namespace.h `MAX_PID_NS_LEVEL` (32) and
/// kernel/pid_namespace.c `create_pid_namespace` (ENOSPC beyond it): level
/// 32 is the deepest allowed (LTP pidns32); level 33 is a scenario error
/// naming that namespace.
#[test]
fn validate_limits_depth_to_max_pid_ns_level() {
    assert_eq!(plan(chain(32)).namespaces.last().map(|n| n.level), Some(32));
    assert_eq!(invalid(chain(33)).path, "namespaces[33]");
}

/// kernel/signal.c `do_sigaction`: SIGKILL and SIGSTOP cannot be caught or
/// ignored (EINVAL), so a scenario saying so is invalid.
#[test]
fn validate_rejects_sigkill_or_sigstop_caught_or_ignored() {
    let v = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "a", "ns": "host", "parent": "systemd", "signals": {"SIGKILL": "catch"}}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[1].signals.SIGKILL");
    let v = base(
        json!([{"id": "systemd", "ns": "host", "signals": {"SIGSTOP": "ignore"}}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[0].signals.SIGSTOP");
    let ok = base(
        json!([{"id": "systemd", "ns": "host", "signals": {"SIGKILL": "default"}}]),
        json!([]),
    );
    plan(ok);
}

/// include/linux/signal.h `valid_signal` (1..=_NSIG) as sigsim `validate` applies it to dispositions and masks.
/// `valid_signal`: a disposition for a signal outside 1..64 is invalid.
#[test]
fn validate_rejects_signal_out_of_range_in_disposition() {
    for key in ["SIGRTMIN+31", "65", "0", "SIGFOO"] {
        let v = base(
            json!([{"id": "systemd", "ns": "host", "signals": {key: "catch"}}]),
            json!([]),
        );
        assert_eq!(
            invalid(v).path,
            format!("processes[0].signals.{key}"),
            "{key}"
        );
    }
    let v = base(
        json!([{"id": "systemd", "ns": "host", "blocked": [65]}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[0].blocked[0]");
    let v = base(
        two(),
        json!([{"from": "app", "sigaction": {"SIGRTMIN+31": "catch"}}]),
    );
    assert_eq!(invalid(v).path, "actions[0].sigaction.SIGRTMIN+31");
}

/// sigsim `validate` (`raw_signal`): names are checked, raw numbers are left to kernel/signal.c `check_kill_permission`.
/// A signal name that does not exist is invalid (a raw number is passed to
/// the kernel as is).
#[test]
fn validate_rejects_unknown_signal_name_but_passes_raw_numbers() {
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "kill": 1, "sig": "SIGFOO"}])
        ))
        .path,
        "actions[0].sig"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "kill": 1, "sig": "sigterm"}])
        ))
        .path,
        "actions[0].sig"
    );
    plan(base(
        two(),
        json!([{"from": "app", "kill": 1, "sig": 2000}]),
    ));
    assert_eq!(
        invalid(base(two(), json!([{"kernel": 0, "to": "app"}]))).path,
        "actions[0].kernel"
    );
}

/// kernel/fork.c / `create_pid_namespace` / `pidns_install`: a parent that
/// could not have made that child — a namespace's first process must come
/// from the parent namespace, a later one from that namespace or an
/// ancestor (setns), never from a sibling.
#[test]
fn validate_rejects_a_parent_that_could_not_have_made_the_child() {
    let mut v = base(
        json!([
            {"id": "systemd", "ns": "host"},
            {"id": "web", "ns": "ctr", "parent": "systemd"},
            {"id": "db", "ns": "ctr2", "parent": "systemd"},
            {"id": "bad", "ns": "ctr", "parent": "db"},
        ]),
        json!([]),
    );
    v["namespaces"] =
        json!([{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "ctr2", "parent": "host"}]);
    assert_eq!(invalid(v).path, "processes[3].parent");

    // The first process of a grandchild namespace made directly from the root.
    let mut v = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "deep", "ns": "inner", "parent": "systemd"}]),
        json!([]),
    );
    v["namespaces"] =
        json!([{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "inner", "parent": "ctr"}]);
    assert_eq!(invalid(v).path, "processes[1].parent");

    // A child in an ancestor namespace of its parent.
    let v = base(
        json!([
            {"id": "systemd", "ns": "host"},
            {"id": "app", "ns": "ctr", "parent": "systemd"},
            {"id": "up", "ns": "host", "parent": "app"},
        ]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[2].parent");
}

/// init/main.c (the global init is PID 1, made by the kernel) as sigsim `validate` requires it.
/// The first process must be the global init, with no parent; every other
/// process has one.
#[test]
fn validate_requires_global_init_first_and_parents_after() {
    let v = base(json!([{"id": "a", "ns": "host", "parent": "a"}]), json!([]));
    assert_eq!(invalid(v).path, "processes[0].parent");
    let v = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "orphan", "ns": "host"}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[1].parent");
    let v = base(
        json!([{"id": "systemd", "ns": "host", "group": "new"}]),
        json!([]),
    );
    assert_eq!(invalid(v).path, "processes[0].group");
}

/// kernel/pid_namespace.c `copy_pid_ns` / `pidns_install` as sigsim `Kernel::creation` checks them.
/// A spawn whose parent could not have made the child is an error at the
/// spawn's parent: statically for a sibling namespace, at run time for the
/// first process of a still-empty namespace made from the wrong level
/// (`clone(CLONE_NEWPID)` makes a child of the caller's own namespace).
#[test]
fn spawn_by_a_parent_that_could_not_make_it_is_an_error() {
    let mut v = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "web", "ns": "ctr", "parent": "systemd"}]),
        json!([{"spawn": {"id": "x", "ns": "ctr2", "parent": "web"}}]),
    );
    v["namespaces"] =
        json!([{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "ctr2", "parent": "host"}]);
    assert_eq!(invalid(v).path, "actions[0].spawn.parent");

    let mut v = base(
        json!([{"id": "systemd", "ns": "host"}, {"id": "web", "ns": "ctr", "parent": "systemd"}]),
        json!([{"spawn": {"id": "x", "ns": "inner", "parent": "systemd"}}]),
    );
    v["namespaces"] =
        json!([{"id": "host"}, {"id": "ctr", "parent": "host"}, {"id": "inner", "parent": "ctr"}]);
    let e = run_error(v);
    assert_eq!(e.path, "actions[0].spawn.parent");
}

/// sigsim `run::World::actor` (format: a dead process cannot act); no kernel function.
/// An action by a process that is dead at that moment (here zapped with its
/// namespace) is a run error at `from`.
#[test]
fn simulate_rejects_action_by_dead_process() {
    let v = base(
        json!([
            {"id": "systemd", "ns": "host"},
            {"id": "dockerd", "ns": "host", "parent": "systemd"},
            {"id": "app", "ns": "ctr", "parent": "dockerd"},
            {"id": "worker", "ns": "ctr", "parent": "app"},
        ]),
        json!([
            {"from": "dockerd", "kill": {"pid_of": "app"}, "sig": "SIGKILL"},
            {"from": "worker", "kill": 1, "sig": "SIGTERM"},
        ]),
    );
    let e = run_error(v);
    assert_eq!(e.path, "actions[1].from");
    assert!(e.message.contains("dead"), "{}", e.message);
}

/// sigsim `run::World::actor` (format: a stopped process cannot act); no kernel function.
/// An action by a stopped process is a run error (it cannot call anything).
#[test]
fn simulate_rejects_action_by_stopped_process() {
    let v = base(
        two(),
        json!([
            {"from": "systemd", "kill": {"pid_of": "app"}, "sig": "SIGSTOP"},
            {"from": "app", "kill": 1, "sig": 0},
        ]),
    );
    let e = run_error(v);
    assert_eq!(e.path, "actions[1].from");
    assert!(e.message.contains("stopped"), "{}", e.message);
}

/// sigsim `run::World::actor` (format: a process not created cannot act); no kernel function.
/// An action by a process not created yet (spawned later) or whose spawn
/// failed is a run error; an exit of a dead process likewise.
#[test]
fn simulate_rejects_action_by_process_not_yet_created() {
    let v = base(
        two(),
        json!([
            {"from": "late", "kill": 1, "sig": 0},
            {"spawn": {"id": "late", "ns": "host", "parent": "systemd"}},
        ]),
    );
    let e = run_error(v);
    assert_eq!(e.path, "actions[0].from");

    let v = base(
        two(),
        json!([
            {"exit": "app"},
            {"spawn": {"id": "late", "ns": "ctr", "parent": "systemd"}},
            {"from": "late", "kill": 1, "sig": 0},
        ]),
    );
    assert_eq!(run_error(v).path, "actions[2].from");

    let v = base(two(), json!([{"exit": "app"}, {"exit": "app"}]));
    assert_eq!(run_error(v).path, "actions[1].exit");
}

/// sigsim `run::World::perform` (spawn) via kernel/fork.c `copy_process`'s caller: a parent must be running.
/// A spawn by a parent that is dead or stopped at that moment is a run
/// error at the spawn's parent.
#[test]
fn simulate_rejects_spawn_by_dead_or_stopped_parent() {
    let v = base(
        two(),
        json!([{"exit": "app"}, {"spawn": {"id": "kid", "ns": "ctr", "parent": "app"}}]),
    );
    assert_eq!(run_error(v).path, "actions[1].spawn.parent");
    let v = base(
        two(),
        json!([
            {"from": "systemd", "kill": {"pid_of": "app"}, "sig": "SIGSTOP"},
            {"spawn": {"id": "kid", "ns": "ctr", "parent": "app"}},
        ]),
    );
    assert_eq!(run_error(v).path, "actions[1].spawn.parent");
}

/// kernel/exit.c `do_exit`: the global init exiting panics the kernel, so
/// the scenario is refused.
#[test]
fn simulate_rejects_exit_of_global_init() {
    let e = run_error(base(two(), json!([{"exit": "systemd"}])));
    assert_eq!(e.path, "actions[0].exit");
}

/// sigsim `version::KernelVersion::parse` (format `kernel` field).
/// The `kernel` field: only the modelled versions are accepted.
#[test]
fn validate_rejects_unknown_kernel_version() {
    let mut v = base(two(), json!([]));
    v["kernel"] = json!("5.4");
    assert_eq!(invalid(v).path, "kernel");
    for k in ["6.18", "5.10", "4.19"] {
        let mut v = base(two(), json!([]));
        v["kernel"] = json!(k);
        assert_eq!(plan(v).version.as_str(), k);
    }
}

/// sigsim `validate` for kernel/signal.c `rt_sigqueueinfo` / `tgkill` arguments (format rules).
/// sigqueue takes a positive PID or `pid_of`; tgkill and sigqueue take no
/// `group_of`.
#[test]
fn validate_rejects_bad_pid_arguments() {
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "sigqueue": -1, "sig": 10}])
        ))
        .path,
        "actions[0].sigqueue"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "sigqueue": 0, "sig": 10}])
        ))
        .path,
        "actions[0].sigqueue"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "sigqueue": {"group_of": "app"}, "sig": 10}])
        ))
        .path,
        "actions[0].sigqueue.group_of"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "tgkill": {"group_of": "app"}, "sig": 10}])
        ))
        .path,
        "actions[0].tgkill.group_of"
    );
    assert_eq!(
        invalid(base(
            two(),
            json!([{"from": "app", "kill": 4294967296i64, "sig": 10}])
        ))
        .path,
        "actions[0].kill"
    );
}

/// sigsim `validate` for kernel/signal.c `sigprocmask` / `do_sigaction` actions (format rules).
/// sigprocmask takes exactly one of block, unblock, set; sigaction names at
/// least one signal.
#[test]
fn validate_rejects_malformed_mask_and_action_changes() {
    let v = base(
        two(),
        json!([{"from": "app", "sigprocmask": {"block": ["SIGUSR1"], "unblock": ["SIGUSR2"]}}]),
    );
    assert_eq!(invalid(v).path, "actions[0].sigprocmask");
    let v = base(two(), json!([{"from": "app", "sigprocmask": {}}]));
    assert_eq!(invalid(v).path, "actions[0].sigprocmask");
    let v = base(two(), json!([{"from": "app", "sigaction": {}}]));
    assert_eq!(invalid(v).path, "actions[0].sigaction");
}

/// sigsim `validate::ScenarioError` `Display` (the CLI's one-line error).
/// An error renders as one line, `path: message`.
#[test]
fn scenario_error_displays_path_then_message() {
    let e = invalid(base(
        json!([{"id": "systemd", "ns": "host", "signals": {"SIGKILL": "catch"}}]),
        json!([]),
    ));
    let line = e.to_string();
    assert!(line.starts_with("processes[0].signals.SIGKILL: "), "{line}");
    assert!(!line.contains('\n'));
}

/// sigsim `validate` (`Builder::process` for spawns); no kernel function.
/// A spawn must name a new id.
#[test]
fn validate_rejects_spawn_of_an_existing_id() {
    let v = base(
        two(),
        json!([{"spawn": {"id": "app", "ns": "host", "parent": "systemd"}}]),
    );
    assert_eq!(invalid(v).path, "actions[0].spawn.id");
}

/// sigsim `signum::Signal::parse` aliases (include/uapi/asm-generic/signal.h: SIGIOT, SIGPOLL, SIGCLD, SIGRTMAX).
/// Readers accept the aliases SIGCLD, SIGIOT, SIGPOLL, SIGRTMAX; the outcome
/// names the signal canonically.
#[test]
fn validate_accepts_signal_aliases() {
    let v = base(
        json!([
            {"id": "systemd", "ns": "host"},
            {"id": "a", "ns": "host", "parent": "systemd",
             "signals": {"SIGCLD": "catch", "SIGIOT": "catch", "SIGPOLL": "catch", "SIGRTMAX": "catch"}},
        ]),
        json!([
            {"from": "systemd", "kill": 2, "sig": "SIGCLD"},
            {"from": "systemd", "kill": 2, "sig": "SIGIOT"},
            {"from": "systemd", "kill": 2, "sig": "SIGPOLL"},
            {"from": "systemd", "kill": 2, "sig": "SIGRTMAX"},
        ]),
    );
    let o = run(v);
    assert_handled(&o, 0, &["a SIGCHLD 1 SI_USER"]);
    assert_handled(&o, 1, &["a SIGABRT 1 SI_USER"]);
    assert_handled(&o, 2, &["a SIGIO 1 SI_USER"]);
    assert_handled(&o, 3, &["a SIGRTMIN+30 1 SI_USER"]);
}
