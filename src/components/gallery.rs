//! The gallery: a modal dialog with two tabs. Situations lists the gallery
//! scenarios grouped by the question they answer, with a search box;
//! Myths lists common misconceptions, each with the situation that
//! refutes it. Choosing one opens it as the session.
//!
//! A native `<dialog>` opened with `showModal()`: the browser makes the
//! rest of the page inert (focus stays inside), closes it on Esc, and it
//! sits above everything without a z-index. Focus goes back to the button
//! that opened it.

use super::use_dispatch;
use crate::gallery::{entries, Myth};
use crate::session::Verb;
use crate::words::use_words;
use sigsim::scenario::Meta;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GalleryTab {
    Situations,
    Myths,
}

#[derive(Properties, PartialEq)]
pub struct GalleryDialogProps {
    /// The tab it opens on.
    pub tab: GalleryTab,
    /// After it closed (Esc, the close button, or a choice).
    pub onclose: Callback<()>,
}

/// The presets' words, once loaded.
#[derive(Clone, PartialEq)]
enum Texts {
    Loading,
    Ready(Rc<Vec<(&'static str, Rc<Meta>)>>),
    Failed(String),
}

/// A gallery text with its `backquoted` commands as code, the way the
/// scenarios and the myths write them.
pub fn with_code(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| match i % 2 {
            0 => Html::from(part.to_string()),
            _ => html! { <code>{ part }</code> },
        })
        .collect()
}

fn by_id(id: &str) -> Option<web_sys::HtmlElement> {
    let el = web_sys::window()?.document()?.get_element_by_id(id)?;
    wasm_bindgen::JsCast::dyn_into(el).ok()
}

fn texts_at_hand() -> Texts {
    let e = entries();
    if e.len() == sigsim::gallery::NAMES.len() {
        Texts::Ready(Rc::new(e))
    } else {
        Texts::Loading
    }
}

#[function_component(GalleryDialog)]
pub fn gallery_dialog(props: &GalleryDialogProps) -> Html {
    let d = use_dispatch();
    let words = use_words();
    let w = &words.gallery;
    let lang = words.lang;
    let dialog = use_node_ref();
    let tab = use_state(|| props.tab);
    let query = use_state(String::new);
    let texts = use_state(texts_at_hand);
    // The element that had focus, to give it back: removing an open
    // dialog from the page would leave focus nowhere.
    let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
    {
        let (dialog, opener) = (dialog.clone(), opener.clone());
        let texts = texts.clone();
        use_effect_with((), move |_| {
            *opener.borrow_mut() = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into(e).ok());
            if let Some(el) = dialog.cast::<web_sys::HtmlDialogElement>() {
                let _ = el.show_modal();
            }
            if *texts == Texts::Loading {
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::gallery::browser::load(sigsim::gallery::NAMES).await {
                        Ok(()) => texts.set(texts_at_hand()),
                        Err(e) => texts.set(Texts::Failed(e)),
                    }
                });
            }
        });
    }
    // The search box takes focus once the list is there: on the first
    // opening it comes after the texts, too late for `autofocus`. Only
    // then: a tab chosen later keeps the focus.
    {
        let ready = matches!(*texts, Texts::Ready(_));
        let situations = *tab == GalleryTab::Situations;
        use_effect_with(ready, move |&ready| {
            if ready && situations {
                if let Some(el) = by_id("gallery-search") {
                    let _ = el.focus();
                }
            }
        });
    }
    // Tab and Shift+Tab wrap around inside the dialog: a modal dialog
    // alone would let focus out to the browser's own controls.
    let trap = {
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Tab" {
                return;
            }
            let Some(d) = dialog.cast::<web_sys::Element>() else {
                return;
            };
            let Ok(list) = d.query_selector_all(
                "button:not([disabled]):not([tabindex='-1']), input:not([disabled]), [tabindex='0']",
            ) else {
                return;
            };
            let focusable: Vec<web_sys::HtmlElement> = (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| wasm_bindgen::JsCast::dyn_into(n).ok())
                .collect();
            let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
                return;
            };
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|doc| doc.active_element());
            let is = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| **el == *a);
            let to = match e.shift_key() {
                true if is(first) => last,
                false if is(last) => first,
                _ => return,
            };
            e.prevent_default();
            let _ = to.focus();
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: ()| {
            if let Some(el) = dialog.cast::<web_sys::HtmlDialogElement>() {
                el.close();
            }
        })
    };
    // The one way out: Esc, the close button and a choice all end here.
    let on_closed = {
        let (onclose, opener) = (props.onclose.clone(), opener.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = opener.borrow().as_ref() {
                let _ = el.focus();
            }
            onclose.emit(());
        })
    };
    let open = {
        let (d, close) = (d.clone(), close.clone());
        move |name: &'static str| {
            let (d, close) = (d.clone(), close.clone());
            Callback::from(move |_: MouseEvent| {
                d.dispatch(Verb::OpenPreset(name.into()));
                close.emit(());
            })
        }
    };
    let tab_button = |t: GalleryTab, label: &'static str, id: &'static str| {
        let selected = *tab == t;
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_: MouseEvent| tab.set(t))
        };
        // Left and right arrows move between the tabs (the ARIA tabs
        // pattern: one tab stop for the list).
        let onkeydown = {
            let tab = tab.clone();
            Callback::from(move |e: KeyboardEvent| {
                if matches!(e.key().as_str(), "ArrowLeft" | "ArrowRight") {
                    e.prevent_default();
                    let other = match t {
                        GalleryTab::Situations => GalleryTab::Myths,
                        GalleryTab::Myths => GalleryTab::Situations,
                    };
                    tab.set(other);
                    let other_id = match other {
                        GalleryTab::Situations => "gallery-tab-situations",
                        GalleryTab::Myths => "gallery-tab-myths",
                    };
                    if let Some(el) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id(other_id))
                        .and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                        })
                    {
                        let _ = el.focus();
                    }
                }
            })
        };
        html! {
            <button type="button" role="tab" {id} aria-selected={selected.to_string()}
                aria-controls="gallery-panel" tabindex={if selected { "0" } else { "-1" }}
                {onclick} {onkeydown}>{ label }</button>
        }
    };
    let body = match (&*texts, *tab) {
        (Texts::Loading, _) => html! { <p class="muted" role="status">{ w.loading }</p> },
        (Texts::Failed(why), _) => {
            html! { <p class="gallery-error" role="alert">{ (w.failed)(why) }</p> }
        }
        (Texts::Ready(all), GalleryTab::Situations) => {
            let on_input = {
                let query = query.clone();
                Callback::from(move |e: InputEvent| {
                    query.set(
                        e.target_unchecked_into::<web_sys::HtmlInputElement>()
                            .value(),
                    )
                })
            };
            let found: Vec<&(&'static str, Rc<Meta>)> = all
                .iter()
                .filter(|(_, m)| sigsim::gallery::matches(m, &query))
                .collect();
            let metas: Vec<&Meta> = found.iter().map(|(_, m)| &**m).collect();
            let groups = sigsim::gallery::groups(&metas);
            let status = if found.is_empty() {
                (w.no_match)(query.trim())
            } else {
                (w.found)(found.len())
            };
            html! {
                <>
                    <div class="gallery-search">
                        <label for="gallery-search">{ w.search }</label>
                        <input id="gallery-search" type="search" autocomplete="off" spellcheck="false"
                            placeholder={w.search_hint} value={(*query).clone()} oninput={on_input} autofocus=true />
                        <p class="muted" role="status" aria-live="polite">{ status }</p>
                    </div>
                    { for groups.iter().enumerate().map(|(gi, g)| {
                        let heading = format!("gallery-group-{gi}");
                        html! {
                            <section class="gallery-group" aria-labelledby={heading.clone()}>
                                <h3 id={heading}>{ metas[g[0]].group.get(lang) }</h3>
                                <ul class="preset-list">
                                    { for g.iter().map(|&i| {
                                        let (name, meta) = found[i];
                                        html! {
                                            <li>
                                                <button type="button" class="preset" data-preset={*name} onclick={open(name)}>
                                                    <span class="preset-title">{ with_code(meta.title.get(lang)) }</span>
                                                    <span class="preset-question">{ with_code(meta.question.get(lang)) }</span>
                                                </button>
                                            </li>
                                        }
                                    }) }
                                </ul>
                            </section>
                        }
                    }) }
                </>
            }
        }
        (Texts::Ready(all), GalleryTab::Myths) => {
            let title_of = |name: &str| {
                all.iter()
                    .find(|(n, _)| *n == name)
                    .map_or(name.to_string(), |(_, m)| m.title.get(lang).to_string())
            };
            html! {
                <>
                    <p class="myths-intro">{ w.myths_intro }</p>
                    <ol class="myths">
                        { for Myth::ALL.iter().map(|&m| {
                            let (claim, truth) = (w.myth)(m);
                            let name = m.preset();
                            html! {
                                <li class="myth" data-myth={m.key()}>
                                    <p class="myth-claim"><span class="mark">{ w.myth_mark }</span><span>{ with_code(claim) }</span></p>
                                    <p class="myth-truth"><span class="mark">{ w.truth_mark }</span><span>{ with_code(truth) }</span></p>
                                    if m.from_the_seed_post() {
                                        <p class="muted myth-source">{ w.from_the_post }</p>
                                    }
                                    <button type="button" data-preset={name} onclick={open(name)}>{ with_code(&(w.see_it)(&title_of(name))) }</button>
                                </li>
                            }
                        }) }
                    </ol>
                </>
            }
        }
    };
    let active_tab = match *tab {
        GalleryTab::Situations => "gallery-tab-situations",
        GalleryTab::Myths => "gallery-tab-myths",
    };
    html! {
        <dialog ref={dialog} class="gallery-dialog" aria-labelledby="gallery-heading" onclose={on_closed} onkeydown={trap}>
            <div class="gallery-head">
                <h2 id="gallery-heading">{ w.heading }</h2>
                <div class="gallery-tabs" role="tablist" aria-label={w.heading}>
                    { tab_button(GalleryTab::Situations, w.tab_situations, "gallery-tab-situations") }
                    { tab_button(GalleryTab::Myths, w.tab_myths, "gallery-tab-myths") }
                </div>
                <button type="button" class="quiet close" aria-label={w.close}
                    onclick={close.reform(|_: MouseEvent| ())}>{"×"}</button>
            </div>
            <div class="gallery-body" id="gallery-panel" role="tabpanel" aria-labelledby={active_tab}>
                { body }
            </div>
        </dialog>
    }
}
