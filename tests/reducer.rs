//! The reducer, verb by verb, natively: what each user action does to the
//! session, and how the kernel's refusals come back.

use sigscope::explain::Label;
use sigscope::replay::{Effect, ProcState};
use sigscope::send::{DropTarget, HowToSend, Sender};
use sigscope::session::{AppState, Msg, Notice, Verb};
use sigscope::words::{self, Lang};
use sigsim::outcome::{Errno, Ret};
use sigsim::scenario::{Disposition, GroupSpec};
use sigsim::version::Func;
use sigsim::Signal;

#[path = "support/mem_store.rs"]
mod mem_store;

fn world() -> AppState {
    AppState::default()
}

fn send(st: &AppState, target: &str, sig: Signal) -> AppState {
    st.apply(Verb::Send {
        target: DropTarget::Process(target.into()),
        sig,
    })
}

fn from(st: &AppState, sender: &str) -> AppState {
    st.apply(Verb::SetSender(Sender::Process(sender.into())))
}

/// The sentence of the last step, as the outcome panel shows it.
fn sentence(st: &AppState) -> String {
    match &st.notice {
        Notice::Step(i) => st.replay.steps[*i].explanation.sentence(Lang::En),
        other => panic!("expected a step, got {other:?}"),
    }
}

fn refusal(st: &AppState) -> String {
    match &st.notice {
        Notice::Refused { reason, .. } => (words::of(Lang::En).notice.why)(reason),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn state(st: &AppState, id: &str) -> ProcState {
    st.replay
        .state_of(id)
        .unwrap_or_else(|| panic!("{id} exists"))
}

fn last_ret(st: &AppState) -> Ret {
    st.replay.steps.last().expect("a step").ret
}

// ---- sending ----------------------------------------------------------

#[test]
fn sigterm_from_the_host_shell_to_the_container_init_is_dropped() {
    let st = send(&world(), "ctr-init", Signal::TERM);
    assert_eq!(st.scenario.actions.len(), 1);
    assert_eq!(last_ret(&st), Ret::Ok);
    assert_eq!(state(&st, "ctr-init"), ProcState::Running);
    let s = sentence(&st);
    assert!(
        s.starts_with("Dropped:") && s.ends_with("sig_task_ignored"),
        "{s}"
    );
}

#[test]
fn sigkill_from_inside_the_container_is_not_forced() {
    let st = send(&from(&world(), "app"), "ctr-init", Signal::KILL);
    assert_eq!(state(&st, "ctr-init"), ProcState::Running);
    assert!(sentence(&st).contains("not forced"), "{}", sentence(&st));
}

#[test]
fn sigkill_from_the_host_kills_the_init_and_every_process_of_its_namespace() {
    let st = send(&world(), "ctr-init", Signal::KILL);
    for id in ["ctr-init", "app", "worker"] {
        assert!(!state(&st, id).is_alive(), "{id} survived");
    }
    assert_eq!(state(&st, "shell"), ProcState::Running);
    assert!(
        st.replay.world.kernel.namespaces[1].populated
            && !st.replay.world.kernel.namespaces[1].adding
    );
}

#[test]
fn a_handler_on_the_container_init_sees_si_pid_0_from_the_host() {
    let st = world().apply(Verb::SetDisposition {
        id: "ctr-init".into(),
        sig: Signal::TERM,
        disposition: Disposition::Catch,
    });
    assert!(
        st.scenario.actions.is_empty(),
        "before the first send it edits the starting world"
    );
    let st = send(&st, "ctr-init", Signal::TERM);
    let step = st.replay.steps.last().unwrap();
    assert!(step
        .effects_of("ctr-init")
        .iter()
        .any(|e| matches!(e, Effect::Handled { si_pid: 0, .. })));
    assert!(sentence(&st).starts_with("Handled:"));
}

#[test]
fn kill_minus_1_from_inside_reaches_the_container_but_not_its_init() {
    let st = from(&world(), "app").apply(Verb::Send {
        target: DropTarget::Everyone,
        sig: Signal::KILL,
    });
    assert_eq!(last_ret(&st), Ret::Ok);
    assert_eq!(state(&st, "ctr-init"), ProcState::Running);
    assert_eq!(
        state(&st, "app"),
        ProcState::Running,
        "kill(-1) skips the caller"
    );
    assert!(!state(&st, "worker").is_alive());
    assert_eq!(
        state(&st, "shell"),
        ProcState::Running,
        "the host is not visible from inside"
    );
}

#[test]
fn kill_0_and_kill_minus_pgid_become_the_format_s_pid_arguments() {
    let st = from(&world(), "app").apply(Verb::Send {
        target: DropTarget::OwnGroup,
        sig: Signal::parse("SIGUSR1").unwrap(),
    });
    assert_eq!(
        st.scenario.actions[0].kill,
        Some(sigsim::scenario::PidSpec::Raw(0))
    );
    let st = world().apply(Verb::Send {
        target: DropTarget::GroupOf("app".into()),
        sig: Signal::TERM,
    });
    assert_eq!(st.replay.steps[0].call.text(Lang::En), "kill(-3, SIGTERM)");
}

#[test]
fn a_process_not_visible_from_the_sender_gives_esrch() {
    let st = send(&from(&world(), "app"), "shell", Signal::TERM);
    assert_eq!(last_ret(&st), Ret::Err(Errno::ESRCH));
    assert!(sentence(&st).starts_with("ESRCH:"));
}

#[test]
fn send_armed_and_activate_are_the_keyboard_way() {
    let st = world().apply(Verb::SendArmed(DropTarget::Process("app".into())));
    assert!(st.scenario.actions.is_empty());
    assert!(matches!(st.notice, Notice::Info(_)));
    // Without a signal in hand, activating a process selects it…
    let st = st.apply(Verb::Activate("app".into()));
    assert_eq!(st.selected.as_deref(), Some("app"));
    // …with one, it sends it, and the signal is put back.
    let st = st.apply(Verb::Arm(Some(Signal::KILL)));
    assert_eq!(st.armed, Some(Signal::KILL));
    let st = st.apply(Verb::Activate("app".into()));
    assert!(!state(&st, "app").is_alive());
    assert_eq!(st.armed, None);
}

#[test]
fn how_to_send_chooses_the_call() {
    let st = world().apply(Verb::SetHow(HowToSend::Sigqueue));
    let st = send(&st, "app", Signal::TERM);
    assert_eq!(
        st.replay.steps[0].call.text(Lang::En),
        "sigqueue(4, SIGTERM)"
    );
    let st = st.apply(Verb::SetHow(HowToSend::PidfdSendSignal));
    let st = send(&st, "worker", Signal::KILL);
    assert!(st.replay.steps[1]
        .call
        .text(Lang::En)
        .starts_with("pidfd_send_signal(pidfd_open(5)"));
    let refused = st.apply(Verb::Send {
        target: DropTarget::Everyone,
        sig: Signal::TERM,
    });
    assert!(refusal(&refused).contains("signals one process"));
}

#[test]
fn pidfd_send_signal_does_not_exist_in_4_19() {
    let st = world()
        .apply(Verb::SetKernel("4.19".into()))
        .apply(Verb::SetHow(HowToSend::PidfdSendSignal));
    let st = send(&st, "app", Signal::TERM);
    assert_eq!(last_ret(&st), Ret::Err(Errno::ENOSYS));
}

#[test]
fn the_kernel_as_sender_forces_sigkill_into_the_container_init() {
    let st = world().apply(Verb::SetSender(Sender::Kernel));
    let st = send(&st, "ctr-init", Signal::KILL);
    assert!(!state(&st, "ctr-init").is_alive());
    assert!(refusal(&st.apply(Verb::Send {
        target: DropTarget::Everyone,
        sig: Signal::KILL
    }))
    .contains("one process"));
}

#[test]
fn sigkill_from_the_kernel_to_the_global_init_panics_4_19_and_is_dropped_in_6_18() {
    let st = world().apply(Verb::SetSender(Sender::Kernel));
    let dropped = send(&st, "init", Signal::KILL);
    assert_eq!(state(&dropped, "init"), ProcState::Running);
    let old = send(
        &st.apply(Verb::SetKernel("4.19".into())),
        "init",
        Signal::KILL,
    );
    assert!(
        matches!(&old.notice, Notice::Panic { reason, .. } if reason.contains("Attempted to kill init")),
        "{:?}",
        old.notice
    );
    assert!(
        old.scenario.actions.is_empty(),
        "a panicking step is not kept"
    );
}

// ---- the sender ---------------------------------------------------------

#[test]
fn a_dead_process_cannot_become_the_sender() {
    let st = send(&world(), "worker", Signal::KILL);
    let st = st.apply(Verb::SetSender(Sender::Process("worker".into())));
    assert_eq!(st.sender, Sender::Process("shell".into()));
    assert!(refusal(&st).contains("worker is"));
}

#[test]
fn a_sender_that_died_cannot_send() {
    let st = from(&world(), "app");
    let st = st.apply(Verb::SetSender(Sender::Process("shell".into())));
    let st = send(&st, "shell", Signal::KILL); // the shell kills itself
    let st = send(&st, "app", Signal::TERM);
    assert!(refusal(&st).contains("shell is"), "{:?}", st.notice);
}

// ---- editing the world --------------------------------------------------

#[test]
fn adding_a_process_before_the_first_send_edits_the_starting_world() {
    let st = world().apply(Verb::AddProcess {
        id: "sidecar".into(),
        parent: "app".into(),
        ns: "container".into(),
    });
    assert!(st.scenario.actions.is_empty());
    assert_eq!(st.scenario.processes.last().unwrap().id, "sidecar");
    assert_eq!(state(&st, "sidecar"), ProcState::Running);
}

#[test]
fn docker_exec_joins_the_container_from_the_host() {
    let st = send(&world(), "app", Signal::CONT);
    let st = st.apply(Verb::AddProcess {
        id: "exec".into(),
        parent: "shell".into(),
        ns: "container".into(),
    });
    let step = st.replay.steps.last().unwrap();
    assert_eq!(step.call.text(Lang::En), "setns(container) + fork() → exec");
    assert_eq!(step.ret, Ret::Ok);
    let t = st.replay.task("exec").unwrap();
    assert_eq!(
        st.replay.world.kernel.nspid(t),
        vec![6, 4],
        "PIDs follow the order of creation"
    );
}

#[test]
fn forking_into_a_namespace_whose_init_died_fails_with_enomem() {
    let st = send(&world(), "ctr-init", Signal::KILL);
    let st = st.apply(Verb::AddProcess {
        id: "late".into(),
        parent: "shell".into(),
        ns: "container".into(),
    });
    assert_eq!(last_ret(&st), Ret::Err(Errno::ENOMEM));
    let s = sentence(&st);
    assert!(s.starts_with("ENOMEM:") && s.ends_with("alloc_pid"), "{s}");
    assert!(st.replay.task("late").is_none(), "nothing was created");
}

#[test]
fn catching_sigkill_is_refused_with_einval() {
    // Before the first send: the starting world would be invalid.
    let st = world().apply(Verb::SetDisposition {
        id: "app".into(),
        sig: Signal::KILL,
        disposition: Disposition::Catch,
    });
    assert!(refusal(&st).contains("EINVAL"), "{}", refusal(&st));
    assert!(st
        .scenario
        .processes
        .iter()
        .all(|p| !p.signals.contains_key("SIGKILL")));
    // After it: sigaction is a call, and the kernel answers EINVAL.
    let st = send(&world(), "worker", Signal::CONT).apply(Verb::SetDisposition {
        id: "app".into(),
        sig: Signal::KILL,
        disposition: Disposition::Catch,
    });
    assert_eq!(last_ret(&st), Ret::Err(Errno::EINVAL));
    assert!(
        sentence(&st).contains("cannot be caught"),
        "{}",
        sentence(&st)
    );
}

#[test]
fn dispositions_after_the_first_send_are_sigaction_calls() {
    let st = send(&world(), "worker", Signal::CONT);
    let st = st.apply(Verb::SetDisposition {
        id: "worker".into(),
        sig: Signal::TERM,
        disposition: Disposition::Ignore,
    });
    assert!(st.scenario.actions.last().unwrap().sigaction.is_some());
    let st = send(&st, "worker", Signal::TERM);
    assert_eq!(state(&st, "worker"), ProcState::Running);
}

#[test]
fn blocking_holds_a_signal_pending_until_unblocked() {
    let st = world().apply(Verb::SetBlocked {
        id: "worker".into(),
        sig: Signal::TERM,
        blocked: true,
    });
    assert_eq!(st.scenario.processes[4].blocked.len(), 1);
    let st = send(&st, "worker", Signal::TERM);
    assert!(st.replay.steps[0]
        .effects_of("worker")
        .contains(&Effect::Pending(Signal::TERM)));
    let st = st.apply(Verb::SetBlocked {
        id: "worker".into(),
        sig: Signal::TERM,
        blocked: false,
    });
    assert!(st.scenario.actions.last().unwrap().sigprocmask.is_some());
    assert!(
        !state(&st, "worker").is_alive(),
        "unblocked, the pending SIGTERM is delivered"
    );
}

#[test]
fn sigkill_cannot_be_blocked() {
    let st = world().apply(Verb::SetBlocked {
        id: "app".into(),
        sig: Signal::KILL,
        blocked: true,
    });
    assert!(refusal(&st).contains("cannot be blocked"));
}

#[test]
fn exiting_the_global_init_panics_the_kernel() {
    let st = world().apply(Verb::Exit { id: "init".into() });
    match &st.notice {
        Notice::Panic { reason, .. } => {
            assert!(reason.contains("Attempted to kill init"), "{reason}")
        }
        other => panic!("expected a panic, got {other:?}"),
    }
    assert!(st.scenario.actions.is_empty());
}

#[test]
fn the_container_init_exiting_empties_its_namespace() {
    let st = world().apply(Verb::Exit {
        id: "ctr-init".into(),
    });
    assert!(!state(&st, "app").is_alive() && !state(&st, "worker").is_alive());
    let e = &st.replay.steps[0].explanation;
    assert_eq!(e.label, Label::Exited);
    assert!(e
        .consequence_text(Lang::En)
        .as_deref()
        .unwrap()
        .contains("container"));
}

#[test]
fn a_uid_change_rewrites_the_start_and_the_session_replays() {
    let st = send(&from(&world(), "app"), "worker", Signal::TERM);
    assert!(!state(&st, "worker").is_alive());
    let st = st.apply(Verb::SetUid {
        id: "app".into(),
        uid: 1000,
    });
    assert_eq!(st.scenario.processes[3].uid, Some(1000));
    assert_eq!(
        last_ret(&st),
        Ret::Err(Errno::EPERM),
        "the replayed kill is now refused"
    );
    assert_eq!(state(&st, "worker"), ProcState::Running);
}

#[test]
fn a_rewrite_that_would_make_a_spawn_fail_is_refused() {
    let st = world().apply(Verb::CreateNamespace {
        parent: "container".into(),
        id: "sandbox".into(),
    });
    let st = send(&st, "worker", Signal::CONT);
    let st = st.apply(Verb::AddProcess {
        id: "sandboxed".into(),
        parent: "app".into(),
        ns: "sandbox".into(),
    });
    assert_eq!(last_ret(&st), Ret::Ok);
    let refused = st.apply(Verb::SetUid {
        id: "app".into(),
        uid: 1000,
    });
    assert!(
        refusal(&refused).contains("would now fail"),
        "{}",
        refusal(&refused)
    );
    assert_eq!(refused.scenario, st.scenario);
}

#[test]
fn group_edits_rewrite_the_start() {
    let st = world().apply(Verb::SetGroup {
        id: "worker".into(),
        group: Some(GroupSpec::New),
    });
    assert_eq!(st.scenario.processes[4].group, Some(GroupSpec::New));
    let st = st.apply(Verb::SetGroup {
        id: "init".into(),
        group: Some(GroupSpec::New),
    });
    assert!(refusal(&st).contains("session"));
}

#[test]
fn deleting_a_process() {
    let st = world();
    assert!(refusal(&st.apply(Verb::Delete { id: "init".into() })).contains("global init"));
    assert!(refusal(&st.apply(Verb::Delete { id: "app".into() })).contains("worker"));
    let gone = st.apply(Verb::Delete {
        id: "worker".into(),
    });
    assert!(gone.replay.index("worker").is_none());
    let used = send(&st, "worker", Signal::CONT).apply(Verb::Delete {
        id: "worker".into(),
    });
    assert!(
        refusal(&used).contains("still uses it"),
        "{}",
        refusal(&used)
    );
}

#[test]
fn namespaces_are_added_anywhere_and_removed_when_empty() {
    let st = world().apply(Verb::CreateNamespace {
        parent: "container".into(),
        id: String::new(),
    });
    assert_eq!(st.scenario.namespaces.last().unwrap().id, "ctr2");
    assert!(refusal(&st.apply(Verb::DeleteNamespace("container".into()))).contains("nested"));
    let st = st.apply(Verb::DeleteNamespace("ctr2".into()));
    assert_eq!(st.scenario.namespaces.len(), 2);
    assert!(refusal(&st.apply(Verb::DeleteNamespace("host".into()))).contains("root"));
}

#[test]
fn no_namespace_deeper_than_level_32() {
    let mut st = world();
    let mut parent = "container".to_string();
    for l in 2..=32 {
        st = st.apply(Verb::CreateNamespace {
            parent: parent.clone(),
            id: format!("l{l}"),
        });
        parent = format!("l{l}");
    }
    assert_eq!(st.scenario.namespaces.len(), 33);
    let st = st.apply(Verb::CreateNamespace {
        parent,
        id: "l33".into(),
    });
    assert!(
        refusal(&st).contains("MAX_PID_NS_LEVEL"),
        "{}",
        refusal(&st)
    );
}

#[test]
fn the_kernel_version_is_part_of_the_scenario() {
    let st = send(&world(), "ctr-init", Signal::TERM).apply(Verb::SetKernel("5.10".into()));
    assert_eq!(st.scenario.kernel.as_deref(), Some("5.10"));
    assert!(
        st.replay.steps[0]
            .trace
            .iter()
            .any(|s| s.func == Func::SendSignalInner),
        "5.10's names"
    );
    assert!(refusal(&st.apply(Verb::SetKernel("2.6".into()))).contains("unknown kernel version"));
}

// ---- the session --------------------------------------------------------

#[test]
fn undo_steps_back_one_edit_at_a_time() {
    let st = send(&world(), "ctr-init", Signal::TERM);
    let st = send(&st, "ctr-init", Signal::KILL);
    let st = st.apply(Verb::Undo);
    assert_eq!(st.scenario.actions.len(), 1);
    assert_eq!(state(&st, "ctr-init"), ProcState::Running);
    let st = st.apply(Verb::Undo).apply(Verb::Undo);
    assert!(st.scenario.actions.is_empty());
    assert_eq!(st.notice, Notice::Info(Msg::NothingToUndo));
}

#[test]
fn reset_returns_to_the_default_world_and_can_be_undone() {
    let st = send(&world(), "ctr-init", Signal::KILL).apply(Verb::Reset);
    assert!(st.scenario.actions.is_empty());
    let back = st.apply(Verb::Undo);
    assert_eq!(back.scenario.actions.len(), 1);
}

#[test]
fn import_takes_a_sigscene_file_or_says_what_is_wrong() {
    let st = world().apply(Verb::Import(
        sigscope::default_world::DEFAULT_SCENARIO_JSON.replace("ctr-init", "pid1"),
    ));
    assert!(st.replay.index("pid1").is_some());
    assert!(refusal(&world().apply(Verb::Import("{".into()))).starts_with("not a sigscene/1 file"));
    let bad = sigscope::default_world::DEFAULT_SCENARIO_JSON
        .replace(r#""SIGTERM": "catch""#, r#""SIGKILL": "catch""#);
    assert!(refusal(&world().apply(Verb::Import(bad))).contains("processes[3].signals.SIGKILL"));
}

/// Issue 12's first crash: a namespace listed before its parent passed
/// validation and indexed out of bounds in the port; Import now refuses it
/// with the field, and the session stays as it was.
#[test]
fn import_of_a_namespace_listed_before_its_parent_is_refused_not_a_panic() {
    let st = world();
    let after = st.apply(Verb::Import(
        r#"{"format":"sigscene/1","namespaces":[{"id":"c","parent":"h"},{"id":"h"}],"processes":[{"id":"i","ns":"h"}]}"#
            .into(),
    ));
    assert!(
        refusal(&after).contains("namespaces[0].parent"),
        "{}",
        refusal(&after)
    );
    assert_eq!(after.scenario, st.scenario);
}

#[test]
fn ui_verbs_do_not_touch_the_session() {
    let st = world();
    let after = st
        .apply(Verb::Hover(Some(DropTarget::Everyone)))
        .apply(Verb::SetRtOffset(99))
        .apply(Verb::Select(Some("app".into())))
        .apply(Verb::ToggleNamespace("container".into()));
    assert_eq!(after.scenario, st.scenario);
    assert!(after.history.is_empty());
    assert_eq!(after.rt_offset, 30);
    assert_eq!(after.expanded.get("container"), Some(&false));
}

#[test]
fn undo_in_a_restored_session_drops_its_last_action() {
    let sent = send(&world(), "ctr-init", Signal::KILL);
    let restored = AppState::new(
        (*sent.scenario).clone(),
        Some(Sender::Process("shell".into())),
        HowToSend::Kill,
    )
    .unwrap();
    assert!(restored.history.is_empty() && restored.can_undo());
    let st = restored.apply(Verb::Undo);
    assert!(st.scenario.actions.is_empty());
    assert_eq!(state(&st, "ctr-init"), ProcState::Running);
    assert!(!st.can_undo());
}

#[test]
fn sigstop_stops_a_stopped_process_holds_sigterm_and_sigcont_lets_it_in() {
    let st = send(&world(), "worker", Signal::STOP);
    assert_eq!(state(&st, "worker"), ProcState::Stopped);
    assert_eq!(st.replay.steps[0].effects_of("worker"), &[Effect::Stopped]);
    assert!(sentence(&st).starts_with("Stopped:"), "{}", sentence(&st));
    let st = send(&st, "worker", Signal::TERM);
    assert_eq!(
        st.replay.steps[1].effects_of("worker"),
        &[Effect::Pending(Signal::TERM)]
    );
    assert!(sentence(&st).starts_with("Pending:"), "{}", sentence(&st));
    let st = send(&st, "worker", Signal::CONT);
    assert!(sentence(&st).starts_with("Continued:"), "{}", sentence(&st));
    assert_eq!(
        st.replay.steps[2].effects_of("worker"),
        &[Effect::Continued, Effect::Killed(Signal::TERM)]
    );
}

#[test]
fn the_trace_of_the_last_send_is_kept_for_the_call_chain_view() {
    let st = send(&world(), "ctr-init", Signal::TERM).apply(Verb::SetDisposition {
        id: "app".into(),
        sig: Signal::HUP,
        disposition: Disposition::Ignore,
    });
    let last = st.replay.last_send().expect("a send");
    assert_eq!(last.call.text(Lang::En), "kill(3, SIGTERM)");
    assert!(last.trace.iter().any(|s| s.func == Func::SigTaskIgnored));
    assert!(last.trace.iter().all(|s| s.line > 0 && !s.file.is_empty()));
}

/// A session as a link carries it: through the fragment and back.
fn restored_from_link(json: &str) -> AppState {
    use sigscope::permalink::{decode_fragment, encode_fragment, Saved};
    let scenario = sigsim::json::scenario_from_str(json).expect("a sigscene/1 file");
    let saved = Saved {
        scenario,
        sender: None,
        how: HowToSend::Kill,
    };
    let back = decode_fragment(&format!("#{}", encode_fragment(&saved)))
        .expect("the fragment reads")
        .expect("a session");
    back.restore().expect("the session replays")
}

/// Issue 12: action 0 names `late`, which only action 1 spawns; without
/// action 1 the session does not validate, and undo used to panic.
const KILL_BEFORE_SPAWN: &str = r#"{"format":"sigscene/1","namespaces":[{"id":"h"}],"processes":[{"id":"init","ns":"h"},{"id":"sh","ns":"h","parent":"init"}],"actions":[{"from":"sh","kill":{"pid_of":"late"},"sig":0},{"spawn":{"id":"late","ns":"h","parent":"sh"}}]}"#;

#[test]
fn undo_in_a_restored_session_goes_back_to_the_last_point_that_replays() {
    let restored = restored_from_link(KILL_BEFORE_SPAWN);
    assert_eq!(last_ret(&restored), Ret::Ok);
    assert_eq!(restored.replay.steps[0].ret, Ret::Err(Errno::ESRCH));
    let st = restored.apply(Verb::Undo);
    assert!(st.scenario.actions.is_empty());
    assert!(st.replay.index("late").is_none());
    match &st.notice {
        Notice::Info(m) => {
            let m = (words::of(Lang::En).notice.msg)(m);
            assert!(
                m.starts_with("Undone: the last 2 actions")
                    && m.contains("actions[0]")
                    && m.contains("late"),
                "{m}"
            )
        }
        other => panic!("expected an info, got {other:?}"),
    }
    assert!(!st.can_undo());
    assert_eq!(
        st.apply(Verb::Undo).notice,
        Notice::Info(Msg::NothingToUndo)
    );
}

#[test]
fn undo_in_a_restored_session_drops_only_the_last_action_when_the_rest_replays() {
    let json = KILL_BEFORE_SPAWN.replace(
        "]}",
        r#",{"from":"sh","kill":{"pid_of":"late"},"sig":"SIGTERM"}]}"#,
    );
    let st = restored_from_link(&json).apply(Verb::Undo);
    assert_eq!(st.scenario.actions.len(), 2);
    assert_eq!(st.notice, Notice::Info(Msg::Undone));
    assert_eq!(state(&st, "late"), ProcState::Running);
    let st = st.apply(Verb::Undo);
    assert!(st.scenario.actions.is_empty());
}

#[test]
fn undo_to_a_history_entry_that_does_not_replay_is_refused_not_a_panic() {
    let mut st = send(&world(), "ctr-init", Signal::TERM);
    let mut broken = (*st.scenario).clone();
    broken.processes.clear();
    st.history
        .push(sigscope::session::Before::Whole(std::rc::Rc::new(broken)));
    let after = st.apply(Verb::Undo);
    assert!(
        refusal(&after).contains("no longer replays"),
        "{:?}",
        after.notice
    );
    assert_eq!(after.scenario, st.scenario);
    assert_eq!(after.history.len(), st.history.len() - 1);
    // The entry below it is still there.
    let back = after.apply(Verb::Undo);
    assert!(back.scenario.actions.is_empty());
}

#[test]
fn undo_in_a_restored_session_keeps_the_actions_before_the_one_that_no_longer_replays() {
    let json = KILL_BEFORE_SPAWN.replace(
        r#""actions":["#,
        r#""actions":[{"from":"sh","kill":{"pid_of":"init"},"sig":0},{"from":"init","kill":{"pid_of":"sh"},"sig":0},"#,
    );
    let st = restored_from_link(&json).apply(Verb::Undo);
    assert_eq!(st.scenario.actions.len(), 2);
    assert_eq!(st.replay.steps.len(), 2);
    match &st.notice {
        Notice::Info(m) => {
            let m = (words::of(Lang::En).notice.msg)(m);
            assert!(m.starts_with("Undone: the last 2 actions"), "{m}")
        }
        other => panic!("expected an info, got {other:?}"),
    }
}

// ---- nothing lost: bad links, corrupt autosaves, full storage -----------

mod nothing_lost {
    use super::*;
    use sigscope::permalink::{
        base64url_encode, kept_from_storage, kept_to_storage, load, persist, to_storage, Kept,
        KeptKind, Saved, Store, QUARANTINE_KEY, STORAGE_KEY,
    };
    use std::cell::RefCell;

    use crate::mem_store::Mem;

    /// Issue 12's first case: a namespace listed before its parent.
    const OUT_OF_ORDER: &str = r#"{"format":"sigscene/1","namespaces":[{"id":"c","parent":"h"},{"id":"h"}],"processes":[{"id":"i","ns":"h"}]}"#;

    fn bad_link() -> String {
        format!("#s={}&how=kill", base64url_encode(OUT_OF_ORDER.as_bytes()))
    }

    /// The session a user left: one SIGTERM sent.
    fn earlier() -> AppState {
        send(&world(), "ctr-init", Signal::TERM)
    }

    fn autosaved(st: &AppState) -> Mem {
        let m = Mem::default();
        persist(&m, &st.kept, &Saved::of(st)).unwrap();
        m
    }

    fn kinds(st: &AppState) -> Vec<KeptKind> {
        st.kept.iter().map(|k| k.kind).collect()
    }

    #[test]
    fn a_bad_link_is_kept_and_the_page_opens_on_the_saved_session_untouched() {
        let store = autosaved(&earlier());
        let before = store.get(STORAGE_KEY);
        let (st, error) = load(&bad_link(), &store);
        assert!(error.unwrap().contains("namespaces[0].parent"));
        assert_eq!(st.scenario, earlier().scenario, "as without the link");
        assert_eq!(kinds(&st), [KeptKind::Link]);
        assert_eq!(
            st.kept[0].text, OUT_OF_ORDER,
            "the link's scenario, readable"
        );
        assert_eq!(store.get(STORAGE_KEY), before, "the autosave is untouched");
        assert_eq!(store.kept(), *st.kept, "the link is kept in storage");
        assert_eq!(st.unsaved, None);
    }

    #[test]
    fn a_bad_link_with_no_autosave_opens_the_default_world() {
        let (st, error) = load(&bad_link(), &Mem::default());
        assert!(error.is_some());
        assert!(!st.started());
        assert_eq!(kinds(&st), [KeptKind::Link]);
    }

    #[test]
    fn the_first_edit_after_a_bad_link_continues_the_saved_session() {
        let store = autosaved(&earlier());
        let (st, _) = load(&bad_link(), &store);
        let edited = send(&st, "ctr-init", Signal::KILL);
        persist(&store, &edited.kept, &Saved::of(&edited)).unwrap();
        // The next visit, without the link: the earlier session and the
        // edit, and the link still offered.
        let (next, error) = load("", &store);
        assert_eq!(error, None);
        assert_eq!(next.scenario, edited.scenario);
        assert_eq!(next.scenario.actions.len(), 2);
        assert_eq!(
            next.scenario.actions[..1],
            earlier().scenario.actions[..],
            "the earlier session is still there"
        );
        assert_eq!(kinds(&next), [KeptKind::Link]);
    }

    #[test]
    fn reloading_the_bad_link_keeps_it_once() {
        let store = autosaved(&earlier());
        let (first, _) = load(&bad_link(), &store);
        let (again, _) = load(&bad_link(), &store);
        assert_eq!(again.kept, first.kept);
        assert_eq!(again.scenario, earlier().scenario);
    }

    #[test]
    fn a_corrupt_autosave_is_kept_aside_and_not_read_as_the_session_again() {
        let store = Mem::with(STORAGE_KEY, r#"{"scenario": {"format": "sigscene/1", "#);
        let (st, error) = load("", &store);
        assert_eq!(error, None, "no link involved");
        assert!(!st.started());
        assert_eq!(kinds(&st), [KeptKind::Autosave]);
        assert!(
            st.kept[0].reason.starts_with("the saved session"),
            "{}",
            st.kept[0].reason
        );
        assert_eq!(st.kept[0].text, r#"{"scenario": {"format": "sigscene/1", "#);
        assert_eq!(
            store.get(STORAGE_KEY),
            None,
            "not read again as the session"
        );
        assert_eq!(store.kept(), *st.kept);
        let (next, _) = load("", &store);
        assert_eq!(next.kept, st.kept, "offered until discarded");
        let discarded = next.apply(Verb::Discard(0));
        assert!(discarded.kept.is_empty());
        persist(&store, &discarded.kept, &Saved::of(&discarded)).unwrap();
        assert_eq!(store.get(QUARANTINE_KEY), None);
        assert!(load("", &store).0.kept.is_empty());
    }

    #[test]
    fn an_autosave_that_reads_but_no_longer_replays_is_kept_with_its_field() {
        let stored = to_storage(&Saved {
            scenario: sigsim::json::scenario_from_str(OUT_OF_ORDER).unwrap(),
            sender: None,
            how: HowToSend::Kill,
        });
        let (st, _) = load("", &Mem::with(STORAGE_KEY, &stored));
        assert_eq!(kinds(&st), [KeptKind::Autosave]);
        assert!(
            st.kept[0].reason.contains("namespaces[0].parent"),
            "{}",
            st.kept[0].reason
        );
    }

    #[test]
    fn a_good_link_over_a_corrupt_autosave_keeps_the_autosave() {
        let link = format!(
            "#{}",
            sigscope::permalink::encode_fragment(&Saved::of(&earlier()))
        );
        let (st, error) = load(&link, &Mem::with(STORAGE_KEY, "not json"));
        assert_eq!(error, None);
        assert_eq!(st.scenario, earlier().scenario);
        assert_eq!(kinds(&st), [KeptKind::Autosave]);
    }

    #[test]
    fn a_save_that_does_not_fit_says_why_and_writes_nothing() {
        let full = Mem {
            full: true,
            ..Mem::default()
        };
        let st = earlier();
        let why = persist(&full, &st.kept, &Saved::of(&st)).unwrap_err();
        assert!(why.contains("quota"), "{why}");
        assert_eq!(full.get(STORAGE_KEY), None);
        let said = st.apply(Verb::Saved(Some(why.clone())));
        assert_eq!(said.unsaved, Some(why));
        assert_eq!(said.apply(Verb::Saved(None)).unsaved, None);
    }

    #[test]
    fn when_the_kept_texts_do_not_fit_the_autosave_is_not_saved_over() {
        let store = autosaved(&earlier());
        let before = store.get(STORAGE_KEY);
        let mut full = Mem {
            full: true,
            ..Mem::default()
        };
        full.items = RefCell::new(store.items.borrow().clone());
        let (st, _) = load(&bad_link(), &full);
        assert!(st.unsaved.as_deref().is_some_and(|w| w.contains("quota")));
        assert_eq!(kinds(&st), [KeptKind::Link], "kept in the page");
        let edited = send(&st, "ctr-init", Signal::KILL);
        assert!(persist(&full, &edited.kept, &Saved::of(&edited)).is_err());
        assert_eq!(full.get(STORAGE_KEY), before);
    }

    #[test]
    fn kept_texts_round_trip_and_a_quarantine_that_does_not_read_is_kept_whole() {
        let kept = vec![
            Kept {
                kind: KeptKind::Link,
                reason: "a \"quoted\" reason".into(),
                text: "{\u{0}\n".into(),
            },
            Kept {
                kind: KeptKind::Autosave,
                reason: String::new(),
                text: "x".into(),
            },
        ];
        assert_eq!(kept_from_storage(&kept_to_storage(&kept)), kept);
        for hostile in [
            "",
            "[",
            "{}",
            "[[\"link\"]]",
            "[[\"nope\",\"a\",\"b\"]]",
            "[1]",
        ] {
            let back = kept_from_storage(hostile);
            assert_eq!(back.len(), 1, "{hostile:?}");
            assert_eq!(back[0].text, hostile);
            assert_eq!(back[0].kind, KeptKind::Autosave);
        }
        assert!(kept_from_storage("[]").is_empty());
    }

    #[test]
    fn hostile_links_and_autosaves_fail_soft() {
        let deep = "[".repeat(100_000);
        let links = [
            "#s=".to_string(),
            "#s=%%%".into(),
            "#s=a".into(),
            format!("#s={}", base64url_encode(b"null")),
            format!("#s={}", base64url_encode(&[0xff, 0xfe])),
            format!("#s={}", base64url_encode(deep.as_bytes())),
            format!(
                "#s={}&from=!!&how=nope&by=x",
                base64url_encode(OUT_OF_ORDER.as_bytes())
            ),
        ];
        let junk = format!("{deep}\u{0}");
        for (i, link) in links.iter().enumerate() {
            let store = Mem::with(QUARANTINE_KEY, &junk);
            store.set(STORAGE_KEY, &junk).unwrap();
            let (st, error) = load(link, &store);
            assert!(error.is_some(), "link {i}");
            assert!(!st.started());
            assert_eq!(kinds(&st), [KeptKind::Autosave, KeptKind::Link], "link {i}");
            assert_eq!(st.kept[0].text, junk, "the unreadable quarantine, whole");
        }
        // Discarding what is not there changes nothing.
        let st = world();
        assert!(st.apply(Verb::Discard(7)) == st);
    }

    // ---- after a panic ----------------------------------------------------

    fn good_link(st: &AppState) -> String {
        format!("#{}", sigscope::permalink::encode_fragment(&Saved::of(st)))
    }

    #[test]
    fn a_panic_puts_the_session_and_the_link_aside_and_the_next_load_comes_up() {
        use sigscope::permalink::put_aside;
        let store = autosaved(&earlier());
        let link = good_link(&send(&world(), "ctr-init", Signal::KILL));
        put_aside(&store, &link, "boom");
        assert_eq!(store.get(STORAGE_KEY), None, "not read again");
        // The reload the panel makes: no link (the hook took it off the
        // address), the default world, both offered back.
        let (st, error) = load("", &store);
        assert_eq!(error, None);
        assert!(!st.started());
        assert_eq!(kinds(&st), [KeptKind::Autosave, KeptKind::Link]);
        assert!(st.kept.iter().all(|k| k.reason.contains("boom")));
        let saved = sigscope::permalink::from_storage(&st.kept[0].text).unwrap();
        assert_eq!(saved.scenario, *earlier().scenario, "the session, whole");
        assert!(st.kept[1].text.contains("SIGKILL"), "the link's scenario");
    }

    #[test]
    fn keep_my_session_and_retry_puts_everything_back_as_it_was() {
        use sigscope::permalink::{put_aside, put_back};
        let store = autosaved(&earlier());
        let (_, _) = load(&bad_link(), &store);
        let before = store.items.borrow().clone();
        let aside = put_aside(&store, &good_link(&world()), "boom");
        put_back(&store, &aside).unwrap();
        assert_eq!(*store.items.borrow(), before);
        let (st, _) = load("", &store);
        assert_eq!(st.scenario, earlier().scenario);
        assert_eq!(kinds(&st), [KeptKind::Link], "only what was kept before");
    }

    #[test]
    fn a_panic_with_storage_full_leaves_the_autosave_where_it_is() {
        use sigscope::permalink::put_aside;
        let mut store = autosaved(&earlier());
        store.full = true;
        put_aside(&store, "", "boom");
        assert!(store.get(STORAGE_KEY).is_some(), "never dropped");
    }
}

/// A session larger than the page plays well is refused with its size, the
/// limit and the way to play it, whichever way it comes in; the session on
/// screen is untouched.
mod too_big_for_the_page {
    use super::*;
    use sigscope::permalink::{base64url_encode, load};
    use sigscope::session::{PAGE_MAX_ACTIONS, PAGE_MAX_PROCESSES};

    use crate::mem_store::Mem;

    /// One namespace, `n` processes, `actions` null signals to init.
    fn flat(n: usize, actions: usize) -> String {
        let procs: Vec<String> = (0..n)
            .map(|i| match i {
                0 => r#"{"id":"p0","ns":"h"}"#.to_string(),
                _ => format!(r#"{{"id":"p{i}","ns":"h","parent":"p0"}}"#),
            })
            .collect();
        let acts = vec![r#"{"from":"p0","kill":{"pid_of":"p0"},"sig":0}"#; actions];
        format!(
            r#"{{"format":"sigscene/1","namespaces":[{{"id":"h"}}],"processes":[{}],"actions":[{}]}}"#,
            procs.join(","),
            acts.join(",")
        )
    }

    fn refusal(st: &AppState) -> String {
        match &st.notice {
            Notice::Refused { reason, .. } => (words::of(Lang::En).notice.why)(reason),
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn an_import_of_too_many_processes_is_refused_and_says_what_to_use() {
        let st = world().apply(Verb::Import(flat(PAGE_MAX_PROCESSES + 1, 0)));
        let why = refusal(&st);
        assert!(why.contains("processes"), "{why}");
        assert!(
            why.contains(&format!("{}", PAGE_MAX_PROCESSES + 1)),
            "{why}"
        );
        assert!(why.contains("sigsim FILE"), "{why}");
        assert_eq!(st.scenario, world().scenario, "the world on screen stays");
        // At the limit it opens.
        let st = world().apply(Verb::Import(flat(PAGE_MAX_PROCESSES, 0)));
        assert!(matches!(st.notice, Notice::Info(_)), "{:?}", st.notice);
    }

    #[test]
    fn a_link_of_too_many_actions_is_kept_aside_not_opened() {
        let link = format!(
            "#s={}&how=kill",
            base64url_encode(flat(2, PAGE_MAX_ACTIONS + 1).as_bytes())
        );
        let (st, error) = load(&link, &Mem::default());
        let error = error.expect("refused");
        assert!(error.contains("actions"), "{error}");
        assert!(!st.started());
        assert_eq!(st.kept.len(), 1, "kept, to be copied out for sigsim");
    }

    #[test]
    fn a_send_past_the_last_action_the_page_plays_is_refused() {
        let full = world().apply(Verb::Import(flat(2, PAGE_MAX_ACTIONS - 1)));
        let full = send(&from(&full, "p0"), "p1", Signal::TERM);
        assert_eq!(full.scenario.actions.len(), PAGE_MAX_ACTIONS);
        let over = send(&full, "p0", Signal::TERM);
        let why = refusal(&over);
        assert!(why.contains("5001 actions"), "{why}");
        assert_eq!(over.scenario, full.scenario);
    }
}

/// Redo puts back what undo took, edit by edit, as it was (its replay is
/// the same one: nothing is played again); any other edit ends it.
mod redo {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn undo_twice_then_redo_twice_is_where_it_started() {
        let two = send(
            &send(&world(), "ctr-init", Signal::TERM),
            "app",
            Signal::KILL,
        );
        let back = two.apply(Verb::Undo).apply(Verb::Undo);
        assert!(!back.started());
        assert!(back.can_redo());
        let again = back.apply(Verb::Redo).apply(Verb::Redo);
        assert_eq!(again.scenario, two.scenario);
        assert!(Rc::ptr_eq(&again.replay, &two.replay), "nothing replayed");
        assert_eq!(again.notice, two.notice, "the outcome of the redone send");
        assert!(!again.can_redo());
        // And it undoes again as before.
        assert_eq!(again.apply(Verb::Undo).scenario.actions.len(), 1);
    }

    #[test]
    fn an_edit_after_an_undo_ends_redo() {
        let undone = send(&world(), "ctr-init", Signal::TERM).apply(Verb::Undo);
        assert!(undone.can_redo());
        let edited = send(&undone, "app", Signal::KILL);
        assert!(!edited.can_redo());
        let st = edited.apply(Verb::Redo);
        assert_eq!(st.scenario, edited.scenario);
        assert_eq!(st.notice, Notice::Info(Msg::NothingToRedo));
    }

    #[test]
    fn redo_brings_back_an_edit_of_the_world_too() {
        let st = world().apply(Verb::SetUid {
            id: "app".into(),
            uid: 1000,
        });
        let again = st.apply(Verb::Undo).apply(Verb::Redo);
        assert_eq!(again.scenario, st.scenario);
        assert_eq!(again.notice, Notice::Info(Msg::Redone));
    }

    #[test]
    fn a_session_from_a_link_undoes_and_redoes() {
        let two = send(
            &send(&world(), "ctr-init", Signal::TERM),
            "app",
            Signal::KILL,
        );
        let restored =
            AppState::new((*two.scenario).clone(), Some(two.sender.clone()), two.how).unwrap();
        let undone = restored.apply(Verb::Undo);
        assert_eq!(undone.scenario.actions.len(), 1);
        let redone = undone.apply(Verb::Redo);
        assert_eq!(redone.scenario, restored.scenario);
        assert_eq!(redone.apply(Verb::Undo).scenario, undone.scenario);
    }
}

#[test]
fn a_long_run_of_undos_redoes_all_of_it_keeping_few_worlds() {
    let mut st = world();
    for i in 0..30 {
        st = send(
            &st,
            "ctr-init",
            if i % 2 == 0 {
                Signal::TERM
            } else {
                Signal::CONT
            },
        );
    }
    let all = st.clone();
    for _ in 0..30 {
        st = st.apply(Verb::Undo);
    }
    assert!(!st.started());
    assert!(st.undone.iter().filter(|u| u.replay.is_some()).count() <= 8);
    for _ in 0..30 {
        st = st.apply(Verb::Redo);
    }
    assert_eq!(st.scenario, all.scenario);
    assert_eq!(st.replay.steps.len(), all.replay.steps.len());
    assert_eq!(st.notice, all.notice);
}
