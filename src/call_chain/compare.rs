//! `ComparePaths`: two sends of the same signal (say, from inside the
//! container and from the host) on one diagram and side by side as text,
//! with the step where they part — and the earlier step where the value
//! that made the difference was decided — called out.

use super::diagram::{depth_class, CallChain};
use super::events::use_hover_reporter;
use super::path::{self, Origin};
use crate::PAGE_LANG;
use sigsim::describe::describe;
use sigsim::trace::TraceStep;
use sigsim::KernelVersion;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComparePathsProps {
    pub version: KernelVersion,
    pub a: Rc<Vec<TraceStep>>,
    pub b: Rc<Vec<TraceStep>>,
    #[prop_or(AttrValue::Static("first send"))]
    pub a_label: AttrValue,
    #[prop_or(AttrValue::Static("second send"))]
    pub b_label: AttrValue,
    /// Pointer over a step of either list: its index (in its own trace;
    /// the two agree up to the parting step); None when it leaves.
    #[prop_or_default]
    pub on_hover: Callback<Option<usize>>,
}

/// The comparison as plain data.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub parting: Option<usize>,
    pub origin: Option<Origin>,
    /// One sentence: where and why they part.
    pub summary: String,
}

pub fn compare(a: &[TraceStep], b: &[TraceStep], a_label: &str, b_label: &str) -> Comparison {
    let parting = path::parting_step(a, b);
    let origin = parting.and_then(|p| path::origin_of_difference(a, b, p));
    let describe = |t: &[TraceStep], i: usize| match t.get(i) {
        Some(s) => match s.verdict() {
            Some(v) => format!("{} — {}", v.label(), describe(s, PAGE_LANG)),
            None => describe(s, PAGE_LANG),
        },
        None => "nothing more: the call is over".to_string(),
    };
    let summary = match parting {
        None => "The two paths are the same, step for step.".to_string(),
        Some(p) => {
            let (fa, fb) = (a.get(p).map(|s| s.name()), b.get(p).map(|s| s.name()));
            let at = match (fa, fb) {
                (Some(x), Some(y)) if x == y => format!("step {}, {x}", p + 1),
                (Some(x), Some(y)) => format!("step {} ({x} / {y})", p + 1),
                (Some(x), None) | (None, Some(x)) => format!("step {}, {x}", p + 1),
                (None, None) => format!("step {}", p + 1),
            };
            let mut s = format!(
                "The paths part at {at}. {}: {}. {}: {}.",
                capitalized(a_label),
                describe(a, p),
                capitalized(b_label),
                describe(b, p)
            );
            if let Some(o) = &origin {
                s.push_str(&format!(
                    " The difference was decided at step {}, in {}: {} is {} {a_label}, {} {b_label}.",
                    o.index + 1,
                    a[o.index].name(),
                    o.key,
                    o.a,
                    o.b
                ));
            }
            s
        }
    };
    Comparison {
        parting,
        origin,
        summary,
    }
}

/// Our sentences start with ASCII; `to_ascii_uppercase` keeps the
/// Unicode case tables (~12 KB) out of the page's wasm.
fn capitalized(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[function_component(ComparePaths)]
pub fn compare_paths(props: &ComparePathsProps) -> Html {
    let hover = use_hover_reporter(props.on_hover.clone());
    let (a, b): (&[TraceStep], &[TraceStep]) = (&props.a, &props.b);
    let c = compare(a, b, &props.a_label, &props.b_label);
    let last = a.len().max(b.len()).saturating_sub(1);
    let column = |t: &[TraceStep], label: &AttrValue, side: &'static str| {
        let origin = c.origin.as_ref().map(|o| o.index);
        html! {
            <div class={classes!("cc-cmp-col", side)}>
                <h4>{ label.clone() }</h4>
                // Focusable, so that a keyboard can scroll it.
                <ol class="cc-cmp-steps" tabindex="0" aria-label={format!("Steps of {label}")}>
                    { for t.iter().enumerate().map(|(i, s)| {
                        let shared = c.parting.is_none_or(|p| i < p);
                        html! {
                            <li key={i} class={classes!("cc-cmp-step",
                                    shared.then_some("cc-shared"),
                                    (c.parting == Some(i)).then_some("cc-parting"),
                                    (origin == Some(i)).then_some("cc-origin"), depth_class(s.depth))}
                                data-step={i.to_string()}>
                                <code>{ s.name() }</code>
                                if let Some(v) = s.verdict() {
                                    <span class="cc-pill">{ v.label() }</span>
                                }
                                <span class="cc-step-reason">{ describe(s, PAGE_LANG) }</span>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    };
    html! {
        <section class="cc-compare" aria-label={format!("Compare: {} and {}", props.a_label, props.b_label)}>
            <p class="cc-cmp-summary" role="note">{ &c.summary }</p>
            <div class="cc-cmp-legend" aria-hidden="true">
                <span class="cc-key cc-key-a">{ props.a_label.clone() }</span>
                <span class="cc-key cc-key-b">{ props.b_label.clone() }</span>
            </div>
            <CallChain steps={props.a.clone()} version={props.version} current={last}
                compare={Some(props.b.clone())} compact_list={true} reduced_motion={true} callout={false} mark_current={false}
                label={AttrValue::from(format!("Both paths, Linux {}: {}", props.version, c.summary))} />
            <div class="cc-cmp-cols" onmouseover={hover.mouse_over} onmouseleave={hover.mouse_leave}>
                { column(a, &props.a_label, "cc-cmp-a") }
                { column(b, &props.b_label, "cc-cmp-b") }
            </div>
        </section>
    }
}
