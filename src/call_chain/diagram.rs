//! `CallChain`: the SVG diagram of one send. The static graph of the
//! selected version, dimmed; the path the port's trace walked, lit up to
//! the current step; the current function's values and decision beside
//! it; the step that sealed the signal's fate marked. An ordered list of
//! the same steps follows for screen readers and for reading.

use super::chain::{self, EdgeKind, Graph, Lane, NODE_H, NODE_W};
use super::events::{step_at, use_hover_reporter};
use super::fold;
use super::path::{self, EdgeState, Frame, NodeState, StepLink};
use super::playback::{key_command, PlaybackCmd};
use crate::words::{use_words, Lang, Words};
use sigsim::describe::describe;
use sigsim::trace::{Fact, Phase, TraceStep, Verdict};

use sigsim::KernelVersion;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CallChainProps {
    /// The trace of one action (one send), as `simulate` or
    /// `World::apply_next` returned it.
    pub steps: Rc<Vec<TraceStep>>,
    pub version: KernelVersion,
    /// The step shown; everything up to it is lit.
    pub current: usize,
    /// A second trace to draw alongside (same step index), for comparing.
    #[prop_or_default]
    pub compare: Option<Rc<Vec<TraceStep>>>,
    /// A step hovered elsewhere (the source pane): its node is highlighted.
    #[prop_or_default]
    pub hover: Option<usize>,
    /// Pointer over a node on the path: the step shown for it; None when
    /// it leaves.
    #[prop_or_default]
    pub on_hover: Callback<Option<usize>>,
    /// Keys ←/→, Space, Home/End on the diagram, and a click or Enter on a
    /// node, or a click on a listed step (`Goto`).
    #[prop_or_default]
    pub on_command: Callback<PlaybackCmd>,
    /// The current step, whenever it changes: for the namespace tree.
    #[prop_or_default]
    pub on_focus_step: Callback<Option<usize>>,
    /// Name of the whole diagram for assistive technology.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// No transitions or drawing animation.
    #[prop_or_default]
    pub reduced_motion: bool,
    /// Milliseconds per step (paces the edge animation).
    #[prop_or(1200)]
    pub step_ms: u32,
    /// Hide the textual list of steps (it is still read by screen readers).
    #[prop_or_default]
    pub compact_list: bool,
    /// Show the current step's values and decision beside its node.
    #[prop_or(true)]
    pub callout: bool,
    /// Mark the current step's node (off for a finished comparison).
    #[prop_or(true)]
    pub mark_current: bool,
    /// Open on the whole map instead of the path taken.
    #[prop_or_default]
    pub whole_map: bool,
}

/// Everything the view needs, computed from props by pure functions.
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramModel {
    pub links: Vec<StepLink>,
    pub frame: Frame,
    /// The sealing step, once playback has reached it.
    pub seal: Option<(usize, usize, String)>,
    pub compare: Option<CompareModel>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompareModel {
    pub frame: Frame,
    /// The second trace's sealing step, node and words, once reached.
    pub seal: Option<(usize, usize, String)>,
    /// The node where the two paths part, once reached.
    pub parting: Option<(usize, usize)>,
}

/// The model of a diagram at step `current`.
pub fn model(
    g: &Graph,
    steps: &[TraceStep],
    current: usize,
    compare: Option<&[TraceStep]>,
    lang: Lang,
) -> DiagramModel {
    let links = path::links(g, steps);
    let frame = path::frame(g, steps, &links, current);
    let seal = path::deciding_step(steps)
        .filter(|&d| d <= current)
        .and_then(|d| {
            let node = links[d].node?;
            Some((d, node, path::seal_label(steps[d].verdict()?, lang)))
        });
    let compare = compare.map(|b| {
        let lb = path::links(g, b);
        let fb = path::frame(g, b, &lb, current);
        let parting = path::parting_step(steps, b)
            .filter(|&p| p <= current)
            .and_then(|p| {
                let n = links
                    .get(p)
                    .and_then(|l| l.node)
                    .or_else(|| lb.get(p).and_then(|l| l.node))?;
                Some((p, n))
            });
        let seal = path::deciding_step(b)
            .filter(|&d| d <= current)
            .and_then(|d| Some((d, lb[d].node?, path::seal_label(b[d].verdict()?, lang))));
        CompareModel {
            frame: fb,
            seal,
            parting,
        }
    });
    DiagramModel {
        links,
        frame,
        seal,
        compare,
    }
}

/// The step a node stands for when pointed at: its last step up to the
/// current one, else its first.
pub fn step_for_node(g: &Graph, steps: &[TraceStep], node: usize, current: usize) -> Option<usize> {
    let at = path::steps_at(g, steps, node, usize::MAX);
    at.iter()
        .copied()
        .rfind(|&i| i <= current)
        .or_else(|| at.first().copied())
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Fails(_) => "cc-v-fail",
        Verdict::Dropped | Verdict::Discarded | Verdict::Coalesced | Verdict::Probe => {
            "cc-v-dropped"
        }
        Verdict::Queued | Verdict::Handled | Verdict::Continued | Verdict::Created => "cc-v-queued",
        Verdict::Fatal | Verdict::Killed | Verdict::Exited => "cc-v-fatal",
        Verdict::Stopped => "cc-v-stopped",
    }
}

