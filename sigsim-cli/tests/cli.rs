//! The `sigsim` command as a user runs it: outcomes on stdout, one line on
//! stderr and exit 2 for a bad scenario, never a panic or a partial outcome.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sigsim(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sigsim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sigsim runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn corpus(sub: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus")
        .join(sub);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().ends_with(".json")
                && !p.to_string_lossy().ends_with(".outcome.json")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_invalid_scenario_exits_2_naming_its_field() {
    let files = corpus("invalid");
    assert!(files.len() >= 15);
    for f in files {
        let out = sigsim(&[f.to_str().unwrap()], None);
        let err = String::from_utf8(out.stderr).unwrap();
        let want = std::fs::read_to_string(f.with_extension("err")).unwrap();
        assert_eq!(out.status.code(), Some(2), "{}: {err}", f.display());
        assert!(
            out.stdout.is_empty(),
            "{}: printed a partial outcome",
            f.display()
        );
        assert_eq!(err.lines().count(), 1, "{}: {err}", f.display());
        assert!(
            err.starts_with(want.trim()),
            "{}: {err:?} does not start with {want:?}",
            f.display()
        );
    }
}

#[test]
fn the_simulator_only_scenarios_play() {
    for f in corpus("sim-only") {
        let out = sigsim(&[f.to_str().unwrap()], None);
        let text = String::from_utf8(out.stdout).unwrap();
        let o: sigsim::Outcome =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        assert!(!o.steps.is_empty());
    }
}

#[test]
fn a_scenario_on_stdin_prints_its_outcome_in_the_format() {
    let scenario = r#"{"format":"sigscene/1","namespaces":[{"id":"host"},{"id":"c","parent":"host"}],
      "processes":[{"id":"init","ns":"host"},{"id":"shell","ns":"host","parent":"init"},{"id":"cinit","ns":"c","parent":"shell"}],
      "actions":[{"from":"shell","kill":{"pid_of":"cinit"},"sig":"SIGTERM"},{"from":"shell","kill":{"pid_of":"cinit"},"sig":"SIGKILL"}]}"#;
    let out = sigsim(&["-"], Some(scenario));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "sigscene-outcome/1");
    assert_eq!(v["steps"][0]["ret"], 0);
    assert_eq!(v["steps"][0]["processes"]["cinit"]["state"], "running");
    assert_eq!(v["steps"][1]["processes"]["cinit"]["state"], "dead");
    assert_eq!(v["steps"][1]["processes"]["cinit"]["signal"], "SIGKILL");
    assert!(v["steps"][0].get("trace").is_none());
}

