//! A panic never leaves a dead page. After a panic nothing of the app is
//! trusted (Yew's scheduler stays borrowed, and every later event panics
//! again), so the hook does two things only: it puts the autosave and the
//! link aside ([`put_aside`]) so that a reload, from the panel or by hand,
//! always comes up — the session is offered back from there, never dropped
//! — and it hands the message to the page's boot script (`static/boot.js`,
//! `sigscopeStopped`), which draws the panel and runs its buttons without
//! calling back into the wasm. The boot script already reports a page
//! that cannot start; a page that stops is the same kind of news, and the
//! panel costs the bundle a few hundred bytes of script instead of
//! kilobytes of wasm.

use crate::permalink::{browser, put_aside, Store};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};

/// The local-storage key that makes the next load panic on purpose (read
/// once, then removed): how the end-to-end tests, or anyone curious, see
/// the panel.
pub const FORCE_KEY: &str = "sigscope.force-panic";

thread_local! {
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

/// Installs the hook, through Yew so that its renderer keeps it; first
/// thing in `main`.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        // Only the first: the ones after it are its echo.
        if !STOPPED.with(|s| s.replace(true)) {
            stopped(&message);
        }
    }));
}

/// Panics if the page was asked to ([`FORCE_KEY`]).
pub fn forced() {
    let store = browser::storage();
    if store.get(FORCE_KEY).is_some() {
        store.remove(FORCE_KEY);
        panic!("a panic asked for by local storage's {FORCE_KEY}");
    }
}

fn stopped(message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let aside = put_aside(&browser::storage(), &hash, first_line(message));
    let text = |v: Option<String>| v.map_or(JsValue::NULL, |s| JsValue::from_str(&s));
    let args = js_sys::Array::of4(
        &message.into(),
        &hash.into(),
        &text(aside.autosave),
        &text(aside.kept),
    );
    if let Some(show) = js_sys::Reflect::get(&window, &"sigscopeStopped".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = show.apply(&JsValue::NULL, &args);
    }
}

/// The panic's message without its location line, for the kept text's
/// reason.
fn first_line(message: &str) -> &str {
    let body = message.split_once(":\n").map_or(message, |(_, m)| m);
    body.lines().next().unwrap_or(body)
}
