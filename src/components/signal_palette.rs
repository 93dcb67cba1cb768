//! The signal chips. Two ways to send, both ending in the same verb:
//! - drag a chip onto a target with a mouse, pen or finger (pointer events
//!   with pointer capture — HTML5 drag-and-drop has no touch support and
//!   no say over the drag image);
//! - pick a chip (click, Enter or Space), then pick a target and press Enter.
//!
//! While a signal is in hand, the target under the pointer is reported with
//! `Verb::Hover`, so it can show the call a drop would make.

use super::controls::ControlledNumber;
use super::{use_dispatch, Dispatch};
use crate::palette;
use crate::send::DropTarget;
use crate::session::Verb;
use crate::words::{use_words, Words};
use sigsim::Signal;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How far (CSS px) a pointer must travel before a press becomes a drag.
const DRAG_THRESHOLD: f64 = 5.0;

#[derive(Properties, PartialEq)]
pub struct SignalPaletteProps {
    /// The signal in hand (picked, or being dragged).
    pub armed: Option<Signal>,
    pub rt_offset: u8,
    /// Who sends, for the hint.
    pub sender: String,
}

/// A press on a chip that may become a drag.
struct Press {
    sig: Signal,
    start: (f64, f64),
    dragging: bool,
    over: Option<DropTarget>,
}

#[derive(Default)]
struct DragState {
    press: Option<Press>,
    /// A drag ends with a click on the chip it started from: ignore that one.
    swallow_click: bool,
}

/// The drop zone under a point: the nearest element with `data-drop`.
fn target_at(x: f64, y: f64) -> Option<DropTarget> {
    let doc = web_sys::window()?.document()?;
    let el = doc.element_from_point(x as f32, y as f32)?;
    let zone = el.closest("[data-drop]").ok()??;
    DropTarget::decode(&zone.get_attribute("data-drop")?)
}

fn place_ghost(ghost: &NodeRef, at: Option<(i32, i32)>) {
    if let Some(el) = ghost.cast::<web_sys::HtmlElement>() {
        let style = el.style();
        match at {
            Some((x, y)) => {
                let _ = style.set_property(
                    "transform",
                    &format!("translate({}px, {}px)", x + 14, y + 10),
                );
                let _ = style.set_property("visibility", "visible");
            }
            None => {
                let _ = style.set_property("visibility", "hidden");
            }
        }
    }
}

#[function_component(SignalPalette)]
pub fn signal_palette(props: &SignalPaletteProps) -> Html {
    let d = use_dispatch();
    let w = use_words();
    let drag = use_mut_ref(DragState::default);
    let ghost = use_node_ref();
    let rt = palette::realtime(props.rt_offset);
    let chips = palette::standard_signals().chain(std::iter::once(rt));
    let on_rt = {
        let d = d.clone();
        Callback::from(move |n: u32| {
            d.dispatch(Verb::SetRtOffset(n.min(palette::RT_MAX_OFFSET as u32) as u8))
        })
    };
    let ghost_label = props.armed.map(palette::name).unwrap_or_default();
    // One Tab stop for the row: the arrow keys, Home and End move among
    // the chips (the roving tabindex of a toolbar).
    let row = use_node_ref();
    let on_row_key = {
        let row = row.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(list) = row.cast::<web_sys::Element>() else {
                return;
            };
            let Ok(chips) = list.query_selector_all("button.chip") else {
                return;
            };
            let n = chips.length();
            let focused = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let at = (0..n).find(|&i| {
                chips
                    .item(i)
                    .zip(focused.as_ref())
                    .is_some_and(|(c, f)| c == **f)
            });
            let Some(at) = at else {
                return;
            };
            let to = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (at + 1) % n,
                "ArrowLeft" | "ArrowUp" => (at + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            if let Some(chip) = chips
                .item(to)
                .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = chip.focus();
            }
        })
    };
    let tab_stop = props
        .armed
        .unwrap_or(palette::standard_signals().next().unwrap_or(rt));
    html! {
        <div class="palette">
            <h2 class="section-title" id="palette-title">{ w.palette.title }</h2>
            <p class="hint">
                if let Some(sig) = props.armed {
                    <strong>{ palette::name(sig) }</strong>
                    { w.palette.in_hand }
                } else {
                    { w.palette.drag }<strong>{ &props.sender }</strong>{ w.palette.drag_sends }
                }
            </p>
            <ul class="chips" aria-labelledby="palette-title" ref={row} onkeydown={on_row_key}>
                { for chips.map(|sig| html! {
                    <li key={sig.nr()}>
                        { chip(sig, props.armed == Some(sig), sig == tab_stop, &d, &drag, &ghost, w) }
                    </li>
                }) }
                <li class="rt-offset">
                    <label>
                        <span><code>{"n"}</code>{" ="}</span>
                        <ControlledNumber value={props.rt_offset as u32} onchange={on_rt} label={w.palette.rt_label} />
                    </label>
                </li>
            </ul>
            <div class="drag-ghost" ref={ghost} aria-hidden="true">{ ghost_label }</div>
        </div>
    }
}

