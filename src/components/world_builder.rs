//! Growing the world: a namespace (a container) under any namespace, a
//! process forked from a parent or exec'd into a namespace from an
//! ancestor (as `docker exec` does). The kernel judges each one.

use super::use_dispatch;
use crate::session::Verb;
use crate::view_model::NsView;
use crate::words::use_words;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WorldBuilderProps {
    pub tree: Rc<NsView>,
    pub started: bool,
}

/// Namespaces in tree order, with their parent and whether they ever had a process.
fn flatten<'a>(
    ns: &'a NsView,
    parent: Option<&'a str>,
    out: &mut Vec<(&'a NsView, Option<&'a str>)>,
) {
    out.push((ns, parent));
    for c in &ns.children {
        flatten(c, Some(&ns.id), out);
    }
}

fn value_of(e: &Event) -> String {
    let t = e.target().expect("a change has a target");
    js_value_of(&t)
}

fn js_value_of(t: &web_sys::EventTarget) -> String {
    use wasm_bindgen::JsCast;
    if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        return s.value();
    }
    t.dyn_ref::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[function_component(WorldBuilder)]
pub fn world_builder(props: &WorldBuilderProps) -> Html {
    let d = use_dispatch();
    let w = &use_words().builder;
    let mut spaces = Vec::new();
    flatten(&props.tree, None, &mut spaces);
    let parents: Vec<(String, String)> = spaces
        .iter()
        .flat_map(|(ns, _)| {
            ns.processes
                .iter()
                .filter(|p| p.state.is_alive())
                .map(|p| (p.id.clone(), ns.id.clone()))
        })
        .collect();
    // Form drafts: local to the form until submitted.
    let name = use_state(String::new);
    let parent = use_state(|| parents.first().map(|p| p.0.clone()).unwrap_or_default());
    let ns = use_state(|| props.tree.id.clone());
    let ns_name = use_state(String::new);
    let ns_parent = use_state(|| props.tree.id.clone());

    let parent_ns = parents
        .iter()
        .find(|(p, _)| *p == *parent)
        .map(|(_, n)| n.clone());
    let target = spaces.iter().find(|(n, _)| n.id == *ns);
    let how = match (&parent_ns, target) {
        (Some(pns), Some((t, _))) if *pns == t.id => (w.fork)(),
        (Some(pns), Some((t, tp))) if t.init.is_none() && *tp == Some(pns.as_str()) => {
            (w.clone_newpid)(&t.id)
        }
        (Some(_), Some((t, _))) => (w.setns)(&t.id),
        _ => String::new(),
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: Event| s.set(value_of(&e)))
    };
    let set_input = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target() {
                s.set(js_value_of(&t));
            }
        })
    };
    let add_process = {
        let (d, name, parent, ns) = (d.clone(), name.clone(), parent.clone(), ns.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Verb::AddProcess {
                id: (*name).clone(),
                parent: (*parent).clone(),
                ns: (*ns).clone(),
            });
            name.set(String::new());
        })
    };
    let add_namespace = {
        let (d, ns_name, ns_parent) = (d.clone(), ns_name.clone(), ns_parent.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Verb::CreateNamespace {
                parent: (*ns_parent).clone(),
                id: (*ns_name).clone(),
            });
            ns_name.set(String::new());
        })
    };
    let empty: Vec<&str> = spaces
        .iter()
        .filter(|(n, p)| {
            p.is_some() && n.total_processes == 0 && n.children.is_empty() && n.init.is_none()
        })
        .map(|(n, _)| n.id.as_str())
        .collect();
    html! {
        <section class="panel builder" aria-labelledby="builder-title">
            <h2 class="section-title" id="builder-title">{ w.title }</h2>
            <form class="add-process" onsubmit={add_process} aria-label={w.add_process}>
                <h3>{ w.add_process }</h3>
                <label><span>{ w.name }</span>
                    <input value={(*name).clone()} oninput={set_input(&name)} placeholder={w.optional} />
                </label>
                <label><span>{ w.parent }</span>
                    <select onchange={set(&parent)}>
                        { for parents.iter().map(|(p, n)| html! {
                            <option value={p.clone()} selected={*p == *parent}>{ (w.parent_in)(p, n) }</option>
                        }) }
                    </select>
                </label>
                <label><span>{ w.namespace }</span>
                    <select onchange={set(&ns)}>
                        { for spaces.iter().map(|(n, _)| html! {
                            <option value={n.id.clone()} selected={n.id == *ns}>{ (w.ns_level)(&n.id, n.level) }</option>
                        }) }
                    </select>
                </label>
                <p class="note">{ how }
                    { if props.started { w.spawn_action } else { "" } }</p>
                <button type="submit">{ w.add_process_button }</button>
            </form>
            <form class="add-namespace" onsubmit={add_namespace} aria-label={w.add_namespace}>
                <h3>{ w.add_namespace }</h3>
                <label><span>{ w.name }</span>
                    <input value={(*ns_name).clone()} oninput={set_input(&ns_name)} placeholder={w.optional} />
                </label>
                <label><span>{ w.under }</span>
                    <select onchange={set(&ns_parent)}>
                        { for spaces.iter().map(|(n, _)| html! {
                            <option value={n.id.clone()} selected={n.id == *ns_parent}>{ (w.ns_level)(&n.id, n.level) }</option>
                        }) }
                    </select>
                </label>
                <button type="submit">{ w.add_namespace_button }</button>
            </form>
            if !empty.is_empty() {
                <div class="row remove-ns">
                    <span class="muted">{ w.empty }</span>
                    { for empty.iter().map(|n| {
                        let d = d.clone();
                        let id = n.to_string();
                        html! {
                            <button type="button" class="small" onclick={Callback::from(move |_| d.dispatch(Verb::DeleteNamespace(id.clone())))}>
                                { (w.remove)(n) }
                            </button>
                        }
                    }) }
                </div>
            }
        </section>
    }
}
