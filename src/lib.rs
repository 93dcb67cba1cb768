//! sigscope: a single-page app that shows what the Linux kernel does with a
//! signal across PID namespaces.
//!
//! The kernel port (`sigsim`) decides everything; this crate only keeps the
//! session and draws it:
//!
//! - [`session`] is the one reducer: its verbs are what the user does, its
//!   state is a `sigscene/1` [`sigsim::Scenario`] (starting world + actions)
//!   plus a few UI choices.
//! - [`replay`] derives the displayed world by replaying that scenario
//!   through the port — there is no parallel model of the kernel here.
//! - [`explain`] turns a step's trace into the one sentence the page shows.
//! - [`send`] builds the calls a drop makes and previews them.
//! - [`view_model`] flattens the world into plain data for the components.
//! - [`components`] are small function components that render that data.
//! - [`panic`] keeps a panic from leaving a dead page.
//! - [`embed`] reads the embed's parameters and the postMessage commands.
//! - [`words`] holds every word the page shows, per language.
//! - [`gallery`] loads the gallery's scenarios and lists the myths they refute.
//! - [`compression`] is the browser's deflate, for shorter permalinks.
//! - [`picture`] draws the namespace tree as an SVG picture to export.
//!
//! Architecture invariant: nothing in this crate decides what the kernel
//! does; an edit the port refuses is refused with the port's reason.

pub mod call_chain;
pub mod components;
pub mod compression;
pub mod default_world;
pub mod embed;
pub mod explain;
pub mod gallery;
pub mod lesson;
pub mod palette;
pub mod panic;
pub mod permalink;
pub mod picture;
pub mod presenting;
pub mod replay;
pub mod send;
pub mod session;
pub mod view_model;
pub mod words;

pub use components::app::App;
