//! What the last verb did: the call with its return value, one sentence
//! saying why (from the trace), and what happened to each process. The
//! sentence sits in a polite live region, so a screen reader announces it.

use super::toolbar::copy_to_clipboard;
use super::{use_dispatch, verb_callback, Dispatch};
use crate::permalink::{Kept, KeptKind};
use crate::replay::{Replay, StepRecord};
use crate::session::{Notice, Verb};
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

fn tone_of(label: &str) -> &'static str {
    match label {
        "Dropped" | "Already pending" | "Discarded" | "Checked only" => "dropped",
        "Killed" | "Exited" => "fatal",
        "Handled" | "Created" | "Continued" | "Done" => "good",
        "Stopped" | "Pending" | "Queued" => "held",
        _ => "error",
    }
}

#[function_component(OutcomePanel)]
pub fn outcome_panel(props: &OutcomePanelProps) -> Html {
    let (tone, head, sentence, details) = match &props.notice {
        Notice::Welcome => (
            "welcome",
            welcome(&props.replay),
            Html::default(),
            Html::default(),
        ),
        Notice::Step(i) => match props.replay.steps.get(*i) {
            Some(step) => step_parts(*i, step, next_hint(&props.replay, *i)),
            None => (
                "welcome",
                welcome(&props.replay),
                Html::default(),
                Html::default(),
            ),
        },
        Notice::Refused { what, reason } => (
            "error",
            html! { <div class="outcome-call"><span class="what">{ format!("Not done: {what}") }</span></div> },
            html! { <><strong>{"Refused: "}</strong>{ reason }</> },
            Html::default(),
        ),
        Notice::Panic { what, reason } => (
            "panic",
            html! {
                <div class="outcome-call panic-line">
                    <code>{"Kernel panic - not syncing: Attempted to kill init!"}</code>
                    <span class="what">{ format!("({what})") }</span>
                </div>
            },
            html! { <><strong>{"Kernel panic: "}</strong>{ reason }{". The step was not kept."}</> },
            Html::default(),
        ),
        Notice::Info(text) => ("info", Html::default(), html! { { text } }, Html::default()),
    };
    let d = use_dispatch();
    html! {
        <>
        { for props.kept.iter().enumerate().map(|(i, k)| kept_notice(i, k, &d)) }
        <section class={classes!("outcome", format!("tone-{tone}"))} aria-label="Outcome">
            { head }
            <p class="sentence" role="status" aria-live="polite" aria-atomic="true">{ sentence }</p>
            if let Some(why) = &props.unsaved {
                <p class="consequence" role="alert">{"Not saved in this browser ("}{ why }{"). The link in the address bar still holds the session: copy it to keep it."}</p>
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
fn kept_notice(i: usize, k: &Kept, d: &Dispatch) -> Html {
    let title = match k.kind {
        KeptKind::Link => "A link that could not be opened",
        KeptKind::Autosave => "A saved session that could not be restored",
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
                <summary>{"show what could not be loaded"}</summary>
                <textarea readonly=true aria-label={title} value={k.text.clone()} rows="8" cols="70" />
            </details>
            { button("copy it", Callback::from(move |_| { copy_to_clipboard(&text); })) }
            { button("discard", verb_callback(d, Verb::Discard(i))) }
        </section>
    }
}

/// The first thing a reader sees: the question, and three drags that
/// answer it (in the default world; any other world gets the one-liner).
/// The default world's walk-through; static markup as one string (as
/// `html!` it compiled to ~2 KB of wasm).
const WELCOME_HTML: &str = concat!(
    r#"<div class="welcome"><h2>Why doesn’t <code>docker stop</code>’s SIGTERM reach the container’s init?</h2><ol>"#,
    r#"<li>Drag <strong>SIGTERM</strong> onto <strong>ctr-init</strong>: nothing happens.</li>"#,
    r#"<li>Drag <strong>SIGKILL</strong> onto it: from the host’s shell it dies, and its container with it.</li>"#,
    r#"<li>Undo, press <em>send from here</em> on <strong>app</strong>, and drag SIGKILL onto ctr-init again.</li>"#,
    r#"</ol></div>"#,
);

fn welcome(r: &Replay) -> Html {
    if r.index("ctr-init").is_none() || r.index("app").is_none() {
        return html! { <p class="welcome">{"Drag a signal onto a process to send it."}</p> };
    }
    Html::from_html_unchecked(AttrValue::Static(WELCOME_HTML))
}

/// The default world's lesson, one drag at a time: after each of its
/// steps, what to try next (nothing outside that lesson).
fn next_hint(r: &Replay, i: usize) -> Option<&'static str> {
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
    let label = r.steps[i].explanation.label.as_str();
    match (sig, from_host, label) {
        (15, true, "Dropped") => Some("Next: drag SIGKILL onto ctr-init."),
        (9, true, "Killed") => Some("Next: Undo, press “send from here” on app, and drag SIGKILL onto ctr-init again."),
        (9, false, "Dropped") => Some(
            "That is the difference: from an ancestor namespace SIGKILL is forced past SIGNAL_UNKILLABLE; from inside it is not. \
             Next: click ctr-init, set TERM to “catch”, and send SIGTERM from the shell.",
        ),
        _ => None,
    }
}

fn step_parts(
    i: usize,
    step: &StepRecord,
    next: Option<&'static str>,
) -> (&'static str, Html, Html, Html) {
    let e = &step.explanation;
    let tone = if !step.is_send && step.ret != Ret::Ok {
        "error"
    } else {
        tone_of(&e.label)
    };
    let head = html! {
        <div class="outcome-call">
            <span class="step-no">{ format!("#{}", i + 1) }</span>
            <span class="actor">{ &step.actor }</span>
            <code class="call">{ &step.call }</code>
            if let Some(aim) = &step.aim {
                <span class="aim">{ format!("→ {aim}") }</span>
            }
            <span class="ret">{"returns "}<code>{ ret_text(step.ret) }</code></span>
            if !step.is_send && step.ret != Ret::Ok {
                <span class="tag error">{"refused by the kernel"}</span>
            }
        </div>
    };
    let sentence = html! {
        <>
            <strong class="verdict">{ format!("{}{}:", e.label, e.about.as_ref().map(|a| format!(" for {a}")).unwrap_or_default()) }</strong>
            {" "}{ &e.reason }
            if let Some(f) = e.func {
                {" — "}<code class="func">{ f }</code>
            }
            if let Some(c) = &e.consequence {
                {" "}<span class="consequence">{ c }</span>
            }
        </>
    };
    let details = html! {
        <>
            if step.effects.len() > 1 {
                <ul class="outcome-effects" aria-label="Every process it touched">
                    { for step.effects.iter().take(EFFECTS_LISTED).map(|(id, effects)| html! {
                        <li>
                            <strong>{ id }</strong>{": "}
                            { effects.iter().map(|e| e.label()).collect::<Vec<_>>().join(", ") }
                        </li>
                    }) }
                </ul>
                if step.effects.len() > EFFECTS_LISTED {
                    <p class="muted">{ format!("… and {} more processes; the tree shows each.", step.effects.len() - EFFECTS_LISTED) }</p>
                }
            }
            if let Some(next) = next {
                <p class="next">{ next }</p>
            }
        </>
    };
    (tone, head, sentence, details)
}
