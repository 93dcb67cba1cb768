//! Property tests (issue 12): seeded random worlds and action sequences,
//! the generator of the differential tests, played on the port with the
//! trace on. No step may panic, and after every step the kernel's own
//! invariants hold:
//!
//! - a PID number is unique per namespace, and each number of a live or
//!   zombie process names that process in that namespace's IDR;
//! - a process's PID numbers follow its namespace's ancestry, one per
//!   level, root first;
//! - every live process's namespace has a live init (no live process in a
//!   namespace whose init is gone), and a namespace whose init died takes
//!   no new process;
//! - a live process is never its namespace's reaper unless it is PID 1 there;
//! - every trace marks exactly one sealed step when it decided anything,
//!   and its call steps come before its aftermath.
//!
//! `SIGSIM_PROPERTY_SEEDS` widens the run (default 5,000 seeds).

use sigsim::run::World;
use sigsim::sched::{ExitState, Kernel};
use sigsim::trace::{Phase, TraceStep};
use sigsim::{gen, validate, Options};

fn check_kernel(k: &Kernel, seed: u64, step: usize) {
    let at = || format!("seed {seed}, after action {step}");
    for (ns, space) in k.namespaces.iter().enumerate() {
        for (nr, pid) in &space.idr {
            let numbers = &k.pids[*pid].numbers;
            assert!(
                numbers.iter().any(|(n, x)| *n == ns && x == nr),
                "{}: namespace {} maps {nr} to a pid without that number",
                at(),
                space.name
            );
        }
    }
    for (t, task) in k.tasks.iter().enumerate() {
        if matches!(task.exit_state, ExitState::Dead) {
            continue;
        }
        let numbers = &k.pids[t].numbers;
        let ancestry: Vec<usize> = k.ns_ancestry(task.ns).collect();
        let expected: Vec<usize> = ancestry.iter().rev().copied().collect();
        let got: Vec<usize> = numbers.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            got,
            expected,
            "{}: {}'s PIDs do not follow its namespaces",
            at(),
            task.name
        );
        for (n, nr) in numbers {
            assert_eq!(
                k.namespaces[*n].idr.get(nr),
                Some(&t),
                "{}: {} is not number {nr} in namespace {}",
                at(),
                task.name,
                k.namespaces[*n].name
            );
        }
        if !task.is_alive() {
            continue;
        }
        let space = &k.namespaces[task.ns];
        let init = space.child_reaper.unwrap_or_else(|| {
            panic!(
                "{}: {} lives in namespace {} with no init",
                at(),
                task.name,
                space.name
            )
        });
        assert!(
            k.tasks[init].is_alive(),
            "{}: {} lives on in namespace {} whose init {} is gone",
            at(),
            task.name,
            space.name,
            k.tasks[init].name
        );
        if init == t {
            assert_eq!(numbers.last().map(|(_, nr)| *nr), Some(1), "{}", at());
        }
    }
    for space in &k.namespaces {
        if let Some(init) = space.child_reaper {
            if !k.tasks[init].is_alive() {
                assert!(
                    !space.adding,
                    "{}: namespace {} still takes processes after its init died",
                    at(),
                    space.name
                );
            }
        }
    }
}

fn check_trace(trace: &[TraceStep], seed: u64, step: usize) {
    let sealed = trace.iter().filter(|s| s.sealed).count();
    let decided = trace.iter().any(|s| s.verdict().is_some());
    assert_eq!(
        sealed,
        usize::from(decided),
        "seed {seed}, action {step}: {sealed} sealed steps"
    );
    if let Some(first_after) = trace.iter().position(|s| s.phase == Phase::Aftermath) {
        assert!(
            trace[first_after..]
                .iter()
                .all(|s| s.phase == Phase::Aftermath),
            "seed {seed}, action {step}: a call step after the aftermath began"
        );
    }
}

#[test]
fn random_worlds_keep_the_kernels_invariants_after_every_step() {
    let seeds: u64 = std::env::var("SIGSIM_PROPERTY_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let mut steps = 0usize;
    for seed in 1..=seeds {
        let scenario = gen::scenario(seed);
        let plan = validate(&scenario).expect("generated scenarios are valid");
        for version in sigsim::KernelVersion::ALL {
            let mut plan = plan.clone();
            plan.version = version;
            let mut world = World::new(plan, Options::default()).expect("a valid world builds");
            world.kernel.tracer.on = true;
            check_kernel(&world.kernel, seed, 0);
            while world.applied < world.plan.actions.len() {
                let i = world.applied;
                // A world the port refuses mid-run (an actor dead by then)
                // is a clean error, never a panic.
                let Ok(step) = world.apply_next() else { break };
                check_kernel(&world.kernel, seed, i);
                check_trace(&step.trace, seed, i);
                steps += 1;
            }
        }
    }
    eprintln!("{seeds} seeds × 3 versions: {steps} steps checked");
    assert!(steps > seeds as usize, "only {steps} steps played");
}
