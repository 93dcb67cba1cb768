//! The page: toolbar, palette and sender on top; the namespace tree with
//! the outcome above it and the kernel path of the shown send below it;
//! the editor, the log and the legend beside it.

use super::event_log::EventLog;
use super::kernel_path::{FocusContext, KernelPath};
use super::legend::Legend;
use super::namespace_tree::NamespaceTree;
use super::outcome_panel::OutcomePanel;
use super::presenting::Presenting;
use super::preset_card::PresetCard;
use super::process_editor::ProcessEditor;
use super::sender_picker::SenderPicker;
use super::signal_palette::SignalPalette;
use super::toolbar::Toolbar;
use super::world_builder::WorldBuilder;
use super::Dispatch;
use crate::replay::Replay;
use crate::session::{AppState, Notice, Verb};
use crate::view_model::{namespace_tree, process_view};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The session to start with (the browser loads it from the permalink
    /// or the autosave); the default world when absent.
    #[prop_or_default]
    pub initial: Option<Rc<AppState>>,
    /// Why a permalink could not be opened, shown instead of the welcome.
    #[prop_or_default]
    pub load_error: Option<AttrValue>,
    /// `?embed`: the chromeless view ([`crate::embed`]), which saves
    /// nothing.
    #[prop_or_default]
    pub embed: Option<Rc<crate::embed::Params>>,
    /// Drawn while the rest of sigscope is on its way (main.rs): the
    /// session's starting world and how many actions will replay on it,
    /// inert and hidden from assistive technology; a note says so.
    #[prop_or_default]
    pub opening: Option<usize>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let initial = props.initial.clone();
        let load_error = props.load_error.clone();
        use_reducer(move || {
            let mut s = initial.map(|s| (*s).clone()).unwrap_or_default();
            if let Some(e) = load_error {
                s.notice = Notice::Refused {
                    what: crate::session::Act::OpenLink,
                    reason: crate::session::Why::Port(e.to_string()),
                };
            }
            s
        })
    };
    // Autosave and permalink after each change of the session or of what
    // is kept aside, and a save the browser refused said. Not on the first
    // render (a fresh visit keeps a clean address) unless a link could not
    // be opened: then the address shows the session instead (the link is
    // kept aside).
    {
        let first = use_mut_ref(|| props.load_error.is_none());
        let st = state.clone();
        let key = (
            state.scenario.clone(),
            state.sender.clone(),
            state.how,
            state.kept.clone(),
        );
        // Written a moment later, not in the render: the answer to a send
        // paints first (writing a 10,000-process session takes tens of ms),
        // and of several changes in a row only the last is written.
        let latest = use_mut_ref(|| 0u64);
        let embed = props.embed.is_some();
        use_effect_with(key, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) && !embed {
                let this = {
                    let mut n = latest.borrow_mut();
                    *n += 1;
                    *n
                };
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_millis(30)).await;
                    if *latest.borrow() != this {
                        return;
                    }
                    let unsaved = crate::permalink::browser::save(&st).await.err();
                    if unsaved != st.unsaved {
                        st.dispatch(Verb::Saved(unsaved));
                    }
                });
            }
        });
    }
    let dispatch: Dispatch = state.dispatcher();
    let w = crate::words::of(state.lang);
    // `<html lang>` follows a switch of language, which is remembered
    // (main.rs set both for the first render; an embed remembers nothing).
    {
        let first = use_mut_ref(|| true);
        let remember = props.embed.is_none();
        use_effect_with(state.lang, move |lang| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                crate::words::browser::apply(*lang, remember);
            }
        });
    }
    // A new send brings its verdict and kernel path into view, once (not
    // on each step of the playback); an embed fits its frame already.
    {
        let sends = state.replay.steps.iter().filter(|s| s.is_send).count();
        let seen = use_mut_ref(|| sends);
        let embed = props.embed.is_some();
        use_effect_with(sends, move |&sends| {
            let grew = sends > std::mem::replace(&mut *seen.borrow_mut(), sends);
            if grew && !embed {
                bring_the_answer_into_view();
            }
        });
    }
    // The theme and scale follow the reader's choice, remembered (main.rs
    // applied them for the first render; an embed remembers nothing).
    {
        let first = use_mut_ref(|| true);
        let remember = props.embed.is_none();
        use_effect_with(state.look, move |look| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                crate::presenting::browser::apply(*look, remember);
            }
        });
    }
    // Which send the kernel path shows (clicked in the log) and which one
    // it is compared with: choices about one replay, forgotten with it.
    let shown_pick = use_state(|| None::<(Rc<Replay>, usize)>);
    let compare_pick = use_state(|| None::<(Rc<Replay>, usize)>);
    let of_this = |p: &Option<(Rc<Replay>, usize)>| {
        p.as_ref()
            .filter(|(r, _)| Rc::ptr_eq(r, &state.replay))
            .map(|(_, i)| *i)
    };
    let (shown, compare) = (of_this(&shown_pick), of_this(&compare_pick));
    let pick = |h: &UseStateHandle<Option<(Rc<Replay>, usize)>>| {
        let (h, r) = (h.clone(), state.replay.clone());
        Callback::from(move |i: Option<usize>| h.set(i.map(|i| (r.clone(), i))))
    };
    let on_show = {
        let (h, r) = (shown_pick.clone(), state.replay.clone());
        Callback::from(move |i: usize| h.set(Some((r.clone(), i))))
    };
    let on_compare = pick(&compare_pick);
    let focus = use_state_eq(|| None::<Rc<super::kernel_path::TreeFocus>>);
    let on_focus = {
        let focus = focus.clone();
        use_callback((), move |f: FocusContext, _| focus.set(f))
    };
    let onkeydown = {
        let d = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            // A text field keeps its own undo.
            let in_field = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                });
            let ctrl = e.ctrl_key() || e.meta_key();
            let verb = match e.key().as_str() {
                "Escape" => Some(Verb::Arm(None)),
                "z" | "Z" if ctrl && !in_field && e.shift_key() => Some(Verb::Redo),
                "z" | "Z" if ctrl && !in_field => Some(Verb::Undo),
                "y" | "Y" if ctrl && !in_field => Some(Verb::Redo),
                _ => None,
            };
            if let Some(verb) = verb {
                if !matches!(verb, Verb::Arm(_)) {
                    e.prevent_default();
                }
                d.dispatch(verb);
            }
        })
    };
    // Built again only when the session changes, not on every step of the
    // kernel path's playback (the focus above), which would cost a frame.
    let tree = {
        let s = &*state;
        let key = (
            s.replay.clone(),
            s.notice.clone(),
            s.sender.clone(),
            s.how,
            (s.armed, s.hover.clone(), s.selected.clone()),
            (s.expanded.clone(), s.shown_all.clone()),
        );
        let st = state.clone();
        use_memo(key, move |_| namespace_tree(&st))
    };
    let tree = (*tree).clone();
    let selected = state
        .selected
        .as_ref()
        .and_then(|id| process_view(&state, id));
    let sender_label = match &state.sender {
        crate::send::Sender::Kernel => w.app.the_kernel.to_string(),
        crate::send::Sender::Process(p) => p.clone(),
    };
    // `?embed`: the page without its chrome (static/app.css), a bar with
    // the way to the full page, the parent's commands and events.
    let embed = props.embed.clone();
    let root = use_node_ref();
    // A starting world drawn while the session is on its way (`opening`)
    // neither posts `ready` nor obeys: the parent's commands are for the
    // session, which the app mounted after it answers.
    let on_state = super::embed::use_message_api(
        embed.clone().filter(|_| props.opening.is_none()),
        dispatch.clone(),
        root.clone(),
    );
    // Written again only when the session is (not on each playback step).
    let full_page = {
        let (st, on) = (state.clone(), embed.is_some());
        let preset = state.preset_shown().map(|p| p.name);
        let key = (
            state.replay.clone(),
            state.sender.clone(),
            state.how,
            preset,
        );
        use_memo(key, move |_| {
            on.then(|| match st.preset_shown() {
                Some(p) => crate::embed::preset_page_href(p.name),
                None => crate::embed::full_page_href(&crate::permalink::encode_fragment(
                    &crate::permalink::Saved::of(&st),
                )),
            })
        })
    };
    let bar = embed.as_ref().map(|p| {
        let href = (*full_page).clone().unwrap_or_default();
        let class = classes!(
            "app",
            "embed",
            (!p.panes.tree).then_some("embed-no-tree"),
            (!p.panes.shows_path()).then_some("embed-no-path"),
            (!p.controls).then_some("embed-no-controls")
        );
        (class, html! {
            <div class="embed-bar">
                <a href={href} target="_blank" rel="noopener" title={w.embed.open_title}>{ w.embed.open }</a>
            </div>
        })
    });
    let (class, bar) = bar.unzip();
    let (autoplay, source) = embed
        .as_ref()
        .map_or((true, true), |p| (p.autoplay, p.panes.source));
    let opening = props.opening;
    html! {
        <ContextProvider<crate::words::Lang> context={state.lang}>
        <ContextProvider<Dispatch> context={dispatch}>
        <ContextProvider<FocusContext> context={(*focus).clone()}>
            if let Some(actions) = opening {
                <p class="opening" role="status">{ (w.app.opening)(actions) }</p>
            }
            <div ref={root} class={class.unwrap_or_else(|| classes!("app"))} {onkeydown}
                inert={opening.is_some()} aria-hidden={opening.map(|_| "true")}>
                { for bar }
                <a class="skip-link" href="#tree">{ w.app.skip_to_tree }</a>
                <header class="top">
                    <div class="brand">
                        <h1>{"sigscope"}</h1>
                        <p class="tagline">{ w.app.tagline }</p>
                    </div>
                    <Toolbar kernel={state.scenario.kernel.clone().unwrap_or_else(|| "6.18".into())} scenario={state.scenario.clone()}
                        can_undo={state.can_undo()} can_redo={state.can_redo()} lang={state.lang}
                        tree={Some(tree.clone())} />
                    <Presenting look={state.look} />
                </header>
                <section class="controls" aria-label={w.app.send_region}>
                    <SignalPalette armed={state.armed} rt_offset={state.rt_offset} sender={sender_label.clone()} />
                    <SenderPicker replay={state.replay.clone()} sender={state.sender.clone()} how={state.how} />
                </section>
                <main class="stage">
                    <div class="tree-pane">
                        <div class="answer">
                            if opening.is_none() {
                            if let Some(p) = state.preset_shown() {
                                <PresetCard meta={p.meta.clone()} />
                            }
                            if props.embed.is_none() {
                                <super::lesson::LessonCard lesson={state.lesson.clone()} predict={state.predict} />
                            }
                            if let Some(pending) = state.pending.clone() {
                                <super::predict::PredictQuestion {pending} />
                            } else {
                                <OutcomePanel replay={state.replay.clone()} notice={state.notice.clone()} unsaved={state.unsaved.clone()} kept={state.kept.clone()}
                                    reveal={state.reveal.clone()} />
                            }
                            }
                        </div>
                        <NamespaceTree tree={tree.clone()} armed={state.armed.is_some()} sender={sender_label} />
                        <KernelPath replay={state.replay.clone()} {shown} {compare} {on_compare} {on_focus}
                            {autoplay} {source} {on_state} at_deciding={state.reveal.is_some()} />
                    </div>
                    <aside class="side" aria-label={w.app.details_region}>
                        <ProcessEditor process={selected} started={state.started()} />
                        <WorldBuilder tree={tree} started={state.started()} />
                        <EventLog replay={state.replay.clone()} {shown} {on_show} />
                        <Legend />
                    </aside>
                </main>
            </div>
        </ContextProvider<FocusContext>>
        </ContextProvider<Dispatch>>
        </ContextProvider<crate::words::Lang>>
    }
}

