//! The call-chain diagram, natively: the static graph against what the
//! port can emit, the blog's four cases played through the pure view
//! model and rendered with Yew's server renderer, playback rules, the
//! embedded source, and the compare view.
#![cfg(not(target_arch = "wasm32"))]

use sigscope::call_chain::chain::{self, graph, Graph, NODE_H, NODE_W};
use sigscope::call_chain::compare::{compare, ComparePaths, ComparePathsProps};
use sigscope::call_chain::diagram::{self, CallChain, CallChainProps};
use sigscope::call_chain::path::{self, EdgeState, NodeState};
use sigscope::call_chain::playback::{key_command, Playback, PlaybackCmd, Speed};
use sigscope::call_chain::source;
use sigscope::call_chain::source_pane::{source_view, SourcePane, SourcePaneProps};
use sigsim::describe::{describe, Lang};
use sigsim::trace::{Fact, TaskIgnored, TraceStep, Verdict};
use sigsim::KernelVersion::{self, V4_19, V5_10, V6_18};
use std::rc::Rc;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---------------------------------------------------------------- fixtures

fn plan_of(file: &str, v: KernelVersion) -> sigsim::Plan {
    let text = std::fs::read_to_string(format!("{ROOT}/corpus/{file}.json")).unwrap();
    let s: sigsim::Scenario = serde_json::from_str(&text).unwrap();
    let mut plan = sigsim::validate(&s).unwrap();
    plan.version = v;
    plan
}

/// The trace of the scenario's first action on `v`.
fn trace_of(file: &str, v: KernelVersion) -> Vec<TraceStep> {
    let (_, traces) =
        sigsim::simulate(&plan_of(file, v), sigsim::Options::default(), true).unwrap();
    traces.into_iter().next().unwrap()
}

const SIGTERM_INSIDE: &str = "001-sigterm-container-init-from-inside";
const SIGKILL_INSIDE: &str = "002-sigkill-container-init-from-inside";
const SIGTERM_HOST: &str = "003-sigterm-container-init-from-host";
const SIGKILL_HOST: &str = "004-sigkill-container-init-from-host";
const HANDLER_INSIDE: &str = "005-sigterm-handler-init-from-inside";
const HANDLER_HOST: &str = "006-sigterm-handler-init-from-host";

/// Every trace of every corpus scenario and of `seeds` random ones, on `v`.
fn many_traces(v: KernelVersion, seeds: u64) -> Vec<Vec<TraceStep>> {
    let mut scenarios = Vec::new();
    for e in std::fs::read_dir(format!("{ROOT}/corpus")).unwrap() {
        let p = e.unwrap().path();
        let name = p.to_string_lossy().to_string();
        if !name.ends_with(".json") || name.ends_with(".outcome.json") {
            continue;
        }
        if let Ok(s) =
            serde_json::from_str::<sigsim::Scenario>(&std::fs::read_to_string(&p).unwrap())
        {
            scenarios.push(s);
        }
    }
    scenarios.extend((0..seeds).map(sigsim::gen::scenario));
    let mut out = Vec::new();
    for s in &scenarios {
        let Ok(mut plan) = sigsim::validate(s) else {
            continue;
        };
        plan.version = v;
        if let Ok((_, traces)) = sigsim::simulate(&plan, sigsim::Options::default(), true) {
            out.extend(traces);
        }
    }
    out
}

/// The node a function name (as the version spells it) labels.
fn node_named(g: &Graph, name: &str) -> Option<usize> {
    g.nodes.iter().position(|n| n.name == name)
}

fn node(v: KernelVersion, name: &str) -> usize {
    node_named(graph(v), name).unwrap_or_else(|| panic!("{name} is not a node of {v}"))
}

fn edge(v: KernelVersion, from: &str, to: &str) -> usize {
    graph(v)
        .edge(node(v, from), node(v, to))
        .unwrap_or_else(|| panic!("no edge {from} → {to} in {v}"))
}

/// The functions lit (visited or passed) at step `upto`, in first-visit order.
fn lit_path(v: KernelVersion, steps: &[TraceStep], upto: usize) -> Vec<&'static str> {
    let g = graph(v);
    let links = path::links(g, steps);
    let mut order = Vec::new();
    for l in links.iter().take(upto + 1) {
        for &n in l.via.iter().chain(l.node.iter()) {
            let name = g.nodes[n].name;
            if !order.contains(&name) {
                order.push(name);
            }
        }
    }
    order
}

/// The diagram on the whole map (the tests of what the map shows).
async fn render_chain(steps: Vec<TraceStep>, version: KernelVersion, current: usize) -> String {
    render_chain_with(steps, version, current, false, true).await
}

async fn render_chain_with(
    steps: Vec<TraceStep>,
    version: KernelVersion,
    current: usize,
    reduced_motion: bool,
    whole_map: bool,
) -> String {
    yew::ServerRenderer::<CallChain>::with_props(move || CallChainProps {
        steps: Rc::new(steps),
        version,
        current,
        compare: None,
        hover: None,
        on_hover: Default::default(),
        on_command: Default::default(),
        on_focus_step: Default::default(),
        label: None,
        reduced_motion,
        step_ms: 1200,
        compact_list: false,
        callout: true,
        mark_current: true,
        whole_map,
    })
    .hydratable(false)
    .render()
    .await
}

