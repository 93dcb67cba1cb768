//! Playback of one trace: which step is shown, whether it advances on its
//! own, how fast. The state is a pure reducer ([`Playback`]) so its rules
//! are tested natively; [`use_playback`] adds the timer and the
//! reduced-motion check; [`PlaybackControls`] are the buttons.
//!
//! Rules: a new trace starts at step 0 and plays; it pauses once at the
//! step that sealed the signal's fate (on a long path — SIGKILL from the
//! host is 70 steps — the teardown after it would otherwise carry a
//! newcomer's eye past the answer), and Play goes on from there; any manual
//! move pauses; play at the last step starts over; reaching the last step
//! stops.

use std::rc::Rc;
use std::time::Duration;
use yew::prelude::*;

/// Playback speeds, slowest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Speed {
    Half,
    #[default]
    Normal,
    Double,
    Quadruple,
}

impl Speed {
    pub const ALL: [Speed; 4] = [Speed::Half, Speed::Normal, Speed::Double, Speed::Quadruple];

    /// Time on a step that decides something.
    pub fn step_ms(self) -> u32 {
        match self {
            Speed::Half => 2400,
            Speed::Normal => 1200,
            Speed::Double => 600,
            Speed::Quadruple => 300,
        }
    }

    /// Time on a step that only passes through (no verdict): a sixth, so
    /// that at 1× the long paths reach their deciding step within ~6 s.
    pub fn pass_ms(self) -> u32 {
        self.step_ms() / 6
    }

    /// How long autoplay takes from the first step to step `upto`.
    pub fn ms_to_reach(self, upto: usize, decides: impl Fn(usize) -> bool) -> u32 {
        (0..upto)
            .map(|i| {
                if decides(i) {
                    self.step_ms()
                } else {
                    self.pass_ms()
                }
            })
            .sum()
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::Half => "0.5×",
            Speed::Normal => "1×",
            Speed::Double => "2×",
            Speed::Quadruple => "4×",
        }
    }

    fn value(self) -> &'static str {
        match self {
            Speed::Half => "0.5",
            Speed::Normal => "1",
            Speed::Double => "2",
            Speed::Quadruple => "4",
        }
    }

    fn parse(s: &str) -> Option<Speed> {
        Speed::ALL.into_iter().find(|v| v.value() == s)
    }
}

/// What the user (or the timer) asks of playback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaybackCmd {
    Next,
    Prev,
    First,
    Last,
    /// Play if paused, pause if playing.
    Toggle,
    /// Play (from the first step when at the last); playing: no change.
    Play,
    /// Pause; paused: no change.
    Pause,
    /// Jump to the step where the fate was sealed.
    Deciding,
    Goto(usize),
    SetSpeed(Speed),
    /// The timer fired for the schedule `generation`.
    Tick(u64),
    /// A new trace: `len` steps, sealed at `deciding`.
    Reset {
        len: usize,
        deciding: Option<usize>,
        autoplay: bool,
    },
}

/// The playback of one trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Playback {
    pub index: usize,
    pub len: usize,
    pub playing: bool,
    pub speed: Speed,
    pub deciding: Option<usize>,
    /// Playing has already paused at the deciding step (once per trace).
    pub held: bool,
    /// Bumped on every change that invalidates a scheduled tick.
    pub generation: u64,
}

impl Playback {
    pub fn new(len: usize, deciding: Option<usize>, autoplay: bool) -> Playback {
        Playback {
            index: 0,
            len,
            playing: autoplay && len > 1,
            speed: Speed::default(),
            deciding,
            held: false,
            generation: 0,
        }
    }

    fn last(&self) -> usize {
        self.len.saturating_sub(1)
    }

    pub fn at_end(&self) -> bool {
        self.index >= self.last()
    }

    /// Paused by the hold at the deciding step (and still there).
    pub fn held_at_seal(&self) -> bool {
        self.held && !self.playing && Some(self.index) == self.deciding && !self.at_end()
    }

