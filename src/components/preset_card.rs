//! The words of the gallery scenario the session still is: the question
//! it answers, its title and what it shows, above the outcome of its last
//! step. Gone once the session is edited, back when an undo returns to it.

use super::gallery::with_code;
use crate::words::use_words;
use sigsim::scenario::Meta;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PresetCardProps {
    pub meta: Rc<Meta>,
}

#[function_component(PresetCard)]
pub fn preset_card(props: &PresetCardProps) -> Html {
    let words = use_words();
    let (w, lang, m) = (&words.gallery, words.lang, &props.meta);
    html! {
        <section class="preset-card" aria-labelledby="preset-card-title" data-preset={m.name.clone()}>
            <p class="preset-group">{ m.group.get(lang) }</p>
            <h2 id="preset-card-title">{ with_code(m.title.get(lang)) }</h2>
            <p class="preset-question"><strong>{ w.question }{ if lang == crate::words::Lang::Zh { "：" } else { ": " } }</strong>{ with_code(m.question.get(lang)) }</p>
            <p class="preset-explain">{ with_code(m.explain.get(lang)) }</p>
        </section>
    }
}