/// Scrolls the page so that the verdict sits just under the signal bar
/// (when the bar stays on screen) and the kernel path follows it, unless
/// both are in view already. At once, not smoothly: one jump is quicker
/// to follow than a glide, and reduced motion asks for no glide.
fn bring_the_answer_into_view() {
    let Some(win) = web_sys::window() else { return };
    let Some(doc) = win.document() else { return };
    let find = |sel: &str| doc.query_selector(sel).ok().flatten();
    // A gallery scenario's card comes before its verdict: its question first.
    let (Some(verdict), Some(path)) = (
        find(".stage .preset-card, .stage .outcome"),
        find(".stage .kernel-path"),
    ) else {
        return;
    };
    let bar_bottom = find(".controls")
        .filter(|bar| {
            win.get_computed_style(bar)
                .ok()
                .flatten()
                .and_then(|st| st.get_property_value("position").ok())
                .is_some_and(|p| p == "sticky")
        })
        .map_or(0.0, |bar| bar.get_bounding_client_rect().bottom().max(0.0));
    let view_h = win
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let top = verdict.get_bounding_client_rect().top();
    let path_top = path.get_bounding_client_rect().top();
    // In view: the verdict below the bar, and the path's head and the
    // first rows of its diagram on screen.
    let in_view = top >= bar_bottom && path_top + 160.0 <= view_h;
    if !in_view {
        win.scroll_by_with_x_and_y(0.0, top - bar_bottom - 8.0);
    }
}