    /// The next state. Pure: the hook only adds the clock.
    pub fn apply(&self, cmd: PlaybackCmd) -> Playback {
        let mut s = self.clone();
        let manual = |s: &mut Playback, index: usize| {
            s.index = index.min(s.last());
            s.playing = false;
            s.generation += 1;
        };
        match cmd {
            PlaybackCmd::Next => manual(&mut s, self.index + 1),
            PlaybackCmd::Prev => manual(&mut s, self.index.saturating_sub(1)),
            PlaybackCmd::First => manual(&mut s, 0),
            PlaybackCmd::Last => manual(&mut s, self.last()),
            PlaybackCmd::Goto(i) => manual(&mut s, i),
            PlaybackCmd::Deciding => {
                if let Some(d) = self.deciding {
                    manual(&mut s, d);
                }
            }
            PlaybackCmd::Toggle | PlaybackCmd::Play | PlaybackCmd::Pause => {
                let play = match cmd {
                    PlaybackCmd::Toggle => !self.playing,
                    c => c == PlaybackCmd::Play,
                };
                // Playing takes two steps at least; at the end it starts over.
                if play != self.playing && (!play || self.len > 1) {
                    if play && self.at_end() {
                        s.index = 0;
                    }
                    s.playing = play;
                    s.generation += 1;
                }
            }
            PlaybackCmd::SetSpeed(v) => {
                s.speed = v;
                s.generation += 1;
            }
            PlaybackCmd::Tick(g) => {
                if g == self.generation && self.playing {
                    s.index = (self.index + 1).min(self.last());
                    if s.at_end() {
                        s.playing = false;
                    } else if !s.held && Some(s.index) == s.deciding {
                        s.playing = false;
                        s.held = true;
                    }
                }
            }
            PlaybackCmd::Reset {
                len,
                deciding,
                autoplay,
            } => {
                let mut n = Playback::new(len, deciding, autoplay);
                n.speed = self.speed;
                n.generation = self.generation + 1;
                s = n;
            }
        }
        s
    }
}

