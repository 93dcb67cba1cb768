//! The page, as small function components. They read plain data (mostly
//! from [`crate::view_model`]) through props and change things only by
//! dispatching [`crate::session::Verb`]s through the [`Dispatch`] context.

pub mod app;
pub mod controls;
pub mod embed;
pub mod event_log;
pub mod gallery;
pub mod kernel_path;
pub mod legend;
pub mod lesson;
pub mod namespace_tree;
pub mod outcome_panel;
pub mod predict;
pub mod presenting;
pub mod preset_card;
pub mod process_editor;
pub mod process_node;
pub mod sender_picker;
pub mod share_export;
pub mod signal_palette;
pub mod toolbar;
pub mod world_builder;

use crate::session::{AppState, Verb};
use yew::prelude::*;

/// How components change the session: by dispatching verbs.
pub type Dispatch = UseReducerDispatcher<AppState>;

/// The dispatcher of the enclosing [`app::App`].
#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("components are rendered inside App")
}

/// A callback that dispatches a fixed verb, whatever the event.
pub fn verb_callback<E>(d: &Dispatch, verb: Verb) -> Callback<E> {
    let d = d.clone();
    Callback::from(move |_| d.dispatch(verb.clone()))
}

/// Who made a call, as the page names it: the process, or the kernel in
/// the page's language.
pub fn actor<'a>(s: &'a crate::replay::StepRecord, w: &'static crate::words::Words) -> &'a str {
    if s.by_kernel {
        w.app.the_kernel
    } else {
        &s.actor
    }
}
