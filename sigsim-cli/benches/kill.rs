//! `cargo bench -p sigsim-cli --bench kill`: how fast the port decides,
//! beside how fast this machine's kernel answers kill(pid, 0). Prints
//! figures; asserts nothing (timings on shared machines are noisy).
//!
//! Targets (issue 2): >= 1,000,000 kill(2) decisions per second untraced,
//! and kill(-1) over 10,000 processes in under 5 ms.

use sigsim::scenario::{Disposition, NamespaceSpec, ProcessSpec, Scenario};
use sigsim::validate::{Action, PidArg};
use sigsim::{validate, Options, World};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A world of `n` processes over `levels` nested namespaces (a host and
/// containers in containers), every process catching SIGUSR1.
fn world(n: usize, levels: usize) -> World {
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
    let s = Scenario {
        format: "sigscene/1".into(),
        kernel: None,
        namespaces,
        processes,
        actions: Vec::new(),
    };
    World::new(validate(&s).expect("valid"), Options::default()).expect("builds")
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

fn main() {
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
