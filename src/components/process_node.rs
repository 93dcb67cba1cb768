//! One process: name, PIDs from its own namespace up to the root, state,
//! uid, group and session, badges for caught / ignored / blocked / pending
//! signals, and what the last action did to it. The node is a drop target
//! and a button: with a signal in hand, activating it sends; otherwise it
//! opens the process in the editor.

use super::{use_dispatch, verb_callback};
use crate::palette;
use crate::send::{DropTarget, Sender};
use crate::session::Verb;
use crate::view_model::{ProcView, Role};
use crate::words::{use_words, ProcessWords};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProcessNodeProps {
    pub view: Rc<ProcView>,
    /// What it is at the kernel path's current step. Handed down by its
    /// namespace rather than read from the focus context, so that a step
    /// re-renders the two processes it is about, not every process.
    #[prop_or_default]
    pub step: StepMark,
}

/// A process's part in the kernel path's current step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StepMark {
    /// It makes the call.
    pub caller: bool,
    /// The step's function examines it.
    pub target: bool,
    /// That function (as the chosen kernel names it).
    pub func: &'static str,
}

impl StepMark {
    pub fn of(focus: Option<&super::kernel_path::TreeFocus>, id: &str) -> StepMark {
        focus.map_or_else(StepMark::default, |f| StepMark {
            caller: f.is_caller(id),
            target: f.is_target(id),
            func: if f.is_caller(id) || f.is_target(id) {
                f.func
            } else {
                ""
            },
        })
    }
}

/// "leads group & session", "group 3 · session 1", "group outside · …".
pub(crate) fn group_text(v: &ProcView, w: &ProcessWords) -> String {
    let id = |n: Option<i32>| n.map_or(w.outside.to_string(), |n| n.to_string());
    match (v.leads_group, v.leads_session) {
        (true, true) => w.leads_both.into(),
        (true, false) => (w.leads_group)(&id(v.sid)),
        _ => (w.group_session)(&id(v.pgrp), &id(v.sid)),
    }
}

