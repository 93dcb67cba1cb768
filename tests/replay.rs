//! The page replays a send from where the session stood and an undo from
//! the records it has (issue 12: no cliff at 2,000 sends). Either must be
//! the replay from the start, record for record and process for process:
//! checked over the random worlds of the differential tests.

use sigscope::replay::Replay;
use sigsim::Scenario;

fn same(a: &Replay, b: &Replay, what: &str) {
    assert_eq!(a.plan, b.plan, "{what}: plan");
    assert_eq!(a.world.applied, b.world.applied, "{what}: applied");
    assert_eq!(a.world.task_of, b.world.task_of, "{what}: tasks");
    assert_eq!(
        format!("{:?}", a.world.snapshot()),
        format!("{:?}", b.world.snapshot()),
        "{what}: processes"
    );
    assert_eq!(
        format!("{:?}", a.world.kernel.tasks),
        format!("{:?}", b.world.kernel.tasks),
        "{what}: the kernel's tasks"
    );
    assert_eq!(a.steps.len(), b.steps.len(), "{what}: steps");
    for (i, (x, y)) in a.steps.iter().zip(&b.steps).enumerate() {
        assert_eq!(format!("{x:?}"), format!("{y:?}"), "{what}: step {i}");
    }
}

fn prefix(s: &Scenario, n: usize) -> Scenario {
    let mut p = s.clone();
    p.actions.truncate(n);
    p
}

#[test]
fn sends_played_on_and_undos_from_the_records_equal_the_replay_from_the_start() {
    let mut compared = 0;
    for seed in 0..300 {
        let s = sigsim::gen::scenario(seed);
        let Ok(full) = Replay::run(&s) else { continue };
        // Action by action, as sends are made.
        let mut r = Replay::run(&prefix(&s, 0)).unwrap();
        for n in 1..=s.actions.len() {
            r = r.extended(&prefix(&s, n)).unwrap();
            same(
                &r,
                &Replay::run(&prefix(&s, n)).unwrap(),
                &format!("seed {seed}, extended to {n}"),
            );
        }
        same(&r, &full, &format!("seed {seed}"));
        // And back, as undos are made.
        for n in (0..s.actions.len()).rev() {
            r = r.truncated(&prefix(&s, n)).unwrap();
            same(
                &r,
                &Replay::run(&prefix(&s, n)).unwrap(),
                &format!("seed {seed}, undone to {n}"),
            );
        }
        compared += 1;
    }
    assert!(compared > 200, "only {compared} random worlds replayed");
}

#[test]
fn a_session_that_is_not_a_prefix_is_played_from_the_start() {
    let a = sigsim::gen::scenario(1);
    let mut b = a.clone();
    b.processes.retain(|p| p.parent.is_none());
    b.actions.clear();
    let ra = Replay::run(&a).unwrap();
    if let Ok(rb) = Replay::run(&b) {
        same(&ra.extended(&b).unwrap(), &rb, "extended");
        same(&ra.truncated(&b).unwrap(), &rb, "truncated");
    }
}

/// A world of `n` processes in one namespace, every one catching SIGUSR1,
/// and the global init's kill(-1, SIGUSR1).
fn kill_all(n: usize) -> Scenario {
    let mut processes = vec![serde_json::json!({"id": "init", "ns": "host"})];
    for i in 1..n {
        processes.push(serde_json::json!({"id": format!("p{i}"), "ns": "host", "parent": "init", "signals": {"SIGUSR1": "catch"}}));
    }
    serde_json::from_value(serde_json::json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": processes,
        "actions": [{"from": "init", "kill": -1, "sig": "SIGUSR1"}],
    }))
    .unwrap()
}

#[test]
fn a_long_path_keeps_its_first_steps_and_says_how_long_it_was() {
    use sigscope::replay::{Effect, TRACE_SHOWN};
    let r = Replay::run(&kill_all(2_000)).unwrap();
    let step = &r.steps[0];
    assert!(step.trace_len > 10 * TRACE_SHOWN, "{}", step.trace_len);
    assert_eq!(step.trace.len(), TRACE_SHOWN);
    // What it did is read off the whole path: every target is there.
    let handled = step
        .effects
        .iter()
        .filter(|(_, e)| e.iter().any(|e| matches!(e, Effect::Handled { .. })))
        .count();
    assert_eq!(handled, 1_999);
    // A short one is kept whole.
    let r = Replay::run(&kill_all(3)).unwrap();
    assert_eq!(r.steps[0].trace.len(), r.steps[0].trace_len);
}

#[test]
fn a_crowded_namespace_shows_its_init_the_sender_and_the_touched_first() {
    use sigscope::send::{DropTarget, HowToSend, Sender};
    use sigscope::session::{AppState, Verb};
    use sigscope::view_model::{namespace_tree, SHOWN_PER_NAMESPACE};
    let mut s = kill_all(500);
    s.actions.clear();
    let st = AppState::new(s, Some(Sender::Process("p7".into())), HowToSend::Kill).unwrap();
    let st = st.apply(Verb::Send {
        target: DropTarget::Process("p400".into()),
        sig: sigsim::Signal::new(10).unwrap(),
    });
    let tree = namespace_tree(&st);
    let shown: Vec<&str> = tree.processes.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(shown.len(), SHOWN_PER_NAMESPACE);
    assert_eq!(tree.not_shown + shown.len(), tree.total_processes);
    for id in ["init", "p7", "p400"] {
        assert!(shown.contains(&id), "{id} in {shown:?}");
    }
    // In the order they were created.
    let created: Vec<&str> = st
        .replay
        .plan
        .processes
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let order: Vec<&str> = created
        .into_iter()
        .filter(|id| shown.contains(id))
        .collect();
    assert_eq!(order, shown);
    // "Show the other N" shows them all.
    let all = namespace_tree(&st.apply(Verb::ShowAllProcesses(tree.id.clone())));
    assert_eq!(
        (all.processes.len(), all.not_shown),
        (tree.total_processes, 0)
    );
}

#[test]
fn a_collapsed_namespace_builds_no_process_view_but_counts_them() {
    use sigscope::session::{AppState, Verb};
    use sigscope::view_model::namespace_tree;
    let st = AppState::default();
    let ctr = namespace_tree(&st).children[0].clone();
    assert!(ctr.expanded && !ctr.processes.is_empty());
    let st = st.apply(Verb::ToggleNamespace(ctr.id.clone()));
    let folded = namespace_tree(&st).children[0].clone();
    assert!(!folded.expanded && folded.processes.is_empty());
    assert_eq!(folded.total_processes, ctr.total_processes);
    // The editor still shows a selected process in it.
    let st = st.apply(Verb::Select(Some(ctr.processes[0].id.clone())));
    assert_eq!(
        sigscope::view_model::process_view(&st, &ctr.processes[0].id),
        Some((*ctr.processes[0]).clone()).map(|mut p| {
            p.selected = true;
            p
        })
    );
}
