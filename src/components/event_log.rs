//! Every call of the session and its result, newest first: the last
//! [`LOG_SHOWN`], then earlier ones on demand (a session of thousands of
//! calls would otherwise be laid out again on every send).

use super::outcome_panel::ret_text;
use crate::replay::Replay;
use crate::words::use_words;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub replay: Rc<Replay>,
    /// The send whose kernel path is shown (None: the last send).
    #[prop_or_default]
    pub shown: Option<usize>,
    /// A send's "show its path" button was pressed.
    #[prop_or_default]
    pub on_show: Callback<usize>,
}

/// How many of the latest calls the log lists before "show earlier".
pub const LOG_SHOWN: usize = 50;

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let w = use_words();
    let (l, lang) = (&w.log, w.lang);
    let steps = &props.replay.steps;
    let shown = props
        .shown
        .or_else(|| steps.iter().rposition(|s| s.is_send));
    let earlier = use_state(|| 0usize);
    let from = steps
        .len()
        .saturating_sub(LOG_SHOWN + *earlier)
        .min(shown.unwrap_or(usize::MAX));
    let show_earlier = {
        let earlier = earlier.clone();
        Callback::from(move |_: MouseEvent| earlier.set(*earlier + 4 * LOG_SHOWN))
    };
    html! {
        <section class="panel event-log" aria-labelledby="log-title">
            <h2 class="section-title" id="log-title">{ (l.title)(steps.len()) }</h2>
            if steps.is_empty() {
                <p class="muted">{ l.empty }</p>
            } else {
                <ol class="log" reversed=true>
                    { for steps.iter().enumerate().skip(from).rev().map(|(i, s)| html! {
                        <li key={i} value={(i + 1).to_string()} class={classes!(s.is_send.then_some("send"))}>
                            <div class="log-call">
                                <span class="actor">{ super::actor(s, w) }</span>
                                <code>{ s.call.text(lang) }</code>
                                if let Some(aim) = &s.aim {
                                    <span class="aim">{ (l.aim)(aim) }</span>
                                }
                                <span class="ret">{"= "}<code>{ ret_text(s.ret) }</code></span>
                            </div>
                            <div class="log-why">{ s.explanation.sentence(lang) }</div>
                            if s.is_send {
                                <button type="button" class="small log-path" aria-pressed={(shown == Some(i)).to_string()}
                                    aria-label={format!("{}: #{} {}", if shown == Some(i) { l.path_shown } else { l.show_path }, i + 1, s.call.text(lang))}
                                    onclick={ let cb = props.on_show.clone(); Callback::from(move |_: MouseEvent| cb.emit(i)) }>
                                    { if shown == Some(i) { l.path_shown } else { l.show_path } }
                                </button>
                            }
                        </li>
                    }) }
                </ol>
                if from > 0 {
                    <button type="button" class="small show-all" onclick={show_earlier}>
                        { (l.show_earlier)(from) }
                    </button>
                }
            }
        </section>
    }
}