#[function_component(ProcessNode)]
pub fn process_node(props: &ProcessNodeProps) -> Html {
    let d = use_dispatch();
    let words = use_words();
    let w = &words.process;
    let v = &props.view;
    let mark = props.step;
    let step_note = match (mark.caller, mark.target) {
        (true, true) => Some((w.caller_examined)(mark.func)),
        (true, false) => Some(w.caller.to_string()),
        (false, true) => Some((w.examined)(mark.func)),
        (false, false) => None,
    };
    let target = DropTarget::Process(v.id.clone());
    let activate = {
        let d = d.clone();
        let id = v.id.clone();
        // The reducer knows whether a signal is in hand (then this sends
        // it); the node need not.
        move || d.dispatch(Verb::Activate(id.clone()))
    };
    let onclick = {
        let activate = activate.clone();
        Callback::from(move |_: MouseEvent| activate())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            activate();
        }
    });
    let onfocus = verb_callback(&d, Verb::Hover(Some(target.clone())));
    let onblur = verb_callback(&d, Verb::Hover(None));
    let alive = v.state.is_alive();
    let class = classes!(
        "proc",
        format!("state-{}", v.state.label()),
        match v.role {
            Role::GlobalInit => Some("role-global-init"),
            Role::NamespaceInit => Some("role-ns-init"),
            Role::Plain => None,
        },
        v.is_sender.then_some("is-sender"),
        v.selected.then_some("selected"),
        v.preview.is_some().then_some("hovered"),
        mark.caller.then_some("step-caller"),
        mark.target.then_some("step-target"),
    );
    let role_badge = match v.role {
        Role::GlobalInit => Some((w.global_init, w.global_init_title)),
        Role::NamespaceInit => Some((w.ns_init, w.ns_init_title)),
        Role::Plain => None,
    };
    let badges = |list: &[sigsim::Signal],
                  kind: &'static str,
                  (prefix, what): (&'static str, fn(&str) -> String)| {
        list.iter()
            .map(|s| {
                html! {
                    <span class={classes!("badge", kind)} title={what(&palette::name(*s))}>
                        <span class="badge-kind">{ prefix }</span>{ palette::short(*s) }
                    </span>
                }
            })
            .collect::<Html>()
    };
    let send_from_here = {
        let d = d.clone();
        let id = v.id.clone();
        Callback::from(move |_| d.dispatch(Verb::SetSender(Sender::Process(id.clone()))))
    };
    let group_target = DropTarget::GroupOf(v.id.clone());
    // The signal that ended it, as the format names it: with the state, what
    // the end-to-end tests compare with a real kernel's recorded outcome.
    let ended_by = match &v.death {
        Some(crate::replay::Effect::Killed(sig)) => Some(palette::name(*sig)),
        _ => None,
    };
    html! {
        <li {class} data-drop={target.encode()} data-process={v.id.clone()}
            data-state={v.state.label()} data-signal={ended_by}>
            // The whole card takes a click or a drop; the keyboard's stop
            // is the process's name, whose accessible name begins with the
            // name it shows (WCAG 2.5.3, label in name) and says the rest.
            <div class="proc-main" {onclick} {onkeydown}>
                <div class="proc-head">
                    <span class="proc-name" role="button" tabindex="0" aria-label={v.aria_label(words.lang)}
                        {onfocus} {onblur}>{ &v.id }</span>
                    <span class={classes!("state", v.state.label())}>{ (w.state)(v.state) }</span>
                </div>
                <div class="pids" title={(w.pid_title)(&v.pid_text())}>
                    <span class="pid-label">{"PID"}</span>
                    <span class="pid-chain">{ crate::view_model::short_pids(&v.pids) }</span>
                </div>
                if let Some(death) = v.death.as_ref().filter(|_| v.effects.is_empty()) {
                    <div class="death">{ (w.effect)(death) }</div>
                } else if alive {
                    <div class="meta">{ (w.uid_meta)(v.uid, &group_text(v, w)) }</div>
                }
                <div class="badges">
                    if let Some((label, title)) = role_badge {
                        <span class="badge role" {title}>{ label }</span>
                    }
                    if v.is_sender {
                        <span class="badge sender" title={w.sender_title}>{ w.sender }</span>
                    }
                    { badges(&v.caught, "caught", w.badge[0]) }
                    { badges(&v.ignored, "ignored", w.badge[1]) }
                    { badges(&v.blocked, "blocked", w.badge[2]) }
                    { badges(&v.pending, "pending", w.badge[3]) }
                </div>
                if let Some(note) = step_note {
                    <div class="step-note" title={(w.kernel_path_note)(&note)}>{ note }</div>
                }
                if !v.effects.is_empty() {
                    <ul class="effects" aria-label={(w.what_happened)(&v.id)}>
                        { for v.effects.iter().map(|e| html! { <li class={classes!("effect", e.tone())}>{ (w.effect)(e) }</li> }) }
                    </ul>
                }
            </div>
            if let Some(p) = &v.preview {
                <div class="preview" role="tooltip">{ p.text(words.lang) }</div>
            }
            if alive {
                <div class="proc-tools">
                    if !v.is_sender && v.state == crate::replay::ProcState::Running {
                        <button type="button" class="small" onclick={send_from_here}
                            aria-label={(w.send_from_here_label)(&v.id)}>{ w.send_from_here }</button>
                    }
                    <button type="button" class={classes!("small", "group-zone", v.group_preview.is_some().then_some("hovered"))}
                        data-drop={group_target.encode()} aria-label={(w.its_group_label)(&v.id)}
                        title={w.its_group_title}
                        onclick={verb_callback(&d, Verb::SendArmed(group_target.clone()))}
                        onfocus={verb_callback(&d, Verb::Hover(Some(group_target.clone())))}
                        onblur={verb_callback(&d, Verb::Hover(None))}>
                        { w.its_group }
                        if let Some(p) = &v.group_preview {
                            <span class="preview" role="tooltip">{ p.text(words.lang) }</span>
                        }
                    </button>
                </div>
            }
        </li>
    }
}
