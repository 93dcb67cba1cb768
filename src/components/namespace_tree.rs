//! Each PID namespace as a labelled region nested in its parent's: its
//! level, its init, and — once the init died — "dead — accepts no process".
//! The sender's namespace offers kill(-1) and kill(0) as drop zones. Deep
//! namespaces start collapsed (a 32-level world stays readable) and open
//! on demand.

use super::process_node::{ProcessNode, StepMark};
use super::{use_dispatch, verb_callback};
use crate::send::DropTarget;
use crate::send::Preview;
use crate::session::Verb;
use crate::view_model::NsView;
use crate::words::{use_words, TreeWords};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NamespaceTreeProps {
    pub tree: Rc<NsView>,
    /// A signal is in hand: targets answer Enter.
    pub armed: bool,
    pub sender: String,
}

#[function_component(NamespaceTree)]
pub fn namespace_tree(props: &NamespaceTreeProps) -> Html {
    let w = use_words();
    html! {
        <div id="tree" tabindex="-1" class={classes!("ns-tree", props.armed.then_some("armed"))} aria-label={w.tree.region}>
            <NamespaceRegion view={props.tree.clone()} sender={props.sender.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NamespaceRegionProps {
    pub view: Rc<NsView>,
    pub sender: String,
}

#[function_component(NamespaceRegion)]
pub fn namespace_region(props: &NamespaceRegionProps) -> Html {
    let d = use_dispatch();
    let w = use_words();
    let t = &w.tree;
    let v = &props.view;
    let toggle = verb_callback(&d, Verb::ToggleNamespace(v.id.clone()));
    let region_label = (t.ns_region)(&v.id, v.level);
    // At a step that compares PID namespace levels (send_signal), the
    // target's own namespace says what the kernel compared there.
    let focus = use_context::<super::kernel_path::FocusContext>().flatten();
    let compared = focus
        .as_ref()
        .filter(|f| f.focus.levels.is_some() && v.processes.iter().any(|p| f.is_target(&p.id)));
    let caller_here = focus
        .as_ref()
        .is_some_and(|f| v.processes.iter().any(|p| f.is_caller(&p.id)));
    let class = classes!(
        "ns",
        format!("depth-{}", v.level.min(7)),
        (v.level >= 7).then_some("deep"),
        v.dead.then_some("dead"),
        v.sender_here.then_some("sender-ns"),
        compared.map(|_| "step-compared"),
        caller_here.then_some("step-caller-ns"),
    );
    let init = match (&v.init, v.dead) {
        (_, true) => html! { <span class="ns-dead">{ t.dead }</span> },
        (Some(i), false) => html! { <span class="ns-init">{ t.init }<strong>{ i }</strong></span> },
        (None, false) => {
            html! { <span class="ns-init empty">{ t.empty }</span> }
        }
    };
    let show_all = verb_callback(&d, Verb::ShowAllProcesses(v.id.clone()));
    html! {
        <section {class} aria-label={region_label}>
            <header class="ns-head">
                <button type="button" class="ns-toggle" onclick={toggle} aria-expanded={v.expanded.to_string()}
                    aria-label={(t.toggle)(v.expanded, &v.id)}>
                    <span aria-hidden="true">{ if v.expanded { "▾" } else { "▸" } }</span>
                </button>
                <span class="ns-name">{ &v.id }</span>
                <span class="ns-level">{ (t.level)(v.level) }</span>
                { init }
                if v.sender_here && v.expanded {
                    <span class="ns-zones">
                        { zone(&d, DropTarget::Everyone, "kill(-1)", (t.everyone)(&props.sender), &v.everyone_preview, t) }
                        { zone(&d, DropTarget::OwnGroup, "kill(0)", (t.own_group)(&props.sender), &v.own_group_preview, t) }
                    </span>
                }
            </header>
            if let Some(f) = compared {
                <p class="ns-step-note">{ compared_note(f, v.level, t) }</p>
            }
            if v.expanded {
                if !v.processes.is_empty() {
                    <ul class="procs">
                        { for v.processes.iter().map(|p| html! {
                            <ProcessNode key={p.id.clone()} view={p.clone()} step={StepMark::of(focus.as_deref(), &p.id)} />
                        }) }
                    </ul>
                }
                if v.not_shown > 0 {
                    <button type="button" class="show-all" onclick={show_all}>
                        { (t.show_others)(v.not_shown, &v.id) }
                    </button>
                }
                { for v.children.iter().map(|c| html! {
                    <NamespaceRegion key={c.id.clone()} view={c.clone()} sender={props.sender.clone()} />
                }) }
            } else {
                <p class="ns-collapsed">
                    { (t.hidden)(v.total_processes, v.total_namespaces) }
                </p>
            }
        </section>
    }
}

/// A drop zone for a call that reaches many processes.
fn zone(
    d: &super::Dispatch,
    target: DropTarget,
    call: &str,
    what: String,
    preview: &Option<Preview>,
    t: &TreeWords,
) -> Html {
    let onclick = verb_callback(d, Verb::SendArmed(target.clone()));
    let onfocus = verb_callback(d, Verb::Hover(Some(target.clone())));
    let onblur = verb_callback(d, Verb::Hover(None));
    html! {
        <button type="button" class={classes!("zone", preview.is_some().then_some("hovered"))}
            data-drop={target.encode()} {onclick} {onfocus} {onblur}>
            <code>{ call }</code>{" "}
            <span class="zone-what">{ what }</span>
            if let Some(p) = preview {
                <span class="preview" role="tooltip">{ (t.preview)(p) }</span>
            }
        </button>
    }
}

/// What the kernel compared at this level, in words.
pub(crate) fn compared_note(f: &super::kernel_path::TreeFocus, level: u8, t: &TreeWords) -> String {
    let caller = f.focus.caller.as_deref().unwrap_or(t.the_caller);
    match f.focus.seen_as {
        Some(0) => (t.compared_outside)(f.func, caller, level),
        Some(nr) => (t.compared_inside)(f.func, caller, nr, level),
        None => (t.compared_levels)(f.func, level),
    }
}