impl Reducible for Playback {
    type Action = PlaybackCmd;
    fn reduce(self: Rc<Self>, action: PlaybackCmd) -> Rc<Self> {
        let next = self.apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The keys of the diagram: ←/→ step, Space plays or pauses, Home/End go
/// to the first/last step.
pub fn key_command(key: &str) -> Option<PlaybackCmd> {
    match key {
        "ArrowLeft" | "Left" => Some(PlaybackCmd::Prev),
        "ArrowRight" | "Right" => Some(PlaybackCmd::Next),
        " " | "Spacebar" => Some(PlaybackCmd::Toggle),
        "Home" => Some(PlaybackCmd::First),
        "End" => Some(PlaybackCmd::Last),
        _ => None,
    }
}

/// Whether the reader asked for reduced motion
/// (`matchMedia("(prefers-reduced-motion: reduce)")`). False off the web.
pub fn prefers_reduced_motion() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(w) = web_sys::window() else {
            return false;
        };
        // Through Reflect, so no extra web-sys feature is needed.
        let Ok(f) = js_sys::Reflect::get(&w, &"matchMedia".into()) else {
            return false;
        };
        let Some(f) = f.dyn_ref::<js_sys::Function>() else {
            return false;
        };
        f.call1(&w, &"(prefers-reduced-motion: reduce)".into())
            .ok()
            .and_then(|mql| js_sys::Reflect::get(&mql, &"matches".into()).ok())
            .and_then(|m| m.as_bool())
            .unwrap_or(false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Playback's state after a change, with the way to command it: for a
/// driver outside the player (an embedding page's messages).
#[derive(Clone)]
pub struct PlayerState {
    pub playback: Playback,
    /// Playback's own commands, as its buttons send them.
    pub commands: Callback<PlaybackCmd>,
}

/// Playback state and its commands, for one trace.
#[derive(Clone)]
pub struct PlaybackHandle {
    state: UseReducerHandle<Playback>,
    /// Steps without animation.
    pub reduced_motion: bool,
}

impl PlaybackHandle {
    pub fn state(&self) -> &Playback {
        &self.state
    }
    pub fn index(&self) -> usize {
        self.state.index
    }
    pub fn dispatch(&self, cmd: PlaybackCmd) {
        self.state.dispatch(cmd);
    }
    pub fn callback(&self) -> Callback<PlaybackCmd> {
        let d = self.state.dispatcher();
        Callback::from(move |c| d.dispatch(c))
    }
}

/// Plays a trace of `len` steps sealed at `deciding`. `trace` is anything
/// that changes when a new trace arrives (the steps themselves): then it
/// restarts at step 0 and plays. `decides(i)`: whether step `i` decides
/// something (it stays on screen a whole step; a pass goes by faster).
#[hook]
pub fn use_playback<T: PartialEq + Clone + 'static>(
    trace: T,
    len: usize,
    deciding: Option<usize>,
    autoplay: bool,
    decides: Rc<dyn Fn(usize) -> bool>,
    on_state: Callback<PlayerState>,
) -> PlaybackHandle {
    let reduced_motion = *use_state(prefers_reduced_motion);
    // A reader who asked for less motion gets no animation at all: the
    // path opens at its deciding step, and plays only when asked.
    let autoplay = autoplay && !reduced_motion;
    let state = use_reducer(|| {
        let p = Playback::new(len, deciding, autoplay);
        if reduced_motion {
            p.apply(PlaybackCmd::Deciding)
        } else {
            p
        }
    });
    {
        // A new trace: start over. The first render already started at 0.
        let d = state.dispatcher();
        let first = use_mut_ref(|| true);
        use_effect_with(trace, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                d.dispatch(PlaybackCmd::Reset {
                    len,
                    deciding,
                    autoplay,
                });
                if reduced_motion {
                    d.dispatch(PlaybackCmd::Deciding);
                }
            }
        });
    }
    {
        // The clock: one tick per step while playing.
        // And the state, after every change, to whoever drives playback
        // from outside (a new trace bumps `generation` too).
        let d = state.dispatcher();
        let now = (*state).clone();
        let key = (state.playing, state.index, state.generation, state.speed);
        use_effect_with(key, move |&(playing, index, generation, speed)| {
            let commands = {
                let d = d.clone();
                Callback::from(move |c| d.dispatch(c))
            };
            on_state.emit(PlayerState {
                playback: now,
                commands,
            });
            if playing {
                let ms = if decides(index) {
                    speed.step_ms()
                } else {
                    speed.pass_ms()
                };
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(Duration::from_millis(ms as u64)).await;
                    d.dispatch(PlaybackCmd::Tick(generation));
                });
            }
        });
    }
    PlaybackHandle {
        state,
        reduced_motion,
    }
}

#[derive(Properties, PartialEq)]
pub struct PlaybackControlsProps {
    pub state: Playback,
    pub on_command: Callback<PlaybackCmd>,
    /// The deciding step's words ("dropped here"), for the jump button.
    #[prop_or_default]
    pub seal: Option<AttrValue>,
}

