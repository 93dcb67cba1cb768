//! The browser's local storage, in memory, for the tests of what the page
//! keeps and restores (`tests/reducer.rs`, `tests/embed.rs`; included by
//! path). A full one refuses every write, as a browser over its quota does.

use sigscope::permalink::{kept_from_storage, Kept, Store, QUARANTINE_KEY};
use std::cell::RefCell;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Mem {
    pub items: RefCell<BTreeMap<String, String>>,
    pub full: bool,
}

impl Store for Mem {
    fn get(&self, key: &str) -> Option<String> {
        self.items.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), String> {
        if self.full {
            return Err("Setting the value of 'x' exceeded the quota.".into());
        }
        self.items.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.items.borrow_mut().remove(key);
    }
}

#[allow(dead_code)] // each including test uses its own part
impl Mem {
    pub fn with(key: &str, value: &str) -> Mem {
        let m = Mem::default();
        m.set(key, value).unwrap();
        m
    }

    /// What is kept aside in it.
    pub fn kept(&self) -> Vec<Kept> {
        self.get(QUARANTINE_KEY)
            .map(|t| kept_from_storage(&t))
            .unwrap_or_default()
    }
}