/// The opening tag of the node `<g>` for a function.
fn node_tag<'a>(html: &'a str, func: &str) -> &'a str {
    let at = html
        .find(&format!("data-func=\"{func}\""))
        .unwrap_or_else(|| panic!("no node {func}"));
    let start = html[..at].rfind("<g").unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

// ------------------------------------------------ the graph vs the port

#[test]
fn every_function_the_port_emits_is_a_node_of_that_versions_graph() {
    for v in KernelVersion::ALL {
        let traces = many_traces(v, 600);
        let mut seen = std::collections::BTreeSet::new();
        for t in &traces {
            for s in t {
                assert!(
                    graph(v).node(s.func).is_some(),
                    "{v}: the port emitted {} ({}:{}), not on the diagram",
                    s.name(),
                    s.file,
                    s.line
                );
                seen.insert(s.name());
            }
        }
        assert!(seen.len() > 35, "{v}: only {seen:?}");
    }
}

#[test]
fn every_call_in_a_trace_follows_edges_of_the_graph() {
    for v in KernelVersion::ALL {
        let g = graph(v);
        for t in many_traces(v, 400) {
            let links = path::links(g, &t);
            for (i, s) in t.iter().enumerate() {
                let caller = t[..i].iter().rposition(|p| p.depth < s.depth);
                if let Some(j) = caller {
                    if t[j].name() != s.name() {
                        assert!(
                            !links[i].edges.is_empty(),
                            "{v}: no path {} → {} (depth {} → {})",
                            t[j].name(),
                            s.name(),
                            t[j].depth,
                            s.depth
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn linux_5_10_names_its_functions_as_5_10_does() {
    let g = graph(V5_10);
    for name in [
        "kill",
        "prepare_kill_siginfo",
        "kill_something_info",
        "kill_proc_info",
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
    ] {
        assert!(node_named(g, name).is_some(), "5.10 lacks {name}");
    }
    for name in [
        "send_signal_locked",
        "__send_signal_locked",
        "kill_pid_info_type",
        "send_sig_info",
    ] {
        assert!(node_named(g, name).is_none(), "5.10 has no {name}");
    }
    // The blog's chain is 5.10's: each hop an edge.
    let chain = [
        "kill",
        "kill_something_info",
        "kill_proc_info",
        "kill_pid_info",
        "group_send_sig_info",
        "do_send_sig_info",
        "send_signal",
        "__send_signal",
        "prepare_signal",
        "sig_ignored",
        "sig_task_ignored",
        "sig_handler_ignored",
    ];
    for w in chain.windows(2) {
        edge(V5_10, w[0], w[1]);
    }
    edge(V5_10, "kill", "prepare_kill_siginfo");
    edge(V5_10, "group_send_sig_info", "check_kill_permission");
}

#[test]
fn linux_6_18_names_its_functions_as_6_18_does() {
    let g = graph(V6_18);
    for name in [
        "prepare_kill_siginfo",
        "kill_proc_info",
        "kill_pid_info",
        "kill_pid_info_type",
        "send_signal_locked",
        "__send_signal_locked",
    ] {
        assert!(node_named(g, name).is_some(), "6.18 lacks {name}");
    }
    for name in ["send_signal", "__send_signal", "send_sig_info"] {
        assert!(node_named(g, name).is_none(), "6.18 has no {name}");
    }
    edge(V6_18, "kill_pid_info", "kill_pid_info_type");
    edge(V6_18, "kill_pid_info_type", "group_send_sig_info");
    edge(V6_18, "do_send_sig_info", "send_signal_locked");
    edge(V6_18, "send_signal_locked", "__send_signal_locked");
    // The names agree with the port's own table.
    use sigsim::version::Func;
    for f in [Func::SendSignal, Func::SendSignalInner, Func::KillPidInfo] {
        for v in KernelVersion::ALL {
            assert!(
                node_named(graph(v), v.name(f)).is_some(),
                "{v}: {}",
                v.name(f)
            );
        }
    }
}

#[test]
fn linux_4_19_has_no_prepare_kill_siginfo_and_no_kill_proc_info_hop() {
    let g = graph(V4_19);
    assert!(node_named(g, "prepare_kill_siginfo").is_none());
    assert!(node_named(g, "kill_pid_info_type").is_none());
    edge(V4_19, "kill_something_info", "kill_pid_info");
    assert!(g
        .edge(
            node(V4_19, "kill_something_info"),
            node(V4_19, "kill_proc_info")
        )
        .is_none());
    // kill_proc_info is still there, for rt_sigqueueinfo.
    edge(V4_19, "do_rt_sigqueueinfo", "kill_proc_info");
    edge(V4_19, "zap_pid_ns_processes", "send_sig_info");
    let t = trace_of(SIGKILL_HOST, V4_19);
    assert_eq!(
        lit_path(V4_19, &t, 6)[..4],
        [
            "kill",
            "kill_something_info",
            "kill_pid_info",
            "group_send_sig_info"
        ]
    );
}

#[test]
fn renamed_functions_carry_their_rename_note() {
    let note = |v: KernelVersion, name: &str| {
        chain::note(Lang::En, graph(v).nodes[node(v, name)].func, v).unwrap_or_default()
    };
    assert!(note(V6_18, "send_signal_locked").contains("send_signal → send_signal_locked in 5.19"));
    assert!(note(V6_18, "__send_signal_locked").contains("5.19"));
    assert!(note(V6_18, "kill_pid_info_type").contains("since 6.9"));
    assert!(note(V5_10, "send_signal").contains("send_signal_locked in 5.19"));
    assert!(note(V5_10, "prepare_kill_siginfo").contains("since 5.1"));
    assert!(note(V4_19, "kill_something_info").contains("kill_proc_info hop"));
    let legend = chain::notes(Lang::En, V6_18);
    assert!(legend.iter().any(|(n, _)| *n == "send_signal_locked"));
}

#[test]
fn the_layout_fits_the_view_box_and_no_two_nodes_overlap() {
    for v in KernelVersion::ALL {
        let g = graph(v);
        for (i, a) in g.nodes.iter().enumerate() {
            assert!(
                a.x >= 0.0 && a.x + NODE_W <= g.width && a.y >= 0.0 && a.y + NODE_H <= g.height
            );
            for b in &g.nodes[i + 1..] {
                let apart = a.x + NODE_W <= b.x
                    || b.x + NODE_W <= a.x
                    || a.y + NODE_H + 6.0 <= b.y
                    || b.y + NODE_H + 6.0 <= a.y;
                assert!(apart, "{v}: {} overlaps {}", a.name, b.name);
            }
        }
        for e in &g.edges {
            assert!(e.d.starts_with('M') && !e.d.contains("NaN"), "{}", e.d);
        }
    }
}

#[test]
fn nodes_link_to_bootlin_elixir_for_their_version() {
    let g = graph(V5_10);
    assert_eq!(
        g.elixir_ident_url(node(V5_10, "send_signal")),
        "https://elixir.bootlin.com/linux/v5.10.262/C/ident/send_signal"
    );
    assert_eq!(
        g.elixir_ident_url(node(V5_10, "kill")),
        "https://elixir.bootlin.com/linux/v5.10.262/C/ident/sys_kill"
    );
    let g = graph(V6_18);
    assert_eq!(
        g.elixir_source_url(node(V6_18, "zap_pid_ns_processes")),
        "https://elixir.bootlin.com/linux/v6.18/source/kernel/pid_namespace.c"
    );
    assert_eq!(g.nodes[node(V6_18, "do_group_exit")].file, "kernel/exit.c");
    assert_eq!(g.nodes[node(V6_18, "copy_process")].file, "kernel/fork.c");
    assert_eq!(g.nodes[node(V6_18, "alloc_pid")].file, "kernel/pid.c");
    assert!(!graph(V4_19).exists_upstream(node(V4_19, "pidfd_open")));
}

// --------------------------------------------------- the blog's four cases

/// The sender's path to the ignore test, as the diagram lights it on 6.18.
const SPINE_618: [&str; 15] = [
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
];

struct Case {
    file: &'static str,
    seal_func: &'static str,
    seal: &'static str,
    /// The deciding step's fact.
    fact: &'static str,
    force: &'static str,
}

const BLOG_CASES: [Case; 6] = [
    Case {
        file: SIGTERM_INSIDE,
        seal_func: "sig_task_ignored",
        seal: "dropped here",
        fact: "sig_task_ignored",
        force: "false",
    },
    Case {
        file: SIGKILL_INSIDE,
        seal_func: "sig_task_ignored",
        seal: "dropped here",
        fact: "sig_task_ignored",
        force: "false",
    },
    Case {
        file: SIGTERM_HOST,
        seal_func: "sig_task_ignored",
        seal: "dropped here",
        fact: "sig_task_ignored",
        force: "true",
    },
    Case {
        file: SIGKILL_HOST,
        seal_func: "complete_signal",
        seal: "fatal to the group",
        fact: "fatal_to_group",
        force: "true",
    },
    Case {
        file: HANDLER_INSIDE,
        seal_func: "__send_signal_locked",
        seal: "queued",
        fact: "queued",
        force: "false",
    },
    Case {
        file: HANDLER_HOST,
        seal_func: "__send_signal_locked",
        seal: "queued",
        fact: "queued",
        force: "true",
    },
];

#[test]
fn the_blogs_cases_light_the_spine_and_seal_where_the_port_decided() {
    for c in &BLOG_CASES {
        let t = trace_of(c.file, V6_18);
        let d = path::deciding_step(&t).unwrap_or_else(|| panic!("{}: no deciding step", c.file));
        assert_eq!(t[d].name(), c.seal_func, "{}", c.file);
        assert_eq!(
            path::seal_label(t[d].verdict().unwrap(), Lang::En),
            c.seal,
            "{}",
            c.file
        );
        assert_eq!(t[d].fact.kind(), c.fact, "{}", c.file);
        // The whole spine down to the ignore test is lit by then, in order.
        assert_eq!(lit_path(V6_18, &t, d)[..15], SPINE_618, "{}", c.file);
        // send_signal_locked decided force from the namespaces compared.
        let send = t.iter().find(|s| s.name() == "send_signal_locked").unwrap();
        assert_eq!(
            path::value(send, "force").as_deref(),
            Some(c.force),
            "{}",
            c.file
        );
    }
}

/// Issue 9: at the end of SIGKILL from the host, a node passed again by
/// the aftermath (the SIGCHLD to the shell) still names the call's visit.
#[test]
fn a_node_keeps_the_visit_of_the_call_not_of_the_aftermath() {
    let t = trace_of(SIGKILL_HOST, V6_18);
    let g = graph(V6_18);
    let last = t.len() - 1;
    let sti = path::node_label(g, &t, node(V6_18, "sig_task_ignored"), last, Lang::En);
    assert!(sti.contains("SIGKILL is forced"), "{sti}");
    // A node only the aftermath reached says so.
    let gs = path::node_label(g, &t, node(V6_18, "get_signal"), last, Lang::En);
    assert!(gs.starts_with("get_signal: after the call: "), "{gs}");
}

/// Issue 9: the steps after the call returned are marked as such, once at
/// the first of them, and in the callout when one is shown.
#[tokio::test]
async fn the_steps_after_the_call_are_marked_as_aftermath() {
    let t = trace_of(SIGKILL_HOST, V6_18);
    let after = t
        .iter()
        .filter(|s| s.phase == sigsim::trace::Phase::Aftermath)
        .count();
    assert!(after > 0);
    let last = t.len() - 1;
    let html = render_chain(t.clone(), V6_18, last).await;
    assert_eq!(html.matches("cc-aftermath").count(), after);
    // One mark in the list, one in the callout of the (aftermath) last step.
    assert_eq!(html.matches("after the call returned").count(), 2);
    let d = path::deciding_step(&t).unwrap();
    let at_seal = render_chain(t, V6_18, d).await;
    assert_eq!(at_seal.matches("after the call returned").count(), 1);
}

/// Issue 9: autoplay reaches the deciding step within 6 s at 1× — steps
/// that decide nothing pass at a sixth of a step.
#[test]
fn autoplay_reaches_the_blogs_deciding_steps_within_six_seconds() {
    for c in &BLOG_CASES {
        let t = trace_of(c.file, V6_18);
        let d = path::deciding_step(&t).unwrap();
        let ms = Speed::Normal.ms_to_reach(d, |i| t[i].verdict().is_some());
        assert!(ms <= 6000, "{}: {ms} ms to step {}", c.file, d + 1);
    }
}

#[test]
fn other_calls_seal_where_the_port_says() {
    let seal = |file: &str, action: usize| {
        let (_, traces) =
            sigsim::simulate(&plan_of(file, V6_18), sigsim::Options::default(), true).unwrap();
        let t = &traces[action];
        let d = path::deciding_step(t).unwrap();
        (
            t[d].name(),
            path::seal_label(t[d].verdict().unwrap(), Lang::En),
        )
    };
    assert_eq!(
        seal("040-unprivileged-to-root-eperm", 0),
        ("check_kill_permission", "EPERM here".to_string())
    );
    assert_eq!(
        seal("018-three-levels-invisible-targets", 0),
        ("kill_pid_info_type", "ESRCH here".to_string())
    );
    assert_eq!(
        seal("031-pidns10-kill-minus1-alone", 0),
        ("kill_something_info", "ESRCH here".to_string())
    );
    assert_eq!(
        seal("051-blocked-sigusr1-stays-pending", 1),
        ("__send_signal_locked", "coalesced here".to_string())
    );
    // An exit seals where the caller is gone, not at the SIGCHLD it sends.
    assert_eq!(
        seal("049-zombie-target-returns-0", 0),
        ("exit_notify", "exited".to_string())
    );
}

#[test]
fn a_dropped_signal_lights_nothing_past_sig_task_ignored() {
    for file in [SIGTERM_INSIDE, SIGKILL_INSIDE, SIGTERM_HOST] {
        let t = trace_of(file, V6_18);
        let g = graph(V6_18);
        let links = path::links(g, &t);
        let d = path::deciding_step(&t).unwrap();
        let f = path::frame(g, &t, &links, d);
        assert_eq!(f.current, Some(node(V6_18, "sig_task_ignored")));
        assert_eq!(f.nodes[node(V6_18, "sig_task_ignored")], NodeState::Current);
        assert_eq!(
            f.edges[edge(V6_18, "sig_ignored", "sig_task_ignored")],
            EdgeState::Current
        );
        // The whole trace: still nothing queued, nothing woken.
        let f = path::frame(g, &t, &links, t.len() - 1);
        for (a, b) in [
            ("sig_task_ignored", "sig_handler_ignored"),
            ("__send_signal_locked", "legacy_queue"),
            ("__send_signal_locked", "complete_signal"),
            ("get_signal", "do_group_exit"),
        ] {
            assert_eq!(
                f.edges[edge(V6_18, a, b)],
                EdgeState::Dim,
                "{file}: {a} → {b}"
            );
        }
        assert_eq!(f.nodes[node(V6_18, "complete_signal")], NodeState::Dim);
        assert_eq!(
            f.verdicts[node(V6_18, "sig_task_ignored")],
            Some(Verdict::Dropped)
        );
    }
}

#[test]
fn sigkill_from_the_host_is_forced_through_and_the_namespace_dies_with_its_init() {
    let t = trace_of(SIGKILL_HOST, V6_18);
    let g = graph(V6_18);
    let links = path::links(g, &t);
    let f = path::frame(g, &t, &links, t.len() - 1);
    for (a, b) in [
        ("sig_task_ignored", "sig_handler_ignored"),
        ("__send_signal_locked", "legacy_queue"),
        ("__send_signal_locked", "complete_signal"),
        ("get_signal", "do_group_exit"),
        ("do_group_exit", "do_exit"),
        ("do_exit", "exit_notify"),
        ("forget_original_parent", "find_child_reaper"),
        ("find_child_reaper", "zap_pid_ns_processes"),
        ("zap_pid_ns_processes", "group_send_sig_info"),
    ] {
        assert_ne!(f.edges[edge(V6_18, a, b)], EdgeState::Dim, "{a} → {b}");
    }
    // do_exit and forget_original_parent decide nothing here: passed through.
    assert_eq!(f.nodes[node(V6_18, "do_exit")], NodeState::Passed);
    let sti = t.iter().find(|s| s.name() == "sig_task_ignored").unwrap();
    assert!(matches!(
        sti.fact,
        Fact::SigTaskIgnored {
            unkillable: true,
            force: true,
            decision: TaskIgnored::Passes,
            ..
        }
    ));
}

#[test]
fn the_5_10_diagram_plays_the_blogs_chain() {
    let t = trace_of(SIGKILL_INSIDE, V5_10);
    let d = path::deciding_step(&t).unwrap();
    assert_eq!(
        lit_path(V5_10, &t, d),
        [
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
        ]
    );
    assert_eq!(
        path::seal_label(t[d].verdict().unwrap(), Lang::En),
        "dropped here"
    );
}

#[tokio::test]
async fn the_rendered_diagram_marks_the_deciding_node_with_its_reason() {
    for c in &BLOG_CASES {
        let t = trace_of(c.file, V6_18);
        let d = path::deciding_step(&t).unwrap();
        let html = render_chain(t.clone(), V6_18, d).await;
        let tag = node_tag(&html, c.seal_func);
        assert!(tag.contains("cc-current"), "{}: {tag}", c.file);
        assert!(tag.contains(r#"role="button""#) && tag.contains(r#"tabindex="0""#));
        // The node's accessible name: function, verdict, the port's sentence.
        let label = format!(
            "aria-label=\"{}: {} — {}",
            c.seal_func,
            t[d].verdict().unwrap().label(),
            html_escape(&describe(&t[d], Lang::En))
        );
        assert!(tag.contains(&label), "{}: {tag}", c.file);
        // The seal on the diagram and in words under it.
        assert!(html.contains(&format!(">{}</text>", c.seal)), "{}", c.file);
        assert!(html.contains(&format!("{} at {} (step {})", c.seal, c.seal_func, d + 1)));
        // The callout shows the decision and the values examined.
        let callout = &html[html.find("cc-callout").unwrap()..];
        assert!(callout.contains(&html_escape(&describe(&t[d], Lang::En))));
        for (k, v) in path::values(&t[d]) {
            assert!(callout.contains(&format!(
                "<dt><code>{k}</code></dt><dd><code>{}</code></dd>",
                html_escape(&v)
            )));
        }
        // Functions the path never reached are dimmed and out of the tab order.
        let dim = node_tag(&html, "tgkill");
        assert!(dim.contains("cc-dim") && dim.contains(r#"tabindex="-1""#));
        assert!(dim.contains("tgkill: not on this path"));
        // The diagram is a named group; the steps are an ordered list.
        assert!(html.contains(r#"role="group""#));
        assert!(html.contains(r#"aria-label="Kernel call path, Linux 6.18 (v6.18): step"#));
        // Each listed step indented by a class (no `style=`: strict CSP).
        let depth_classes = html
            .match_indices("cc-d")
            .filter(|(i, _)| html[i + 4..].starts_with(|c: char| c.is_ascii_digit()))
            .count();
        assert_eq!(depth_classes, t.len());
        assert!(!html.contains("style="));
        assert!(html.contains(r#"aria-current="step""#));
    }
}

#[tokio::test]
async fn the_current_edge_animates_unless_motion_is_reduced() {
    let t = trace_of(SIGKILL_INSIDE, V6_18);
    let html = render_chain_with(t.clone(), V6_18, 5, false, true).await;
    assert_eq!(html.matches("cc-edge-draw").count(), 1);
    assert!(!html.contains("cc-reduced"));
    let html = render_chain_with(t, V6_18, 5, true, true).await;
    assert!(!html.contains("cc-edge-draw"), "no drawing animation");
    assert!(
        html.contains("cc-reduced"),
        "the class that turns transitions off"
    );
    assert!(
        html.contains("cc-edge-now"),
        "the current edge is still marked"
    );
}

#[tokio::test]
async fn before_the_deciding_step_nothing_is_sealed_yet() {
    let t = trace_of(SIGKILL_INSIDE, V6_18);
    let html = render_chain(t, V6_18, 3).await;
    assert!(!html.contains("dropped here"));
    assert!(node_tag(&html, "kill_proc_info").contains("cc-current"));
    assert!(node_tag(&html, "sig_task_ignored").contains("cc-dim"));
}

#[tokio::test]
async fn each_versions_diagram_renders_its_own_names() {
    for (v, has, lacks) in [
        (
            V5_10,
            ["send_signal", "__send_signal", "kill_proc_info"],
            "send_signal_locked",
        ),
        (
            V6_18,
            [
                "send_signal_locked",
                "__send_signal_locked",
                "kill_pid_info_type",
            ],
            "__send_signal\"",
        ),
        (
            V4_19,
            ["send_signal", "__send_signal", "send_sig_info"],
            "prepare_kill_siginfo",
        ),
    ] {
        let t = trace_of(SIGTERM_HOST, v);
        let html = render_chain(t, v, 0).await;
        for name in has {
            assert!(
                html.contains(&format!("data-func=\"{name}\"")),
                "{v}: {name}"
            );
        }
        assert!(
            !html.contains(&format!("data-func=\"{lacks}")),
            "{v}: {lacks}"
        );
        assert!(html.contains(&format!("Linux {v} ({})", v.tree())));
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// ---------------------------------------------------------------- compare

#[test]
fn sigkill_from_inside_and_from_the_host_part_at_sig_task_ignored_because_of_force() {
    let a = trace_of(SIGKILL_INSIDE, V6_18);
    let b = trace_of(SIGKILL_HOST, V6_18);
    let p = path::parting_step(&a, &b).unwrap();
    assert_eq!(a[p].name(), "sig_task_ignored");
    assert_eq!(a[p].verdict(), Some(Verdict::Dropped));
    assert_eq!(b[p].verdict(), None);
    let o = path::origin_of_difference(&a, &b, p).unwrap();
    assert_eq!(a[o.index].name(), "send_signal_locked");
    assert_eq!(
        (o.key, o.a.as_str(), o.b.as_str()),
        ("force", "false", "true")
    );
    let c = compare(&a, &b, "from inside", "from the host", Lang::En);
    assert!(c.summary.starts_with(&format!(
        "The paths part at step {}, sig_task_ignored.",
        p + 1
    )));
    assert!(c
        .summary
        .contains("in send_signal_locked: force is false from inside, true from the host."));
    assert_eq!(path::parting_step(&a, &a), None);
}

#[test]
fn in_4_19_the_difference_is_from_ancestor_ns_in_send_signal() {
    let a = trace_of(SIGKILL_INSIDE, V4_19);
    let b = trace_of(SIGKILL_HOST, V4_19);
    let p = path::parting_step(&a, &b).unwrap();
    assert_eq!(a[p].name(), "sig_task_ignored");
    let o = path::origin_of_difference(&a, &b, p).unwrap();
    assert_eq!(a[o.index].name(), "send_signal");
    assert_eq!(
        (o.key, o.a.as_str(), o.b.as_str()),
        ("from_ancestor_ns", "false", "true")
    );
}

#[tokio::test]
async fn the_compare_view_shows_both_paths_and_where_they_part() {
    let (a, b) = (
        trace_of(SIGKILL_INSIDE, V6_18),
        trace_of(SIGKILL_HOST, V6_18),
    );
    let p = path::parting_step(&a, &b).unwrap();
    let html = yew::ServerRenderer::<ComparePaths>::with_props(move || ComparePathsProps {
        version: V6_18,
        a: Rc::new(a),
        b: Rc::new(b),
        a_label: Some("from inside".into()),
        b_label: Some("from the host".into()),
        on_hover: Default::default(),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains("paths part here"));
    assert!(html.contains("cc-edge-compare"));
    // B's own seal: SIGKILL from the host is fatal.
    assert!(html.contains("fatal to the group"));
    assert_eq!(
        html.matches("cc-parting").count(),
        2,
        "one row on each side"
    );
    assert!(node_tag(&html, "complete_signal").contains("cc-in-compare"));
    assert!(html.contains(&format!("The paths part at step {}", p + 1)));
}

// ---------------------------------------------------------------- playback

#[test]
fn playback_starts_at_the_first_step_pauses_once_at_the_seal_and_plays_to_the_end() {
    let mut p = Playback::new(5, Some(2), true);
    assert_eq!((p.index, p.playing), (0, true));
    for want in 1..=2 {
        p = p.apply(PlaybackCmd::Tick(p.generation));
        assert_eq!(p.index, want);
    }
    assert!(
        !p.playing && p.held_at_seal(),
        "it pauses where the fate was sealed"
    );
    // Play goes on from there, and does not hold again.
    p = p.apply(PlaybackCmd::Toggle);
    assert_eq!((p.index, p.playing), (2, true));
    assert!(!p.held_at_seal());
    for want in 3..=4 {
        p = p.apply(PlaybackCmd::Tick(p.generation));
        assert_eq!(p.index, want);
    }
    assert!(!p.playing, "it stops at the last step");
    // Play again from the end starts over and runs through the seal.
    p = p.apply(PlaybackCmd::Toggle);
    assert_eq!((p.index, p.playing), (0, true));
    for _ in 0..4 {
        p = p.apply(PlaybackCmd::Tick(p.generation));
    }
    assert_eq!((p.index, p.playing), (4, false));
    // A seal at the last step is just the end.
    let mut q = Playback::new(3, Some(2), true);
    for _ in 0..2 {
        q = q.apply(PlaybackCmd::Tick(q.generation));
    }
    assert_eq!((q.index, q.playing, q.held_at_seal()), (2, false, false));
}

#[test]
fn play_and_pause_say_what_they_want_whatever_the_state() {
    // The embedding page's commands (src/components/embed.rs): a second
    // play or pause changes nothing, unlike Toggle.
    let p = Playback::new(5, Some(3), false);
    let playing = p.apply(PlaybackCmd::Play);
    assert!(playing.playing);
    assert_eq!(playing.apply(PlaybackCmd::Play), playing);
    let paused = playing.apply(PlaybackCmd::Pause);
    assert!(!paused.playing);
    assert_eq!(paused.apply(PlaybackCmd::Pause), paused);
    assert_ne!(
        paused.generation, playing.generation,
        "a pause cancels the tick"
    );
    // At the end, play starts over; one step cannot play.
    let end = p.apply(PlaybackCmd::Last).apply(PlaybackCmd::Play);
    assert_eq!((end.index, end.playing), (0, true));
    assert!(
        !Playback::new(1, None, false)
            .apply(PlaybackCmd::Play)
            .playing
    );
}

#[test]
fn a_manual_step_pauses_and_a_stale_tick_is_ignored() {
    let p = Playback::new(5, Some(3), true);
    let stale = p.generation;
    let p = p.apply(PlaybackCmd::Next);
    assert_eq!((p.index, p.playing), (1, false));
    let q = p.apply(PlaybackCmd::Toggle).apply(PlaybackCmd::Tick(stale));
    assert_eq!(q.index, 1, "a tick scheduled before the click does nothing");
    assert_eq!(p.apply(PlaybackCmd::Prev).apply(PlaybackCmd::Prev).index, 0);
    assert_eq!(p.apply(PlaybackCmd::Last).index, 4);
    assert_eq!(p.apply(PlaybackCmd::Last).apply(PlaybackCmd::Next).index, 4);
    assert_eq!(p.apply(PlaybackCmd::First).index, 0);
    assert_eq!(p.apply(PlaybackCmd::Deciding).index, 3);
    assert_eq!(p.apply(PlaybackCmd::Goto(99)).index, 4);
    let s = p.apply(PlaybackCmd::SetSpeed(Speed::Double));
    assert_eq!(s.speed.step_ms(), 600);
}

#[test]
fn a_new_trace_restarts_at_step_zero_and_plays() {
    let p = Playback::new(5, None, true).apply(PlaybackCmd::Last);
    let p = p
        .apply(PlaybackCmd::SetSpeed(Speed::Half))
        .apply(PlaybackCmd::Reset {
            len: 9,
            deciding: Some(6),
            autoplay: true,
        });
    assert_eq!(
        (p.index, p.len, p.playing, p.deciding),
        (0, 9, true, Some(6))
    );
    assert_eq!(p.speed, Speed::Half, "the reader's speed is kept");
}

#[test]
fn keys_step_play_and_jump() {
    assert_eq!(key_command("ArrowLeft"), Some(PlaybackCmd::Prev));
    assert_eq!(key_command("ArrowRight"), Some(PlaybackCmd::Next));
    assert_eq!(key_command(" "), Some(PlaybackCmd::Toggle));
    assert_eq!(key_command("Home"), Some(PlaybackCmd::First));
    assert_eq!(key_command("End"), Some(PlaybackCmd::Last));
    assert_eq!(key_command("a"), None);
}

// ------------------------------------------------------------- source pane

#[test]
fn every_step_points_into_an_embedded_port_function() {
    for v in KernelVersion::ALL {
        for t in many_traces(v, 150) {
            for s in &t {
                let (text, span) = source::step_fn(s.file, s.line, s.name())
                    .unwrap_or_else(|| panic!("{}:{} ({}) not embedded", s.file, s.line, s.name()));
                assert!(
                    span.contains(s.line),
                    "{}:{} outside fn {}",
                    s.file,
                    s.line,
                    span.name
                );
                let line = text.lines().nth(s.line as usize - 1).unwrap();
                assert!(
                    line.contains("trace!("),
                    "{}:{} is {line:?}",
                    s.file,
                    s.line
                );
            }
        }
    }
}

#[test]
fn a_port_file_is_found_by_the_tail_of_its_path() {
    let short = source::file_text("sigsim/src/exit.rs").unwrap();
    assert_eq!(
        source::file_text("/work/elsewhere/sigsim/src/exit.rs"),
        Some(short)
    );
    assert_eq!(source::file_text("other/src/exit.rs"), None);
}

#[test]
fn a_function_is_shown_from_its_doc_comment_to_its_closing_brace() {
    let text = source::file_text("sigsim/src/signal.rs").unwrap();
    let span = source::fn_by_name(text, "sig_task_ignored").unwrap();
    let lines = source::span_lines(text, &span);
    assert!(lines[0].1.trim_start().starts_with("///"));
    assert!(lines
        .iter()
        .any(|(_, l)| l.contains("pub fn sig_task_ignored(")));
    assert_eq!(lines.last().unwrap().1, "    }");
    // Line numbers are the file's.
    let real: Vec<&str> = text.lines().collect();
    for (no, l) in &lines {
        assert_eq!(real[*no as usize - 1], *l);
    }
    let t = trace_of(SIGKILL_INSIDE, V6_18);
    let d = path::deciding_step(&t).unwrap();
    assert_eq!(source::enclosing_fn(text, t[d].line), Some(span));
}

#[tokio::test]
async fn the_source_pane_highlights_the_deciding_line_and_links_upstream() {
    let t = trace_of(SIGTERM_HOST, V5_10);
    let d = path::deciding_step(&t).unwrap();
    let line = t[d].line;
    let v = source_view(&t, V5_10, d, d).unwrap();
    assert_eq!(v.span.name, "sig_task_ignored");
    assert_eq!(
        v.upstream.as_ref().map(|u| u.1.as_str()),
        Some("https://elixir.bootlin.com/linux/v5.10.262/C/ident/sig_task_ignored")
    );
    let html = yew::ServerRenderer::<SourcePane>::with_props(move || SourcePaneProps {
        steps: Rc::new(t),
        version: V5_10,
        current: d,
        hover: None,
        on_hover: Default::default(),
    })
    .hydratable(false)
    .render()
    .await;
    let at = html.find(&format!("data-line=\"{line}\"")).unwrap();
    let start = html[..at].rfind('<').unwrap();
    let tag = &html[start..at + html[at..].find('>').unwrap()];
    assert!(tag.contains("cc-src-decided"), "{tag}");
    assert!(html.contains("upstream: sig_task_ignored in v5.10.262"));
    assert!(html.contains("https://elixir.bootlin.com/linux/v5.10.262/source/kernel/signal.c"));
}

#[test]
fn hovering_a_node_shows_its_function_with_its_lines_marked() {
    let t = trace_of(SIGKILL_HOST, V6_18);
    let g = graph(V6_18);
    let ckp = node(V6_18, "check_kill_permission");
    let hovered = diagram::step_for_node(g, &t, ckp, t.len()).unwrap();
    let v = source_view(&t, V6_18, 0, hovered).unwrap();
    assert_eq!(v.span.name, "check_kill_permission");
    // Both check_kill_permission steps of the send are marked.
    let lines: Vec<u32> = t
        .iter()
        .filter(|s| s.name() == "check_kill_permission")
        .map(|s| s.line)
        .collect();
    for l in lines {
        assert!(v.marked.contains(&l));
    }
}

// -------------------------------------------------------- the tree's focus

#[test]
fn send_signal_tells_the_tree_which_levels_were_compared() {
    let t = trace_of(SIGTERM_HOST, V6_18);
    let i = t
        .iter()
        .position(|s| s.name() == "send_signal_locked")
        .unwrap();
    let f = path::step_focus(&t, i);
    assert_eq!(f.caller.as_deref(), Some("dockerd"));
    assert_eq!(f.target.as_deref(), Some("app"));
    assert_eq!(f.seen_as, Some(0), "dockerd has no PID in the container");
    let l = f.levels.unwrap();
    assert_eq!(l.sender, [(0, 2)]);
    assert_eq!(l.target, [(0, 3), (1, 1)]);
    assert_eq!(l.target_level, 1);
    let inside = trace_of(SIGTERM_INSIDE, V6_18);
    let i = inside
        .iter()
        .position(|s| s.name() == "send_signal_locked")
        .unwrap();
    assert_eq!(path::step_focus(&inside, i).seen_as, Some(2));
    assert_eq!(path::step_focus(&inside, 0).levels, None);
}

// ------------------------------------------------ the path taken (folded)

use sigscope::call_chain::fold;

#[test]
fn the_folded_frame_holds_every_node_the_path_walks_and_stays_inside_the_map() {
    for v in [V6_18, V5_10, V4_19] {
        let g = graph(v);
        for t in many_traces(v, 40) {
            let links = path::links(g, &t);
            for min_w in [0.0, fold::MIN_W] {
                let f = fold::path_frame(g, &[&links], min_w);
                assert!(f.x >= 0.0 && f.y >= 0.0, "{v}: {f:?}");
                assert!(
                    f.x + f.w <= g.width + 0.5 && f.y + f.h <= g.height + 0.5,
                    "{v}: {f:?}"
                );
                assert!(
                    f.w >= min_w.min(g.width) - 0.5,
                    "{v}: {f:?} narrower than {min_w}"
                );
                let walked = fold::walked(g, &[&links]);
                for (i, n) in g.nodes.iter().enumerate().filter(|(i, _)| walked.nodes[*i]) {
                    assert!(
                        n.x >= f.x
                            && n.x + NODE_W <= f.x + f.w
                            && n.y >= f.y
                            && n.y + NODE_H <= f.y + f.h,
                        "{v}: node {i} {} outside {f:?}",
                        n.name
                    );
                }
            }
        }
    }
}

#[test]
fn a_path_that_walks_nowhere_shows_the_whole_map() {
    let g = graph(V6_18);
    assert_eq!(
        fold::path_frame(g, &[&[]], fold::MIN_W),
        fold::Frame::whole(g)
    );
}

#[test]
fn the_blogs_paths_fold_to_a_part_of_the_map() {
    let g = graph(V6_18);
    for file in [SIGTERM_INSIDE, SIGKILL_INSIDE, SIGTERM_HOST, SIGKILL_HOST] {
        let t = trace_of(file, V6_18);
        let links = path::links(g, &t);
        let walked = fold::walked(g, &[&links]);
        let on = walked.nodes.iter().filter(|b| **b).count();
        assert!(
            on >= 8 && on < g.nodes.len(),
            "{file}: {on} of {}",
            g.nodes.len()
        );
        let f = fold::path_frame(g, &[&links], 0.0);
        assert!(f.w * f.h < g.width * g.height, "{file}: {f:?}");
        // Every step's function is drawn: the deciding one among them.
        let d = path::deciding_step(&t).unwrap();
        assert!(walked.nodes[links[d].node.unwrap()], "{file}");
    }
}

#[tokio::test]
async fn the_folded_diagram_draws_the_path_and_not_the_rest() {
    let t = trace_of(SIGTERM_HOST, V6_18);
    let last = t.len() - 1;
    let html = render_chain_with(t, V6_18, last, false, false).await;
    assert!(html.contains("cc-folded"));
    node_tag(&html, "sig_task_ignored");
    node_tag(&html, "kill");
    // Not on a SIGTERM's path to a namespace init: the exit of a task.
    assert!(
        !html.contains("data-func=\"do_exit\""),
        "the unwalked map is folded away"
    );
    assert!(html.contains("Show the whole map"));
}
