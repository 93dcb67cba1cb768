//! Seeded random worlds for the differential tests: the same seed always
//! gives the same scenario. Every generated scenario is valid — each action
//! is kept only if the port can play it (its actor is alive and running at
//! that moment) — and real-kernel friendly: no `kernel` action, at most a
//! few namespace levels, a handful of processes.

use crate::run::{Options, World};
use crate::scenario::*;
use crate::signum::{SigSpec, Signal};
use crate::validate::validate;
use std::collections::BTreeMap;

/// A small, fast, seeded generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Signals worth exercising: job control, the init rules, RT queueing,
/// SIGCHLD, and 32 (which glibc hides).
const SIGNALS: &[&str] = &[
    "SIGKILL",
    "SIGTERM",
    "SIGTERM",
    "SIGUSR1",
    "SIGUSR1",
    "SIGUSR2",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGSTOP",
    "SIGSTOP",
    "SIGCONT",
    "SIGCONT",
    "SIGTSTP",
    "SIGTTIN",
    "SIGCHLD",
    "SIGWINCH",
    "SIGPIPE",
    "SIGRTMIN",
    "SIGRTMIN+1",
    "32",
];
const DISPOSABLE: &[&str] = &[
    "SIGTERM",
    "SIGUSR1",
    "SIGUSR2",
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGCONT",
    "SIGCHLD",
    "SIGCHLD",
    "SIGTSTP",
    "SIGTTIN",
    "SIGWINCH",
    "SIGRTMIN",
    "SIGRTMIN+1",
    "32",
];
const UIDS: &[u32] = &[0, 0, 0, 0, 1000, 1000, 1001];
const NAMES: &[&str] = &[
    "init", "sh", "app", "db", "web", "job", "cron", "ssh", "log", "dns", "ntp", "api", "tty",
    "vim", "top",
];

fn sig_spec(rng: &mut Rng, from: &[&str]) -> SigSpec {
    let s = *rng.pick(from);
    match Signal::parse(s) {
        Some(sig) if sig.name().is_none() => SigSpec::Number(sig.nr() as i64),
        _ => SigSpec::Name(s.to_string()),
    }
}

/// A signal as an object key (32 and 33 have only their number).
fn key(s: SigSpec) -> String {
    match s {
        SigSpec::Name(s) => s,
        SigSpec::Number(n) => n.to_string(),
    }
}

fn disposition(rng: &mut Rng) -> Disposition {
    *rng.pick(&[
        Disposition::Catch,
        Disposition::Catch,
        Disposition::Ignore,
        Disposition::Default,
    ])
}

