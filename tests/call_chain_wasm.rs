//! The call-chain player in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): keyboard playback on the focused diagram,
//! the controls, autoplay, and hover linking the diagram and the source.
//!
//! `cargo test --target wasm32-unknown-unknown -p sigscope --test call_chain_wasm`
#![cfg(target_arch = "wasm32")]

use sigscope::call_chain::{path, CallChainPlayer};
use sigsim::trace::TraceStep;
use sigsim::KernelVersion;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const SIGKILL_INSIDE: &str = include_str!("../corpus/002-sigkill-container-init-from-inside.json");
const SIGKILL_HOST: &str = include_str!("../corpus/004-sigkill-container-init-from-host.json");

fn trace(json: &str, v: KernelVersion) -> Vec<TraceStep> {
    let s: sigsim::Scenario = serde_json::from_str(json).unwrap();
    let mut plan = sigsim::validate(&s).unwrap();
    plan.version = v;
    let (_, traces) = sigsim::simulate(&plan, sigsim::Options::default(), true).unwrap();
    traces.into_iter().next().unwrap()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[derive(Properties, PartialEq)]
struct HostProps {
    steps: Rc<Vec<TraceStep>>,
    autoplay: bool,
    focus_log: Rc<RefCell<Vec<Option<usize>>>>,
}

#[function_component(Host)]
fn host(p: &HostProps) -> Html {
    let log = p.focus_log.clone();
    html! {
        <CallChainPlayer steps={p.steps.clone()} version={KernelVersion::V6_18} autoplay={p.autoplay}
            on_focus_step={Callback::from(move |i| log.borrow_mut().push(i))} />
    }
}

struct Mounted {
    root: Element,
    steps: Rc<Vec<TraceStep>>,
    focus_log: Rc<RefCell<Vec<Option<usize>>>>,
}

/// In the browser the app fetches the port's source from its build; here
/// there is no build to fetch from, so the test hands the texts in.
fn provide_port_source() {
    use sigscope::call_chain::source::provide;
    provide(
        "sigsim/src/signal.rs",
        include_str!("../sigsim/src/signal.rs").into(),
    );
    provide(
        "sigsim/src/exit.rs",
        include_str!("../sigsim/src/exit.rs").into(),
    );
    provide(
        "sigsim/src/fork.rs",
        include_str!("../sigsim/src/fork.rs").into(),
    );
    provide(
        "sigsim/src/pid_namespace.rs",
        include_str!("../sigsim/src/pid_namespace.rs").into(),
    );
    provide(
        "sigsim/src/run.rs",
        include_str!("../sigsim/src/run.rs").into(),
    );
}

async fn mount(autoplay: bool) -> Mounted {
    provide_port_source();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let steps = Rc::new(trace(SIGKILL_INSIDE, KernelVersion::V6_18));
    let focus_log = Rc::new(RefCell::new(Vec::new()));
    let props = HostProps {
        steps: steps.clone(),
        autoplay,
        focus_log: focus_log.clone(),
    };
    yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        steps,
        focus_log,
    }
}

