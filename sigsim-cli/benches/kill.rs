//! `cargo bench -p sigsim-cli --bench kill`: how fast the port decides,
//! beside how fast this machine's kernel answers kill(pid, 0). Prints
//! figures; asserts nothing (timings on shared machines are noisy).
//!
//! Targets (issue 2): >= 1,000,000 kill(2) decisions per second untraced,
//! and kill(-1) over 10,000 processes in under 5 ms.
//!
//! With `-- --scale` (`make scale`) it prints the `sigsim` command's own
//! figures instead: the built binary playing 10,000 processes over 32
//! nested namespaces with 200 actions, its wall time and peak memory
//! (issue 12's targets: under 2 s and 200 MB).

use sigsim::scenario::{Disposition, NamespaceSpec, ProcessSpec, Scenario};
use sigsim::validate::{Action, PidArg};
use sigsim::{validate, Options, World};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A world of `n` processes over `levels` nested namespaces (a host and
/// containers in containers), every process catching SIGUSR1.
fn world(n: usize, levels: usize) -> World {
    World::new(
        validate(&scenario(n, levels)).expect("valid"),
        Options::default(),
    )
    .expect("builds")
}

/// The scenario of [`world`], with no actions.
fn scenario(n: usize, levels: usize) -> Scenario {
    let mut namespaces = vec![NamespaceSpec {
        id: "l0".into(),
        parent: None,
    }];
    for l in 1..levels {
        namespaces.push(NamespaceSpec {
            id: format!("l{l}"),
            parent: Some(format!("l{}", l - 1)),
        });
    }
    let catch: BTreeMap<String, Disposition> = [("SIGUSR1".to_string(), Disposition::Catch)].into();
    let mut processes = vec![ProcessSpec {
        id: "p0".into(),
        ns: "l0".into(),
        signals: catch.clone(),
        ..Default::default()
    }];
    // Level l's init is made by level l-1's init; the rest are its children.
    for l in 1..levels {
        processes.push(ProcessSpec {
            id: format!("init{l}"),
            ns: format!("l{l}"),
            parent: Some(if l == 1 {
                "p0".into()
            } else {
                format!("init{}", l - 1)
            }),
            signals: catch.clone(),
            ..Default::default()
        });
    }
    let mut i = processes.len();
    while processes.len() < n {
        let l = i % levels;
        let parent = if l == 0 {
            "p0".to_string()
        } else {
            format!("init{l}")
        };
        processes.push(ProcessSpec {
            id: format!("p{i}"),
            ns: format!("l{l}"),
            parent: Some(parent),
            signals: catch.clone(),
            ..Default::default()
        });
        i += 1;
    }
    Scenario {
        format: "sigscene/1".into(),
        meta: None,
        kernel: None,
        namespaces,
        processes,
        actions: Vec::new(),
    }
}

/// Decisions per second for a round-robin of kill(2) calls: probes,
/// handled SIGUSR1s, SIGTERMs dropped by namespace inits, SIGKILLs to an
/// init from inside, and PIDs that do not exist — nothing that changes the world.
fn decisions_per_second(w: &mut World, tracing: bool, budget: Duration) -> f64 {
    w.kernel.tracer.on = tracing;
    let n = w.task_of.len();
    let calls: Vec<Action> = (0..4096)
        .map(|i| {
            let from = (i * 7919) % n;
            let to = (i * 104_729 + 13) % n;
            let (pid, sig) = match i % 5 {
                0 => (PidArg::PidOf(to), 0),
                1 => (PidArg::PidOf(to), 10),
                2 => (PidArg::Raw(1), 15),
                3 => (PidArg::Raw(1), 9),
                _ => (PidArg::Raw(999_999), 10),
            };
            Action::Kill { from, pid, sig }
        })
        .collect();
    let start = Instant::now();
    let mut done = 0u64;
    while start.elapsed() < budget {
        for a in &calls {
            black_box(w.apply(a, "bench").expect("bench actions are valid"));
        }
        done += calls.len() as u64;
    }
    done as f64 / start.elapsed().as_secs_f64()
}

fn kill_minus_one(w: &mut World, sig: i32) -> Duration {
    let a = Action::Kill {
        from: 0,
        pid: PidArg::Raw(-1),
        sig,
    };
    let mut best = Duration::MAX;
    for _ in 0..20 {
        let t = Instant::now();
        black_box(w.apply(&a, "bench").expect("valid"));
        best = best.min(t.elapsed());
    }
    best
}

/// kill(pid, 0) on this machine's kernel, to a child that only sleeps.
fn real_kill_probe_rate(budget: Duration) -> Option<f64> {
    // SAFETY: fork/kill/waitpid on a child we own; the child only sleeps.
    unsafe {
        let child = libc::fork();
        if child < 0 {
            return None;
        }
        if child == 0 {
            libc::sleep(30);
            libc::_exit(0);
        }
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < budget {
            for _ in 0..1000 {
                black_box(libc::kill(child, 0));
            }
            n += 1000;
        }
        let rate = n as f64 / start.elapsed().as_secs_f64();
        libc::kill(child, libc::SIGKILL);
        libc::waitpid(child, std::ptr::null_mut(), 0);
        Some(rate)
    }
}

/// [`scenario`] with `actions` sends that leave everyone alive, as JSON:
/// probes, handled SIGUSR1s, SIGTERMs a namespace init drops, PIDs that do
/// not exist, and every 40th a kill(-1, SIGUSR1) from the global init that
/// every other process handles.
fn scale_scenario(n: usize, levels: usize, actions: usize) -> String {
    let mut s = serde_json::to_value(scenario(n, levels)).expect("json");
    let ids: Vec<String> = s["processes"]
        .as_array()
        .expect("processes")
        .iter()
        .map(|p| p["id"].as_str().expect("an id").to_string())
        .collect();
    s["actions"] = (0..actions)
        .map(|i| {
            let from = &ids[(i * 7919) % n];
            let to = &ids[(i * 104_729 + 13) % n];
            match i % 40 {
                39 => serde_json::json!({"from": "p0", "kill": -1, "sig": "SIGUSR1"}),
                _ => match i % 4 {
                    0 => serde_json::json!({"from": from, "kill": {"pid_of": to}, "sig": 0}),
                    1 => {
                        serde_json::json!({"from": from, "kill": {"pid_of": to}, "sig": "SIGUSR1"})
                    }
                    2 => serde_json::json!({"from": from, "kill": 1, "sig": "SIGTERM"}),
                    _ => serde_json::json!({"from": from, "kill": 999_999, "sig": "SIGUSR1"}),
                },
            }
        })
        .collect();
    s.to_string()
}

/// One run of the built `sigsim` on `file`: wall time, peak resident
/// memory (the kernel's own count, `ru_maxrss`) and bytes written. The
/// output goes through a pipe, read and counted, as a user's `| jq` would.
// The child is reaped by `wait4` (for its rusage), which the lint cannot see.
#[allow(clippy::zombie_processes)]
fn run_cli(args: &[&str]) -> (Duration, u64, u64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sigsim"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sigsim runs");
    let mut stdout = child.stdout.take().expect("piped");
    let mut bytes = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match stdout.read(&mut buf).expect("reads") {
            0 => break,
            k => bytes += k as u64,
        }
    }
    let mut status = 0;
    // SAFETY: waits for our own child, which `Child` has not reaped; the
    // rusage is a plain struct the kernel fills.
    let peak_kib = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let pid = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert_eq!(pid, child.id() as libc::pid_t, "wait4");
        usage.ru_maxrss as u64
    };
    let elapsed = start.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "sigsim {args:?} failed: status {status:#x}"
    );
    (elapsed, peak_kib * 1024, bytes)
}

