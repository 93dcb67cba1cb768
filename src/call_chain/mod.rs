//! # call_chain — the kernel path of one send, step by step
//!
//! The blog post's diagram (kill → … → `__send_signal`) for the signal the
//! user just sent, driven only by the port's trace: every lit edge, every
//! value and every sentence comes from a [`sigsim::trace::TraceStep`].
//!
//! ## README: wiring it into the app
//!
//! Add `pub mod call_chain;` to `src/lib.rs` and
//! `<link data-trunk rel="css" href="static/call_chain.css" />` to
//! `index.html`. Then, for the trace of the action to show (one element of
//! `sigsim::simulate(..).1`, or `World::apply_next()?.trace`):
//!
//! ```text
//! use sigscope::call_chain::{CallChainPlayer, ComparePaths, path};
//! let steps: Rc<Vec<TraceStep>> = Rc::new(step.trace);
//! html! {
//!     <CallChainPlayer steps={steps.clone()} version={state.version}
//!         on_focus_step={Callback::from(move |i: Option<usize>| {
//!             // highlight in the tree: caller, target and the levels compared
//!             let focus = i.map(|i| path::step_focus(&steps, i));
//!             dispatch(Verb::FocusStep(focus));
//!         })} />
//! }
//! ```
//!
//! * [`CallChainPlayer`] (props `steps`, `version`, optional `compare`,
//!   `on_focus_step: Callback<Option<usize>>`, `autoplay` = true,
//!   `source` = true, `label`): diagram + [`PlaybackControls`] +
//!   [`SourcePane`], hover linked between diagram and source. Playback is
//!   its own state: a new `steps` restarts at step 0 and plays. Keys ←/→,
//!   Space, Home/End work while the diagram has focus; with
//!   `prefers-reduced-motion` it steps without animation.
//! * [`CallChain`] (props `steps`, `version`, `current`, optional `compare`,
//!   `hover: Option<usize>`, `on_hover: Callback<Option<usize>>`,
//!   `on_command: Callback<PlaybackCmd>`, `on_focus_step`, `label`,
//!   `reduced_motion`, `step_ms`, `compact_list`, `callout`, `mark_current`):
//!   the SVG alone, controlled — for an app that keeps its own playback.
//! * [`use_playback`]`(trace, len, deciding, autoplay, decides, on_state)` → [`PlaybackHandle`]
//!   and [`PlaybackControls`] (props `state: Playback`,
//!   `on_command: Callback<PlaybackCmd>`, `seal`).
//! * [`SourcePane`] (props `steps`, `version`, `current`, `hover`,
//!   `on_hover`): the port's own function behind the step, its line lit, a
//!   Bootlin Elixir link to the same function in that version.
//! * [`ComparePaths`] (props `version`, `a`, `b`, `a_label`, `b_label`,
//!   `on_hover`): two sends on one diagram and side by side, the step
//!   where they part and where the difference was decided.
//!
//! `on_hover` and `hover` carry a step index into `steps`;
//! `on_focus_step` carries the current step index (None when the trace is
//! empty). [`path::step_focus`] turns it into what the tree needs: the
//! caller, the process examined, and at `send_signal[_locked]` the PID
//! numbers per level compared (`task_pid_nr_ns(current, target ns)`).
//!
//! The version selector lives in the app: pass the `version` the trace was
//! made with (`plan.version`), so names, rules and links agree.
//!
//! ## Code map
//!
//! * [`chain`] — the static graph per version: nodes (names as the port
//!   emits them, upstream file, rename notes), calls, layout.
//! * [`path`] — pure view model: which edges each step walked, what is lit
//!   at step *i*, the deciding step, where two traces part.
//! * [`source`] — the port's source, cut into functions: embedded with
//!   `include_str!` natively, fetched from the build's `port/` folder on
//!   first use in the browser ([`source::provide`] hands it in directly).
//! * [`playback`], [`diagram`], [`source_pane`], [`compare`], [`player`] —
//!   the components; [`events`] — their delegated pointer/focus listeners
//!   (`data-step` attributes instead of a closure per node).
//!
//! Screenshots without a browser build: `cargo run --example
//! call_chain_shots -- target/call_chain_shots --screenshot` (server-side
//! rendering + headless Chromium; `--version 5.10`, `--end`, `--at FUNC`).
//!
//! Weight (release, wasm-opt -Oz, gzip): the diagram alone adds about
//! 23 KB to the bundle; the player with the source pane and the compare
//! view about 73 KB if the port source were embedded (about 22 KB); the
//! browser build fetches it instead (`port/*.rs`, about 25 KB gzip, only
//! when the source pane first shows).
//!
//! Styles: `static/call_chain.css` (every class starts with `cc-`).

pub mod chain;
pub mod compare;
pub mod diagram;
pub mod events;
pub mod fold;
pub mod path;
pub mod playback;
pub mod player;
pub mod source;
pub mod source_pane;

pub use compare::ComparePaths;
pub use diagram::CallChain;
pub use playback::{use_playback, Playback, PlaybackCmd, PlaybackControls, PlaybackHandle, Speed};
pub use player::{CallChainPlayer, PlayerState};
pub use source_pane::SourcePane;
