//! The session's own controls: kernel version, undo, reset, permalink and
//! the scenario as JSON (import, export).

use super::controls::ControlledSelect;
use super::gallery::{GalleryDialog, GalleryTab};
use super::{use_dispatch, verb_callback};
use crate::session::Verb;
use crate::words::{use_words, Lang};
use sigsim::version::KernelVersion;
use sigsim::Scenario;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub kernel: String,
    pub can_undo: bool,
    pub can_redo: bool,
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
    /// The tree as shown, for its picture.
    #[prop_or_default]
    pub tree: Option<Rc<crate::view_model::NsView>>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let d = use_dispatch();
    let w = use_words();
    let json_open = use_state(|| false);
    let copied = use_state(|| false);
    let gallery = use_state(|| None::<GalleryTab>);
    let open_gallery = |tab: GalleryTab| {
        let gallery = gallery.clone();
        Callback::from(move |_: MouseEvent| gallery.set(Some(tab)))
    };
    let close_gallery = {
        let gallery = gallery.clone();
        Callback::from(move |()| gallery.set(None))
    };
    let on_kernel = {
        let d = d.clone();
        Callback::from(move |v: String| d.dispatch(Verb::SetKernel(v)))
    };
    // Every version the port follows, so the page cannot offer fewer.
    let kernels: Vec<(AttrValue, AttrValue, bool)> = KernelVersion::ALL
        .iter()
        .map(|v| {
            (
                v.as_str().into(),
                (w.toolbar.kernel_option)(*v).into(),
                false,
            )
        })
        .collect();
    let on_copy = {
        let copied = copied.clone();
        let json_open = json_open.clone();
        Callback::from(move |_| {
            if copy_to_clipboard(&crate::permalink::browser::current_url()) {
                copied.set(true);
            } else {
                json_open.set(true);
            }
        })
    };
    let toggle_json = {
        let json_open = json_open.clone();
        Callback::from(move |_| json_open.set(!*json_open))
    };
    let close_json = {
        let json_open = json_open.clone();
        Callback::from(move |_| json_open.set(false))
    };
    let langs: Vec<(AttrValue, AttrValue, bool)> = Lang::ALL
        .iter()
        .map(|l| (l.tag().into(), crate::words::own_name(*l).into(), false))
        .collect();
    let on_lang = {
        let d = d.clone();
        Callback::from(move |v: String| {
            if let Some(l) = Lang::parse(&v) {
                d.dispatch(Verb::SetLang(l))
            }
        })
    };
    let t = &w.toolbar;
    let g = &w.gallery;
    html! {
        <div class="toolbar">
            <button type="button" class="gallery-open" title={g.open_title} aria-haspopup="dialog"
                onclick={open_gallery(GalleryTab::Situations)}>{ g.open }</button>
            <button type="button" class="myths-open" title={g.myths_title} aria-haspopup="dialog"
                onclick={open_gallery(GalleryTab::Myths)}>{ g.myths_open }</button>
            if let Some(tab) = *gallery {
                <GalleryDialog {tab} onclose={close_gallery} />
            }
            <label class="kernel-pick">
                <span>{ t.kernel }</span>
                <ControlledSelect value={props.kernel.clone()} options={kernels} onchange={on_kernel} label={t.kernel_version} />
            </label>
            <label class="lang-pick">
                <span>{ t.language }</span>
                <ControlledSelect value={props.lang.tag()} options={langs} onchange={on_lang} label={t.language} />
            </label>
            <button type="button" onclick={verb_callback(&d, Verb::Undo)} disabled={!props.can_undo}
                title={t.undo_title} aria-keyshortcuts="Control+Z">{ t.undo }</button>
            <button type="button" onclick={verb_callback(&d, Verb::Redo)} disabled={!props.can_redo}
                title={t.redo_title} aria-keyshortcuts="Control+Shift+Z Control+Y">{ t.redo }</button>
            <button type="button" onclick={verb_callback(&d, Verb::Reset)}>{ t.reset }</button>
            <button type="button" onclick={on_copy}>{ if *copied { t.link_copied } else { t.copy_link } }</button>
            // The share menu: the permalink and an <iframe> snippet, in the
            // panel that exports the session.
            <button type="button" onclick={toggle_json.clone()} aria-expanded={json_open.to_string()}>{ t.share }</button>
            <button type="button" onclick={toggle_json} aria-expanded={json_open.to_string()}>{ t.import_export }</button>
                        if *json_open {
                <ScenarioJson scenario={props.scenario.clone()} onclose={close_json} tree={props.tree.clone()} />
            }
        </div>
    }
}