/// The random scenario for `seed`.
pub fn scenario(seed: u64) -> Scenario {
    let mut rng = Rng::new(seed);
    let mut namespaces = vec![NamespaceSpec {
        id: "host".into(),
        parent: None,
    }];
    let mut depth = vec![0usize];
    for i in 0..rng.below(4) {
        let parent = rng.below(namespaces.len());
        if depth[parent] >= 3 {
            continue;
        }
        depth.push(depth[parent] + 1);
        let id = format!("c{}", i + 1);
        namespaces.push(NamespaceSpec {
            id,
            parent: Some(namespaces[parent].id.clone()),
        });
    }
    let ns_parent: Vec<Option<usize>> = namespaces
        .iter()
        .map(|n| {
            n.parent
                .as_ref()
                .and_then(|p| namespaces.iter().position(|m| &m.id == p))
        })
        .collect();
    let is_ancestor_or_self = |a: usize, mut n: usize| loop {
        if n == a {
            return true;
        }
        match ns_parent[n] {
            Some(p) => n = p,
            None => return false,
        }
    };

    let mut processes: Vec<ProcessSpec> = Vec::new();
    let mut proc_ns: Vec<usize> = Vec::new();
    let mut used_names = 0usize;
    let mut name = |rng: &mut Rng| {
        used_names += 1;
        format!("{}{}", rng.pick(NAMES), used_names)
    };
    processes.push(ProcessSpec {
        id: name(&mut rng),
        ns: "host".into(),
        group: Some(GroupSpec::Session),
        ..Default::default()
    });
    proc_ns.push(0);
    let wanted = 2 + rng.below(7);
    let mut tries = 0;
    while processes.len() < wanted && tries < 50 {
        tries += 1;
        let ns = rng.below(namespaces.len());
        let populated = proc_ns.contains(&ns);
        let candidates: Vec<usize> = (0..processes.len())
            .filter(|&p| {
                if populated {
                    is_ancestor_or_self(proc_ns[p], ns) && (proc_ns[p] == ns || rng.chance(30))
                } else {
                    Some(proc_ns[p]) == ns_parent[ns]
                }
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let parent = candidates[rng.below(candidates.len())];
        let id = name(&mut rng);
        let spec = random_process(&mut rng, id, &namespaces[ns].id, &processes[parent].id);
        processes.push(spec);
        proc_ns.push(ns);
    }
    let base = Scenario {
        format: FORMAT.into(),
        meta: None,
        kernel: None,
        namespaces,
        processes,
        actions: Vec::new(),
    };
    add_actions(&mut rng, base, &mut name)
}

fn random_process(rng: &mut Rng, id: String, ns: &str, parent: &str) -> ProcessSpec {
    let mut signals = BTreeMap::new();
    for _ in 0..rng.below(4) {
        signals.insert(key(sig_spec(rng, DISPOSABLE)), disposition(rng));
    }
    let blocked = (0..if rng.chance(25) { 1 + rng.below(2) } else { 0 })
        .map(|_| sig_spec(rng, DISPOSABLE))
        .collect();
    let group = match rng.below(10) {
        0 | 1 => Some(GroupSpec::New),
        2 | 3 => Some(GroupSpec::Session),
        _ => None,
    };
    ProcessSpec {
        id,
        ns: ns.into(),
        parent: Some(parent.into()),
        uid: Some(*rng.pick(UIDS)).filter(|u| *u != 0),
        signals,
        blocked,
        group,
    }
}

/// Adds up to six actions, each kept only if the port can play it.
fn add_actions(
    rng: &mut Rng,
    mut s: Scenario,
    name: &mut impl FnMut(&mut Rng) -> String,
) -> Scenario {
    let want = 1 + rng.below(6);
    let mut attempts = 0;
    while s.actions.len() < want && attempts < 60 {
        attempts += 1;
        let Some(world) = play(&s) else { break };
        let live: Vec<String> = world
            .task_of
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let t = (*t)?;
                let task = &world.kernel.tasks[t];
                (task.is_alive() && !task.stopped).then(|| world.plan.processes[i].id.clone())
            })
            .collect();
        let created: Vec<String> = world
            .task_of
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_some())
            .map(|(i, _)| world.plan.processes[i].id.clone())
            .collect();
        if live.is_empty() {
            break;
        }
        let from = rng.pick(&live).clone();
        let target = rng.pick(&created).clone();
        let action = match rng.below(20) {
            0..=8 => ActionSpec {
                from: Some(from),
                kill: Some(match rng.below(10) {
                    0..=5 => PidSpec::PidOf(PidOf { pid_of: target }),
                    6 => PidSpec::GroupOf(GroupOf { group_of: target }),
                    7 => PidSpec::Raw(-1),
                    8 => PidSpec::Raw(0),
                    _ => PidSpec::Raw(1 + rng.below(4) as i64),
                }),
                sig: Some(if rng.chance(5) {
                    SigSpec::Number(*rng.pick(&[0, 65, -1]))
                } else {
                    sig_spec(rng, SIGNALS)
                }),
                ..Default::default()
            },
            9 => ActionSpec {
                from: Some(from),
                sigqueue: Some(PidSpec::PidOf(PidOf { pid_of: target })),
                sig: Some(sig_spec(rng, SIGNALS)),
                ..Default::default()
            },
            10 => ActionSpec {
                from: Some(from),
                tgkill: Some(PidSpec::PidOf(PidOf { pid_of: target })),
                sig: Some(sig_spec(rng, SIGNALS)),
                ..Default::default()
            },
            11 => ActionSpec {
                from: Some(from),
                pidfd_send_signal: Some(target),
                sig: Some(sig_spec(rng, SIGNALS)),
                ..Default::default()
            },
            12 | 13 => {
                let mut map = BTreeMap::new();
                map.insert(key(sig_spec(rng, DISPOSABLE)), disposition(rng));
                ActionSpec {
                    from: Some(from),
                    sigaction: Some(map),
                    ..Default::default()
                }
            }
            14 | 15 => {
                let list = vec![sig_spec(rng, DISPOSABLE)];
                let mask = match rng.below(3) {
                    0 => MaskSpec {
                        block: Some(list),
                        ..Default::default()
                    },
                    1 => MaskSpec {
                        unblock: Some(list),
                        ..Default::default()
                    },
                    _ => MaskSpec {
                        set: Some(if rng.chance(50) { Vec::new() } else { list }),
                        ..Default::default()
                    },
                };
                ActionSpec {
                    from: Some(from),
                    sigprocmask: Some(mask),
                    ..Default::default()
                }
            }
            16 | 17 => ActionSpec {
                exit: Some(from),
                code: rng.chance(30).then(|| rng.below(4) as i32),
                ..Default::default()
            },
            _ => {
                let ns = s.namespaces[rng.below(s.namespaces.len())].id.clone();
                let id = name(rng);
                ActionSpec {
                    spawn: Some(random_process(rng, id, &ns, &from)),
                    ..Default::default()
                }
            }
        };
        s.actions.push(action);
        if play(&s).is_none() {
            s.actions.pop();
        }
    }
    s
}

/// Plays a scenario on the port as the real runner would see it; `None`
/// if it is not valid at some step.
fn play(s: &Scenario) -> Option<World> {
    let plan = validate(s).ok()?;
    let mut world = World::new(plan, Options { under_host: true }).ok()?;
    while world.applied < world.plan.actions.len() {
        world.apply_next().ok()?;
    }
    Some(world)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_scenario() {
        assert_eq!(scenario(7), scenario(7));
        assert_ne!(scenario(7), scenario(8));
    }

    #[test]
    fn generated_scenarios_are_valid_and_have_actions() {
        let mut with_actions = 0;
        for seed in 0..300 {
            let s = scenario(seed);
            assert!(play(&s).is_some(), "seed {seed} is not playable");
            with_actions += usize::from(!s.actions.is_empty());
        }
        assert!(
            with_actions > 250,
            "only {with_actions} of 300 scenarios have actions"
        );
    }
}
