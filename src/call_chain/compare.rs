//! `ComparePaths`: two sends of the same signal (say, from inside the
//! container and from the host) on one diagram and side by side as text,
//! with the step where they part — and the earlier step where the value
//! that made the difference was decided — called out.

use super::diagram::{depth_class, CallChain};
use super::events::use_hover_reporter;
use super::path::{self, Origin};
use crate::words::{self, use_words, Lang};
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
    /// The first send, as the page names it (the catalogue's "first send"
    /// when None).
    #[prop_or_default]
    pub a_label: Option<AttrValue>,
    #[prop_or_default]
    pub b_label: Option<AttrValue>,
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

pub fn compare(
    a: &[TraceStep],
    b: &[TraceStep],
    a_label: &str,
    b_label: &str,
    lang: Lang,
) -> Comparison {
    let w = &words::of(lang).path;
    let parting = path::parting_step(a, b);
    let origin = parting.and_then(|p| path::origin_of_difference(a, b, p));
    let describe = |t: &[TraceStep], i: usize| match t.get(i) {
        Some(s) => match s.verdict() {
            Some(v) => format!("{} — {}", (w.verdict)(v), describe(s, lang)),
            None => describe(s, lang),
        },
        None => w.call_over.to_string(),
    };
    let summary = match parting {
        None => w.same.to_string(),
        Some(p) => {
            let (fa, fb) = (a.get(p).map(|s| s.name()), b.get(p).map(|s| s.name()));
            let at = (w.at_step)(p + 1, fa, fb);
            let mut s = (w.part)(&at, a_label, &describe(a, p), b_label, &describe(b, p));
            if let Some(o) = &origin {
                s.push_str(&(w.origin)(
                    o.index + 1,
                    a[o.index].name(),
                    o.key,
                    &o.a,
                    a_label,
                    &o.b,
                    b_label,
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

#[function_component(ComparePaths)]
pub fn compare_paths(props: &ComparePathsProps) -> Html {
    let hover = use_hover_reporter(props.on_hover.clone());
    let words = use_words();
    let (w, lang) = (&words.path, words.lang);
    let (a, b): (&[TraceStep], &[TraceStep]) = (&props.a, &props.b);
    let a_label = props
        .a_label
        .clone()
        .unwrap_or(AttrValue::Static(w.first_send));
    let b_label = props
        .b_label
        .clone()
        .unwrap_or(AttrValue::Static(w.second_send));
    let c = compare(a, b, &a_label, &b_label, lang);
    let last = a.len().max(b.len()).saturating_sub(1);
    let column = |t: &[TraceStep], label: &AttrValue, side: &'static str| {
        let origin = c.origin.as_ref().map(|o| o.index);
        html! {
            <div class={classes!("cc-cmp-col", side)}>
                <h4>{ label.clone() }</h4>
                // Focusable, so that a keyboard can scroll it.
                <ol class="cc-cmp-steps" tabindex="0" aria-label={(w.steps_of)(label)}>
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
                                    <span class="cc-pill">{ (w.verdict)(v) }</span>
                                }
                                <span class="cc-step-reason">{ describe(s, lang) }</span>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    };
    html! {
        <section class="cc-compare" aria-label={(w.compare)(&a_label, &b_label)}>
            <p class="cc-cmp-summary" role="note">{ &c.summary }</p>
            <div class="cc-cmp-legend" aria-hidden="true">
                <span class="cc-key cc-key-a">{ a_label.clone() }</span>
                <span class="cc-key cc-key-b">{ b_label.clone() }</span>
            </div>
            <CallChain steps={props.a.clone()} version={props.version} current={last}
                compare={Some(props.b.clone())} compact_list={true} reduced_motion={true} callout={false} mark_current={false}
                label={AttrValue::from((w.both)(&props.version.to_string(), &c.summary))} />
            <div class="cc-cmp-cols" onmouseover={hover.mouse_over} onmouseleave={hover.mouse_leave}>
                { column(a, &a_label, "cc-cmp-a") }
                { column(b, &b_label, "cc-cmp-b") }
            </div>
        </section>
    }
}