#[test]
fn trace_adds_each_steps_call_chain_with_the_deciding_line() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../corpus/001-sigterm-container-init-from-inside.json");
    let out = sigsim(&["--trace", f.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let trace = v["steps"][0]["trace"].as_array().expect("a trace per step");
    let decided = trace
        .iter()
        .find(|s| s["func"] == "sig_task_ignored")
        .expect("sig_task_ignored on the path");
    assert_eq!(decided["verdict"], "dropped");
    assert!(decided["file"].as_str().unwrap().ends_with("signal.rs"));
    assert!(decided["line"].as_u64().unwrap() > 0);
}

#[test]
fn bad_json_and_bad_usage_exit_2_with_one_line() {
    let out = sigsim(&["-"], Some("{\"format\": "));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("invalid JSON"));
    let out = sigsim(
        &["-"],
        Some(r#"{"format":"sigscene/1","namespaces":[],"processes":[],"color":1}"#),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("color: unknown field"));
    let out = sigsim(&["--bogus"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_apps_default_world_plays_on_the_cli() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/default.json");
    let out = sigsim(&[f.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "sigscene-outcome/1");
}

/// A scenario whose outcome is far larger than a pipe holds (64 KiB on
/// Linux): 200 processes, each step listing them all.
fn a_large_outcome() -> String {
    let mut processes = vec![r#"{"id":"init","ns":"h"}"#.to_string()];
    processes.extend((0..200).map(|i| format!(r#"{{"id":"p{i}","ns":"h","parent":"init"}}"#)));
    let actions: Vec<String> = (0..40)
        .map(|i| {
            format!(
                r#"{{"from":"p0","kill":{{"pid_of":"p{}"}},"sig":0}}"#,
                i + 1
            )
        })
        .collect();
    format!(
        r#"{{"format":"sigscene/1","namespaces":[{{"id":"h"}}],"processes":[{}],"actions":[{}]}}"#,
        processes.join(","),
        actions.join(",")
    )
}

#[test]
fn a_reader_that_closes_the_pipe_early_ends_the_command_quietly() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let scenario = a_large_outcome();
    // Sanity: the whole outcome would not fit in the pipe.
    assert!(sigsim(&["-"], Some(&scenario)).stdout.len() > 4 << 16);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sigsim"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sigsim runs");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(scenario.as_bytes()).unwrap();
    drop(stdin);
    // `sigsim - | head -c 100`: read a little, then go away.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.signal(), None, "killed by a signal: {err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

/// An error quoting what the input holds: one line, and no byte of it a
/// control character that a terminal would act on.
fn assert_one_escaped_line(scenario: &str, escaped: &str) {
    let out = sigsim(&["-"], Some(scenario));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let line = err.strip_suffix('\n').expect("a line");
    assert!(!line.chars().any(char::is_control), "{err:?}");
    assert!(line.contains(escaped), "{err:?} does not show {escaped}");
}

#[test]
fn a_newline_in_a_key_is_shown_escaped_on_the_one_error_line() {
    assert_one_escaped_line(
        r#"{"format":"sigscene/1","namespaces":[{"id":"h"}],"processes":[{"id":"i","ns":"h","signals":{"SIG\nX":"catch"}}]}"#,
        r"processes[0].signals.SIG\nX:",
    );
}

#[test]
fn an_escape_character_in_a_key_is_shown_escaped_not_sent_to_the_terminal() {
    assert_one_escaped_line(
        r#"{"format":"sigscene/1","namespaces":[{"id":"h"}],"processes":[{"id":"i","ns":"h","signals":{"\u001b[31m":"catch"}}]}"#,
        r"processes[0].signals.\u{1b}[31m:",
    );
    // The same through serde's own message (an unknown field).
    assert_one_escaped_line(
        r#"{"format":"sigscene/1","namespaces":[{"id":"h"}],"processes":[{"id":"i","ns":"h","x\u001b[2J":1}]}"#,
        r"unknown field `x\u{1b}[2J`",
    );
}

/// The outcome as it was printed before it was streamed: the whole
/// outcome, each step's trace added to it, through `to_string_pretty`.
fn whole_outcome_text(file: &Path, trace: Option<sigsim::describe::Lang>) -> String {
    let plan = sigsim_cli::input::load_plan(file.to_str().unwrap()).unwrap();
    let (outcome, traces) = sigsim::simulate(&plan, sigsim::Options::default(), trace.is_some())
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut v = serde_json::to_value(&outcome).unwrap();
    if let Some(lang) = trace {
        for (step, t) in v["steps"].as_array_mut().unwrap().iter_mut().zip(&traces) {
            let mut json = serde_json::to_value(t).unwrap();
            for (j, s) in json.as_array_mut().unwrap().iter_mut().zip(t) {
                j["reason"] = sigsim::describe::describe(s, lang).into();
            }
            step["trace"] = json;
        }
    }
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

#[test]
fn the_streamed_outcome_is_the_whole_outcome_byte_for_byte() {
    use sigsim::describe::Lang;
    let mut files = corpus("");
    files.extend(corpus("sim-only"));
    assert!(files.len() > 100);
    for f in &files {
        let path = f.to_str().unwrap();
        for (flags, trace) in [
            (&[][..], None),
            (&["--trace"][..], Some(Lang::En)),
            (&["--trace", "--lang", "zh"][..], Some(Lang::Zh)),
        ] {
            let args: Vec<&str> = flags.iter().copied().chain([path]).collect();
            let out = sigsim(&args, None);
            assert!(out.status.success(), "{path} {flags:?}");
            assert!(
                out.stdout == whole_outcome_text(f, trace).as_bytes(),
                "{path} {flags:?}: the streamed text differs"
            );
        }
    }
}

#[test]
fn a_scenario_with_no_actions_prints_an_empty_list_of_steps() {
    let out = sigsim(
        &["-"],
        Some(
            r#"{"format":"sigscene/1","namespaces":[{"id":"h"}],"processes":[{"id":"i","ns":"h"}]}"#,
        ),
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\n  \"format\": \"sigscene-outcome/1\",\n  \"steps\": []\n}\n"
    );
}

/// `sigsim ARGS | head -c 100`: the reader takes a little and goes away;
/// the command must end with status 0 and say nothing.
fn assert_quiet_when_the_reader_leaves(args: &[&str]) {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sigsim"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sigsim runs");
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.signal(),
        None,
        "{args:?}: killed by a signal: {err}"
    );
    assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    assert!(err.is_empty(), "{args:?}: {err}");
}

#[test]
fn random_print_ends_quietly_when_the_reader_leaves() {
    assert_quiet_when_the_reader_leaves(&["random", "--print", "--count", "100000"]);
}

#[test]
fn a_traced_outcome_ends_quietly_when_the_reader_leaves() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/default.json");
    let scenario = std::fs::read_to_string(&f).unwrap();
    // Enough steps that the text outgrows the pipe (64 KiB on Linux).
    let mut v: serde_json::Value = serde_json::from_str(&scenario).unwrap();
    let first = v["processes"][0]["id"].clone();
    v["actions"] = (0..400)
        .map(|_| serde_json::json!({"from": first, "kill": -1, "sig": 0}))
        .collect();
    let dir = std::env::temp_dir().join(format!("sigsim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("many-steps.json");
    std::fs::write(&file, v.to_string()).unwrap();
    assert_quiet_when_the_reader_leaves(&["--trace", file.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn random_kernel_sets_every_scenarios_version() {
    let out = sigsim(
        &["random", "--kernel", "5.10", "--print", "--count", "3"],
        None,
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 3);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["kernel"], "5.10", "{line}");
    }
    for k in ["4.19", "6.1", "6.12", "7.2"] {
        let played = sigsim(&["random", "--kernel", k, "--count", "20"], None);
        assert!(played.status.success(), "{k}");
        assert!(
            String::from_utf8(played.stdout)
                .unwrap()
                .starts_with("played 20/20 on the port"),
            "{k}"
        );
    }
}

#[test]
fn random_kernel_refuses_a_version_the_port_does_not_follow() {
    // 5.4: a kernel Debian's archive no longer serves and the port does not follow.
    let out = sigsim(&["random", "--kernel", "5.4", "--count", "1"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--kernel takes a version the port follows"),
        "{err}"
    );
}
