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
fn group_text(v: &ProcView) -> String {
    let id = |n: Option<i32>| n.map_or("outside".to_string(), |n| n.to_string());
    match (v.leads_group, v.leads_session) {
        (true, true) => "leads group & session".into(),
        (true, false) => format!("leads group · session {}", id(v.sid)),
        _ => format!("group {} · session {}", id(v.pgrp), id(v.sid)),
    }
}

#[function_component(ProcessNode)]
pub fn process_node(props: &ProcessNodeProps) -> Html {
    let d = use_dispatch();
    let v = &props.view;
    let mark = props.step;
    let step_note = match (mark.caller, mark.target) {
        (true, true) => Some(format!("caller, and examined by {}", mark.func)),
        (true, false) => Some("caller".to_string()),
        (false, true) => Some(format!("examined by {}", mark.func)),
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
        Role::GlobalInit => Some((
            "global init",
            "the first process of the host: PID 1 of init_pid_ns",
        )),
        Role::NamespaceInit => Some(("ns init", "PID 1 of its namespace: SIGNAL_UNKILLABLE")),
        Role::Plain => None,
    };
    let badges = |list: &[sigsim::Signal],
                  kind: &'static str,
                  prefix: &'static str,
                  what: &'static str| {
        list.iter()
            .map(|s| {
                html! {
                    <span class={classes!("badge", kind)} title={format!("{} {what}", palette::name(*s))}>
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
    html! {
        <li {class} data-drop={target.encode()}>
            <div class="proc-main" role="button" tabindex="0" aria-label={v.aria_label()}
                {onclick} {onkeydown} {onfocus} {onblur}>
                <div class="proc-head">
                    <span class="proc-name">{ &v.id }</span>
                    <span class={classes!("state", v.state.label())}>{ v.state.label() }</span>
                </div>
                <div class="pids" title={format!("PID in its own namespace first, then each parent up to the root: {}", v.pid_text())}>
                    <span class="pid-label">{"PID"}</span>
                    <span class="pid-chain">{ crate::view_model::short_pids(&v.pids) }</span>
                </div>
                if let Some(death) = v.death.as_ref().filter(|_| v.effects.is_empty()) {
                    <div class="death">{ death }</div>
                } else if alive {
                    <div class="meta">{ format!("uid {} · {}", v.uid, group_text(v)) }</div>
                }
                <div class="badges">
                    if let Some((label, title)) = role_badge {
                        <span class="badge role" {title}>{ label }</span>
                    }
                    if v.is_sender {
                        <span class="badge sender" title="this process makes the calls">{"sender"}</span>
                    }
                    { badges(&v.caught, "caught", "catch ", "has a handler") }
                    { badges(&v.ignored, "ignored", "ign ", "is ignored (SIG_IGN)") }
                    { badges(&v.blocked, "blocked", "blk ", "is blocked") }
                    { badges(&v.pending, "pending", "pend ", "is pending") }
                </div>
                if let Some(note) = step_note {
                    <div class="step-note" title={format!("Kernel path: {note}")}>{ note }</div>
                }
                if !v.effects.is_empty() {
                    <ul class="effects" aria-label={format!("What happened to {}", v.id)}>
                        { for v.effects.iter().map(|e| html! { <li class={classes!("effect", e.tone())}>{ e.label() }</li> }) }
                    </ul>
                }
            </div>
            if let Some(p) = &v.preview {
                <div class="preview" role="tooltip">{ p }</div>
            }
            if alive {
                <div class="proc-tools">
                    if !v.is_sender && v.state == crate::replay::ProcState::Running {
                        <button type="button" class="small" onclick={send_from_here}
                            aria-label={format!("send from here: {}", v.id)}>{"send from here"}</button>
                    }
                    <button type="button" class={classes!("small", "group-zone", v.group_preview.is_some().then_some("hovered"))}
                        data-drop={group_target.encode()} aria-label={format!("its group: the process group of {}", v.id)}
                        title="drop here: kill(-pgid), the whole process group"
                        onclick={verb_callback(&d, Verb::SendArmed(group_target.clone()))}
                        onfocus={verb_callback(&d, Verb::Hover(Some(group_target.clone())))}
                        onblur={verb_callback(&d, Verb::Hover(None))}>
                        {"its group"}
                        if let Some(p) = &v.group_preview {
                            <span class="preview" role="tooltip">{ p }</span>
                        }
                    </button>
                </div>
            }
        </li>
    }
}