fn scale() {
    let (n, levels, actions) = (10_000, 32, 200);
    let dir = std::env::temp_dir().join(format!("sigsim-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("scale.json");
    std::fs::write(&file, scale_scenario(n, levels, actions)).expect("written");
    let path = file.to_str().expect("a UTF-8 path");
    println!("sigsim on {n} processes over {levels} nested namespaces, {actions} actions (best of 3; peak memory is the largest)");
    for (label, args, target) in [
        ("sigsim FILE", &[path][..], "   (target < 2 s, < 200 MB)"),
        ("sigsim --trace FILE", &["--trace", path][..], ""),
    ] {
        let runs: Vec<_> = (0..3).map(|_| run_cli(args)).collect();
        let best = runs.iter().map(|r| r.0).min().expect("runs");
        let peak = runs.iter().map(|r| r.1).max().expect("runs");
        let bytes = runs[0].2;
        println!(
            "  {label:<20}: {:>6.2} s {:>7.1} MB peak, {:>6.1} MB written{target}",
            best.as_secs_f64(),
            peak as f64 / 1e6,
            bytes as f64 / 1e6,
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    if std::env::args().any(|a| a == "--scale") {
        scale();
        return;
    }
    let budget = Duration::from_millis(1500);
    let mut w = world(1000, 4);
    let untraced = decisions_per_second(&mut w, false, budget);
    let traced = decisions_per_second(&mut w, true, budget);
    let mut big = world(10_000, 4);
    big.kernel.tracer.on = false;
    let probe = kill_minus_one(&mut big, 0);
    let usr1 = kill_minus_one(&mut big, 10);
    println!("sigsim bench (1,000 processes over 4 namespace levels)");
    println!("  kill(2) decisions/s, tracing off : {untraced:>12.0}   (target >= 1,000,000)");
    println!("  kill(2) decisions/s, tracing on  : {traced:>12.0}");
    println!("kill(-1) over 10,000 processes (best of 20)");
    println!(
        "  kill(-1, 0)                      : {:>9.3} ms   (target < 5 ms)",
        probe.as_secs_f64() * 1e3
    );
    println!(
        "  kill(-1, SIGUSR1), all handled   : {:>9.3} ms",
        usr1.as_secs_f64() * 1e3
    );
    match real_kill_probe_rate(budget) {
        Some(r) => {
            println!("real kernel kill(pid, 0)/s         : {r:>12.0}   (this machine, same run)")
        }
        None => println!("real kernel kill(pid, 0)/s         : fork failed"),
    }
}
