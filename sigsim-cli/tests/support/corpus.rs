//! The runnable corpus and the gallery, shared by the CLI's tests that
//! play them (`differential.rs`, `script.rs`, `gallery.rs`; included by
//! path).

use std::path::{Path, PathBuf};

#[allow(dead_code)] // Not every test that includes this file plays the corpus.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// `corpus/NNN-*.json`, in order (not their recorded outcomes).
#[allow(dead_code)]
pub fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus/")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json")
                && !name.ends_with(".outcome.json")
                && name.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    files.sort();
    files
}

/// The gallery: `scenarios/*.json` but the app's default world (which has
/// no actions, so no outcome) and the recorded outcomes, sorted.
#[allow(dead_code)] // Not every test that includes this file plays the gallery.
pub fn gallery() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("scenarios/")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".json") && !name.ends_with(".outcome.json") && name != "default.json"
        })
        .collect();
    files.sort();
    files
}
