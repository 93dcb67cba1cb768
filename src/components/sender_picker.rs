//! Who sends, and with which call. Any running process can send (also
//! through "Send from here" on its node), or the kernel itself.

use super::controls::ControlledSelect;
use super::use_dispatch;
use crate::replay::{proc_state, ProcState, Replay};
use crate::send::{HowToSend, Sender};
use crate::session::Verb;
use crate::view_model::short_pid_chain;
use crate::words::use_words;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SenderPickerProps {
    pub replay: Rc<Replay>,
    pub sender: Sender,
    pub how: HowToSend,
}

const KERNEL: &str = "kernel";

#[function_component(SenderPicker)]
pub fn sender_picker(props: &SenderPickerProps) -> Html {
    let d = use_dispatch();
    let words = use_words();
    let w = &words.sender;
    let k = &props.replay.world.kernel;
    let current = match &props.sender {
        Sender::Kernel => KERNEL.to_string(),
        Sender::Process(p) => format!("p:{p}"),
    };
    let on_sender = {
        let d = d.clone();
        Callback::from(move |v: String| {
            let s = match v.strip_prefix("p:") {
                Some(p) => Sender::Process(p.to_string()),
                None => Sender::Kernel,
            };
            d.dispatch(Verb::SetSender(s));
        })
    };
    let mut options: Vec<(AttrValue, AttrValue, bool)> = (0..k.tasks.len())
        .map(|t| {
            let task = &k.tasks[t];
            let state = proc_state(k, t);
            let ns = &k.namespaces[task.ns].name;
            let label = match state {
                ProcState::Running => (w.running)(&task.name, ns, &short_pid_chain(k, t)),
                s => format!("{} — {}", task.name, (words.process.state)(s)),
            };
            (
                format!("p:{}", task.name).into(),
                label.into(),
                state != ProcState::Running,
            )
        })
        .collect();
    options.push((KERNEL.into(), w.kernel.into(), false));
    html! {
        <div class="sender-picker">
            <h2 class="section-title">{ w.title }</h2>
            <label class="sender-select">
                <span class="visually-hidden">{ w.title }</span>
                <ControlledSelect value={current} {options} onchange={on_sender} label={w.title} />
            </label>
            <fieldset class="how" disabled={props.sender == Sender::Kernel}>
                <legend>{ w.how }</legend>
                { for HowToSend::ALL.iter().map(|how| {
                    let onchange = {
                        let (d, how) = (d.clone(), *how);
                        Callback::from(move |_| d.dispatch(Verb::SetHow(how)))
                    };
                    html! {
                        <label class="how-option">
                            <input type="radio" name="how" value={how.name()} checked={*how == props.how} {onchange} />
                            <code>{ how.name() }</code>
                        </label>
                    }
                }) }
            </fieldset>
        </div>
    }
}
