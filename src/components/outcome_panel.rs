//! What the last verb did: the call with its return value, one sentence
//! saying why (from the trace), and what happened to each process. The
//! sentence sits in a polite live region, so a screen reader announces it.

use super::toolbar::copy_to_clipboard;
use super::{use_dispatch, verb_callback, Dispatch};
use crate::permalink::{Kept, KeptKind};
use crate::replay::{Replay, StepRecord};
use crate::session::{Notice, Reveal, Verb};
use crate::words::{use_words, Words};
use sigsim::outcome::Ret;

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
    /// A prediction just answered: right or wrong leads the sentence.
    #[prop_or_default]
    pub reveal: Option<Rc<Reveal>>,
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
            Some(step) => step_parts(
                *i,
                step,
                props.reveal.as_deref().filter(|r| r.step == *i),
                w,
            ),
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

/// The first thing a reader sees: how to begin (a lesson, when the world
/// has one, says what to do in its own card: `components::lesson`).
fn welcome(_: &Replay, w: &Words) -> Html {
    html! { <p class="welcome">{ w.notice.welcome_short }</p> }
}

fn step_parts(
    i: usize,
    step: &StepRecord,
    reveal: Option<&Reveal>,
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
            <span class="calls">{ n.calls }</span>
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
    // Right or wrong leads the sentence, so the live region says it once,
    // with the deciding step that makes it so.
    let verdict = reveal.map(|r| {
        let (class, text) = if r.scored.right() {
            ("prediction right", w.predict.right.to_string())
        } else {
            (
                "prediction wrong",
                (w.predict.wrong)(&crate::words::guess_text(&r.scored.guess, w)),
            )
        };
        html! { <><strong class={class} data-right={r.scored.right().to_string()}>{ text }</strong>{" "}</> }
    });
    let sentence = html! {
        <>
            { for verdict }
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
        </>
    };
    (tone, head, sentence, details)
}
