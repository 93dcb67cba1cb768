//! `/init` of a `make verify-era` guest (`scripts/verify-era.sh`): a qemu
//! machine booted on another era's kernel with nothing but this program
//! and the scenarios in its initramfs. It plays every scenario under
//! `/sigscope/scenarios` on this kernel and on the port, as the
//! differential tests do (`sigsim_cli::diff::compare_with`), writes one
//! line per scenario to the second serial port and powers the machine off.
//!
//! Its settings come from the kernel command line (the kernel hands
//! `key=value` words it does not know to init as its environment):
//! `SIGSCOPE_ERA` (the era booted, e.g. `6.1`), `SIGSCOPE_PORT_ERA` (the
//! port's version to compare with: the era itself once the port follows
//! it), `SIGSCOPE_SLOW` (how many times the runner's time limits are
//! stretched: software emulation is slower than the host), and
//! `SIGSCOPE_RANDOM` / `SIGSCOPE_SEED` (that many seeded random scenarios
//! too, as `sigsim random --real --kernel PORT_ERA` plays them).
//!
//! Lines (the host's script reads them, nothing else):
//! `kernel RELEASE`, then per scenario `agree NAME`, `disagree NAME WHY`,
//! `no-single-outcome NAME WHAT` (what six more runs gave), `refused NAME
//! WHY` or `failed NAME WHY`;
//! with random scenarios, `random-disagree SEED WHY` for each that
//! disagrees and `random SUMMARY` (or `random-failed WHY`); `done N` last.
//! Anything else (a panic) is a failure of the guest.

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn main() {
    guest::main()
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
fn main() {
    eprintln!("sigsim-guest runs as init of a Linux x86-64 guest");
    std::process::exit(1);
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
mod guest {
    use sigsim_cli::diff::{compare_with, Comparison, REAL_RUNS};
    use sigsim_cli::random;
    use sigsim_cli::real::{run_real, RealOptions};
    use std::ffi::CString;
    use std::io::Write;
    use std::path::{Path, PathBuf};

    const RESULTS: &str = "/dev/ttyS1";
    const SCENARIOS: &str = "/sigscope/scenarios";

    pub fn main() {
        let mut out = None;
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&mut out)));
        let msg = match r {
            Ok(Ok(())) => None,
            Ok(Err(m)) => Some(m),
            Err(p) => Some(
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panic".into()),
            ),
        };
        if let Some(m) = msg {
            eprintln!("sigsim-guest: {m}");
            if let Some(o) = out.as_mut() {
                let _ = writeln!(o, "guest-failed {}", one_line(&m));
            }
        }
        if let Some(o) = out.as_mut() {
            let _ = o.flush();
        }
        power_off()
    }

    fn run(out: &mut Option<std::fs::File>) -> Result<(), String> {
        mount("proc", "/proc", "proc")?;
        mount("devtmpfs", "/dev", "devtmpfs")?;
        // The runner's accounting files live here (a filesystem of our
        // own: not the kernel's internal rootfs).
        mount("tmpfs", "/tmp", "tmpfs")?;
        let o = out.insert(
            std::fs::OpenOptions::new()
                .write(true)
                .open(RESULTS)
                .map_err(|e| format!("{RESULTS}: {e}"))?,
        );
        let era = std::env::var("SIGSCOPE_ERA").map_err(|_| "no SIGSCOPE_ERA")?;
        let port_era = std::env::var("SIGSCOPE_PORT_ERA").unwrap_or_else(|_| era.clone());
        let slow: u32 = std::env::var("SIGSCOPE_SLOW")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1);
        let release = std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map_err(|e| format!("osrelease: {e}"))?;
        let w = |o: &mut std::fs::File, line: String| {
            writeln!(o, "{line}").map_err(|e| format!("{RESULTS}: {e}"))
        };
        w(o, format!("kernel {}", release.trim()))?;
        let base = RealOptions::default();
        let opts = RealOptions {
            settle_cap: base.settle_cap * slow,
            reply_timeout: base.reply_timeout * slow,
            cleanup_timeout: base.cleanup_timeout * slow,
            // The port plays another version than the one booted only
            // while it does not follow this era yet (the harness says so).
            ignore_kernel_version: port_era != era,
            ..base
        };
        let files = scenarios(Path::new(SCENARIOS))?;
        for f in &files {
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            let line = match play(f, &port_era, &opts) {
                Ok(Comparison::Agree) => format!("agree {name}"),
                Ok(Comparison::Disagree(why)) => format!("disagree {name} {}", one_line(&why)),
                Ok(Comparison::NoSingleOutcome) => {
                    format!(
                        "no-single-outcome {name} {}",
                        one_line(&variety(f, &port_era, &opts))
                    )
                }
                Ok(Comparison::Refused(why)) => format!("refused {name} {}", one_line(&why)),
                Err(m) => format!("failed {name} {}", one_line(&m)),
            };
            w(o, line)?;
        }
        let count: u64 = env_num("SIGSCOPE_RANDOM").unwrap_or(0);
        if count > 0 {
            let cfg = random::Config {
                seed: env_num("SIGSCOPE_SEED").unwrap_or(1),
                count,
                real: true,
                runs: REAL_RUNS,
                jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
                kernel: Some(port_era.clone()),
                save: None,
                opts: opts.clone(),
            };
            match random::play(&cfg) {
                Ok(summary) => {
                    for f in &summary.failures {
                        w(o, format!("random-disagree {}", one_line(f)))?;
                    }
                    w(o, format!("random {}", summary.line(&cfg)))?;
                }
                Err(m) => w(o, format!("random-failed {}", one_line(&m)))?,
            }
        }
        w(o, format!("done {}", files.len()))
    }

    /// One scenario with its `kernel` set to the port's era.
    fn play(file: &Path, port_era: &str, opts: &RealOptions) -> Result<Comparison, String> {
        compare_with(&load(file, port_era)?, REAL_RUNS, opts)
    }

    /// How many more runs to look at when a scenario's runs disagreed.
    const MORE_RUNS: usize = 6;

    /// After a scenario's real runs disagreed with each other: what it
    /// does over [`MORE_RUNS`] more runs (half on one CPU), as words —
    /// how many distinct outcomes, how often each, which one the port
    /// gives, and where the first two differ. Only said, never counted
    /// as agreement.
    fn variety(file: &Path, port_era: &str, opts: &RealOptions) -> String {
        let plan = match load(file, port_era) {
            Ok(p) => p,
            Err(e) => return format!("(cannot replay: {e})"),
        };
        let port = sigsim_cli::diff::port_outcome(&plan).ok();
        let mut seen: Vec<(sigsim::outcome::Outcome, usize)> = Vec::new();
        for i in 0..MORE_RUNS {
            let o = RealOptions {
                one_cpu: i % 2 == 1,
                ..opts.clone()
            };
            match run_real(&plan, &o) {
                Ok(run) => match seen.iter_mut().find(|(s, _)| s.same_as(&run.outcome)) {
                    Some((_, n)) => *n += 1,
                    None => seen.push((run.outcome, 1)),
                },
                Err(e) => return format!("(a further run failed: {e})"),
            }
        }
        let counts: Vec<String> = seen
            .iter()
            .enumerate()
            .map(|(k, (o, n))| {
                let is_port = port.as_ref().is_some_and(|p| p.same_as(o));
                format!(
                    "{n}× outcome {}{}",
                    k + 1,
                    if is_port { " (the port's)" } else { "" }
                )
            })
            .collect();
        let diff = match seen.as_slice() {
            [(a, _), (b, _), ..] => {
                format!("; 1 vs 2: {}", a.first_difference(b).unwrap_or_default())
            }
            _ => String::new(),
        };
        format!("({MORE_RUNS} more runs: {}{diff})", counts.join(", "))
    }

    fn load(file: &Path, port_era: &str) -> Result<sigsim::Plan, String> {
        let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
        let mut s: sigsim::Scenario = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        s.kernel = Some(port_era.to_string());
        sigsim::validate(&s).map_err(|e| e.to_string())
    }

    fn scenarios(dir: &Path) -> Result<Vec<PathBuf>, String> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        v.sort();
        Ok(v)
    }

    fn env_num(key: &str) -> Option<u64> {
        std::env::var(key).ok().and_then(|s| s.parse().ok())
    }

    fn one_line(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn mount(src: &str, target: &str, fstype: &str) -> Result<(), String> {
        let _ = std::fs::create_dir_all(target);
        let c = |s: &str| CString::new(s).expect("no NUL");
        let (src_c, target_c, fs_c) = (c(src), c(target), c(fstype));
        // SAFETY: NUL-terminated strings; no data argument.
        let r = unsafe {
            libc::mount(
                src_c.as_ptr(),
                target_c.as_ptr(),
                fs_c.as_ptr(),
                0,
                std::ptr::null(),
            )
        };
        if r < 0 {
            let e = std::io::Error::last_os_error();
            if e.raw_os_error() != Some(libc::EBUSY) {
                return Err(format!("mount {fstype} on {target}: {e}"));
            }
        }
        Ok(())
    }

    fn power_off() -> ! {
        // SAFETY: sync and reboot take no pointers.
        unsafe {
            libc::sync();
            libc::reboot(libc::RB_POWER_OFF);
        }
        // Only if the power-off failed: init's exit panics the kernel,
        // and `panic=-1` with qemu's -no-reboot ends the machine too.
        std::process::exit(1)
    }
}