fn lane_class(l: Lane) -> &'static str {
    match l {
        Lane::Spine => "cc-lane-spine",
        Lane::Leaf => "cc-lane-leaf",
        Lane::Entry => "cc-lane-entry",
        Lane::Receiver => "cc-lane-receiver",
        Lane::Other => "cc-lane-other",
    }
}

/// Hundredths of a percent as a CSS percentage, by integer arithmetic (no
/// float formatting in the bundle).
fn pct(h: i32) -> String {
    format!("{}.{:02}%", h / 100, h % 100)
}

/// A listed step's indentation, as a class (`cc-d0` … `cc-d14` in
/// static/call_chain.css): a strict CSP refuses `style=` attributes.
pub fn depth_class(depth: u8) -> String {
    format!("cc-d{}", depth.min(14))
}

/// An SVG coordinate, in whole units.
fn px(v: f32) -> String {
    (v.round() as i32).to_string()
}

/// A pill over a node's top-right corner (verdicts, the seal) or bottom
/// edge (the compared trace's seal).
fn badge(x: f32, y: f32, text: &str, class: Classes) -> Html {
    // A CJK character is about twice as wide as a Latin one.
    let w = 10.0
        + text
            .chars()
            .map(|c| if c.is_ascii() { 6.0 } else { 11.0 })
            .sum::<f32>();
    let bx = x - w;
    html! {
        <g class={class} aria-hidden="true">
            <rect x={px(bx)} y={px(y)} width={px(w)} height="15" rx="7.5" />
            <text x={px(bx + w / 2.0)} y={px(y + 11.0)}>{ text }</text>
        </g>
    }
}

