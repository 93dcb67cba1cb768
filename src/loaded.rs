//! Texts the page loads at run time and keeps for its life: the port's
//! source files (the source pane) and the gallery's scenarios. A few small
//! files, each loaded at most once, so each is leaked to `'static` and the
//! readers borrow it freely.

use std::cell::RefCell;

/// Loaded texts by key (a port file's path, a preset's name).
pub struct Loaded(RefCell<Vec<(&'static str, &'static str)>>);

impl Loaded {
    pub const fn new() -> Loaded {
        Loaded(RefCell::new(Vec::new()))
    }

    pub fn get(&self, key: &str) -> Option<&'static str> {
        self.0
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, t)| *t)
    }

    /// Keeps `text` under `key`, unless a text is there already.
    pub fn keep(&self, key: &'static str, text: String) {
        if self.get(key).is_none() {
            let text: &'static str = Box::leak(text.into_boxed_str());
            self.0.borrow_mut().push((key, text));
        }
    }
}

impl Default for Loaded {
    fn default() -> Loaded {
        Loaded::new()
    }
}
