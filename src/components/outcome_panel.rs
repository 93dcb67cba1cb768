//! What the last verb did: the call with its return value, one sentence
//! saying why (from the trace), and what happened to each process. The
//! sentence sits in a polite live region, so a screen reader announces it.

use super::toolbar::copy_to_clipboard;
use super::{use_dispatch, verb_callback, Dispatch};
use crate::explain::Label;
use crate::permalink::{Kept, KeptKind};
use crate::replay::{Replay, StepRecord};
use crate::session::{Notice, Verb};
use crate::words::{use_words, Words};
use sigsim::outcome::Ret;
use sigsim::validate::{Action, PidArg};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutcomePanelProps {
    pub replay: Rc<Replay>,
    pub notice: Notice,
    /// Why the session is not saved in this browser, if it is not.
    #[prop_or_default]
    pub unsaved: Option<String>,
    /// What could not be restored, offered back above the outcome.
    #[prop_or_default]
    pub kept: Rc<Vec<Kept>>,
}

/// How many processes the outcome lists by name (a kill(-1) can touch
/// thousands).
const EFFECTS_LISTED: usize = 48;

/// The return value as a C programmer reads it.
pub fn ret_text(ret: Ret) -> String {
    match ret {
        Ret::Ok => "0".into(),
        Ret::Err(e) => format!("-1, errno {}", e.name()),
    }
}

#[function_component(OutcomePanel)]
pub fn outcome_panel(props: &OutcomePanelProps) -> Html {
    let w = use_words();
    let n = &w.notice;
    let (tone, head, sentence, details) = match &props.notice {
        Notice::Welcome => (
            "welcome",
            welcome(&props.replay, w),
            Html::default(),
            Html::default(),
        ),
        Notice::Step(i) => match props.replay.steps.get(*i) {
            Some(step) => step_parts(*i, step, next_hint(&props.replay, *i, w), w),
            None => (
                "welcome",
                welcome(&props.replay, w),
                Html::default(),
                Html::default(),
            ),
        },
        Notice::Refused { what, reason } => (
            "error",
            html! { <div class="outcome-call"><span class="what">{ (n.not_done)(&(n.act)(what)) }</span></div> },
            html! { <><strong>{ n.refused }</strong>{ (n.why)(reason) }</> },
            Html::default(),
        ),
        Notice::Panic { what, reason } => (
            "panic",
            html! {
                <div class="outcome-call panic-line">
                    <code>{"Kernel panic - not syncing: Attempted to kill init!"}</code>
                    <span class="what">{ format!("({})", (n.act)(what)) }</span>
                </div>
            },
            html! { <><strong>{ n.kernel_panic }</strong>{ reason }{ n.not_kept }</> },
            Html::default(),
        ),
        Notice::Info(m) => (
            "info",
            Html::default(),
            html! { { (n.msg)(m) } },
            Html::default(),
        ),
    };
    let d = use_dispatch();
    html! {
        <>
        { for props.kept.iter().enumerate().map(|(i, k)| kept_notice(i, k, &d, w)) }
        <section class={classes!("outcome", format!("tone-{tone}"))} aria-label={n.outcome}>
            { head }
            <p class="sentence" role="status" aria-live="polite" aria-atomic="true">{ sentence }</p>
            if let Some(why) = &props.unsaved {
                <p class="consequence" role="alert">{ (n.unsaved)(why) }</p>
            }
            { details }
        </section>
        </>
    }
}

#[inline(never)]
fn button(label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button {onclick}>{ label }</button> }
}

/// One text a link or the autosave could not restore: offered back until
/// the user discards it. (A plain function, not a component, and
/// `<details>` rather than state: the page's size budget.)
fn kept_notice(i: usize, k: &Kept, d: &Dispatch, w: &Words) -> Html {
    let n = &w.notice;
    let title = match k.kind {
        KeptKind::Link => n.kept_link,
        KeptKind::Autosave => n.kept_autosave,
    };
    let text = k.text.clone();
    html! {
        <section class="outcome tone-error" aria-label={title}>
            <p>
                <strong>{ title }</strong>
                if !k.reason.is_empty() {
                    {": "}{ &k.reason }
                }
            </p>
            <details>
                <summary>{ n.show_kept }</summary>
                <textarea readonly=true aria-label={title} value={k.text.clone()} rows="8" cols="70" />
            </details>
            { button(n.copy_it, Callback::from(move |_| { copy_to_clipboard(&text); })) }
            { button(n.discard, verb_callback(d, Verb::Discard(i))) }
        </section>
    }
}

