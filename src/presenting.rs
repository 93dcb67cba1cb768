//! How the page looks in its room: the theme (the reader's system setting,
//! light, dark or high contrast) and the presenter scale (A−/A+), both
//! choices about the page, not the session: remembered in this browser
//! (never by an embed, which takes `?theme=` from its host) and applied to
//! `<html>` as `data-theme` and `data-scale` (static/app.css).

pub use crate::embed::Theme;
use crate::permalink::Store;

/// The presenter scales, in percent of the page's own size: small enough
/// to fit a 1280×720 projector at a glance, large enough to read from the
/// back of a room at 1920×1080.
pub const SCALES: [u16; 7] = [85, 100, 115, 130, 150, 175, 200];
/// 100 %.
pub const DEFAULT_SCALE: u8 = 1;

/// The page's look: a choice about the page, not the session (no undo,
/// not in a link).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    pub theme: Theme,
    /// An index into [`SCALES`].
    pub scale: u8,
}

impl Default for Look {
    fn default() -> Look {
        Look {
            theme: Theme::Auto,
            scale: DEFAULT_SCALE,
        }
    }
}

pub const THEME_KEY: &str = "sigscope.theme";
pub const SCALE_KEY: &str = "sigscope.scale";

/// One step larger (`up`) or smaller, within [`SCALES`].
pub fn scale_step(scale: u8, up: bool) -> u8 {
    let last = SCALES.len() as u8 - 1;
    match up {
        true => scale.saturating_add(1).min(last),
        false => scale.saturating_sub(1).min(last),
    }
}

/// The scale's percentage (an index out of range reads as 100 %).
pub fn percent(scale: u8) -> u16 {
    SCALES.get(scale as usize).copied().unwrap_or(100)
}

/// The page's theme and scale at load: `?theme=` first, then what the
/// reader chose here before, then the system's theme at 100 %.
pub fn initial(param: Option<Theme>, store: &impl Store) -> Look {
    let theme = param
        .or_else(|| {
            let t = store.get(THEME_KEY)?;
            Theme::ALL.into_iter().find(|th| th.name() == t)
        })
        .unwrap_or(Theme::Auto);
    let scale = store
        .get(SCALE_KEY)
        .and_then(|s| s.parse::<u8>().ok())
        .filter(|&s| (s as usize) < SCALES.len())
        .unwrap_or(DEFAULT_SCALE);
    Look { theme, scale }
}

/// The browser's side: `<html>`'s attributes and local storage.
pub mod browser {
    use super::{Look, Theme, SCALE_KEY, THEME_KEY};
    use crate::permalink::Store;

    pub fn initial(param: Option<Theme>, embed: bool) -> Look {
        if embed {
            super::initial(param, &crate::permalink::browser::Local::nothing())
        } else {
            super::initial(param, &crate::permalink::browser::storage())
        }
    }

    /// Marks `<html>` for the styles, and remembers the choice unless the
    /// page is an embed.
    pub fn apply(Look { theme, scale }: Look, remember: bool) {
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("data-theme", theme.name());
            let _ = html.set_attribute("data-scale", &scale.to_string());
        }
        if remember {
            let store = crate::permalink::browser::storage();
            let _ = store.set(THEME_KEY, theme.name());
            let _ = store.set(SCALE_KEY, &scale.to_string());
        }
    }

    /// Whether the page may go full screen (an iframe without
    /// `allowfullscreen` may not).
    pub fn can_go_full_screen() -> bool {
        document().is_some_and(|d| d.fullscreen_enabled())
    }

    pub fn is_full_screen() -> bool {
        document().is_some_and(|d| d.fullscreen_element().is_some())
    }

    /// The page's document; none where there is no browser (the tests
    /// render the page natively).
    fn document() -> Option<web_sys::Document> {
        #[cfg(target_arch = "wasm32")]
        return web_sys::window().and_then(|w| w.document());
        #[cfg(not(target_arch = "wasm32"))]
        None
    }

    /// Into full screen, or out of it.
    pub fn toggle_full_screen() {
        let Some(doc) = document() else {
            return;
        };
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        } else if let Some(html) = doc.document_element() {
            // Refused (no user gesture, a policy): the page stays as it is.
            let _ = html.request_fullscreen();
        }
    }
}
