//! `CallChainPlayer`: the diagram, its playback controls and the source
//! pane wired together — the one component the app needs to drop in.
//! Playback and hover are its own state; a new trace restarts playback.

use super::diagram::CallChain;
use super::path;
pub use super::playback::PlayerState;
use super::playback::{use_playback, PlaybackControls};
use super::source_pane::SourcePane;
use sigsim::trace::TraceStep;
use sigsim::KernelVersion;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CallChainPlayerProps {
    /// The trace of the send to show.
    pub steps: Rc<Vec<TraceStep>>,
    pub version: KernelVersion,
    /// Another trace to overlay on the diagram (same step index).
    #[prop_or_default]
    pub compare: Option<Rc<Vec<TraceStep>>>,
    /// The current step whenever it changes (None: no steps): the app's
    /// tree highlights `path::step_focus(&steps, i)`.
    #[prop_or_default]
    pub on_focus_step: Callback<Option<usize>>,
    /// Start playing when a trace arrives (default: yes).
    #[prop_or(true)]
    pub autoplay: bool,
    /// Show the source pane beside the diagram (default: yes).
    #[prop_or(true)]
    pub source: bool,
    /// The diagram's accessible name (default: version and step).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Playback's state after every change, with the way to command it:
    /// for a driver outside the player (an embedding page's messages).
    #[prop_or_default]
    pub on_state: Callback<PlayerState>,
    /// Open each new trace at its deciding step.
    #[prop_or_default]
    pub at_deciding: bool,
}

#[function_component(CallChainPlayer)]
pub fn call_chain_player(props: &CallChainPlayerProps) -> Html {
    let words = crate::words::use_words();
    let deciding = path::deciding_step(&props.steps);
    let decides = {
        let steps = props.steps.clone();
        Rc::new(move |i: usize| steps.get(i).is_some_and(|s| s.verdict().is_some()))
    };
    let pb = use_playback(
        props.steps.clone(),
        props.steps.len(),
        deciding,
        props.autoplay,
        decides,
        props.on_state.clone(),
    );
    // After use_playback's own reset of a new trace, so that it lands last.
    {
        let cb = pb.callback();
        let at = props.at_deciding;
        use_effect_with(props.steps.clone(), move |_| {
            if at {
                cb.emit(super::playback::PlaybackCmd::Deciding);
            }
        });
    }
    let hover = use_state(|| None::<usize>);
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |h: Option<usize>| hover.set(h))
    };
    let state = pb.state().clone();
    let current = state.index.min(props.steps.len().saturating_sub(1));
    let seal = deciding
        .and_then(|d| props.steps[d].verdict())
        .map(|v| AttrValue::from(path::seal_label(v, words.lang)));
    html! {
        <section class="cc-player" aria-label={words.path.player}>
            <PlaybackControls state={state.clone()} on_command={pb.callback()} {seal} />
            <div class={classes!("cc-player-main", props.source.then_some("cc-with-source"))}>
                <CallChain steps={props.steps.clone()} version={props.version} {current}
                    compare={props.compare.clone()} hover={*hover} on_hover={on_hover.clone()}
                    on_command={pb.callback()} on_focus_step={props.on_focus_step.clone()}
                    label={props.label.clone()} reduced_motion={pb.reduced_motion}
                    step_ms={state.speed.step_ms()} />
                if props.source {
                    <SourcePane steps={props.steps.clone()} version={props.version} {current}
                        hover={*hover} {on_hover} />
                }
            </div>
        </section>
    }
}
