//! The selected process: make it the sender, let it exit, delete it, set
//! its uid, group/session, per-signal disposition and blocked mask. Before
//! the first action these edit the starting world; after it, dispositions
//! and the mask are `sigaction` / `sigprocmask` calls the process makes (so
//! the kernel judges them), and exit is an `exit` call.

use super::controls::{ControlledCheckbox, ControlledNumber, ControlledSelect};
use super::{use_dispatch, verb_callback};
use crate::palette;
use crate::replay::ProcState;
use crate::send::Sender;
use crate::session::Verb;
use crate::view_model::{ProcView, Role};
use sigsim::scenario::{Disposition, GroupSpec};
use sigsim::Signal;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProcessEditorProps {
    pub process: Option<ProcView>,
    /// The session has actions: dispositions and mask become calls.
    pub started: bool,
}

fn disposition_of(v: &ProcView, sig: Signal) -> Disposition {
    if v.caught.contains(&sig) {
        Disposition::Catch
    } else if v.ignored.contains(&sig) {
        Disposition::Ignore
    } else {
        Disposition::Default
    }
}

fn group_of(v: &ProcView) -> &'static str {
    match (v.leads_session, v.leads_group) {
        (true, _) => "session",
        (false, true) => "new",
        _ => "inherit",
    }
}

#[function_component(ProcessEditor)]
pub fn process_editor(props: &ProcessEditorProps) -> Html {
    let d = use_dispatch();
    let Some(v) = &props.process else {
        return html! {
            <section class="panel editor" aria-labelledby="editor-title">
                <h2 class="section-title" id="editor-title">{"Process"}</h2>
                <p class="muted">{"Click a process to edit its uid, group, handlers and mask, make it exit or delete it."}</p>
            </section>
        };
    };
    let id = v.id.clone();
    let alive = v.state.is_alive();
    let on_uid = {
        let (d, id) = (d.clone(), id.clone());
        Callback::from(move |uid: u32| {
            d.dispatch(Verb::SetUid {
                id: id.clone(),
                uid,
            })
        })
    };
    let on_group = {
        let (d, id) = (d.clone(), id.clone());
        Callback::from(move |v: String| {
            let group = match v.as_str() {
                "new" => Some(GroupSpec::New),
                "session" => Some(GroupSpec::Session),
                _ => None,
            };
            d.dispatch(Verb::SetGroup {
                id: id.clone(),
                group,
            });
        })
    };
    // The palette's signals, and any other signal this process has set up.
    let mut signals: Vec<Signal> = palette::standard_signals().collect();
    for s in v.caught.iter().chain(&v.ignored).chain(&v.blocked) {
        if !signals.contains(s) {
            signals.push(*s);
        }
    }
    let dispositions: Vec<(AttrValue, AttrValue, bool)> = ["default", "ignore", "catch"]
        .iter()
        .map(|o| (AttrValue::from(*o), AttrValue::from(*o), false))
        .collect();
    let row = |sig: Signal| {
        let on_disp = {
            let (d, id) = (d.clone(), id.clone());
            Callback::from(move |v: String| {
                let disposition = match v.as_str() {
                    "ignore" => Disposition::Ignore,
                    "catch" => Disposition::Catch,
                    _ => Disposition::Default,
                };
                d.dispatch(Verb::SetDisposition {
                    id: id.clone(),
                    sig,
                    disposition,
                });
            })
        };
        let on_block = {
            let (d, id) = (d.clone(), id.clone());
            Callback::from(move |blocked: bool| {
                d.dispatch(Verb::SetBlocked {
                    id: id.clone(),
                    sig,
                    blocked,
                })
            })
        };
        let current = match disposition_of(v, sig) {
            Disposition::Default => "default",
            Disposition::Ignore => "ignore",
            Disposition::Catch => "catch",
        };
        let name = palette::name(sig);
        html! {
            <tr key={sig.nr()}>
                <th scope="row">{ palette::short(sig) }</th>
                <td>
                    <ControlledSelect value={current} options={dispositions.clone()} onchange={on_disp}
                        label={format!("{name} disposition")} disabled={!alive} />
                </td>
                <td>
                    <ControlledCheckbox checked={v.blocked.contains(&sig)} onchange={on_block}
                        label={format!("block {name}")} disabled={!alive} />
                </td>
            </tr>
        }
    };
    let send_from_here = {
        let (d, id) = (d.clone(), id.clone());
        Callback::from(move |_| d.dispatch(Verb::SetSender(Sender::Process(id.clone()))))
    };
    let how_edits_land = if props.started {
        "The session has started: these are sigaction / sigprocmask calls this process makes now."
    } else {
        "Before the first send these edit the starting world."
    };
    html! {
        <section class="panel editor" aria-labelledby="editor-title">
            <div class="editor-head">
                <h2 class="section-title" id="editor-title">
                    { &v.id }{" "}<span class="muted pid-chain">{ format!("PID {}", v.pid_text()) }</span>
                </h2>
                <button type="button" class="quiet close" aria-label="Close the editor"
                    onclick={verb_callback(&d, Verb::Select(None))}>{"×"}</button>
            </div>
            if let Some(death) = &v.death {
                <p class="muted">{ format!("{} is {} ({death}).", v.id, v.state.label()) }</p>
            }
            <div class="row">
                if v.state == ProcState::Running && !v.is_sender {
                    <button type="button" onclick={send_from_here}>{"Send from here"}</button>
                }
                if alive {
                    <button type="button" onclick={verb_callback(&d, Verb::Exit { id: id.clone() })}
                        title={if v.role == Role::GlobalInit { "the kernel panics if the global init exits" } else { "exit(0)" }}>
                        {"Exit"}
                    </button>
                }
                <button type="button" class="danger" onclick={verb_callback(&d, Verb::Delete { id: id.clone() })}>{"Delete"}</button>
            </div>
            if alive {
                <div class="fields">
                    <label>
                        <span>{"uid"}</span>
                        <ControlledNumber value={v.uid} onchange={on_uid} label="uid" />
                    </label>
                    <label>
                        <span>{"group"}</span>
                        <ControlledSelect value={group_of(v)} onchange={on_group} label="group" options={vec![
                            ("inherit".into(), "parent’s group".into(), false),
                            ("new".into(), "new group (setpgid)".into(), false),
                            ("session".into(), "new session (setsid)".into(), false),
                        ]} />
                    </label>
                </div>
                <p class="note">{"uid and group rewrite the starting world; the session replays on it."}</p>
                <table class="dispositions">
                    <caption>{"Handlers and mask. "}<span class="note">{ how_edits_land }</span></caption>
                    <thead><tr><th scope="col">{"Signal"}</th><th scope="col">{"Disposition"}</th><th scope="col">{"Blocked"}</th></tr></thead>
                    <tbody>{ for signals.into_iter().map(row) }</tbody>
                </table>
            }
        </section>
    }
}
