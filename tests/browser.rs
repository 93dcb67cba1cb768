//! The interactive components in a real browser (headless Chromium through
//! wasm-bindgen-test-runner and chromedriver): the keyboard way to send,
//! and a pointer drag with the call preview on the hovered target.
#![cfg(target_arch = "wasm32")]

use sigscope::components::app::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a fresh app in its own element.
async fn mount() -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn status(root: &Element) -> String {
    find(root, "[role=status]")
        .text_content()
        .unwrap_or_default()
}

fn key(target: &HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

fn pointer(target: &HtmlElement, kind: &str, at: &HtmlElement) {
    let r = at.get_bounding_client_rect();
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_pointer_id(1);
    init.set_is_primary(true);
    init.set_button(0);
    init.set_client_x((r.left() + r.width() / 2.0) as i32);
    init.set_client_y((r.top() + r.height() / 2.0) as i32);
    let e = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
async fn pick_a_signal_pick_a_target_press_enter() {
    let root = mount().await;
    let chip = find(&root, r#"button.chip[title^="SIGKILL ("]"#);
    chip.click();
    yew::scheduler::flush().await;
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    let init = find(&root, r#"[aria-label^="ctr-init, PID 1 · 3"]"#);
    init.focus().unwrap();
    yew::scheduler::flush().await;
    // Focused with a signal in hand, the target shows the call it would make.
    assert!(root.text_content().unwrap().contains("kill(3, SIGKILL)"));
    key(&init, "Enter");
    yew::scheduler::flush().await;
    let s = status(&root);
    assert!(s.starts_with("Killed:") && s.contains("forced"), "{s}");
    assert_eq!(
        find(&root, r#"button.chip[title^="SIGKILL ("]"#)
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("false")
    );
    assert!(find(&root, r#"[aria-label^="app, PID"]"#)
        .get_attribute("aria-label")
        .unwrap()
        .contains("dead"));
    root.remove();
}

#[wasm_bindgen_test]
async fn dragging_sigterm_onto_the_container_init_previews_then_drops_it() {
    let root = mount().await;
    let chip = find(&root, r#"button.chip[title^="SIGTERM ("]"#);
    let target = find(&root, r#"[aria-label^="ctr-init, PID"]"#);
    pointer(&chip, "pointerdown", &chip);
    pointer(&chip, "pointermove", &target);
    yew::scheduler::flush().await;
    assert!(
        root.text_content().unwrap().contains("kill(3, SIGTERM)"),
        "the hovered target previews the call"
    );
    pointer(&chip, "pointerup", &target);
    yew::scheduler::flush().await;
    let s = status(&root);
    assert!(
        s.starts_with("Dropped:") && s.contains("sig_task_ignored"),
        "{s}"
    );
    let label = find(&root, r#"[aria-label^="ctr-init, PID"]"#)
        .get_attribute("aria-label")
        .unwrap();
    assert!(label.contains("running"), "{label}");
    root.remove();
}

#[wasm_bindgen_test]
async fn escape_puts_the_signal_back() {
    let root = mount().await;
    let chip = find(&root, r#"button.chip[title^="SIGSTOP ("]"#);
    chip.click();
    yew::scheduler::flush().await;
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));
    key(&chip, "Escape");
    yew::scheduler::flush().await;
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("false"));
    root.remove();
}