/// The first thing a reader sees: the question, and three drags that
/// answer it (in the default world; any other world gets the one-liner).
/// The default world's walk-through is static markup, one string per
/// language (as `html!` it compiled to ~2 KB of wasm).
fn welcome(r: &Replay, w: &Words) -> Html {
    if r.index("ctr-init").is_none() || r.index("app").is_none() {
        return html! { <p class="welcome">{ w.notice.welcome_short }</p> };
    }
    Html::from_html_unchecked(AttrValue::Static(w.notice.welcome_html))
}

/// The default world's lesson, one drag at a time: after each of its
/// steps, what to try next (nothing outside that lesson).
fn next_hint(r: &Replay, i: usize, w: &Words) -> Option<&'static str> {
    let Action::Kill {
        from,
        pid: PidArg::PidOf(to),
        sig,
    } = *r.plan.actions.get(i)?
    else {
        return None;
    };
    if r.plan.processes[to].id != "ctr-init" || i + 1 != r.steps.len() {
        return None;
    }
    let from_host = r.plan.processes[from].ns == r.plan.root_ns();
    let n = &w.notice;
    match (sig, from_host, r.steps[i].explanation.label) {
        (15, true, Label::Dropped) => Some(n.next_sigkill),
        (9, true, Label::Killed) => Some(n.next_undo),
        (9, false, Label::Dropped) => Some(n.next_catch),
        _ => None,
    }
}

fn step_parts(
    i: usize,
    step: &StepRecord,
    next: Option<&'static str>,
    w: &'static Words,
) -> (&'static str, Html, Html, Html) {
    let (n, lang) = (&w.notice, w.lang);
    let e = &step.explanation;
    let tone = if !step.is_send && step.ret != Ret::Ok {
        "error"
    } else {
        e.label.tone()
    };
    let head = html! {
        <div class="outcome-call">
            <span class="step-no">{ format!("#{}", i + 1) }</span>
            <span class="actor">{ super::actor(step, w) }</span>
            <code class="call">{ step.call.text(lang) }</code>
            if let Some(aim) = &step.aim {
                <span class="aim">{ (w.log.aim)(aim) }</span>
            }
            <span class="ret">{ n.returns }<code>{ ret_text(step.ret) }</code></span>
            if !step.is_send && step.ret != Ret::Ok {
                <span class="tag error">{ n.refused_by_kernel }</span>
            }
        </div>
    };
    let sentence = html! {
        <>
            <strong class="verdict">{ e.head(lang) }</strong>
            {" "}{ e.reason(lang) }
            if let Some(f) = e.func {
                {" — "}<code class="func">{ f }</code>
            }
            if let Some(c) = e.consequence_text(lang) {
                {" "}<span class="consequence">{ c }</span>
            }
        </>
    };
    let details = html! {
        <>
            if step.effects.len() > 1 {
                <ul class="outcome-effects" aria-label={n.touched}>
                    { for step.effects.iter().take(EFFECTS_LISTED).map(|(id, effects)| html! {
                        <li>
                            <strong>{ id }</strong>{": "}
                            { effects.iter().map(|e| (w.process.effect)(e)).collect::<Vec<_>>().join(if lang == crate::words::Lang::Zh { "，" } else { ", " }) }
                        </li>
                    }) }
                </ul>
                if step.effects.len() > EFFECTS_LISTED {
                    <p class="muted">{ (n.more_processes)(step.effects.len() - EFFECTS_LISTED) }</p>
                }
            }
            if let Some(next) = next {
                <p class="next">{ next }</p>
            }
        </>
    };
    (tone, head, sentence, details)
}
