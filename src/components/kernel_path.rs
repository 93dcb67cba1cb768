//! "What the kernel did": the call chain of one send (the last one, or the
//! one picked in the event log), played step by step from the port's
//! trace, and — on demand — side by side with an earlier send.

use crate::call_chain::{path, CallChainPlayer, ComparePaths, PlayerState};
use crate::replay::Replay;
use crate::words::{use_words, Words};
use sigsim::trace::TraceStep;
use std::rc::Rc;
use yew::prelude::*;

/// What the namespace tree highlights while a step is shown: the caller,
/// the process the step's function examines, the levels it compares.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeFocus {
    pub focus: path::StepFocus,
    /// The function of the step (`send_signal_locked`).
    pub func: &'static str,
}

impl TreeFocus {
    pub fn of(steps: &[TraceStep], i: usize) -> Option<TreeFocus> {
        let func = steps.get(i)?.name();
        Some(TreeFocus {
            focus: path::step_focus(steps, i),
            func,
        })
    }

    pub fn is_caller(&self, id: &str) -> bool {
        self.focus.caller.as_deref() == Some(id)
    }

    pub fn is_target(&self, id: &str) -> bool {
        self.focus.target.as_deref() == Some(id)
    }
}

/// The shared context: None when no step is shown.
pub type FocusContext = Option<Rc<TreeFocus>>;

#[derive(Properties, PartialEq)]
pub struct KernelPathProps {
    pub replay: Rc<Replay>,
    /// The send to show (an index into the replay's steps); the last send
    /// when None.
    #[prop_or_default]
    pub shown: Option<usize>,
    /// An earlier send to compare with.
    #[prop_or_default]
    pub compare: Option<usize>,
    #[prop_or_default]
    pub on_compare: Callback<Option<usize>>,
    #[prop_or_default]
    pub on_focus: Callback<FocusContext>,
    /// Play a new path at once (an embed asks for it: `autoplay`).
    #[prop_or(true)]
    pub autoplay: bool,
    /// The port's source beside the diagram.
    #[prop_or(true)]
    pub source: bool,
    /// The player's state, for an embedding page's commands.
    #[prop_or_default]
    pub on_state: Callback<PlayerState>,
    /// Open the new path at its deciding step rather than play it (a
    /// prediction was just answered: the step that makes it right or wrong).
    #[prop_or_default]
    pub at_deciding: bool,
}

/// "#2 shell: kill(3, SIGKILL)".
pub fn send_label(r: &Replay, i: usize, w: &'static Words) -> String {
    let s = &r.steps[i];
    format!("#{} {}: {}", i + 1, super::actor(s, w), s.call.text(w.lang))
}

/// How many earlier sends the comparison offers.
pub const COMPARE_OFFERED: usize = 50;

#[function_component(KernelPath)]
pub fn kernel_path(props: &KernelPathProps) -> Html {
    let w = use_words();
    let t = &w.path;
    let r = &props.replay;
    let shown = props
        .shown
        .filter(|&i| r.steps.get(i).is_some_and(|s| s.is_send))
        .or_else(|| r.steps.iter().rposition(|s| s.is_send));
    let steps = shown.map_or_else(Rc::default, |i| r.steps[i].trace.clone());
    let on_focus_step = {
        let (steps, cb) = (steps.clone(), props.on_focus.clone());
        use_callback((steps, cb), |i: Option<usize>, (steps, cb)| {
            cb.emit(i.and_then(|i| TreeFocus::of(steps, i)).map(Rc::new));
        })
    };
    // Clear the tree's highlight when this view goes.
    {
        let cb = props.on_focus.clone();
        use_effect_with((), move |_| move || cb.emit(None));
    }
    let Some(shown) = shown else {
        return html! {
            <section class="panel kernel-path" aria-labelledby="kpath-title">
                <h2 class="section-title" id="kpath-title">{ t.title }</h2>
                <p class="muted">{ t.empty }</p>
            </section>
        };
    };
    let version = r.plan.version;
    // The latest sends, newest first, and the one compared now: a long
    // session's every send as an option would be laid out on each send.
    let mut others: Vec<usize> = (0..r.steps.len())
        .rev()
        .filter(|&i| i != shown && r.steps[i].is_send)
        .take(COMPARE_OFFERED)
        .collect();
    let compare = props
        .compare
        .filter(|&i| i != shown && r.steps.get(i).is_some_and(|s| s.is_send));
    if let Some(c) = compare.filter(|c| !others.contains(c)) {
        others.push(c);
    }
    let on_pick = {
        let cb = props.on_compare.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            cb.emit(el.value().parse().ok());
        })
    };
    let title = (t.title_of)(&send_label(r, shown, w), &version.to_string());
    html! {
        <section class="panel kernel-path" aria-labelledby="kpath-title">
            <details open=true>
                <summary><h2 class="section-title" id="kpath-title">{ title }</h2></summary>
                if r.steps[shown].trace_len > steps.len() {
                    <p class="muted">{ (t.truncated)(r.steps[shown].trace_len, steps.len()) }</p>
                }
                <CallChainPlayer steps={steps.clone()} {version} {on_focus_step} autoplay={props.autoplay && !props.at_deciding}
                    at_deciding={props.at_deciding}
                    source={props.source} on_state={props.on_state.clone()} />
                <div class="kpath-compare">
                    <label>
                        <span>{ t.compare_with }</span>
                        <select aria-label={t.compare_label} onchange={on_pick} disabled={others.is_empty()}>
                            <option value="" selected={compare.is_none()}>
                                { if others.is_empty() { t.send_another } else { t.nothing } }
                            </option>
                            { for others.iter().map(|&i| html! {
                                <option key={i} value={i.to_string()} selected={compare == Some(i)}>{ send_label(r, i, w) }</option>
                            }) }
                        </select>
                    </label>
                </div>
                if let Some(c) = compare {
                    <ComparePaths {version} a={r.steps[c].trace.clone()} b={steps}
                        a_label={Some(AttrValue::from(send_label(r, c, w)))} b_label={Some(AttrValue::from(send_label(r, shown, w)))} />
                }
            </details>
        </section>
    }
}
