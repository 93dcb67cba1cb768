//! Mounts the app. The session comes from the permalink or the autosave;
//! the loading indicator of index.html goes once the app has rendered.

use sigscope::session::{Act, Notice, Verb, Why};
use sigscope::App;
use std::rc::Rc;

// talc instead of the default dlmalloc: a few KiB less wasm for the page
// (the page is single-threaded; see the budget in README.md).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    sigscope::panic::install();
    sigscope::panic::forced();
    // A compressed link is inflated by the browser, and a `?preset=` text
    // loaded, asynchronously: the app mounts once both are in (the boot
    // text stays until then; a plain link or none costs one microtask).
    wasm_bindgen_futures::spawn_local(start());
}

async fn start() {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let params = sigscope::embed::Params::parse(&query);
    // A page that opens on a session replays it with the port, which the
    // release build keeps in its second wasm module (scripts/split-wasm.mjs):
    // while that is still on its way (static/start.js says so), the page
    // draws the session's starting world first, then the session itself.
    let opening = match pending_rest() {
        Some(rest) => {
            let drawn = opening_view(&params).await;
            // Refused, the first call into the rest stops the page
            // (static/start.js), with the reader's session kept.
            let _ = wasm_bindgen_futures::JsFuture::from(rest).await;
            drawn
        }
        None => None,
    };
    let (state, load_error) = sigscope::permalink::browser::initial_state(params.embed).await;
    // `?preset=NAME` opens a gallery scenario, unless the fragment holds a
    // session (plain or compressed): that is what an edit of the preset
    // wrote, and it wins. Its text is loaded first (a few ms from the
    // page's own folder), so that the page never shows another world in
    // between.
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let carries_session = sigscope::permalink::carries_session(&hash);
    let state = match params.preset.clone().filter(|_| !carries_session) {
        Some(name) if sigscope::gallery::is_preset(&name) => {
            match sigscope::gallery::browser::load(&[&name]).await {
                Ok(()) => state.apply(Verb::OpenPreset(name)),
                Err(why) => state.with_notice(Notice::Refused {
                    what: Act::OpenPreset(name),
                    reason: Why::PresetNotLoaded(why),
                }),
            }
        }
        // Refused with the reason; the page opens as without it.
        Some(name) => state.apply(Verb::OpenPreset(name)),
        None => state,
    };
    if let Some(app) = opening {
        app.destroy();
    }
    mount(state, load_error, params);
}

/// static/start.js's promise of the release build's second module, while
/// it is not linked yet.
fn pending_rest() -> Option<js_sys::Promise> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &"sigscopeLinking".into())
        .ok()
        .and_then(|p| wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p).ok())
}

/// The session's starting world, drawn in a box of its own, inert, under
/// a note saying that its actions replay once the rest is in; `None` if
/// there is nothing to draw early.
async fn opening_view(params: &sigscope::embed::Params) -> Option<yew::AppHandle<App>> {
    let (state, actions) =
        sigscope::permalink::browser::starting_world(params.embed, params.preset.as_deref())
            .await?;
    // The rest came in while the session was read (a preset's file is
    // fetched): the session itself is drawn next, without a flash of this.
    let _still_pending = pending_rest()?;
    let document = web_sys::window()?.document()?;
    let root = document.get_element_by_id("app")?;
    let state = prepared(state, params);
    root.set_inner_html("");
    let host = document.create_element("div").ok()?;
    root.append_child(&host).ok()?;
    let props = sigscope::components::app::AppProps {
        initial: Some(Rc::new(state)),
        load_error: None,
        embed: params.embed.then(|| Rc::new(params.clone())),
        opening: Some(actions),
    };
    Some(yew::Renderer::<App>::with_root_and_props(host, props).render())
}

/// The page's language and look (`lang`, `theme`, or the reader's earlier
/// choices), applied to `<html>` and to the session.
fn prepared(
    mut state: sigscope::session::AppState,
    params: &sigscope::embed::Params,
) -> sigscope::session::AppState {
    state.lang = sigscope::words::browser::initial(params.lang, params.embed);
    sigscope::words::browser::apply(state.lang, false);
    state.look = sigscope::presenting::browser::initial(params.theme, params.embed);
    sigscope::presenting::browser::apply(state.look, false);
    state
}

fn mount(
    mut state: sigscope::session::AppState,
    load_error: Option<String>,
    params: sigscope::embed::Params,
) {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser page");
    // `lang` and `theme` (or the reader's earlier choices) mark the page
    // for its language and its styles (below);
    // `kernel` (in an embed) switches the session's kernel.
    if let Some(html) = document.document_element() {
        if params.embed {
            let _ = html.set_attribute("data-embed", "");
        }
    }
    if let Some(k) = params.kernel.filter(|_| params.embed) {
        if state.replay.plan.version != k {
            state = state.apply(Verb::SetKernel(k.as_str().into()));
        }
    }
    let state = prepared(state, &params);
    let root = document
        .get_element_by_id("app")
        .expect("index.html has #app");
    root.set_inner_html("");
    let props = sigscope::components::app::AppProps {
        initial: Some(Rc::new(state)),
        load_error: load_error.map(Into::into),
        embed: params.embed.then(|| Rc::new(params)),
        opening: None,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
    // index.html shows "Loading…", and a failure message on an error or a
    // timeout; this flag tells it the app is up.
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"sigscopeStarted".into(), &true.into());
    }
}
