//! The question asked before a send shows ("Predict first"): one outcome
//! among dropped, handled, killed, stopped, EPERM, ESRCH (or something
//! else), or for a send to a group, which processes die. It stands where
//! the outcome will be; nothing of the outcome is on the page until the
//! answer (the session holds the send aside: `session::Pending`).

use super::{use_dispatch, verb_callback};
use crate::lesson::{Choice, Guess};
use crate::session::{Pending, Verb};
use crate::words::use_words;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct PredictQuestionProps {
    pub pending: Rc<Pending>,
}

impl PartialEq for PredictQuestionProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.pending, &other.pending)
    }
}

#[function_component(PredictQuestion)]
pub fn predict_question(props: &PredictQuestionProps) -> Html {
    let w = use_words();
    let p = &w.predict;
    let d = use_dispatch();
    let q = &props.pending.question;
    let choice = use_state(|| None::<Choice>);
    let dies = use_state(BTreeSet::<String>::new);
    let hint = use_state(|| false);
    let fieldset = use_node_ref();
    // Keyboard users land on the question: the first choice takes focus.
    {
        let fieldset = fieldset.clone();
        use_effect_with(props.pending.question.step, move |_| {
            if let Some(el) = fieldset.cast::<web_sys::Element>() {
                if let Ok(Some(first)) = el.query_selector("input") {
                    if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(first)
                    {
                        let _ = input.focus();
                    }
                }
            }
        });
    }
    let step = props.pending.after.replay.steps.get(q.step);
    let call = step.map(|s| {
        html! {
            <div class="outcome-call">
                <span class="step-no">{ format!("#{}", q.step + 1) }</span>
                <span class="actor">{ super::actor(s, w) }</span>
                <span class="calls">{ w.notice.calls }</span>
                <code class="call">{ s.call.text(w.lang) }</code>
            </div>
        }
    });
    let onsubmit = {
        let (d, choice, dies, hint, group) = (
            d.clone(),
            choice.clone(),
            dies.clone(),
            hint.clone(),
            q.group,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let guess = if group {
                Some(Guess::WhoDies((*dies).clone()))
            } else {
                choice.map(Guess::Outcome)
            };
            match guess {
                Some(g) => d.dispatch(Verb::Answer(g)),
                None => hint.set(true),
            }
        })
    };
    let options = if q.group {
        html! {
            { for q.candidates.iter().map(|id| {
                let (dies, id2) = (dies.clone(), id.clone());
                let on = dies.contains(id);
                let onchange = Callback::from(move |_| {
                    let mut set = (*dies).clone();
                    if !set.remove(&id2) {
                        set.insert(id2.clone());
                    }
                    dies.set(set);
                });
                html! {
                    <label class="predict-option">
                        <input type="checkbox" name="predict-dies" value={id.clone()} checked={on} {onchange} />
                        { id }
                    </label>
                }
            }) }
        }
    } else {
        html! {
            { for Choice::ALL.into_iter().map(|c| {
                let checked = *choice == Some(c);
                let (choice, hint) = (choice.clone(), hint.clone());
                let onchange = Callback::from(move |_| {
                    choice.set(Some(c));
                    hint.set(false);
                });
                html! {
                    <label class="predict-option">
                        <input type="radio" name="predict" value={c.key()} data-choice={c.key()}
                            {checked} {onchange} />
                        { (p.choice)(c) }
                    </label>
                }
            }) }
        }
    };
    let ask = if q.group { p.ask_group } else { p.ask_one };
    html! {
        <section class="outcome tone-predict predict" aria-label={p.region}>
            { for call }
            <form class="predict-form" {onsubmit}>
                <fieldset ref={fieldset}>
                    <legend>{ ask }</legend>
                    <div class="predict-options">{ options }</div>
                </fieldset>
                <p class="sentence" role="status" aria-live="polite">
                    if *hint { { p.pick_first } }
                </p>
                <div class="predict-actions">
                    <button type="submit" class="primary">{ p.show }</button>
                    <button type="button" onclick={verb_callback(&d, Verb::SkipPrediction)}>{ p.skip }</button>
                </div>
            </form>
        </section>
    }
}
