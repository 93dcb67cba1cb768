//! The embed (`?embed`, [`crate::embed::Params`]) is the page itself with
//! its chrome left out: `App` marks its root (`embed`, and a class per pane
//! or control left out) and adds the bar with "open in sigscope ↗";
//! static/app.css lays the namespace tree and the kernel path side by side
//! at 16:9. A refused link still shows, as the outcome panel's error.
//!
//! This file is its postMessage API ([`use_message_api`]): in a frame, the
//! parent's commands go to the player's own playback commands and a `load`
//! to the reader a link at load goes through ([`Verb::OpenLink`]); the page
//! posts `ready`, each step and its height to the parent. It never moves
//! focus: a deck around it keeps its keys until the reader clicks into the
//! frame.

use super::Dispatch;
use crate::call_chain::{PlaybackCmd, PlayerState};
use crate::embed::{step_index, Command, Event, Params};
use crate::session::Verb;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The page's side of the postMessage API.
#[derive(Default)]
struct Link {
    /// The parent window, when the page is framed and may post to it.
    parent: Option<web_sys::Window>,
    ready: bool,
    /// The step shown (from 1) and of how many, and the last one posted.
    step: Option<(usize, usize)>,
    posted: Option<(usize, usize)>,
    height: u32,
    /// The player's commands, once it is up.
    player: Option<Callback<PlaybackCmd>>,
    /// The `step` and `autoplay` parameters were applied.
    started: bool,
}

impl Link {
    fn post(&self, params: &Params, e: Event) {
        let (Some(parent), Some(target)) = (&self.parent, params.origin.target()) else {
            return;
        };
        if let Ok(msg) = js_sys::JSON::parse(&e.to_json()) {
            let _ = parent.post_message(&msg, target);
        }
    }

    fn post_step(&mut self, params: &Params) {
        if self.ready && self.step != self.posted {
            self.posted = self.step;
            if let Some((step, of)) = self.step {
                self.post(params, Event::Step { step, of });
            }
        }
    }

    fn post_height(&mut self, params: &Params, px: u32) {
        if self.ready && px != self.height {
            self.height = px;
            self.post(params, Event::Height(px));
        }
    }
}

/// The parent window, if the page is in a frame.
fn framing_parent() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &w)).then_some(parent)
}

/// In an embed (`params`), listens to the parent's messages and posts the
/// events, `root` being the content measured for `height`; returns what
/// the player reports its state to. Outside an embed it does nothing. Only
/// in a browser (effects never run in server-side rendering).
#[hook]
pub fn use_message_api(
    params: Option<Rc<Params>>,
    dispatch: Dispatch,
    root: NodeRef,
) -> Callback<PlayerState> {
    let params = params.unwrap_or_default();
    let link = use_mut_ref(Link::default);
    {
        let (link, params) = (link.clone(), params.clone());
        use_effect_with((), move |_| {
            let parent = framing_parent().filter(|_| params.embed);
            let listening = parent.clone().map(|parent| {
                let (l, p) = (link.clone(), params.clone());
                let window = gloo_utils::window();
                let listener = gloo_events::EventListener::new(&window, "message", move |e| {
                    on_message(e, &parent, &p, &l, &dispatch)
                });
                let (link, params) = (link.clone(), params.clone());
                // Auto-resize: the content's height, posted when it changes.
                let resize = gloo_timers::callback::Interval::new(250, move || {
                    if let Some(el) = root.cast::<web_sys::Element>() {
                        link.borrow_mut()
                            .post_height(&params, el.client_height() as u32);
                    }
                });
                (listener, resize)
            });
            {
                let mut l = link.borrow_mut();
                l.parent = parent;
                l.ready = true;
                l.post(&params, Event::Ready);
                l.post_step(&params);
            }
            move || drop(listening)
        });
    }
    use_callback((), move |s: PlayerState, _| {
        let pb = &s.playback;
        let start = {
            let mut l = link.borrow_mut();
            l.player = Some(s.commands.clone());
            let start = !l.started && pb.len > 0;
            l.started |= start;
            // The `step` parameter moves it at once: that first state is
            // not news (not even to a `ready` still to come).
            l.step =
                (pb.len > 0 && !(start && params.step.is_some())).then(|| (pb.index + 1, pb.len));
            l.post_step(&params);
            start
        };
        if start {
            if let Some(n) = params.step {
                s.commands.emit(PlaybackCmd::Goto(step_index(n, pb.len)));
                if params.autoplay {
                    s.commands.emit(PlaybackCmd::Play);
                }
            }
        }
    })
}

/// One message: from the parent, from the origin allowed, exactly a
/// command ([`crate::embed::decode_command`]); anything else is ignored.
fn on_message(
    e: &web_sys::Event,
    parent: &web_sys::Window,
    params: &Params,
    link: &Rc<RefCell<Link>>,
    dispatch: &Dispatch,
) {
    let get = |k: &str| js_sys::Reflect::get(e, &k.into()).unwrap_or_default();
    if !js_sys::Object::is(&get("source"), parent) {
        return;
    }
    if !params
        .origin
        .obeys(&get("origin").as_string().unwrap_or_default())
    {
        return;
    }
    let Some(text) = js_sys::JSON::stringify(&get("data"))
        .ok()
        .and_then(|t| t.as_string())
    else {
        return;
    };
    let cmd = match crate::embed::decode_command(&text) {
        Some(Command::Load(fragment)) => return open_link(fragment, dispatch),
        Some(Command::Next) => PlaybackCmd::Next,
        Some(Command::Prev) => PlaybackCmd::Prev,
        Some(Command::Play) => PlaybackCmd::Play,
        Some(Command::Pause) => PlaybackCmd::Pause,
        Some(Command::First) => PlaybackCmd::First,
        Some(Command::Last) => PlaybackCmd::Last,
        // Past the end: the playback clamps it to the last step.
        Some(Command::Goto(n)) => PlaybackCmd::Goto(step_index(n, usize::MAX)),
        None => return,
    };
    let player = link.borrow().player.clone();
    if let Some(p) = player {
        p.emit(cmd);
    }
}

/// A `load`: a plain link is opened at once; a compressed one once the
/// browser inflated it (so commands sent right after it may run first).
fn open_link(fragment: String, dispatch: &Dispatch) {
    if crate::permalink::compressed_scenario(&fragment).is_none() {
        return dispatch.dispatch(Verb::OpenLink(fragment));
    }
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match crate::permalink::browser::resolve_link(&fragment).await {
            Ok(plain) => dispatch.dispatch(Verb::OpenLink(plain)),
            Err(why) => dispatch.dispatch(Verb::RefuseLink(fragment, why)),
        }
    });
}
