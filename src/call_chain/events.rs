//! Delegated events: one listener on a container reads the step index
//! from the `data-step` attribute of the element under the pointer (or
//! focus), instead of a closure per node, per list item and per source
//! line. Fewer listeners, and much less code in the bundle.

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
