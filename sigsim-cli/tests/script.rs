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

use sigsim::outcome::Outcome;
use sigsim::script::{script, Unsupported};
use sigsim::Scenario;
use sigsim_cli::diff::port_outcome;
use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "support/corpus.rs"]
mod support;
use support::corpus;

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

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sigsim-script-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

// --- As root: the scripts against the port --------------------------------

/// What a script's JSON says, in the terms compared: per step the ret,
/// each process's state and death signal (None when the script could not
/// see it), and the handled signals as a sorted list of (process, sig).
#[derive(Debug, PartialEq)]
struct Seen {
    ret: String,
    processes: BTreeMap<String, (String, Option<String>)>,
    handled: Vec<(String, String)>,
}

fn seen_from_json(v: &serde_json::Value) -> Vec<Seen> {
    let steps = v["steps"].as_array().expect("steps");
    steps
        .iter()
        .map(|s| {
            let ret = match &s["ret"] {
                serde_json::Value::String(e) => e.clone(),
                other => other.to_string(),
            };
            let processes = s["processes"]
                .as_object()
                .expect("processes")
                .iter()
                .map(|(id, p)| {
                    let state = p["state"].as_str().unwrap().to_string();
                    let signal = if p.get("signal_unseen").is_some() {
                        None
                    } else {
                        Some(p.get("signal").map(|x| x.to_string()).unwrap_or_default())
                    };
                    (id.clone(), (state, signal))
                })
                .collect();
            let mut handled: Vec<(String, String)> = s
                .get("handled")
                .and_then(|h| h.as_array())
                .map(|h| {
                    h.iter()
                        .map(|e| {
                            (
                                e["process"].as_str().unwrap().to_string(),
                                e["sig"].to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            handled.sort();
            Seen {
                ret,
                processes,
                handled,
            }
        })
        .collect()
}

/// The port's outcome in the same terms, through its own JSON.
fn seen_from_port(o: &Outcome) -> Vec<Seen> {
    seen_from_json(&serde_json::to_value(o).unwrap())
}

/// Where the script and the port differ, or None. A death the script did
/// not see (reaped before it looked) is compared by state only.
fn difference(script: &[Seen], port: &[Seen]) -> Option<String> {
    if script.len() != port.len() {
        return Some(format!("{} steps vs {}", script.len(), port.len()));
    }
    for (i, (a, b)) in script.iter().zip(port).enumerate() {
        if a.ret != b.ret {
            return Some(format!(
                "steps[{i}].ret: script {} vs port {}",
                a.ret, b.ret
            ));
        }
        if a.processes.len() != b.processes.len() {
            return Some(format!("steps[{i}].processes: different processes"));
        }
        for (id, (state, signal)) in &a.processes {
            let Some((pstate, psignal)) = b.processes.get(id) else {
                return Some(format!("steps[{i}].processes.{id}: not in the port's"));
            };
            if state != pstate || (signal.is_some() && signal != psignal) {
                return Some(format!(
                    "steps[{i}].processes.{id}: script {state} {signal:?} vs port {pstate} {psignal:?}"
                ));
            }
        }
        if a.handled != b.handled {
            return Some(format!(
                "steps[{i}].handled: script {:?} vs port {:?}",
                a.handled, b.handled
            ));
        }
    }
    None
}

/// Runs `sh FILE --json` in its own process group; on timeout the whole
/// group is killed and the run is a failure.
fn run_script(file: &Path, tmp: &Path, limit: Duration) -> Result<String, String> {
    let mut child = Command::new("sh")
        .arg(file)
        .arg("--json")
        .env("TMPDIR", tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > limit {
            // The group this test made: the script and its unshare.
            unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
            let _ = child.wait();
            return Err(format!("timed out after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = String::new();
    let mut err = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    if !status.success() {
        return Err(format!("{status}: {}", err.trim()));
    }
    Ok(out)
}

/// Processes whose environment names `tmp`: every scenario process and
/// unshare carry `dir=TMP/sigscope.…`.
fn left_behind(tmp: &Path) -> Vec<String> {
    let needle = format!("dir={}/", tmp.display());
    let mut left = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let pid = e.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Ok(env) = std::fs::read(e.path().join("environ")) {
            if env
                .split(|b| *b == 0)
                .any(|v| v.starts_with(needle.as_bytes()))
            {
                left.push(pid);
            }
        }
    }
    left
}

#[test]
#[ignore = "needs root"]
fn every_supported_corpus_script_agrees_with_the_port() {
    assert_eq!(unsafe { libc::geteuid() }, 0, "run as root");
    let tmp = scratch("run");
    let only = std::env::var("SIGSIM_SCRIPT_ONLY").ok();
    let mut agree = 0;
    let mut total = 0;
    let mut wrong = Vec::new();
    for (path, _, text) in supported() {
        if only.as_deref().is_some_and(|o| !name(&path).starts_with(o)) {
            continue;
        }
        total += 1;
        let file = tmp.join(name(&path)).with_extension("sh");
        std::fs::write(&file, &text).unwrap();
        let plan = sigsim::validate(&scenario(&path)).unwrap();
        let port = seen_from_port(&port_outcome(&plan).unwrap());
        let verdict = run_script(&file, &tmp, Duration::from_secs(60)).and_then(|out| {
            let line = out.lines().last().ok_or("no output")?;
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))?;
            if v["format"] != "sigscene-outcome/1" {
                return Err(format!("not an outcome: {line}"));
            }
            match difference(&seen_from_json(&v), &port) {
                None => Ok(()),
                Some(d) => Err(d),
            }
        });
        match verdict {
            Ok(()) => agree += 1,
            Err(e) => wrong.push(format!("{}: {e}", name(&path))),
        }
        let left = left_behind(&tmp);
        assert!(
            left.is_empty(),
            "{}: processes left behind: {left:?}",
            name(&path)
        );
    }
    println!("script agree {agree}/{total}");
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(
        wrong.is_empty(),
        "script agree {agree}/{total}; disagreements:\n{}",
        wrong.join("\n")
    );
}
