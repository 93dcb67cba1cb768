//! The share panel's exports beside the JSON: the session as a shell
//! script to try on one's own kernel (`sigsim::script`, exactly what
//! `sigsim script FILE` prints), and pictures of the namespace tree and of
//! the kernel path at the current step, as SVG and PNG, in the page's
//! theme and language.

use super::kernel_path::FocusContext;
use crate::picture::{Look, PROBES, PROBE_MARKUP};
use crate::view_model::NsView;
use crate::words::use_words;
use sigsim::Scenario;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    pub scenario: Rc<Scenario>,
    pub tree: Option<Rc<NsView>>,
}

#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    html! {
        <>
            <ScriptExport scenario={props.scenario.clone()} />
            if let Some(tree) = &props.tree {
                <PictureExport tree={tree.clone()} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ScriptProps {
    scenario: Rc<Scenario>,
}

/// "Try it on your own kernel": the script, or why a script cannot be.
#[function_component(ScriptExport)]
fn script_export(props: &ScriptProps) -> Html {
    let w = use_words();
    let t = &w.export;
    let copied = use_state(|| false);
    // Played on the port to refuse what a shell would get wrong: once per
    // session, not on every render of the panel.
    let script = use_memo(props.scenario.clone(), |s| sigsim::script::script(s));
    {
        let copied = copied.clone();
        use_effect_with(props.scenario.clone(), move |_| copied.set(false));
    }
    let body = match &*script {
        Ok(text) => {
            let on_download = {
                let text = text.clone();
                Callback::from(move |_| {
                    download(
                        "sigscope-scenario.sh",
                        "text/x-shellscript",
                        text.as_bytes(),
                    )
                })
            };
            let on_copy = {
                let (text, copied) = (text.clone(), copied.clone());
                Callback::from(move |_| copied.set(super::toolbar::copy_to_clipboard(&text)))
            };
            html! {
                <div class="row">
                    <button type="button" onclick={on_download}>{ t.download_script }</button>
                    <button type="button" onclick={on_copy}>{ if *copied { t.script_copied } else { t.copy_script } }</button>
                </div>
            }
        }
        // The port's reasons, one a line, as `sigsim script` prints them.
        Err(unsupported) => html! {
            <div class="script-refused" role="note">
                <p>{ t.cannot_script }</p>
                <ul>
                    { for unsupported.reasons.iter().map(|r| html! { <li><code>{ r.to_string() }</code></li> }) }
                </ul>
                <p class="hint">{ t.cannot_script_more }</p>
            </div>
        },
    };
    html! {
        <section class="export-script" aria-label={t.script_heading}>
            <h3>{ t.script_heading }</h3>
            <p class="hint">{ t.script_intro }</p>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PictureProps {
    tree: Rc<NsView>,
}

#[derive(Clone, Copy, PartialEq)]
enum What {
    Tree,
    Path,
}

/// SVG and PNG of the tree and of the kernel path, as on screen now.
#[function_component(PictureExport)]
fn picture_export(props: &PictureProps) -> Html {
    let words = use_words();
    let t = &words.export;
    let focus = use_context::<FocusContext>().flatten();
    let failed = use_state(|| None::<String>);
    let make = |what: What, png: bool| {
        let (tree, focus, failed) = (props.tree.clone(), focus.clone(), failed.clone());
        let lang = words.lang;
        Callback::from(move |_: MouseEvent| {
            let w = crate::words::of(lang);
            let picture = match what {
                What::Tree => Ok(crate::picture::tree_svg(
                    &tree,
                    focus.as_deref(),
                    w,
                    &read_look(),
                )),
                What::Path => path_svg().ok_or(w.export.no_path),
            };
            let name = match what {
                What::Tree => "sigscope-tree",
                What::Path => "sigscope-kernel-path",
            };
            let (svg, width, height) = match picture {
                Ok(p) => p,
                Err(why) => return failed.set(Some(why.into())),
            };
            failed.set(None);
            if !png {
                return download(&format!("{name}.svg"), "image/svg+xml", svg.as_bytes());
            }
            let (failed, name) = (failed.clone(), format!("{name}.png"));
            wasm_bindgen_futures::spawn_local(async move {
                match to_png(&svg, width, height).await {
                    Ok(blob) => download_blob(&name, &blob),
                    Err(why) => failed.set(Some((w.export.picture_failed)(&why))),
                }
            });
        })
    };
    html! {
        <section class="export-pictures" aria-label={t.pictures_heading}>
            <h3>{ t.pictures_heading }</h3>
            <p class="hint">{ t.pictures_intro }</p>
            <div class="row">
                <button type="button" onclick={make(What::Tree, false)}>{ t.tree_svg }</button>
                <button type="button" onclick={make(What::Tree, true)}>{ t.tree_png }</button>
                <button type="button" onclick={make(What::Path, false)}>{ t.path_svg }</button>
                <button type="button" onclick={make(What::Path, true)}>{ t.path_png }</button>
            </div>
            if let Some(why) = &*failed {
                <p class="export-failed" role="status">{ why }</p>
            }
        </section>
    }
}

/// Saves `bytes` as a file through an object URL (no server involved).
pub(crate) fn download(name: &str, mime: &str, bytes: &[u8]) {
    let blob = gloo_file::Blob::new_with_options(bytes, Some(mime));
    download_blob(name, blob.as_ref());
}

fn download_blob(name: &str, blob: &web_sys::Blob) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Revoked when dropped, after the click has started the download.
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::from(blob.clone()));
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
}

fn computed(el: &web_sys::Element, prop: &str) -> String {
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .and_then(|s| s.get_property_value(prop).ok())
        .unwrap_or_default()
}

/// The theme's colours as the page computes them now: the probes of
/// [`PROBE_MARKUP`], hidden in the tree for as long as it takes to read
/// them (the tree's own rules apply there, the high-contrast theme's
/// among them).
fn read_look() -> Look {
    let mut look = Look::default();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return look;
    };
    if let Some(body) = doc.body() {
        let bg = computed(&body, "background-color");
        if !bg.is_empty() {
            look.page = bg;
        }
        look.sans = computed(&body, "font-family");
    }
    let (Some(tree), Ok(host)) = (doc.get_element_by_id("tree"), doc.create_element("div")) else {
        return look;
    };
    let host: web_sys::HtmlElement = host.unchecked_into();
    // The style object, not a `style=` attribute: the page's
    // Content-Security-Policy allows the one and not the other.
    let st = host.style();
    for (k, v) in [
        ("position", "absolute"),
        ("left", "-10000px"),
        ("top", "0"),
        ("visibility", "hidden"),
        ("pointer-events", "none"),
    ] {
        let _ = st.set_property(k, v);
    }
    let _ = host.set_attribute("aria-hidden", "true");
    host.set_inner_html(PROBE_MARKUP);
    let _ = tree.append_child(&host);
    for (key, probe, prop, _) in PROBES {
        if let Ok(Some(el)) = host.query_selector(&format!("[data-p=\"{probe}\"]")) {
            look.set(key, &computed(&el, prop));
        }
    }
    if let Ok(Some(el)) = host.query_selector("[data-p=\"pids\"]") {
        look.mono = computed(&el, "font-family");
    }
    host.remove();
    look
}

