//! Every word the page shows, in one place per language: [`en`] and
//! [`zh`] (简体中文). Components read the catalogue of the page's language
//! with [`use_words`]; what the session says about an edit or a send is a
//! [`Msg`] (a fact with its values), worded only when it is shown, so that
//! switching the language rewords what is already on the page.
//!
//! Architecture invariant: code never matches the text it displays; the
//! explanations of the kernel's decisions come from `sigsim::describe`,
//! never from strings here.

pub mod en;
pub mod zh;

pub use sigsim::describe::Lang;
use yew::prelude::*;

/// The catalogue of one language. Each part belongs to one area of the
/// page; a `fn` field words a sentence with values in it.
pub struct Words {
    /// The `lang` of `<html>` and of the page's language switch.
    pub lang: Lang,
    pub app: AppWords,
    pub toolbar: ToolbarWords,
    pub embed: EmbedWords,
    pub present: PresentWords,
}

pub struct AppWords {
    pub skip_to_tree: &'static str,
    pub tagline: &'static str,
    pub send_region: &'static str,
    pub details_region: &'static str,
    /// The sender when the kernel itself sends (SEND_SIG_PRIV).
    pub the_kernel: &'static str,
}

pub struct ToolbarWords {
    pub kernel: &'static str,
    pub kernel_version: &'static str,
    pub undo: &'static str,
    pub undo_title: &'static str,
    pub redo: &'static str,
    pub redo_title: &'static str,
    pub reset: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub share: &'static str,
    pub import_export: &'static str,
    pub close_import_export: &'static str,
    pub session_file: &'static str,
    pub apply_json: &'static str,
    pub download: &'static str,
    pub load_file: &'static str,
    pub permalink: &'static str,
    pub snippet_label: &'static str,
    /// The `title` of the share menu's iframe snippet.
    pub snippet_title: &'static str,
    /// The language switch: its name, and each language in its own words.
    pub language: &'static str,
}

/// The theme switch, the presenter scale and full screen.
pub struct PresentWords {
    pub theme: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_contrast: &'static str,
    pub smaller: &'static str,
    pub larger: &'static str,
    /// "Text size: 130 %".
    pub scale_now: fn(u16) -> String,
    pub full_screen: &'static str,
    pub leave_full_screen: &'static str,
}

pub struct EmbedWords {
    pub open: &'static str,
    pub open_title: &'static str,
}

/// The catalogue of `lang`.
pub fn of(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &en::WORDS,
        Lang::Zh => &zh::WORDS,
    }
}

/// `lang` of `<html>`.
pub fn html_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// Each language named in its own words, for the switch.
pub fn own_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "简体中文",
    }
}

/// The page's language from a language tag (`?lang=`, `navigator.languages`):
/// any Chinese reads the Simplified catalogue, the only Chinese there is.
pub fn from_tag(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The catalogue of the enclosing page's language (the `Lang` context of
/// [`crate::App`]; English outside it).
#[hook]
pub fn use_words() -> &'static Words {
    of(use_context::<Lang>().unwrap_or(Lang::En))
}

/// Where the language the reader chose is remembered (not in an embed).
pub const LANG_KEY: &str = "sigscope.lang";

/// The page's language: the link's `?lang=`, else the one the reader chose
/// here before, else the browser's first language the page has, else
/// English.
pub fn initial_lang(
    param: Option<Lang>,
    store: &impl crate::permalink::Store,
    browser_tags: &[String],
) -> Lang {
    param
        .or_else(|| store.get(LANG_KEY).and_then(|t| Lang::parse(&t)))
        .or_else(|| browser_tags.iter().find_map(|t| from_tag(t)))
        .unwrap_or(Lang::En)
}

/// The browser's side: its languages, the remembered choice, `<html lang>`.
pub mod browser {
    use super::{html_tag, Lang, LANG_KEY};
    use crate::permalink::Store;

    /// `navigator.languages`, most preferred first.
    pub fn languages() -> Vec<String> {
        let Some(w) = web_sys::window() else {
            return Vec::new();
        };
        w.navigator()
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }

    /// The language the page starts in (see [`super::initial_lang`]).
    pub fn initial(param: Option<Lang>, embed: bool) -> Lang {
        let store = if embed {
            crate::permalink::browser::Local::nothing()
        } else {
            crate::permalink::browser::storage()
        };
        super::initial_lang(param, &store, &languages())
    }

    /// `<html lang>` follows the page, and a reader's choice is remembered
    /// (an embed remembers nothing).
    pub fn apply(lang: Lang, remember: bool) {
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", html_tag(lang));
        }
        if remember {
            let _ = crate::permalink::browser::storage().set(LANG_KEY, lang.tag());
        }
    }
}
