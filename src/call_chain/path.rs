//! The path a trace walks through the static graph, as plain data: which
//! edges each step arrived by, what is lit at a given step, where the
//! signal's fate was sealed, where two traces part. Pure functions of the
//! port's trace and [`super::chain`]; the components only draw them.
//!
//! Architecture invariant: nothing here decides anything about signals.
//! A step is lit because the port recorded it; the deciding step is the
//! one the port marked sealed.

use super::chain::Graph;
use crate::words::{self, Lang};
use sigsim::describe::describe;
use sigsim::trace::{Fact, Phase, TraceStep, Verdict};

/// How a trace step is attached to the graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepLink {
    /// The node of the step's function (None only if the graph lacks it,
    /// which a test rules out).
    pub node: Option<usize>,
    /// The edges walked from the calling step to this one, in order.
    pub edges: Vec<usize>,
    /// Functions passed through on the way that recorded no step of their
    /// own (e.g. `do_exit` between `do_group_exit` and `exit_notify`).
    pub via: Vec<usize>,
}

/// Attaches every step to the graph. A step's caller is the nearest
/// earlier step with a smaller depth; the edges between them are the
/// graph's path with exactly that many hops (or the shortest). A root step
/// right after another root that calls it (`rt_sigqueueinfo` →
/// `do_rt_sigqueueinfo`, `pidfd_open` then `pidfd_send_signal`) is joined
/// by that edge.
pub fn links(g: &Graph, steps: &[TraceStep]) -> Vec<StepLink> {
    let nodes: Vec<Option<usize>> = steps.iter().map(|s| g.node(s.func)).collect();
    steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let node = nodes[i];
            let mut link = StepLink {
                node,
                ..StepLink::default()
            };
            let Some(to) = node else { return link };
            let caller = steps[..i].iter().rposition(|p| p.depth < s.depth);
            let path = match caller {
                Some(j) => nodes[j]
                    .filter(|&from| from != to)
                    .and_then(|from| g.path_between(from, to, (s.depth - steps[j].depth) as usize)),
                None if i > 0 && steps[i - 1].depth == s.depth => nodes[i - 1]
                    .filter(|&from| from != to)
                    .and_then(|from| g.edge(from, to))
                    .map(|e| vec![e]),
                None => None,
            };
            if let Some(edges) = path {
                link.via = edges[..edges.len().saturating_sub(1)]
                    .iter()
                    .map(|&e| g.edges[e].to)
                    .collect();
                link.edges = edges;
            }
            link
        })
        .collect()
}

/// A node's look at one moment of playback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeState {
    /// Not on the path (yet).
    Dim,
    /// Passed through without recording a decision.
    Passed,
    /// Visited earlier in the path.
    Visited,
    /// The current step's function.
    Current,
}

/// An edge's look at one moment of playback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeState {
    Dim,
    Lit,
    /// Walked by the current step: it animates.
    Current,
}

/// Everything lit at step `upto` (inclusive).
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub nodes: Vec<NodeState>,
    pub edges: Vec<EdgeState>,
    /// Per node, the first verdict recorded there so far (a node a trace
    /// passes several times — `__send_signal` for the signal, then for the
    /// SIGCHLD of the death it caused — keeps the verdict of its first send).
    pub verdicts: Vec<Option<Verdict>>,
    /// The node of the current step.
    pub current: Option<usize>,
}

pub fn frame(g: &Graph, steps: &[TraceStep], links: &[StepLink], upto: usize) -> Frame {
    let mut nodes = vec![NodeState::Dim; g.nodes.len()];
    let mut edges = vec![EdgeState::Dim; g.edges.len()];
    let mut verdicts = vec![None; g.nodes.len()];
    let last = upto.min(steps.len().saturating_sub(1));
    for (i, link) in links.iter().enumerate().take(last + 1) {
        for &e in &link.edges {
            edges[e] = if i == last {
                EdgeState::Current
            } else {
                EdgeState::Lit
            };
        }
        for &v in &link.via {
            if nodes[v] == NodeState::Dim {
                nodes[v] = NodeState::Passed;
            }
        }
        if let Some(n) = link.node {
            nodes[n] = NodeState::Visited;
            if verdicts[n].is_none() {
                verdicts[n] = steps[i].verdict();
            }
        }
    }
    let current = links.get(last).and_then(|l| l.node);
    if let Some(n) = current {
        nodes[n] = NodeState::Current;
    }
    Frame {
        nodes,
        edges,
        verdicts,
        current,
    }
}

/// The end (exclusive) of the sender's part of a trace: the call itself,
/// before any woken process runs (the port marks the aftermath).
pub fn sender_end(steps: &[TraceStep]) -> usize {
    steps
        .iter()
        .position(|s| s.phase == Phase::Aftermath)
        .unwrap_or(steps.len())
}

/// The step where the action's fate was sealed, as the port marked it
/// (`sigsim::trace::Tracer::seal`).
pub fn deciding_step(steps: &[TraceStep]) -> Option<usize> {
    steps.iter().position(|s| s.sealed)
}

/// The words on the sealing node: "dropped here", "EPERM here", "queued",
/// "fatal to the group".
pub fn seal_label(v: Verdict, lang: Lang) -> String {
    (words::of(lang).path.seal)(v)
}

