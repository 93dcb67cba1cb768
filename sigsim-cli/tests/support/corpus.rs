//! The runnable corpus, shared by the CLI's tests that play it
//! (`differential.rs`, `script.rs`; included by path).

use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// `corpus/NNN-*.json`, in order (not their recorded outcomes).
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
