//! `sigsim::gallery`: the embedded list is the directory, in groups, and
//! its lookups (`find`, `matches`, `groups`) do what the page needs.

use sigsim::describe::Lang;
use sigsim::gallery::{find, groups, matches, NAMES, PRESETS};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn the_presets_are_the_gallery_files_each_named_by_its_stem() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let on_disk: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !n.ends_with(".outcome.json") && n != "default.json")
        .map(|n| n.trim_end_matches(".json").to_string())
        .collect();
    let listed: BTreeSet<String> = PRESETS.iter().map(|p| p.name.to_string()).collect();
    assert_eq!(listed.len(), PRESETS.len(), "a preset listed twice");
    assert_eq!(listed, on_disk, "PRESETS and scenarios/ differ");
    for p in PRESETS {
        let s = p.scenario().unwrap_or_else(|e| panic!("{}: {e}", p.name));
        assert_eq!(s.meta.as_ref().map(|m| m.name.as_str()), Some(p.name));
        sigsim::validate(&s).unwrap_or_else(|e| panic!("{}: {e}", p.name));
    }
}

#[test]
fn the_page_s_names_are_the_presets_in_their_order() {
    let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
    assert_eq!(names, NAMES);
}

#[test]
fn the_presets_of_a_group_are_next_to_each_other() {
    let scenarios: Vec<_> = PRESETS.iter().map(|p| p.scenario().unwrap()).collect();
    let metas: Vec<_> = scenarios.iter().map(|s| s.meta.as_ref().unwrap()).collect();
    let gs = groups(&metas);
    assert!(gs.len() >= 6);
    let flat: Vec<usize> = gs.concat();
    assert_eq!(flat, (0..PRESETS.len()).collect::<Vec<_>>());
    assert_eq!(
        metas[gs[0][0]].group.get(Lang::En),
        "Can a container's PID 1 be killed or stopped?"
    );
}

#[test]
fn find_knows_every_preset_and_nothing_else() {
    assert_eq!(find("uid-eperm").unwrap().name, "uid-eperm");
    assert!(find("default").is_none());
    assert!(find("").is_none());
    assert!(find("../corpus/001").is_none());
}

#[test]
fn search_matches_every_word_in_either_language_ignoring_case() {
    let s = find("docker-stop-with-handler")
        .unwrap()
        .scenario()
        .unwrap();
    let m = s.meta.as_ref().unwrap();
    assert!(matches(m, ""));
    assert!(matches(m, "  "));
    assert!(matches(m, "DOCKER stop"));
    assert!(matches(m, "sigterm 处理函数"));
    assert!(matches(m, "with-handler"), "the name too");
    assert!(!matches(m, "docker tgkill"));
    let hits: Vec<_> = PRESETS
        .iter()
        .filter(|p| matches(p.scenario().unwrap().meta.as_ref().unwrap(), "僵尸进程"))
        .map(|p| p.name)
        .collect();
    assert_eq!(hits, ["zombies-reaped-when-init-dies"]);
}
