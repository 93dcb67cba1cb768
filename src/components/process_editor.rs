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
use crate::words::use_words;
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
    let words = use_words();
    let w = &words.editor;
    let Some(v) = &props.process else {
        return html! {
            <section class="panel editor" aria-labelledby="editor-title">
                <h2 class="section-title" id="editor-title">{ w.title }</h2>
                <p class="muted">{ w.empty }</p>
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
        .zip(w.dispositions)
        .map(|(o, label)| (AttrValue::from(*o), AttrValue::from(label), false))
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
                        label={(w.disposition_of)(&name)} disabled={!alive} />
                </td>
                <td>
                    <ControlledCheckbox checked={v.blocked.contains(&sig)} onchange={on_block}
                        label={(w.block_of)(&name)} disabled={!alive} />
                </td>
            </tr>
        }
    };
    let send_from_here = {
        let (d, id) = (d.clone(), id.clone());
        Callback::from(move |_| d.dispatch(Verb::SetSender(Sender::Process(id.clone()))))
    };
    let how_edits_land = if props.started {
        w.started
    } else {
        w.not_started
    };
    html! {
        <section class="panel editor" aria-labelledby="editor-title">
            <div class="editor-head">
                <h2 class="section-title" id="editor-title">
                    { &v.id }{" "}<span class="muted pid-chain">{ format!("PID {}", v.pid_text()) }</span>
                </h2>
                <button type="button" class="quiet close" aria-label={w.close}
                    onclick={verb_callback(&d, Verb::Select(None))}>{"×"}</button>
            </div>
            if let Some(death) = &v.death {
                <p class="muted">{ (w.is_dead)(&v.id, (words.process.state)(v.state), &(words.process.effect)(death)) }</p>
            }
            <div class="row">
                if v.state == ProcState::Running && !v.is_sender {
                    <button type="button" onclick={send_from_here}>{ w.send_from_here }</button>
                }
                if alive {
                    <button type="button" onclick={verb_callback(&d, Verb::Exit { id: id.clone() })}
                        title={if v.role == Role::GlobalInit { w.exit_global_init } else { "exit(0)" }}>
                        { w.exit }
                    </button>
                }
                <button type="button" class="danger" onclick={verb_callback(&d, Verb::Delete { id: id.clone() })}>{ w.delete }</button>
            </div>
            if alive {
                <div class="fields">
                    <label>
                        <span>{"uid"}</span>
                        <ControlledNumber value={v.uid} onchange={on_uid} label="uid" />
                    </label>
                    <label>
                        <span>{ w.group }</span>
                        <ControlledSelect value={group_of(v)} onchange={on_group} label={w.group} options={vec![
                            ("inherit".into(), w.inherit.into(), false),
                            ("new".into(), w.new_group.into(), false),
                            ("session".into(), w.new_session.into(), false),
                        ]} />
                    </label>
                </div>
                <p class="note">{ w.rewrite_note }</p>
                <table class="dispositions">
                    <caption>{ w.handlers }<span class="note">{ how_edits_land }</span></caption>
                    <thead><tr><th scope="col">{ w.signal }</th><th scope="col">{ w.disposition }</th><th scope="col">{ w.blocked }</th></tr></thead>
                    <tbody>{ for signals.into_iter().map(row) }</tbody>
                </table>
            }
        </section>
    }
}