/// Play/pause, step, first/last, jump to the deciding step, speed.
#[function_component(PlaybackControls)]
pub fn playback_controls(props: &PlaybackControlsProps) -> Html {
    let s = &props.state;
    let w = &crate::words::use_words().path;
    let cmd = |c: PlaybackCmd| {
        let cb = props.on_command.clone();
        Callback::from(move |_: MouseEvent| cb.emit(c))
    };
    let on_speed = {
        let cb = props.on_command.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(v) = Speed::parse(&el.value()) {
                cb.emit(PlaybackCmd::SetSpeed(v));
            }
        })
    };
    let empty = s.len == 0;
    let last = s.len.saturating_sub(1);
    let (play_label, play_icon) = if s.playing {
        (w.pause, Icon::Pause)
    } else if s.at_end() && s.len > 1 {
        (w.replay, Icon::Replay)
    } else {
        (w.play, Icon::Play)
    };
    let seal = props.seal.clone().unwrap_or_else(|| w.deciding.into());
    html! {
        <div class="cc-controls" role="toolbar" aria-label={w.playback}>
            <button type="button" class="cc-btn" onclick={cmd(PlaybackCmd::First)}
                disabled={empty || s.index == 0} aria-label={w.first.0} title={w.first.1}>{ icon(Icon::First) }</button>
            <button type="button" class="cc-btn" onclick={cmd(PlaybackCmd::Prev)}
                disabled={empty || s.index == 0} aria-label={w.back.0} title={w.back.1}>{ icon(Icon::Prev) }</button>
            <button type="button" class="cc-btn cc-btn-play" onclick={cmd(PlaybackCmd::Toggle)}
                disabled={s.len < 2} aria-label={play_label} title={format!("{play_label}{}", w.space)}
                aria-pressed={if s.playing { "true" } else { "false" }}>{ icon(play_icon) }</button>
            <button type="button" class="cc-btn" onclick={cmd(PlaybackCmd::Next)}
                disabled={empty || s.index >= last} aria-label={w.forward.0} title={w.forward.1}>{ icon(Icon::Next) }</button>
            <button type="button" class="cc-btn" onclick={cmd(PlaybackCmd::Last)}
                disabled={empty || s.index >= last} aria-label={w.last.0} title={w.last.1}>{ icon(Icon::Last) }</button>
            <button type="button" class="cc-btn cc-btn-seal" onclick={cmd(PlaybackCmd::Deciding)}
                disabled={s.deciding.is_none()}
                aria-label={(w.jump)(&seal)}
                title={w.jump_title}>{ format!("⚑ {seal}") }</button>
            <label class="cc-speed">
                <span>{ w.speed }</span>
                <select onchange={on_speed} aria-label={w.speed_label}>
                    { for Speed::ALL.into_iter().map(|v| html! {
                        <option value={v.value()} selected={v == s.speed}>{ v.label() }</option>
                    }) }
                </select>
            </label>
            <span class="cc-counter">
                { if empty { w.no_steps.to_string() } else { (w.step_of)(s.index + 1, s.len) } }
                if s.held_at_seal() {
                    <span class="cc-held">{ w.held }</span>
                }
            </span>
            // Announced: the deciding step and the end, not every step
            // (a step every second would drown the reader's own reading).
            <span class="cc-visually-hidden" aria-live="polite">
                if !empty && Some(s.index) == s.deciding {
                    { (w.deciding_of)(s.index + 1, s.len, &seal) }
                } else if !empty && s.at_end() {
                    { (w.last_of)(s.index + 1, s.len) }
                }
            </span>
        </div>
    }
}

#[derive(Clone, Copy)]
enum Icon {
    First,
    Prev,
    Play,
    Pause,
    Replay,
    Next,
    Last,
}

/// Button glyphs as tiny SVGs: fonts may lack ⏮/⏭.
fn icon(i: Icon) -> Html {
    let d = match i {
        Icon::First => "M2 2h2v10H2z M12 2 5 7l7 5z",
        Icon::Prev => "M11 2 4 7l7 5z",
        Icon::Play => "M4 2l8 5-8 5z",
        Icon::Pause => "M3 2h3v10H3z M8 2h3v10H8z",
        Icon::Replay => "M7 1.5 10 3.5 7 5.5z",
        Icon::Next => "M3 2l7 5-7 5z",
        Icon::Last => "M2 2l7 5-7 5z M10 2h2v10h-2z",
    };
    html! {
        <svg class="cc-icon" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={d} fill="currentColor" />
            if matches!(i, Icon::Replay) {
                <path d="M8 3.5A4 4 0 1 0 11 7" fill="none" stroke="currentColor" stroke-width="1.6" />
            }
        </svg>
    }
}
