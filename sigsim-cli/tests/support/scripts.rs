//! Running exported scripts as root and comparing them with the port,
//! shared by `script.rs` (the corpus) and `gallery.rs` (the gallery);
//! included by path.

use sigsim::outcome::Outcome;
use sigsim::Scenario;
use sigsim_cli::diff::port_outcome;
use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh directory for one test's files, under the system's temp dir.
pub fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sigsim-script-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

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

/// Runs each script with `--json` (as root) and compares it with the port;
/// afterwards no process of any script may be left. Returns (agree, total,
/// the disagreements, one line each).
pub fn run_and_compare(
    scripts: &[(PathBuf, Scenario, String)],
    tag: &str,
) -> (usize, usize, Vec<String>) {
    assert_eq!(unsafe { libc::geteuid() }, 0, "run as root");
    let tmp = scratch(tag);
    let mut agree = 0;
    let mut wrong = Vec::new();
    for (path, scenario, text) in scripts {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = tmp.join(&name).with_extension("sh");
        std::fs::write(&file, text).unwrap();
        let plan = sigsim::validate(scenario).unwrap();
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
            Err(e) => wrong.push(format!("{name}: {e}")),
        }
        let left = left_behind(&tmp);
        assert!(left.is_empty(), "{name}: processes left behind: {left:?}");
    }
    let _ = std::fs::remove_dir_all(&tmp);
    (agree, scripts.len(), wrong)
}