#[function_component(CallChain)]
pub fn call_chain(props: &CallChainProps) -> Html {
    let words = use_words();
    let (w, lang) = (&words.path, words.lang);
    let g = chain::graph(props.version);
    let steps: &[TraceStep] = &props.steps;
    let n = steps.len();
    let current = props.current.min(n.saturating_sub(1));
    let mut m = model(
        g,
        steps,
        props.current,
        props.compare.as_deref().map(|v| &v[..]),
        lang,
    );
    if !props.mark_current {
        if let Some(c) = m.frame.current.take() {
            m.frame.nodes[c] = NodeState::Visited;
        }
    }
    // The path taken first; the whole map on the reader's request.
    let whole_map = use_state_eq(|| props.whole_map);
    let compared = match (*whole_map, props.compare.as_deref()) {
        (false, Some(b)) => path::links(g, b),
        _ => Vec::new(),
    };
    let traces = [&m.links[..], &compared[..]];
    let (view, shown) = if *whole_map {
        (fold::Frame::whole(g), None)
    } else {
        let min_w = if narrow_window() { 0.0 } else { fold::MIN_W };
        (
            fold::path_frame(g, &traces, min_w),
            Some(fold::walked(g, &traces)),
        )
    };
    // Folded, the map keeps only what the traces walk through.
    let drawn_node = |i: usize| shown.as_ref().is_none_or(|w| w.nodes[i]);
    let drawn_edge = |i: usize| shown.as_ref().is_none_or(|w| w.edges[i]);
    let toggle_map = {
        let whole_map = whole_map.clone();
        Callback::from(move |_: MouseEvent| whole_map.set(!*whole_map))
    };

    {
        let cb = props.on_focus_step.clone();
        let focus = (n > 0).then_some(current);
        use_effect_with((focus, props.steps.clone()), move |(f, _)| {
            cb.emit(*f);
        });
    }

    // One set of listeners for every node and listed step (`data-step`).
    let hover = use_hover_reporter(props.on_hover.clone());
    let onclick = {
        let cb = props.on_command.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(Some(s)) = step_at(&e) {
                cb.emit(PlaybackCmd::Goto(s));
            }
        })
    };
    let onkeydown = {
        let cb = props.on_command.clone();
        Callback::from(move |e: KeyboardEvent| {
            let cmd = match e.key().as_str() {
                // Enter on a node: go to its step.
                "Enter" => step_at(&e).flatten().map(PlaybackCmd::Goto),
                k => key_command(k),
            };
            if let Some(c) = cmd {
                e.prevent_default();
                cb.emit(c);
            }
        })
    };

    let hovered_node = props
        .hover
        .and_then(|h| m.links.get(h))
        .and_then(|l| l.node);

    // Edges: dim ones first, then the lit path, the compared path on top.
    let dim_edges = g
        .edges
        .iter()
        .enumerate()
        .filter(|(i, _)| drawn_edge(*i))
        .map(|(_, e)| {
            let class = if e.kind == EdgeKind::Call {
                "cc-edge cc-edge-dim"
            } else {
                "cc-edge cc-edge-dim cc-edge-dashed"
            };
            html! { <path {class} d={e.d.clone()} marker-end="url(#cc-arrow-dim)" /> }
        });
    let label_edges = g.edges.iter().enumerate().filter_map(|(i, e)| {
        let l = e.label.filter(|_| drawn_edge(i))?;
        let on = m.frame.edges[i] != EdgeState::Dim;
        // Branch conditions of calls show only on the lit path; the labels
        // of "then" and "resume" edges always explain the dashes.
        if e.kind == EdgeKind::Call && !on {
            return None;
        }
        Some(html! {
            <text class={classes!("cc-edge-label", on.then_some("cc-on"))}
                x={px(e.label_at.0)} y={px(e.label_at.1)}>{ (w.edge)(l) }</text>
        })
    });
    let compare_edges = m.compare.iter().flat_map(|c| {
        g.edges
            .iter()
            .enumerate()
            .filter(move |(i, _)| c.frame.edges[*i] != EdgeState::Dim)
            .map(|(_, e)| html! {
                <path class="cc-edge cc-edge-compare" d={e.d.clone()} marker-end="url(#cc-arrow-compare)" />
            })
    });
    let lit_edges = g.edges.iter().enumerate().filter_map(|(i, e)| {
        let st = m.frame.edges[i];
        if st == EdgeState::Dim {
            return None;
        }
        let now = st == EdgeState::Current;
        let draw = now && !props.reduced_motion;
        // The current step's edges are re-created each step so the drawing
        // animation starts again.
        let key = if draw {
            format!("{i}-{current}")
        } else {
            i.to_string()
        };
        Some(html! {
            <path key={key} class={classes!("cc-edge", "cc-edge-lit", draw.then_some("cc-edge-draw"),
                    now.then_some("cc-edge-now"))}
                d={e.d.clone()} pathLength="1" marker-end="url(#cc-arrow-lit)" />
        })
    });

    // A node's badges (its verdict, the seal, where paths part) are drawn
    // in a layer of their own over the nodes, not inside the node: a
    // node's visible text is then its name alone, which its accessible
    // name begins with (WCAG 2.5.3), and the badges' words are in that
    // name already.
    let mut node_badges: Vec<Html> = Vec::new();
    let nodes: Vec<Html> = g.nodes.iter().enumerate().filter(|(i, _)| drawn_node(*i)).map(|(i, node)| {
        let st = m.frame.nodes[i];
        let on_path = st != NodeState::Dim;
        let in_compare = m
            .compare
            .as_ref()
            .is_some_and(|c| c.frame.nodes[i] != NodeState::Dim);
        let label = path::node_label(g, steps, i, current, lang);
        let target = step_for_node(g, steps, i, current);
        let class = classes!(
            "cc-node",
            lane_class(node.lane),
            match st {
                NodeState::Dim => "cc-dim",
                NodeState::Passed => "cc-passed",
                NodeState::Visited => "cc-visited",
                NodeState::Current => "cc-current",
            },
            in_compare.then_some("cc-in-compare"),
            (hovered_node == Some(i)).then_some("cc-hover")
        );
        let right = node.x + NODE_W + 6.0;
        let seal = m.seal.as_ref().filter(|(_, sn, _)| *sn == i);
        let verdict = m.frame.verdicts[i].filter(|_| on_path).map(|v| match seal {
            Some((_, _, t)) => badge(right, node.y - 9.0, t, classes!("cc-badge", verdict_class(v), "cc-seal")),
            None => badge(right, node.y - 9.0, &(w.verdict)(v), classes!("cc-badge", verdict_class(v))),
        });
        let compare_seal = m
            .compare
            .as_ref()
            .and_then(|c| c.seal.as_ref())
            .filter(|(_, sn, _)| *sn == i)
            .map(|(_, _, t)| badge(right, node.y + NODE_H - 6.0, t, classes!("cc-badge", "cc-seal-compare")));
        let parting = m
            .compare
            .as_ref()
            .and_then(|c| c.parting)
            .is_some_and(|(_, pn)| pn == i);
        let html = html! {
            <g key={node.name} {class} role="button" tabindex={if on_path { "0" } else { "-1" }}
                aria-label={label} data-func={node.name} data-step={target.map(|s| s.to_string())}>
                <rect class="cc-box" x={px(node.x)} y={px(node.y)} width={px(NODE_W)} height={px(NODE_H)}
                    rx={if node.syscall { "12" } else { "4" }} />
                <text class="cc-name" x={px(node.cx())} y={px(node.cy() + 4.0)}>{ node.name }</text>
                if node.has_note {
                    <text class="cc-note-mark" x={px(node.x + NODE_W - 5.5)} y={px(node.cy() + 4.0)}>{ "*" }</text>
                }
            </g>
        };
        node_badges.extend(verdict);
        node_badges.extend(compare_seal);
        if parting {
            node_badges.push(badge(node.x - 6.0, node.cy() - 7.5, w.paths_part, classes!("cc-badge", "cc-part")));
        }
        html
    }).collect();

    // Where the callout sits (hundredths of a percent), for the effect below.
    let mut callout_at = (0, 0);
    let callout = m.frame.current.filter(|_| props.callout).map(|ni| {
        let node = &g.nodes[ni];
        let s = &steps[current];
        // Its offsets from the stage's edges: --cc-x, read as left or right
        // by class, and --cc-y, as top or bottom (static/call_chain.css).
        // Offsets within the frame shown (the path's or the whole map's).
        let right_side = node.cx() < view.x + view.w * 0.55;
        let low = node.y > view.y + view.h * 0.55;
        let (left, top) = view.share(node.x + NODE_W + 10.0, node.y - 4.0);
        let (from_right, from_bottom) = view.share(node.x - 10.0, node.y + NODE_H + 4.0);
        let x = if right_side { left } else { 10000 - from_right };
        let y = if low { 10000 - from_bottom } else { top };
        let sealed_here = m.seal.as_ref().filter(|(d, _, _)| *d == current);
        // The numbers compared per level read better as a table.
        let levels = match &s.fact {
            Fact::Force { levels, .. } | Fact::FromAncestorNs { levels, .. } => Some(path::levels_of(levels)),
            _ => None,
        };
        let values: Vec<(&str, String)> = path::values(s)
            .into_iter()
            .filter(|(k, _)| levels.is_none() || !matches!(*k, "sender_pids" | "target_pids" | "target_level"))
            .collect();
        callout_at = (x, y);
        html! {
            <div class={classes!("cc-callout", if right_side { "cc-callout-right" } else { "cc-callout-left" },
                    if low { "cc-callout-low" } else { "cc-callout-high" }, sealed_here.is_some().then_some("cc-callout-seal"))}
                aria-hidden="true">
                <div class="cc-callout-head">
                    <code>{ s.name() }</code>
                    if let Some(t) = &s.task { <span class="cc-task">{ format!("· {t}") }</span> }
                    if s.phase == Phase::Aftermath {
                        <span class="cc-after-mark">{ w.after_the_call }</span>
                    }
                    if let Some(v) = s.verdict() {
                        <span class={classes!("cc-pill", verdict_class(v))}>{
                            match sealed_here { Some((_, _, t)) => t.clone(), None => (w.verdict)(v) }
                        }</span>
                    }
                </div>
                <p class="cc-reason">{ describe(s, lang) }</p>
                if !values.is_empty() || levels.is_some() {
                    <dl class="cc-values">
                        { for values.iter().map(|(k, v)| html! { <>
                            <dt><code>{ *k }</code></dt>
                            <dd><code>{ v }</code></dd>
                        </> }) }
                        if let Some(l) = &levels {
                            <dt>{ w.levels }</dt>
                            <dd>{ levels_table(l, words) }</dd>
                        }
                    </dl>
                }
                if let Some(note) = chain::note(lang, node.func, props.version) {
                    <p class="cc-callout-note">{ format!("* {note}") }</p>
                }
            </div>
        }
    });

    let label = props.label.clone().unwrap_or_else(|| {
        (w.diagram)(
            &props.version.to_string(),
            props.version.tree(),
            if n == 0 { 0 } else { current + 1 },
            n,
        )
        .into()
    });
    let seal_text = m
        .seal
        .as_ref()
        .map(|(d, _, t)| (w.seal_at)(t, steps[*d].name(), d + 1));

    // After a render: the pace and the callout's place become custom
    // properties of the root, set through the CSSOM (the page's CSP,
    // style-src 'self' without 'unsafe-inline', refuses style= attributes,
    // not properties set from script); and the current step is kept in
    // view in the list, without scrolling the page. One effect for both:
    // ~0.1 KB gzip of wasm less than two.
    let (root, list, canvas) = (use_node_ref(), use_node_ref(), use_node_ref());
    let scroll_frame = use_mut_ref(|| None::<super::events::ScrollFrame>);
    // Where the current node's centre lies across the frame, in
    // hundredths of a percent: a canvas wider than its pane (a phone) is
    // scrolled to keep it in view.
    let centre_at = m
        .frame
        .current
        .map(|ni| view.share(g.nodes[ni].cx(), 0.0).0);
    let frame = (view.w.round() as i32, view.h.round() as i32);
    {
        let (root, list, canvas) = (root.clone(), list.clone(), canvas.clone());
        use_effect_with(
            (current, props.step_ms, callout_at, frame, centre_at),
            move |(_, ms, (x, y), frame_w, centre_at)| {
                if let Some(style) = root.cast::<web_sys::HtmlElement>().map(|e| e.style()) {
                    let _ = style.set_property("--cc-step-ms", &format!("{ms}ms"));
                    let _ = style.set_property("--cc-x", &pct(*x));
                    let _ = style.set_property("--cc-y", &pct(*y));
                    let _ = style.set_property("--cc-frame-w", &frame_w.0.to_string());
                    let _ = style.set_property("--cc-frame-h", &frame_w.1.to_string());
                }
                if let (Some(c), Some(at)) = (canvas.cast::<web_sys::Element>(), centre_at) {
                    let (full, shown) = (c.scroll_width(), c.client_width());
                    if full > shown {
                        let mid = (full as i64 * *at as i64 / 10000) as i32;
                        c.set_scroll_left(mid - shown / 2);
                    }
                }
                // In the next frame, not now: reading where the step is lays
                // the page out, and the tree has yet to show this step; a
                // later step in the same frame replaces this request.
                *scroll_frame.borrow_mut() =
                    super::events::scroll_to_middle(list, "[aria-current]");
            },
        );
    }

    html! {
        <div ref={root} class={classes!("cc", props.reduced_motion.then_some("cc-reduced"), m.compare.is_some().then_some("cc-comparing"),
                (!*whole_map).then_some("cc-folded"))}
            onmouseover={hover.mouse_over} onfocusin={hover.focus_in} onmouseleave={hover.mouse_leave}
            onfocusout={hover.focus_out} {onclick}>
            <div class="cc-stage" role="group" aria-label={label} aria-roledescription={w.call_graph}
                tabindex="0" {onkeydown}>
                <div ref={canvas} class="cc-canvas">
                <svg class="cc-svg" viewBox={view.view_box()}
                    preserveAspectRatio="xMidYMin meet" focusable="false">
                    <defs>
                        { marker("cc-arrow-dim") }
                        { marker("cc-arrow-lit") }
                        { marker("cc-arrow-compare") }
                    </defs>
                    <g class="cc-edges">{ for dim_edges }</g>
                    <g class="cc-edges-lit">{ for lit_edges }</g>
                    <g class="cc-edges-compare">{ for compare_edges }</g>
                    <g class="cc-edge-labels">{ for label_edges }</g>
                    <g class="cc-nodes">{ for nodes }</g>
                    <g class="cc-badges" aria-hidden="true">{ for node_badges }</g>
                </svg>
                </div>
                { for callout }
            </div>
            <div class="cc-under">
                <button type="button" class="cc-map-toggle" aria-pressed={(*whole_map).to_string()} onclick={toggle_map}>
                    { if *whole_map { w.map_fold } else { w.map_whole } }
                </button>
                if let Some(t) = seal_text {
                    <p class="cc-sealed"><strong>{ w.sealed }</strong>{ t }</p>
                }
                { notes_legend(props.version, words) }
            </div>
            { steps_list(steps, current, m.seal.as_ref().map(|s| s.0), props.compact_list, list, words) }
        </div>
    }
}