fn chip(
    sig: Signal,
    armed: bool,
    tab_stop: bool,
    d: &Dispatch,
    drag: &Rc<RefCell<DragState>>,
    ghost: &NodeRef,
    w: &Words,
) -> Html {
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            // Keeps text from being selected while dragging with a mouse.
            e.prevent_default();
            if let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            let start = (e.client_x() as f64, e.client_y() as f64);
            drag.borrow_mut().press = Some(Press {
                sig,
                start,
                dragging: false,
                over: None,
            });
        })
    };
    let onpointermove = {
        let (drag, d, ghost) = (drag.clone(), d.clone(), ghost.clone());
        Callback::from(move |e: PointerEvent| {
            let mut state = drag.borrow_mut();
            let Some(press) = state.press.as_mut() else {
                return;
            };
            let at = (e.client_x() as f64, e.client_y() as f64);
            if !press.dragging {
                if (at.0 - press.start.0).hypot(at.1 - press.start.1) < DRAG_THRESHOLD {
                    return;
                }
                press.dragging = true;
                d.dispatch(Verb::Arm(Some(press.sig)));
            }
            place_ghost(&ghost, Some((e.client_x(), e.client_y())));
            let over = target_at(at.0, at.1);
            if over != press.over {
                press.over = over.clone();
                d.dispatch(Verb::Hover(over));
            }
        })
    };
    let onpointerup = {
        let (drag, d, ghost) = (drag.clone(), d.clone(), ghost.clone());
        Callback::from(move |e: PointerEvent| {
            let mut state = drag.borrow_mut();
            let Some(press) = state.press.take() else {
                return;
            };
            if !press.dragging {
                return; // a plain click: `onclick` picks the chip
            }
            state.swallow_click = true;
            place_ghost(&ghost, None);
            let over = target_at(e.client_x() as f64, e.client_y() as f64);
            match over {
                Some(target) => d.dispatch(Verb::Send {
                    target,
                    sig: press.sig,
                }),
                None => d.dispatch(Verb::Arm(None)),
            }
        })
    };
    let onpointercancel = {
        let (drag, d, ghost) = (drag.clone(), d.clone(), ghost.clone());
        Callback::from(move |_: PointerEvent| {
            if drag.borrow_mut().press.take().is_some_and(|p| p.dragging) {
                place_ghost(&ghost, None);
                d.dispatch(Verb::Arm(None));
            }
        })
    };
    let onclick = {
        let (drag, d) = (drag.clone(), d.clone());
        Callback::from(move |_: MouseEvent| {
            if std::mem::take(&mut drag.borrow_mut().swallow_click) {
                return;
            }
            d.dispatch(Verb::Arm(if armed { None } else { Some(sig) }));
        })
    };
    let name = palette::name(sig);
    let key = palette::default_action_label(sig);
    let action = (w.palette.action)(sig.default_action());
    let mut class = classes!("chip", format!("act-{}", key.replace(' ', "-")));
    if sig.kernel_only() {
        class.push("kernel-only");
    }
    if armed {
        class.push("armed");
    }
    let title = (w.palette.chip_title)(&name, sig.nr(), action, sig.kernel_only());
    html! {
        // Named by what it shows, "SIGKILL terminate", so that a voice
        // command or a screen reader matches what a sighted user reads.
        <button type="button" {class} aria-pressed={armed.to_string()} {title}
            tabindex={if tab_stop { "0" } else { "-1" }}
            {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onclick}>
            <span class="chip-name">{ name }</span>
            {" "}<span class="chip-action">{ action }</span>
        </button>
    }
}
