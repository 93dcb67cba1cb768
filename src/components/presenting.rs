//! For a room: the theme switch, the presenter scale (A− / A+) and full
//! screen. The choices are verbs of the session's reducer like every
//! other; `App` applies them to `<html>` and remembers them.

use super::controls::ControlledSelect;
use super::{use_dispatch, verb_callback};
use crate::presenting::{browser, percent, Look, Theme, SCALES};
use crate::session::Verb;
use crate::words::use_words;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PresentingProps {
    pub look: Look,
}

#[function_component(Presenting)]
pub fn presenting(props: &PresentingProps) -> Html {
    let d = use_dispatch();
    let w = &use_words().present;
    // Full screen is the browser's state: Esc leaves it without us.
    let full = use_state_eq(browser::is_full_screen);
    {
        let full = full.clone();
        use_effect_with((), move |_| {
            let listener = gloo_utils::document_element().owner_document().map(|doc| {
                gloo_events::EventListener::new(&doc, "fullscreenchange", move |_| {
                    full.set(browser::is_full_screen())
                })
            });
            move || drop(listener)
        });
    }
    let themes: Vec<(AttrValue, AttrValue, bool)> = [
        (Theme::Auto, w.theme_auto),
        (Theme::Light, w.theme_light),
        (Theme::Dark, w.theme_dark),
        (Theme::Contrast, w.theme_contrast),
    ]
    .into_iter()
    .map(|(t, label)| (t.name().into(), label.into(), false))
    .collect();
    let on_theme = {
        let d = d.clone();
        Callback::from(move |v: String| {
            if let Some(t) = Theme::ALL.into_iter().find(|t| t.name() == v) {
                d.dispatch(Verb::SetTheme(t));
            }
        })
    };
    let scale = props.look.scale;
    let now = (w.scale_now)(percent(scale));
    let last = SCALES.len() as u8 - 1;
    html! {
        <div class="presenting" role="group" aria-label={now.clone()}>
            <label class="theme-pick">
                <span>{ w.theme }</span>
                <ControlledSelect value={props.look.theme.name()} options={themes} onchange={on_theme} label={w.theme} />
            </label>
            <button type="button" class="scale" onclick={verb_callback(&d, Verb::Scale(false))}
                disabled={scale == 0} aria-label={w.smaller} title={format!("{} · {now}", w.smaller)}>{ "A−" }</button>
            <button type="button" class="scale" onclick={verb_callback(&d, Verb::Scale(true))}
                disabled={scale >= last} aria-label={w.larger} title={format!("{} · {now}", w.larger)}>{ "A+" }</button>
            if browser::can_go_full_screen() {
                <button type="button" aria-pressed={full.to_string()}
                    onclick={Callback::from(|_: MouseEvent| browser::toggle_full_screen())}>
                    { if *full { w.leave_full_screen } else { w.full_screen } }
                </button>
            }
        </div>
    }
}