/// A phone-sized window: the same breakpoint as static/call_chain.css's
/// narrow pane. (Rendered natively, in the tests, there is no window.)
fn narrow_window() -> bool {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= 700.0);
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// An arrowhead; its class colours it.
fn marker(id: &'static str) -> Html {
    html! {
        <marker {id} viewBox="0 0 8 8" refX="7" refY="4" markerUnits="userSpaceOnUse"
            markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0 0 L8 4 L0 8 z" class={id} />
        </marker>
    }
}

/// The PID numbers per namespace level that `send_signal` compared: the
/// sender has none at the target's level when it lives above it.
fn levels_table(l: &path::Levels, w: &Words) -> Html {
    let depth = l
        .sender
        .iter()
        .chain(&l.target)
        .map(|(lv, _)| *lv)
        .max()
        .unwrap_or(0);
    let cell = |nums: &[(u8, i32)], lv: u8| {
        nums.iter()
            .find(|(x, _)| *x == lv)
            .map_or("—".to_string(), |(_, nr)| nr.to_string())
    };
    html! {
        <table class="cc-levels">
            <thead><tr><th></th>{ for (0..=depth).map(|lv| html! {
                <th class={classes!((lv == l.target_level).then_some("cc-lv-target"))}>{ format!("L{lv}") }</th>
            }) }</tr></thead>
            <tbody>
                <tr><th>{ w.path.sender }</th>{ for (0..=depth).map(|lv| html! {
                    <td class={classes!((lv == l.target_level).then_some("cc-lv-target"))}>{ cell(&l.sender, lv) }</td>
                }) }</tr>
                <tr><th>{ w.path.target }</th>{ for (0..=depth).map(|lv| html! {
                    <td class={classes!((lv == l.target_level).then_some("cc-lv-target"))}>{ cell(&l.target, lv) }</td>
                }) }</tr>
            </tbody>
        </table>
    }
}

