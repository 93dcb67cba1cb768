//! The lesson card above the outcome: the step to do now, a gentle note
//! when what was done was not it, and at the end a summary (steps done,
//! predictions right, what each send showed and which function decided).
//! The "Predict first" switch lives here too, lesson or not.

use super::{use_dispatch, verb_callback};
use crate::lesson::{Done, LessonRun};
use crate::session::Verb;
use crate::words::{guess_text, use_words, Words};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LessonCardProps {
    pub lesson: Option<Rc<LessonRun>>,
    pub predict: bool,
}

#[function_component(LessonCard)]
pub fn lesson_card(props: &LessonCardProps) -> Html {
    let w = use_words();
    let d = use_dispatch();
    let l = &w.lesson;
    let toggle = {
        let d = d.clone();
        let on = props.predict;
        html! {
            <label class="predict-toggle" title={l.predict_first_title}>
                <input type="checkbox" checked={on}
                    onchange={Callback::from(move |_| d.dispatch(Verb::Predict(!on)))} />
                { l.predict_first }
            </label>
        }
    };
    let Some(run) = &props.lesson else {
        return html! { <div class="predict-bar">{ toggle }</div> };
    };
    let lang = w.lang;
    let n = run.steps.len();
    let body = if !run.begun {
        html! {
            <>
                <p>{ (l.offered)(n) }</p>
                <button class="primary" onclick={verb_callback(&d, Verb::StartLesson)}>{ l.start }</button>
            </>
        }
    } else if let Some(step) = run.current() {
        let i = run.done.len();
        html! {
            <>
                <p class="lesson-progress">{ (l.step_of)(i + 1, n) }</p>
                <p class="lesson-step" data-step={i.to_string()}>{ step.say.get(lang) }</p>
                if let Some(did) = &run.off_step {
                    <p class="lesson-off" aria-live="polite">{ (l.not_the_step)(&(l.did)(did)) }</p>
                }
                <details class="lesson-steps">
                    <summary>{ l.steps }</summary>
                    <ol>
                        { for run.steps.iter().enumerate().map(|(k, s)| html! {
                            <li class={classes!((k < i).then_some("done"), (k == i).then_some("now"))}
                                aria-current={(k == i).then_some("step")}>{ s.say.get(lang) }</li>
                        }) }
                    </ol>
                </details>
            </>
        }
    } else {
        summary(run, w, &d)
    };
    html! {
        <section class="lesson" aria-labelledby="lesson-title">
            <div class="lesson-head">
                <h2 id="lesson-title">{ run.title.get(lang) }</h2>
                { toggle }
                <button class="lesson-close" onclick={verb_callback(&d, Verb::EndLesson)}>{ l.close }</button>
            </div>
            { body }
        </section>
    }
}

/// The end of a lesson: how far, how many predictions right, and what
/// each send showed with the function that decided it.
fn summary(run: &LessonRun, w: &'static Words, d: &super::Dispatch) -> Html {
    let l = &w.lesson;
    let (right, asked) = run.score();
    let row = |done: &Done| {
        let Some(sent) = &done.sent else {
            return Html::default();
        };
        let mark = sent.predicted.as_ref().map(|p| {
            let (class, text) = if p.right() {
                ("mark right", w.predict.right_mark)
            } else {
                ("mark wrong", w.predict.wrong_mark)
            };
            html! { <span {class} title={guess_text(&p.guess, w)}>{ text }</span> }
        });
        html! {
            <li>
                <span class="actor">{ &sent.actor }</span>{": "}
                <code>{ sent.call.text(w.lang) }</code>{" → "}
                <strong>{ sent.label.text(w.lang) }</strong>
                if let Some(f) = sent.func {
                    {" — "}{ l.decided_in }{" "}<code class="func">{ f }</code>
                }
                {" "}{ for mark }
            </li>
        }
    };
    html! {
        <div class="lesson-summary" aria-live="polite">
            <h3>{ l.done_title }</h3>
            <p>
                { (l.summary)(run.done.len(), run.steps.len()) }
                if asked > 0 {
                    {" "}<strong class="score">{ (l.score)(right, asked) }</strong>
                }
            </p>
            <ol>{ for run.done.iter().map(row) }</ol>
            <button onclick={verb_callback(d, Verb::StartLesson)}>{ l.again }</button>
        </div>
    }
}