/// `navigator.clipboard.writeText(text)`, where the browser offers it.
pub(crate) fn copy_to_clipboard(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let get = |o: &JsValue, k: &str| {
        js_sys::Reflect::get(o, &JsValue::from_str(k))
            .ok()
            .filter(|v| !v.is_undefined())
    };
    let Some(navigator) = get(&w.into(), "navigator") else {
        return false;
    };
    let Some(clipboard) = get(&navigator, "clipboard") else {
        return false;
    };
    let Some(write) =
        get(&clipboard, "writeText").and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    write.call1(&clipboard, &JsValue::from_str(text)).is_ok()
}

#[derive(Properties, PartialEq)]
struct ScenarioJsonProps {
    scenario: Rc<Scenario>,
    onclose: Callback<MouseEvent>,
    tree: Option<Rc<crate::view_model::NsView>>,
}

/// The session as a `sigscene/1` file: edit and apply, download, or load.
#[function_component(ScenarioJson)]
fn scenario_json(props: &ScenarioJsonProps) -> Html {
    let d = use_dispatch();
    let t = &use_words().toolbar;
    let pretty = sigsim::json::scenario_to_string_pretty(&props.scenario);
    let text = {
        let pretty = pretty.clone();
        use_state(move || pretty)
    };
    // A new session (an import, an undo) shows its own text.
    {
        let text = text.clone();
        use_effect_with(pretty.clone(), move |p| text.set(p.clone()));
    }
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        })
    };
    let on_apply = {
        let d = d.clone();
        let text = text.clone();
        Callback::from(move |_| d.dispatch(Verb::Import((*text).clone())))
    };
    let on_download = {
        let pretty = pretty.clone();
        Callback::from(move |_| download("sigscope-scenario.json", &pretty))
    };
    let on_file = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(v) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    d.dispatch(Verb::Import(v.as_string().unwrap_or_default()));
                }
            });
        })
    };
    let url = crate::permalink::browser::current_url();
    html! {
        <div class="json-panel">
            <button type="button" class="quiet close" aria-label={t.close_import_export} onclick={props.onclose.clone()}>{"×"}</button>
            <label for="scenario-json">{ t.session_file }</label>
            <textarea id="scenario-json" spellcheck="false" value={(*text).clone()} oninput={on_input} rows="14" />
            <div class="row">
                <button type="button" onclick={on_apply}>{ t.apply_json }</button>
                <button type="button" onclick={on_download}>{ t.download }</button>
                <label class="file">
                    <span>{ t.load_file }</span>
                    <input type="file" accept=".json,application/json" onchange={on_file} />
                </label>
            </div>
            <label for="permalink">{ t.permalink }</label>
            <input id="permalink" readonly=true value={url.clone()} />
            <label for="embed-snippet">{ t.snippet_label }</label>
            <textarea id="embed-snippet" readonly=true spellcheck="false" rows="3"
                value={crate::embed::iframe_snippet(&url, t.snippet_title)} />
            <super::share_export::Exports scenario={props.scenario.clone()} tree={props.tree.clone()} />
        </div>
    }
}

/// Saves `text` as a file through an object URL (no server involved).
fn download(name: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
