//! Delegated events: one listener on a container reads the step index
//! from the `data-step` attribute of the element under the pointer (or
//! focus), instead of a closure per node, per list item and per source
//! line. Fewer listeners, and much less code in the bundle. And keeping
//! the current step or line in view inside its list, once a frame.

use yew::prelude::*;

/// The step index of the nearest `[data-step]` element around the event's
/// target: `Some(None)` when the target is outside any, `None` when there
/// is no target (never off the web).
pub fn step_at(e: &Event) -> Option<Option<usize>> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        Some(
            el.closest("[data-step]")
                .ok()
                .flatten()
                .and_then(|n| n.get_attribute("data-step"))
                .and_then(|v| v.parse().ok()),
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = e;
        None
    }
}

/// Listeners for a container: pointer or focus entering an element
/// reports the step it carries, once per change (mouseover/focusin fire
/// for every child element); leaving the container reports None.
pub struct HoverListeners {
    pub mouse_over: Callback<MouseEvent>,
    pub focus_in: Callback<FocusEvent>,
    pub mouse_leave: Callback<MouseEvent>,
    pub focus_out: Callback<FocusEvent>,
}

#[hook]
pub fn use_hover_reporter(on_hover: Callback<Option<usize>>) -> HoverListeners {
    let last = use_mut_ref(|| None::<Option<usize>>);
    let over = {
        let (last, cb) = (last.clone(), on_hover.clone());
        Callback::from(move |e: Event| {
            let Some(step) = step_at(&e) else { return };
            let mut last = last.borrow_mut();
            if *last != Some(step) {
                *last = Some(step);
                cb.emit(step);
            }
        })
    };
    let leave = Callback::from(move |_: ()| {
        *last.borrow_mut() = None;
        on_hover.emit(None);
    });
    HoverListeners {
        mouse_over: over.reform(|e: MouseEvent| e.into()),
        focus_in: over.reform(|e: FocusEvent| e.into()),
        mouse_leave: leave.reform(|_: MouseEvent| ()),
        focus_out: leave.reform(|_: FocusEvent| ()),
    }
}

#[cfg(target_arch = "wasm32")]
pub type ScrollFrame = gloo_render::AnimationFrame;
#[cfg(not(target_arch = "wasm32"))]
pub type ScrollFrame = ();

/// Scrolls `container` so that its first element matching `selector` is in
/// the middle of its view, without scrolling the page, at the next frame:
/// reading where the element is lays the page out, which in the frame costs
/// nothing more, and in a render would cost a layout of its own (a path of
/// 1,000 steps moves every frame). Dropping the result cancels it, so a
/// later step in the same frame replaces it.
#[cfg(target_arch = "wasm32")]
pub fn scroll_to_middle(container: NodeRef, selector: &'static str) -> Option<ScrollFrame> {
    use wasm_bindgen::JsCast;
    Some(gloo_render::request_animation_frame(move |_| {
        let Some(outer) = container.cast::<web_sys::HtmlElement>() else {
            return;
        };
        if let Ok(Some(el)) = outer.query_selector(selector) {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let top = el.offset_top() - outer.client_height() / 2;
                outer.set_scroll_top(top.max(0));
            }
        }
    }))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn scroll_to_middle(_: NodeRef, _: &'static str) -> Option<ScrollFrame> {
    None
}
