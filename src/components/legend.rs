//! What the marks on a process mean.

use crate::words::use_words;
use yew::prelude::*;

/// Static markup, kept as one string per language (the catalogue's): as
/// `html!` it compiled to ~5 KB of wasm that only rebuilt the same nodes.
#[function_component(Legend)]
pub fn legend() -> Html {
    Html::from_html_unchecked(AttrValue::Static(use_words().legend_html))
}