/// The first step at which two traces part: where the function or the
/// verdict differs, or where the shorter one ends. None if they agree all
/// the way.
pub fn parting_step(a: &[TraceStep], b: &[TraceStep]) -> Option<usize> {
    let common = a.len().min(b.len());
    (0..common)
        .find(|&i| a[i].func != b[i].func || a[i].verdict() != b[i].verdict())
        .or((a.len() != b.len()).then_some(common))
}

/// Where a difference seen at the parting step was decided: a value both
/// traces record at the parting step but with different contents (e.g.
/// `force`), traced back to the first earlier step on the shared path
/// where it already differed.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    pub index: usize,
    pub key: &'static str,
    pub a: String,
    pub b: String,
}

/// Values that name one decision under another name in another version:
/// 4.19's `send_signal` computes `from_ancestor_ns` where later kernels
/// compute `force`.
const SAME_DECISION: &[(&str, &str)] = &[("force", "from_ancestor_ns")];

pub fn origin_of_difference(a: &[TraceStep], b: &[TraceStep], part: usize) -> Option<Origin> {
    let (sa, sb) = (a.get(part)?, b.get(part)?);
    let mut differing: Vec<&'static str> = values(sa)
        .into_iter()
        .filter(|(k, v)| value(sb, k).is_some_and(|w| &w != v))
        .map(|(k, _)| k)
        .collect();
    for (k, alias) in SAME_DECISION {
        if differing.contains(k) {
            differing.push(alias);
        }
    }
    for i in 0..part {
        if a[i].func != b[i].func {
            break;
        }
        for (key, x) in values(&a[i]) {
            if !differing.contains(&key) {
                continue;
            }
            if let Some(y) = value(&b[i], key).filter(|y| *y != x) {
                return Some(Origin {
                    index: i,
                    key,
                    a: x,
                    b: y,
                });
            }
        }
    }
    None
}

/// The values a step's fact examined, as the page shows them.
pub fn values(s: &TraceStep) -> Vec<(&'static str, String)> {
    s.fact
        .fields()
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect()
}

/// A value a step's fact examined, by name, as the page shows it.
pub fn value(s: &TraceStep, key: &str) -> Option<String> {
    s.fact
        .fields()
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
}

/// The accessible name of a node: its function and, on the path, what
/// was decided there last.
pub fn node_label(g: &Graph, steps: &[TraceStep], node: usize, upto: usize, lang: Lang) -> String {
    let w = &words::of(lang).path;
    let name = g.nodes[node].name;
    let visits = || {
        steps
            .iter()
            .take(upto.saturating_add(1))
            .filter(|s| g.node(s.func) == Some(node))
    };
    // The visit that belongs to the call the user made, when there is one;
    // a later pass (the SIGCHLD to the parent, the teardown) is marked so.
    let (last, after) = match visits().rfind(|s| s.phase == Phase::Call) {
        Some(s) => (Some(s), ""),
        None => (visits().next_back(), w.after_prefix),
    };
    match last {
        Some(s) => match s.verdict() {
            Some(v) => format!("{name}: {after}{} — {}", (w.verdict)(v), describe(s, lang)),
            None => format!("{name}: {after}{}", describe(s, lang)),
        },
        None => format!("{name}: {}", w.not_on_path),
    }
}

/// The steps recorded at a node, up to `upto`.
pub fn steps_at(g: &Graph, steps: &[TraceStep], node: usize, upto: usize) -> Vec<usize> {
    steps
        .iter()
        .enumerate()
        .take(upto.saturating_add(1))
        .filter(|(_, s)| g.node(s.func) == Some(node))
        .map(|(i, _)| i)
        .collect()
}

/// What the namespace tree should show for a step: who made the call,
/// which process the function looks at, and — at `send_signal` — the
/// namespace levels it compared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepFocus {
    /// The process that made the call (the trace's first step).
    pub caller: Option<String>,
    /// The process the step's function examines.
    pub target: Option<String>,
    /// `task_pid_nr_ns(current, target ns)`: the caller's PID as the
    /// target's namespace sees it (0: not visible — an ancestor).
    pub seen_as: Option<i32>,
    /// The PID numbers per level compared, when the step records them.
    pub levels: Option<Levels>,
}

/// The PID numbers `send_signal` compared, level by level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Levels {
    /// (level, PID at that level) of the sender.
    pub sender: Vec<(u8, i32)>,
    /// (level, PID at that level) of the target.
    pub target: Vec<(u8, i32)>,
    /// The level of the target's own namespace.
    pub target_level: u8,
}

pub fn step_focus(steps: &[TraceStep], i: usize) -> StepFocus {
    let Some(s) = steps.get(i) else {
        return StepFocus::default();
    };
    let (seen_as, levels) = match &s.fact {
        Fact::Force { seen, levels, .. } | Fact::FromAncestorNs { seen, levels, .. } => {
            (Some(*seen), Some(levels_of(levels)))
        }
        _ => (None, None),
    };
    StepFocus {
        caller: steps.first().and_then(|f| f.task.clone()),
        target: s.task.clone(),
        seen_as,
        levels,
    }
}

/// The port's numbers per level, as (level, PID) pairs.
pub fn levels_of(l: &sigsim::trace::Levels) -> Levels {
    let pairs = |v: &[i32]| {
        v.iter()
            .enumerate()
            .map(|(lv, nr)| (lv as u8, *nr))
            .collect()
    };
    Levels {
        sender: pairs(&l.sender),
        target: pairs(&l.target),
        target_level: l.target_level,
    }
}
