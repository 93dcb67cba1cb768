//! `sigsim script`: the shell script a learner runs on their own kernel.
//!
//! - Without root: the script of every corpus scenario it can express is
//!   valid sh (`sh -n`), names every process and never uses pkill or
//!   killall; the scenarios it cannot express are refused with a reason
//!   per feature, by the library and by the command (status 2).
//! - As root (`#[ignore = "needs root"]`, run with `--include-ignored` as
//!   the real-kernel tests are): every corpus scenario a script can
//!   express is run with `--json` under a timeout and compared with the
//!   port's outcome — ret, each process's state and the signal that killed
//!   it, and the handled signals by process (a shell sees no si_pid or
//!   si_code). Prints `script agree N/M`; afterwards no process of any
//!   script may be left.

use sigsim::script::{script, Unsupported};
use sigsim::Scenario;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/corpus.rs"]
mod support;
use support::corpus;

#[path = "support/scripts.rs"]
mod scripts;
use scripts::{run_and_compare, scratch};

fn scenario(path: &Path) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The corpus scenarios a script can express, with their scripts.
fn supported() -> Vec<(PathBuf, Scenario, String)> {
    corpus()
        .into_iter()
        .filter_map(|p| {
            let s = scenario(&p);
            script(&s).ok().map(|text| (p, s, text))
        })
        .collect()
}

fn sigsim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sigsim"))
}

#[test]
fn most_of_the_corpus_can_be_a_script() {
    let n = supported().len();
    assert!(n >= 60, "only {n} corpus scenarios can be scripts");
}

#[test]
fn every_script_is_valid_sh_and_names_every_process() {
    let dir = scratch("syntax");
    for (path, s, text) in supported() {
        let file = dir.join(name(&path)).with_extension("sh");
        std::fs::write(&file, &text).unwrap();
        let out = Command::new("sh").arg("-n").arg(&file).output().unwrap();
        assert!(
            out.status.success(),
            "{}: sh -n: {}",
            name(&path),
            String::from_utf8_lossy(&out.stderr)
        );
        for p in &s.processes {
            assert!(
                text.contains(&format!("# Process {} (", p.id)),
                "{}: no block for process {}",
                name(&path),
                p.id
            );
        }
        for word in ["pkill", "killall"] {
            assert!(!text.contains(word), "{}: uses {word}", name(&path));
        }
        assert!(text.starts_with("#!/bin/sh\n"), "{}", name(&path));
        assert!(text.contains("trap cleanup EXIT"), "{}", name(&path));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_command_prints_the_libraries_script() {
    let path = corpus()
        .into_iter()
        .find(|p| name(p).starts_with("036-"))
        .unwrap();
    let out = sigsim().arg("script").arg(&path).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        script(&scenario(&path)).unwrap()
    );
}

fn reasons(prefix: &str) -> Unsupported {
    let path = corpus()
        .into_iter()
        .find(|p| name(p).starts_with(prefix))
        .unwrap();
    script(&scenario(&path)).expect_err(prefix)
}

fn has(u: &Unsupported, path: &str, word: &str) -> bool {
    u.reasons
        .iter()
        .any(|r| r.path == path && r.why.contains(word))
}

#[test]
fn script_refuses_a_blocked_mask() {
    let u = reasons("051-");
    assert!(
        u.reasons
            .iter()
            .any(|r| r.path.ends_with(".blocked") && r.why.contains("sigprocmask")),
        "{u}"
    );
}

#[test]
fn script_refuses_tgkill_pidfd_and_kernel_sends() {
    assert!(has(&reasons("119-"), "actions[0].tgkill", "tgkill"));
    assert!(has(
        &reasons("126-"),
        "actions[0].pidfd_send_signal",
        "pidfd"
    ));
    let oom = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus/sim-only/001-oom-kill-container-init.json");
    let u = script(&scenario(&oom)).unwrap_err();
    assert!(
        u.reasons.iter().any(|r| r.why.contains("only the kernel")),
        "{u}"
    );
}

#[test]
fn script_refuses_a_new_group_and_a_refused_spawn() {
    let u = reasons("130-");
    assert!(
        u.reasons
            .iter()
            .any(|r| r.path.ends_with(".group") && r.why.contains("setpgid")),
        "{u}"
    );
    let u = reasons("090-");
    assert!(
        u.reasons
            .iter()
            .any(|r| r.path == "actions[1].spawn" && r.why.contains("ENOMEM")),
        "{u}"
    );
}

#[test]
fn script_lists_every_unsupported_feature() {
    let s: Scenario = serde_json::from_str(
        r#"{"format": "sigscene/1",
            "namespaces": [{"id": "host"}],
            "processes": [{"id": "init", "ns": "host"},
                          {"id": "a", "ns": "host", "parent": "init", "blocked": ["SIGUSR1"],
                           "signals": {"SIGCHLD": "ignore"}}],
            "actions": [{"from": "a", "tgkill": 1, "sig": "SIGTERM"},
                        {"from": "a", "kill": 1, "sig": 99}]}"#,
    )
    .unwrap();
    let u = script(&s).unwrap_err();
    let paths: Vec<&str> = u.reasons.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "processes[1].blocked",
            "processes[1].signals.SIGCHLD",
            "actions[0].tgkill",
            "actions[1].sig"
        ]
    );
}

#[test]
fn sigsim_script_lists_the_reasons_and_exits_2() {
    let path = corpus()
        .into_iter()
        .find(|p| name(p).starts_with("051-"))
        .unwrap();
    let out = sigsim().arg("script").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cannot express"), "{err}");
    assert!(
        err.contains(".blocked: a shell cannot block signals"),
        "{err}"
    );
}

#[test]
fn sigsim_script_reports_an_invalid_scenario_as_sigsim_does() {
    let dir = scratch("invalid");
    let file = dir.join("bad.json");
    std::fs::write(
        &file,
        r#"{"format": "sigscene/1", "namespaces": [{"id": "h"}],
            "processes": [{"id": "i", "ns": "h", "signals": {"SIGKILL": "catch"}}]}"#,
    )
    .unwrap();
    let out = sigsim().arg("script").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("processes[0].signals.SIGKILL: "), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[ignore = "needs root"]
fn every_supported_corpus_script_agrees_with_the_port() {
    let only = std::env::var("SIGSIM_SCRIPT_ONLY").ok();
    let chosen: Vec<_> = supported()
        .into_iter()
        .filter(|(path, _, _)| only.as_deref().is_none_or(|o| name(path).starts_with(o)))
        .collect();
    let (agree, total, wrong) = run_and_compare(&chosen, "run");
    println!("script agree {agree}/{total}");
    assert!(
        wrong.is_empty(),
        "script agree {agree}/{total}; disagreements:\n{}",
        wrong.join("\n")
    );
}