fn find(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn counter(root: &Element) -> String {
    find(root, ".cc-counter").text_content().unwrap_or_default()
}

/// The function of the node drawn as current.
fn current_func(root: &Element) -> String {
    find(root, ".cc-node.cc-current")
        .get_attribute("data-func")
        .unwrap_or_default()
}

async fn key(target: &HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&e).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn arrow_keys_step_through_the_path_when_the_diagram_has_focus() {
    let m = mount(false).await;
    let n = m.steps.len();
    let stage = find(&m.root, ".cc-stage");
    assert_eq!(stage.get_attribute("role").as_deref(), Some("group"));
    stage.focus().unwrap();
    assert_eq!(counter(&m.root), format!("step 1 of {n}"));
    assert_eq!(current_func(&m.root), "kill");

    key(&stage, "ArrowRight").await;
    assert_eq!(counter(&m.root), format!("step 2 of {n}"));
    assert_eq!(current_func(&m.root), m.steps[1].name());
    key(&stage, "ArrowRight").await;
    assert_eq!(current_func(&m.root), m.steps[2].name());
    key(&stage, "ArrowLeft").await;
    assert_eq!(counter(&m.root), format!("step 2 of {n}"));

    key(&stage, "End").await;
    assert_eq!(counter(&m.root), format!("step {n} of {n}"));
    // The whole path is lit and the fate marked.
    assert!(m.root.text_content().unwrap().contains("dropped here"));
    key(&stage, "ArrowRight").await;
    assert_eq!(
        counter(&m.root),
        format!("step {n} of {n}"),
        "no step past the last"
    );

    key(&stage, "Home").await;
    assert_eq!(counter(&m.root), format!("step 1 of {n}"));
    key(&stage, "ArrowLeft").await;
    assert_eq!(
        counter(&m.root),
        format!("step 1 of {n}"),
        "no step before the first"
    );

    // The app heard every step.
    let log = m.focus_log.borrow();
    assert_eq!(log.first(), Some(&Some(0)));
    assert!(log.contains(&Some(n - 1)));
    assert_eq!(log.last(), Some(&Some(0)));
}

#[wasm_bindgen_test]
async fn keys_on_a_focused_node_reach_the_diagram() {
    let m = mount(false).await;
    let stage = find(&m.root, ".cc-stage");
    stage.focus().unwrap();
    key(&stage, "End").await;
    // Tab order: nodes on the path are focusable; ← from a node steps back.
    let node = find(&m.root, r#".cc-node[data-func="sig_task_ignored"]"#);
    assert_eq!(node.get_attribute("tabindex").as_deref(), Some("0"));
    let label = node.get_attribute("aria-label").unwrap();
    assert!(label.starts_with("sig_task_ignored: dropped — "), "{label}");
    node.focus().unwrap();
    let n = m.steps.len();
    key(&node, "ArrowLeft").await;
    assert_eq!(counter(&m.root), format!("step {} of {n}", n - 1));
    // Enter on a node jumps to its step.
    let node = find(&m.root, r#".cc-node[data-func="sig_task_ignored"]"#);
    key(&node, "Enter").await;
    let d = path::deciding_step(&m.steps).unwrap();
    assert_eq!(counter(&m.root), format!("step {} of {n}", d + 1));
    assert_eq!(current_func(&m.root), "sig_task_ignored");
}

#[wasm_bindgen_test]
async fn space_plays_and_pauses() {
    let m = mount(false).await;
    let stage = find(&m.root, ".cc-stage");
    stage.focus().unwrap();
    let play = find(&m.root, ".cc-btn-play");
    assert_eq!(play.get_attribute("aria-pressed").as_deref(), Some("false"));
    key(&stage, " ").await;
    let play = find(&m.root, ".cc-btn-play");
    assert_eq!(play.get_attribute("aria-pressed").as_deref(), Some("true"));
    key(&stage, " ").await;
    let play = find(&m.root, ".cc-btn-play");
    assert_eq!(play.get_attribute("aria-pressed").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn the_deciding_step_button_jumps_to_where_the_fate_was_sealed() {
    let m = mount(false).await;
    let n = m.steps.len();
    let d = path::deciding_step(&m.steps).unwrap();
    find(&m.root, ".cc-btn-seal").click();
    yew::scheduler::flush().await;
    assert_eq!(counter(&m.root), format!("step {} of {n}", d + 1));
    let callout = find(&m.root, ".cc-callout").text_content().unwrap();
    assert!(
        callout.contains("sig_task_ignored") && callout.contains("dropped here"),
        "{callout}"
    );
    // The source pane shows the port's line that decided it.
    let line = find(&m.root, ".cc-src-decided");
    assert_eq!(
        line.get_attribute("data-line"),
        Some(m.steps[d].line.to_string())
    );
}

#[wasm_bindgen_test]
async fn a_new_trace_plays_on_its_own() {
    let m = mount(true).await;
    let n = m.steps.len();
    assert_eq!(counter(&m.root), format!("step 1 of {n}"));
    yew::platform::time::sleep(std::time::Duration::from_millis(1500)).await;
    yew::scheduler::flush().await;
    let c = counter(&m.root);
    assert!(
        c != format!("step 1 of {n}"),
        "still at the first step: {c}"
    );
}

#[wasm_bindgen_test]
async fn hovering_a_source_line_highlights_its_node() {
    let m = mount(false).await;
    let stage = find(&m.root, ".cc-stage");
    stage.focus().unwrap();
    key(&stage, "End").await;
    key(&stage, "Home").await;
    // At step 1 the pane shows sys_kill; its trace line is hoverable.
    let line = find(&m.root, ".cc-src-step .cc-src-text");
    mouse(&line, "mouseover").await;
    let hovered = m.root.query_selector(".cc-node.cc-hover").unwrap();
    assert_eq!(
        hovered
            .and_then(|h| h.get_attribute("data-func"))
            .as_deref(),
        Some("kill")
    );
    // Leaving the pane clears it.
    mouse(&find(&m.root, ".cc-source-body"), "mouseleave").await;
    assert!(m
        .root
        .query_selector(".cc-node.cc-hover")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn hovering_a_node_shows_its_function_in_the_source_pane() {
    let m = mount(false).await;
    let stage = find(&m.root, ".cc-stage");
    stage.focus().unwrap();
    key(&stage, "End").await;
    let box_ = find(
        &m.root,
        r#".cc-node[data-func="check_kill_permission"] .cc-box"#,
    );
    mouse(&box_, "mouseover").await;
    let title = find(&m.root, ".cc-source-fn").text_content().unwrap();
    assert_eq!(title, "fn check_kill_permission");
    assert!(m
        .root
        .query_selector(".cc-source-hovering .cc-src-marked")
        .unwrap()
        .is_some());
    // Clicking a node jumps playback to its step.
    mouse(&box_, "click").await;
    assert_eq!(current_func(&m.root), "check_kill_permission");
}

async fn mouse(target: &Element, kind: &str) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(kind != "mouseleave");
    let e = web_sys::MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&e).unwrap();
    yew::scheduler::flush().await;
}

#[derive(Properties, PartialEq)]
struct SwitchProps {
    first: Rc<Vec<TraceStep>>,
    second: Rc<Vec<TraceStep>>,
}

/// An app that sends a second signal: the player gets a new trace.
#[function_component(Switch)]
fn switch(p: &SwitchProps) -> Html {
    let second = use_state(|| false);
    let steps = if *second {
        p.second.clone()
    } else {
        p.first.clone()
    };
    let onclick = {
        let second = second.clone();
        Callback::from(move |_: MouseEvent| second.set(true))
    };
    html! {
        <>
            <button id="send-again" {onclick}>{ "send again" }</button>
            <CallChainPlayer {steps} version={KernelVersion::V6_18} autoplay={true} />
        </>
    }
}

#[wasm_bindgen_test]
async fn a_new_trace_restarts_playback_at_the_first_step() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let first = Rc::new(trace(SIGKILL_INSIDE, KernelVersion::V6_18));
    let second = Rc::new(trace(SIGKILL_HOST, KernelVersion::V6_18));
    let (n1, n2) = (first.len(), second.len());
    yew::Renderer::<Switch>::with_root_and_props(root.clone(), SwitchProps { first, second })
        .render();
    yew::scheduler::flush().await;
    let stage = find(&root, ".cc-stage");
    stage.focus().unwrap();
    key(&stage, "End").await;
    assert_eq!(counter(&root), format!("step {n1} of {n1}"));
    find(&root, "#send-again").click();
    yew::scheduler::flush().await;
    assert_eq!(counter(&root), format!("step 1 of {n2}"));
    let play = find(&root, ".cc-btn-play");
    assert_eq!(
        play.get_attribute("aria-pressed").as_deref(),
        Some("true"),
        "it plays"
    );
}