/// The presentation properties a standalone SVG needs, read off the page's
/// styles, with the values that are the default anyway left out.
const SVG_PROPS: &[(&str, &[&str])] = &[
    ("fill", &[]),
    ("fill-opacity", &["1"]),
    ("stroke", &["none"]),
    ("stroke-width", &["1px"]),
    ("stroke-opacity", &["1"]),
    ("stroke-dasharray", &["none"]),
    ("stroke-dashoffset", &["0px"]),
    ("stroke-linecap", &["butt"]),
    ("stroke-linejoin", &["miter"]),
    ("opacity", &["1"]),
    ("font-family", &[]),
    ("font-size", &[]),
    ("font-weight", &["400"]),
    ("font-style", &["normal"]),
    ("text-anchor", &["start"]),
    ("dominant-baseline", &["auto"]),
    ("letter-spacing", &["normal"]),
    ("text-decoration-line", &["none"]),
    ("paint-order", &["normal"]),
    ("visibility", &["visible"]),
];

/// The kernel path's diagram as on screen (the current step lit), as a
/// standalone SVG: a copy with each element's computed styles written as
/// presentation attributes (the page's stylesheet and the theme's
/// `light-dark()` colours do not travel with it), on the colour it lies
/// on. `None` before the first send.
fn path_svg() -> Option<(String, u32, u32)> {
    let doc = web_sys::window()?.document()?;
    let svg = doc.query_selector(".kernel-path .cc-svg").ok()??;
    let copy: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let originals = svg.query_selector_all("*").ok()?;
    let copies = copy.query_selector_all("*").ok()?;
    let pairs: Vec<_> = std::iter::once((svg.clone(), copy.clone()))
        .chain((0..originals.length()).filter_map(|i| {
            let o = originals.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            let c = copies.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            Some((o, c))
        }))
        .collect();
    // A step's colours fade in (transitions of a quarter second): read
    // halfway, the lit node's name was the colour of its box. Transitions
    // off while reading give the values they are going to; inline, through
    // the style object (the Content-Security-Policy allows it), and taken
    // off again after (nothing changes then, so nothing fades again).
    let inline = |el: &web_sys::Element| -> Option<web_sys::CssStyleDeclaration> {
        js_sys::Reflect::get(el, &"style".into())
            .ok()?
            .dyn_into()
            .ok()
    };
    for (o, _) in &pairs {
        if let Some(s) = inline(o) {
            let _ = s.set_property("transition", "none");
        }
    }
    for (o, c) in &pairs {
        if computed(o, "display") == "none" {
            let _ = c.set_attribute("display", "none");
            continue;
        }
        // An edge still drawing itself is shown whole.
        let drawing = o.class_list().contains("cc-edge-draw");
        for (prop, defaults) in SVG_PROPS {
            if drawing && prop.starts_with("stroke-dash") {
                continue;
            }
            let v = computed(o, prop);
            if v.is_empty() || defaults.contains(&v.as_str()) {
                continue;
            }
            let name = if *prop == "text-decoration-line" {
                "text-decoration"
            } else {
                prop
            };
            let _ = c.set_attribute(name, &v);
        }
        let _ = c.remove_attribute("tabindex");
    }
    for (o, _) in &pairs {
        if let Some(s) = inline(o) {
            let _ = s.remove_property("transition");
        }
    }
    // Whole pixels, read without `f64::from_str` (as picture.rs writes
    // without float formatting: neither is otherwise in the page's wasm).
    let view: Vec<i64> = svg
        .get_attribute("viewBox")?
        .split([' ', ','])
        .filter(|n| !n.is_empty())
        .map(|n| {
            let (whole, frac) = n.split_once('.').unwrap_or((n, ""));
            let up = frac.bytes().any(|b| b != b'0') && !whole.starts_with('-');
            whole.parse::<i64>().map(|v| v + i64::from(up))
        })
        .collect::<Result<_, _>>()
        .ok()?;
    let [x, y, w, h] = view[..] else { return None };
    let (width, height) = (w.max(1) as u32, h.max(1) as u32);
    let _ = copy.set_attribute("width", &width.to_string());
    let _ = copy.set_attribute("height", &height.to_string());
    let _ = copy.remove_attribute("class");
    // What the diagram lies on: the nearest background that is a colour.
    let mut under = svg.parent_element();
    let mut bg = String::new();
    while let Some(el) = under {
        bg = computed(&el, "background-color");
        if !bg.is_empty() && bg != "rgba(0, 0, 0, 0)" && bg != "transparent" {
            break;
        }
        under = el.parent_element();
    }
    let rect = doc
        .create_element_ns(Some("http://www.w3.org/2000/svg"), "rect")
        .ok()?;
    for (k, v) in [
        ("x", x.to_string()),
        ("y", y.to_string()),
        ("width", w.to_string()),
        ("height", h.to_string()),
        ("fill", bg),
    ] {
        let _ = rect.set_attribute(k, &v);
    }
    let _ = copy.insert_before(&rect, copy.first_child().as_ref());
    let _ = copy.set_attribute("font-family", &computed(&svg, "font-family"));
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    Some((text, width, height))
}

/// How much larger than on screen a PNG is drawn: sharp on a projector.
const PNG_SCALE: f64 = 2.0;

/// The SVG drawn onto a canvas through an image (an SVG of shapes and
/// text, no `<foreignObject>`, so the canvas is not tainted and gives its
/// pixels), as a PNG.
async fn to_png(svg: &str, width: u32, height: u32) -> Result<web_sys::Blob, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let img = web_sys::HtmlImageElement::new().map_err(|_| "no image")?;
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(svg))
    );
    img.set_src(&url);
    JsFuture::from(img.decode()).await.map_err(|_| {
        "the browser could not draw the SVG (a Content-Security-Policy without img-src data:?)"
    })?;
    let canvas: web_sys::HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .unchecked_into();
    let (w, h) = (
        (width as f64 * PNG_SCALE) as u32,
        (height as f64 * PNG_SCALE) as u32,
    );
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("no 2d canvas")?
        .unchecked_into();
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w as f64, h as f64)
        .map_err(|_| "the SVG could not be drawn")?;
    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob(&resolve);
    }))
    .await
    .map_err(|_| "no PNG")?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_: JsValue| "the canvas gave no PNG".into())
}