/// The rename notes of the version: "* send_signal_locked — send_signal →
/// send_signal_locked in 5.19".
fn notes_legend(v: KernelVersion, w: &Words) -> Html {
    let notes = chain::notes(w.lang, v);
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <details class="cc-notes">
            <summary>
                <strong>{ format!("Linux {v}: ") }</strong>{ chain::names_summary(w.lang, v) }
                <span class="cc-notes-more">{ w.path.notes_more }</span>
            </summary>
            <ul>
                { for notes.into_iter().map(|(name, t)| html! { <li><code>{ name }</code>{ " — " }{ t }</li> }) }
            </ul>
        </details>
    }
}

/// The ordered list of steps: the diagram as text. Clicks and hovers are
/// handled by the diagram's delegated listeners (`data-step`).
fn steps_list(
    steps: &[TraceStep],
    current: usize,
    seal: Option<usize>,
    compact: bool,
    list: NodeRef,
    w: &Words,
) -> Html {
    let (p, lang) = (&w.path, w.lang);
    html! {
        <ol ref={list} class={classes!("cc-steps", compact.then_some("cc-visually-hidden"))} aria-label={p.steps}>
            { for steps.iter().enumerate().map(|(i, s)| html! {
                <li class={classes!("cc-step", (i > current).then_some("cc-later"), (i == current).then_some("cc-now"),
                        (Some(i) == seal).then_some("cc-step-seal"), (s.phase == Phase::Aftermath).then_some("cc-aftermath"),
                        depth_class(s.depth))}
                    aria-current={(i == current).then_some("step")}>
                    <button type="button" data-step={i.to_string()}>
                        if s.phase == Phase::Aftermath && steps.get(i.wrapping_sub(1)).is_none_or(|p| p.phase == Phase::Call) {
                            <span class="cc-after-mark">{ p.after_the_call }</span>
                        }
                        <code>{ s.name() }</code>
                        if let Some(v) = s.verdict() {
                            <span class={classes!("cc-pill", verdict_class(v))}>{ (p.verdict)(v) }</span>
                        }
                        <span class="cc-step-reason">{ describe(s, lang) }</span>
                    </button>
                </li>
            }) }
        </ol>
    }
}
