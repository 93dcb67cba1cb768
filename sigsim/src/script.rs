//! `sigsim script`: a scenario as a POSIX shell script a learner runs as
//! root on their own Linux, to see their kernel do what the port says.
//!
//! The script builds the scenario's world inside a fresh PID namespace
//! (`unshare --pid --fork --mount-proc`), one real process per scenario
//! process, each a small `sh` loop that sets its dispositions with `trap`
//! and runs, itself, the commands the script writes to its FIFO — so every
//! `kill` is a kill(2) made by that process, from its namespace, with its
//! uid. It then performs the actions in order, lets the world settle after
//! each, and prints every process's state and the signals its traps ran
//! for (with `--json`, one `sigscene-outcome/1`-shaped line). See
//! `docs/script.md` for how it works and what it cannot express.
//!
//! Pure: the page exports the same text. Nothing here runs anything.

use crate::run::{Options, World};
use crate::scenario::{Disposition, GroupSpec, Scenario};
use crate::sched::ExitState;
use crate::signum::{Signal, SIGCHLD, SIGKILL, SIGSTOP};
use crate::validate::{validate, Action, PidArg, Plan, ProcIdx};
use std::fmt::{self, Write};

/// The deepest namespace level a script can build: its root is itself one
/// level below wherever it is run (as for the real-kernel runner).
const MAX_SCRIPT_LEVEL: u8 = 31;

/// A PID no namespace hands out: what a call names when the target has no
/// PID in the caller's namespace (the kernel answers ESRCH).
const NO_SUCH_PID: i64 = i32::MAX as i64;

/// What a script cannot express, each with where it is and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    pub reasons: Vec<Reason>,
}

/// One feature a script cannot express: its field path and a one-line why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub path: String,
    pub why: String,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.why)
        } else {
            write!(f, "{}: {}", self.path, self.why)
        }
    }
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.reasons.iter().enumerate() {
            if i > 0 {
                f.write_char('\n')?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

const WHY_MASK: &str =
    "a shell cannot block signals: neither sh nor util-linux calls sigprocmask for a process";
const WHY_TGKILL: &str =
    "no shell tool calls tgkill; kill(1) signals the whole process, with another si_code and other errors";
const WHY_PIDFD: &str = "no shell tool opens a pidfd in the sending process and sends through it";
const WHY_KERNEL: &str =
    "only the kernel makes this send (SEND_SIG_PRIV, as the OOM killer does); no user-space call can";
const WHY_SPAWN_REFUSED: &str = "sh cannot live through a refused spawn: sh exits when fork fails, and a failing unshare or nsenter has taken the parent's place";
const WHY_SPAWN_AFTER_QUEUE: &str = "after a sigqueue: kill -q is a process of its own and takes a PID, so the spawned process would not get the PIDs the scenario says";
const WHY_SPAWN_AFTER_SIGACTION: &str = "its parent changed a disposition earlier; a parent re-executes its loop to change namespaces, and would set its first traps again";
const WHY_GROUP_NEW: &str = "no util-linux tool calls setpgid(0, 0) (setsid makes a new session too), and sh's job control needs a terminal";
const WHY_32_33: &str =
    "glibc keeps signals 32 and 33 for itself: sh's trap cannot set their disposition";
const WHY_CHLD_IGNORE: &str = "sh keeps SIGCHLD caught to track its children, so trap '' CHLD never reaches the kernel and children are not reaped automatically";
const WHY_SIG_RANGE: &str =
    "sh's kill refuses a signal number outside 0..64 before calling the kernel";
const WHY_INT_MIN: &str = "sh's kill cannot pass INT_MIN as a PID (\"Illegal number\")";
const WHY_KILL_STOP_ACTION: &str = "sh's trap takes SIGKILL and SIGSTOP without a word (status 0): the EINVAL sigaction returns cannot be seen";
const WHY_SIGQUEUE_CHLD: &str = "sigqueue runs util-linux's kill -q, a child of the sender, whose exit would run the sender's SIGCHLD trap";
const WHY_REAPED: &str = "sh waits for its dead children whenever it runs a command or a trap, so the zombie the kernel would keep is reaped";
const WHY_LEVELS: &str =
    "more than 31 levels: the script's root namespace is itself one level below where it runs";

/// The script for `s`, or every reason it cannot be written.
pub fn script(s: &Scenario) -> Result<String, Unsupported> {
    let plan = validate(s).map_err(|e| Unsupported {
        reasons: vec![Reason {
            path: e.path.clone(),
            why: format!("invalid scenario: {}", e.message),
        }],
    })?;
    let reasons = unsupported(&plan);
    if !reasons.is_empty() {
        return Err(Unsupported { reasons });
    }
    Ok(Writer::new(&plan, s.kernel.as_deref()).write())
}

/// Every feature of `plan` a script cannot express, in scenario order.
fn unsupported(plan: &Plan) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut add = |path: String, why: &str| {
        out.push(Reason {
            path,
            why: why.to_string(),
        })
    };
    for ns in &plan.namespaces {
        if ns.level > MAX_SCRIPT_LEVEL {
            add(format!("namespaces.{}", ns.id), WHY_LEVELS);
            break;
        }
    }
    for p in &plan.processes {
        if !p.blocked.is_empty() {
            add(format!("{}.blocked", p.path), WHY_MASK);
        }
        if p.group == Some(GroupSpec::New) {
            add(format!("{}.group", p.path), WHY_GROUP_NEW);
        }
        for (sig, d) in &p.signals {
            disposition_reason(&mut add, &format!("{}.signals", p.path), *sig, *d);
        }
    }
    let chld_caught = |who: ProcIdx| -> bool {
        plan.processes[who]
            .signals
            .iter()
            .any(|(s, d)| s.nr() == SIGCHLD && *d == Disposition::Catch)
            || plan.actions.iter().any(|a| match a {
                Action::Sigaction { from, changes } => {
                    *from == who
                        && changes
                            .iter()
                            .any(|(s, d)| s.nr() == SIGCHLD && *d == Disposition::Catch)
                }
                _ => false,
            })
    };
    for (i, a) in plan.actions.iter().enumerate() {
        let path = format!("actions[{i}]");
        match a {
            Action::Kill { pid, sig, .. } => {
                if !(0..=64).contains(sig) {
                    add(format!("{path}.sig"), WHY_SIG_RANGE);
                }
                if *pid == PidArg::Raw(i32::MIN) {
                    add(format!("{path}.kill"), WHY_INT_MIN);
                }
            }
            Action::Sigqueue { from, sig, .. } => {
                if !(0..=64).contains(sig) {
                    add(format!("{path}.sig"), WHY_SIG_RANGE);
                }
                if chld_caught(*from) {
                    add(format!("{path}.sigqueue"), WHY_SIGQUEUE_CHLD);
                }
            }
            Action::Tgkill { .. } => add(format!("{path}.tgkill"), WHY_TGKILL),
            Action::PidfdSendSignal { .. } => add(format!("{path}.pidfd_send_signal"), WHY_PIDFD),
            Action::Kernel { .. } => add(format!("{path}.kernel"), WHY_KERNEL),
            Action::Spawn { process } => {
                let parent = plan.processes[*process]
                    .parent
                    .expect("a spawn has a parent");
                let earlier = &plan.actions[..i];
                if earlier.iter().any(|a| matches!(a, Action::Sigqueue { .. })) {
                    add(format!("{path}.spawn"), WHY_SPAWN_AFTER_QUEUE);
                }
                if earlier
                    .iter()
                    .any(|a| matches!(a, Action::Sigaction { from, .. } if *from == parent))
                {
                    add(format!("{path}.spawn"), WHY_SPAWN_AFTER_SIGACTION);
                }
            }
            Action::Sigprocmask { .. } => add(format!("{path}.sigprocmask"), WHY_MASK),
            Action::Sigaction { changes, .. } => {
                for (sig, d) in changes {
                    if matches!(sig.nr(), SIGKILL | SIGSTOP) {
                        add(format!("{path}.sigaction"), WHY_KILL_STOP_ACTION);
                    } else {
                        disposition_reason(&mut add, &format!("{path}.sigaction"), *sig, *d);
                    }
                }
            }
            Action::Exit { .. } => {}
        }
    }
    if out.is_empty() {
        out.extend(reaped_zombie(plan));
    }
    out
}

/// sh reaps a dead child as soon as it runs anything (an action, a trap)
/// after the child died. In the port's run of the scenario: a process that
/// runs while it has a zombie child, or right after, with a later call
/// aimed at that zombie's PID (which the kernel would find, and sh's world
/// no longer has).
fn reaped_zombie(plan: &Plan) -> Option<Reason> {
    let mut world = World::new(plan.clone(), Options { under_host: true }).ok()?;
    // The zombie children of `p` in the world as it is, if `p` is alive.
    let zombies = |w: &World, p: ProcIdx| -> Vec<ProcIdx> {
        let k = &w.kernel;
        let Some(t) = w.task_of[p] else {
            return Vec::new();
        };
        if k.tasks[t].exit_state != ExitState::Alive {
            return Vec::new();
        }
        k.tasks[t]
            .children
            .iter()
            .filter(|c| k.tasks[**c].exit_state == ExitState::Zombie)
            .filter_map(|c| w.task_of.iter().position(|x| *x == Some(*c)))
            .collect()
    };
    let pids = Writer::new(plan, None);
    // Is a later action aimed at `z` by its PID?
    let aimed_later = |i: usize, z: ProcIdx| -> bool {
        plan.actions[i + 1..].iter().any(|a| match a {
            Action::Kill { from, pid, .. } | Action::Sigqueue { from, pid, .. } => match pid {
                PidArg::PidOf(q) => *q == z,
                PidArg::Raw(n) => Some(*n as i64) == pids.pid_in(z, plan.processes[*from].ns),
                PidArg::GroupOf(_) => false,
            },
            _ => false,
        })
    };
    for i in 0..plan.actions.len() {
        let actor = plan.actions[i].actor();
        let mut reaped: Vec<(ProcIdx, ProcIdx)> = actor
            .map(|a| zombies(&world, a).into_iter().map(|z| (a, z)).collect())
            .unwrap_or_default();
        let step = world.apply_next().ok()?;
        if let (Action::Spawn { .. }, crate::outcome::Ret::Err(e)) = (&plan.actions[i], step.ret) {
            return Some(Reason {
                path: format!("actions[{i}].spawn"),
                why: format!(
                    "the kernel refuses this spawn ({}, as the port plays the scenario); {WHY_SPAWN_REFUSED}",
                    e.name()
                ),
            });
        }
        // The actor, every process whose trap ran, and every process with a
        // trap (the script gives each an empty command after each action).
        let mut runners: Vec<ProcIdx> = actor.into_iter().collect();
        runners.extend(
            step.handled
                .iter()
                .filter_map(|h| plan.process_index(&h.process)),
        );
        runners.extend(catchers(plan));
        for p in runners {
            reaped.extend(zombies(&world, p).into_iter().map(|z| (p, z)));
        }
        if let Some((p, z)) = reaped.into_iter().find(|(_, z)| aimed_later(i, *z)) {
            return Some(Reason {
                path: format!("actions[{i}]"),
                why: format!(
                    "{} runs while its child {} is a zombie, which a later call aims at: {WHY_REAPED}",
                    plain(&plan.processes[p].id),
                    plain(&plan.processes[z].id)
                ),
            });
        }
    }
    None
}

/// The processes that catch some signal, at the start or by a later
/// sigaction: after each action the script has them run an empty command.
fn catchers(plan: &Plan) -> Vec<ProcIdx> {
    (0..plan.processes.len())
        .filter(|p| {
            plan.processes[*p]
                .signals
                .iter()
                .any(|(_, d)| *d == Disposition::Catch)
                || plan.actions.iter().any(|a| {
                    matches!(a, Action::Sigaction { from, changes }
                        if from == p && changes.iter().any(|(_, d)| *d == Disposition::Catch))
                })
        })
        .collect()
}

fn disposition_reason(add: &mut impl FnMut(String, &str), at: &str, sig: Signal, d: Disposition) {
    let key = sig.name().unwrap_or_else(|| sig.nr().to_string());
    if matches!(sig.nr(), 32 | 33) && d != Disposition::Default {
        add(format!("{at}.{key}"), WHY_32_33);
    } else if sig.nr() == SIGCHLD && d == Disposition::Ignore {
        add(format!("{at}.{key}"), WHY_CHLD_IGNORE);
    }
}

/// `text` as one single-quoted shell word.
fn sq(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `text` as a JSON string (quotes included).
fn json_str(text: &str) -> String {
    let mut out = String::new();
    crate::json::write_str(&mut out, text);
    out
}

/// `text` safe on one line of a comment or the terminal: control
/// characters written as escapes, so an id cannot end a comment or drive
/// the terminal.
fn plain(text: &str) -> String {
    crate::validate::one_line(text.to_string())
}

/// A signal as the format writes it: `SIGTERM`, or the number (0, 32, 33).
fn sig_word(n: i32) -> String {
    Signal::new(n as i64)
        .and_then(Signal::name)
        .unwrap_or_else(|| n.to_string())
}

struct Writer<'a> {
    plan: &'a Plan,
    kernel: Option<&'a str>,
    /// Each process's PID in each namespace it has one in, own level first.
    pids: Vec<Vec<(usize, i64)>>,
    /// For each process, the namespace its next child is born in.
    for_children: Vec<usize>,
    /// Namespaces that have had a process.
    seen_ns: Vec<bool>,
    out: String,
}

impl<'a> Writer<'a> {
    fn new(plan: &'a Plan, kernel: Option<&'a str>) -> Self {
        // PIDs follow from creation order: each namespace from the
        // process's own up to the root hands out its next number.
        let mut next = vec![0i64; plan.namespaces.len()];
        let mut pids = Vec::new();
        for p in &plan.processes {
            let mut at = Some(p.ns);
            let mut mine = Vec::new();
            while let Some(ns) = at {
                next[ns] += 1;
                mine.push((ns, next[ns]));
                at = plan.namespaces[ns].parent;
            }
            pids.push(mine);
        }
        Writer {
            plan,
            kernel,
            pids,
            for_children: plan.processes.iter().map(|q| q.ns).collect(),
            seen_ns: vec![false; plan.namespaces.len()],
            out: String::new(),
        }
    }

    fn pid_in(&self, p: ProcIdx, ns: usize) -> Option<i64> {
        self.pids[p].iter().find(|(n, _)| *n == ns).map(|(_, x)| *x)
    }

    /// PID in the script's root namespace: what its `/proc` shows.
    fn root_pid(&self, p: ProcIdx) -> i64 {
        self.pids[p].last().expect("every process has a root PID").1
    }

    /// The leader of `p`'s process group: the nearest of itself and its
    /// ancestors that called setsid (the global init leads its own).
    fn leader(&self, mut p: ProcIdx) -> ProcIdx {
        loop {
            let q = &self.plan.processes[p];
            match q.parent {
                Some(parent) if q.group != Some(GroupSpec::Session) => p = parent,
                _ => return p,
            }
        }
    }

    fn id(&self, p: ProcIdx) -> String {
        plain(&self.plan.processes[p].id)
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn write(mut self) -> String {
        self.head();
        self.lib();
        for p in 0..self.plan.processes.len() {
            self.process_file(p);
        }
        self.controller();
        self.build();
        for i in 0..self.plan.actions.len() {
            self.action(i);
        }
        self.finish();
        self.out
    }

    fn head(&mut self) {
        let n = self.plan.initial;
        let k = self.plan.actions.len();
        let kernel = self.kernel.unwrap_or("6.18");
        let uses_sigqueue = self
            .plan
            .actions
            .iter()
            .any(|a| matches!(a, Action::Sigqueue { .. }));
        self.out.push_str(&format!(
            r#"#!/bin/sh
# A sigscene/1 scenario as a shell script, written by `sigsim script`
# (sigscope). It plays the scenario on the kernel you run it on:
# {n} processes, {k} actions, written for Linux {kernel}.
#
#   sudo sh THIS-FILE           # what happened, in words
#   sudo sh THIS-FILE --json    # one sigscene-outcome/1-shaped JSON line
#
# Everything happens inside a fresh PID namespace the script makes
# (unshare --pid --fork --mount-proc): nothing in it can see, let alone
# signal, a process outside. On exit, Ctrl-C or failure the script kills
# that namespace's init, and the kernel takes everything inside down.
# Needs: root, sh, util-linux (unshare, nsenter, setpriv, setsid) and
# env --default-signal (GNU coreutils 8.31 or later).

set -u
json=no
case "${{1-}}" in
--json) json=yes ;;
'') ;;
*) echo "usage: sh $0 [--json]" >&2; exit 2 ;;
esac

# --- Check what the script needs -----------------------------------------
[ "$(id -u)" = 0 ] || {{ echo "$0: run me as root" >&2; exit 1; }}
for tool in unshare nsenter setpriv setsid env; do
  command -v "$tool" >/dev/null || {{ echo "$0: needs $tool (util-linux)" >&2; exit 1; }}
done
# Background processes of sh start with SIGINT and SIGQUIT ignored; env
# --default-signal gives each scenario process all-default dispositions.
env --default-signal true 2>/dev/null ||
  {{ echo "$0: needs env --default-signal (GNU coreutils 8.31+)" >&2; exit 1; }}
"#
        ));
        if uses_sigqueue {
            self.line(
                r#"# sigqueue(3) is util-linux's (or procps') kill -q, not sh's builtin.
kill_bin=
for k in /usr/bin/kill /bin/kill; do [ -x "$k" ] && { kill_bin=$k; break; }; done
"$kill_bin" -q 0 -s 0 $$ 2>/dev/null ||
  { echo "$0: needs a kill(1) with -q (sigqueue), such as util-linux's" >&2; exit 1; }
export kill_bin"#,
            );
        }
        self.line(
            r#"
# --- A scratch directory, and the clean-up -------------------------------
dir=$(mktemp -d "${TMPDIR:-/tmp}/sigscope.XXXXXX") || exit 1
chmod 711 "$dir"   # processes with another uid reach their own files
export dir LC_ALL=C
unshare_pid= init_pid= init_killed=no
cleanup() {
  trap - EXIT INT TERM
  # The namespace's init (started by this script, a child of its unshare):
  # killing it makes the kernel kill everything inside the namespace.
  if [ -n "$init_pid" ] && [ -d "/proc/$init_pid" ] &&
     grep -qx "PPid:[[:space:]]*$unshare_pid" "/proc/$init_pid/status" 2>/dev/null; then
    kill -s KILL "$init_pid" 2>/dev/null && init_killed=yes
  fi
  # unshare (our own child) then reaps the init and exits. Without an init
  # to kill, kill unshare: --kill-child makes the kernel SIGKILL its child.
  if [ -n "$unshare_pid" ]; then
    [ "$init_killed" = yes ] || kill -s KILL "$unshare_pid" 2>/dev/null
    wait "$unshare_pid" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
fail() { echo "$0: $*" >&2; exit 1; }"#,
        );
    }

    /// The loop every scenario process runs, and the commands it knows.
    fn lib(&mut self) {
        self.line(
            r#"
# --- What every scenario process runs ------------------------------------
# A process is `sh -s < $dir/pN.sh` (not `sh FILE`: dash catches SIGINT
# when it runs a file). pN.sh sets its traps, then sources this loop. It
# never forks except to start a child, so its namespace hands out exactly
# the PIDs the scenario says; kill is sh's builtin, a kill(2) from here.
cat > "$dir/loop.sh" <<'LOOP'
# answer WORD: tells the script this command is done, and how it went.
answer() { echo "$1" > "$dir/$me.ret"; }
# send SIG PID: kill(PID, SIG) from this process.
send() {
  if kill -s "$1" -- "$2" 2>"$dir/$me.err"; then answer 0; else errno; fi
}
# queue SIG PID: sigqueue(PID, SIG) by kill -q, a child of this process.
queue() {
  if "$kill_bin" -q 0 -s "$1" -- "$2" 2>"$dir/$me.err"; then answer 0; else errno; fi
}
# errno: the error kill printed, as the kernel's name for it.
errno() {
  e=; read -r e < "$dir/$me.err"
  case $e in
  *"not permitted"*) answer EPERM ;;
  *"No such process"*) answer ESRCH ;;
  *"Invalid argument"*) answer EINVAL ;;
  *) answer "?" ;;
  esac
}
# start N [setsid]: fork process N as a child of this one.
# start N [TOOL...]: fork process N as a child of this one; it runs its
# loop through the tools given (setsid, setpriv), all in the same process.
start() {
  k=$1; shift
  env --default-signal "$@" sh -s < "$dir/p$k.sh" > "$dir/p$k.log" 2>&1 &
  answer ok
}
exec 3<> "$dir/$me.in"     # this process's command FIFO (never EOF)
echo ready > "$dir/$me.ready"
while :; do
  # read returns early when a trapped signal arrives; the trap runs then.
  if read -r cmd <&3; then eval "$cmd"; fi
done
LOOP
chmod 644 "$dir/loop.sh""#,
        );
    }

    fn process_file(&mut self, p: ProcIdx) {
        let plan = self.plan;
        let q = &plan.processes[p];
        let pids: Vec<String> = self.pids[p]
            .iter()
            .map(|(n, x)| format!("{x} in {}", plain(&plan.namespaces[*n].id)))
            .collect();
        let mut what = format!("PID {}", pids.join(", "));
        if q.uid != 0 {
            let _ = write!(what, "; uid {}", q.uid);
        }
        // Its FIFO and the files it writes: what it answers, that it is
        // ready, the signals its traps ran for, kill's errors.
        let mut files = format!(
            "mkfifo \"$dir/p{p}.in\"\nfor f in ret ready h err; do : > \"$dir/p{p}.$f\"; done"
        );
        if q.uid != 0 {
            let _ = write!(
                files,
                "\nchown {} \"$dir/p{p}.in\" \"$dir/p{p}.ret\" \"$dir/p{p}.ready\" \"$dir/p{p}.h\" \"$dir/p{p}.err\"",
                q.uid
            );
        }
        self.line(&format!(
            "\n# Process {} ({what})\n{files}\ncat > \"$dir/p{p}.sh\" <<'PROC'\nme=p{p}",
            self.id(p)
        ));
        if q.signals.is_empty() {
            self.line("# every signal at its default (SIG_DFL)");
        }
        for (sig, d) in &q.signals {
            let line = trap_line(p, *sig, *d);
            self.line(&line);
        }
        self.line(". \"$dir/loop.sh\"\nPROC");
    }

    fn controller(&mut self) {
        let n = self.plan.initial;
        let all = self.plan.processes.len();
        let mut names = String::new();
        let mut shown = String::new();
        for p in 0..all {
            let _ = writeln!(
                names,
                "name_{p}={}",
                sq(&json_str(&self.plan.processes[p].id))
            );
            let _ = writeln!(shown, "shown_{p}={}", sq(&self.id(p)));
            // The inits of its namespace and of those above it (not the
            // script's own init): if one dies, the kernel kills and reaps
            // everything below it.
            let mut inits = Vec::new();
            let mut at = Some(self.plan.processes[p].ns);
            while let Some(ns) = at {
                if let Some(init) = (0..all).find(|r| self.plan.processes[*r].ns == ns) {
                    if init != p && self.plan.namespaces[ns].parent.is_some() {
                        inits.push(init.to_string());
                    }
                }
                at = self.plan.namespaces[ns].parent;
            }
            let _ = writeln!(shown, "inits_{p}='{}'", inits.join(" "));
        }
        let roots: Vec<String> = (0..all).map(|p| self.root_pid(p).to_string()).collect();
        let catchers: Vec<String> = catchers(self.plan)
            .into_iter()
            .map(|p| p.to_string())
            .collect();
        self.out.push_str(&format!(
            r#"
# --- How the script watches the world ------------------------------------
# Each process's PID in the script's root namespace, its id as JSON, its
# id as shown.
n={n}
set_pids() {{ set -- {roots}; i=0; for x; do eval "pid_$i=$x"; i=$((i + 1)); done; }}
set_pids
{names}{shown}
# tell N CMD: writes CMD on process N's FIFO; the process runs it itself.
tell() {{ : > "$dir/p$1.ret"; : > "$dir/p$1.ready"; printf '%s\n' "$2" 1<> "$dir/p$1.in"; }}
# ask N CMD: tell, then wait until it answers (or stops or dies doing it: a
# kill that stops or kills its own caller returned 0).
ask() {{
  tell "$1" "$2"
  tries=0
  while [ ! -s "$dir/p$1.ret" ]; do
    eval "look \$pid_$1"
    case $st in stopped|zombie|exiting|gone) echo 0 > "$dir/p$1.ret"; break ;; esac
    tries=$((tries + 1)); [ $tries -lt 2000 ] || fail "process $1 does not answer"
    sleep 0.01
  done
  read -r ret < "$dir/p$1.ret"
}}
# wait_ready N: until process N runs its loop.
wait_ready() {{
  tries=0
  until [ -s "$dir/p$1.ready" ]; do
    tries=$((tries + 1)); [ $tries -lt 2000 ] || fail "process $1 did not start"
    sleep 0.01
  done
}}
# look PID: what the kernel says of that PID now, from /proc/PID/stat of the
# namespace: st is running, stopped, exiting, zombie or gone; how is the
# wait status of a zombie.
look() {{
  st=gone how= line=
  {{ read -r line < "$proc/$1/stat"; }} 2>/dev/null
  [ -n "$line" ] || return 0
  set -- ${{line##*) }}
  case $1 in
  Z) st=zombie how=${{50}} ;;
  X|x) st=gone ;;
  *) if [ $(( $7 & 4 )) -ne 0 ]; then st=exiting    # PF_EXITING
     elif [ "$1" = T ] || [ "$1" = t ]; then st=stopped
     else st=running; fi ;;
  esac
}}
# snap: looks at every process once; `now` sums it up. A process seen as a
# zombie keeps how it died (dead_N) after it is reaped.
snap() {{
  now= i=0
  while [ $i -lt $n ]; do
    eval "look \$pid_$i"
    [ -n "$how" ] && eval "dead_$i=\$how"
    h=$(wc -l < "$dir/p$i.h")
    now="$now $st:$h"; eval "st_$i=\$st"
    i=$((i + 1))
  done
}}
# quiet: until two looks 50 ms apart are the same and nothing is exiting.
quiet() {{
  prev= tries=0
  while :; do
    sleep 0.05; snap
    case $now in *exiting*) ;; *) [ "$now" = "$prev" ] && return ;; esac
    prev=$now; tries=$((tries + 1)); [ $tries -lt 100 ] || fail "the world does not settle"
  done
}}
# settle: quiet, then an empty command (:) to every running process with a
# trap: sh runs a trap after a command, and a signal that came just as it
# began to wait for one would otherwise wait for the next; quiet again.
catchers='{catchers}'
settle() {{
  quiet
  for i in $catchers; do
    eval "look \$pid_$i"
    [ "$st" = running ] && printf ':\n' 1<> "$dir/p$i.in"
  done
  quiet
}}
# signame N: a signal number as the format writes it (32 and 33 have no name).
signame() {{
  set -- "$1" HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO PWR SYS
  if [ "$1" -ge 1 ] && [ "$1" -le 31 ]; then eval "echo SIG\${{$(($1 + 1))}}"
  elif [ "$1" -eq 34 ]; then echo SIGRTMIN
  elif [ "$1" -gt 34 ]; then echo "SIGRTMIN+$(($1 - 34))"
  else echo "$1"; fi
}}
# report STEP LABEL: prints every process's state and the traps that ran
# since the last report (in words, or added to the JSON).
steps= handled_seen=
report() {{
  procs= hand= i=0
  [ "$json" = yes ] || printf '\n%s\n' "$2"
  while [ $i -lt $n ]; do
    eval "st=\$st_$i how=\${{dead_$i-}} id=\$name_$i shown=\$shown_$i"
    case $st in
    running) words=running; js='{{"state":"running"}}' ;;
    stopped) words=stopped; js='{{"state":"stopped"}}' ;;
    *)
      if [ -z "$how" ]; then
        words="dead (reaped before the script saw how it died)"
        eval "inits=\$inits_$i"
        for j in $inits; do
          eval "s=\$st_$j"
          case $s in running|stopped) ;; *) words="dead (reaped when its namespace's init died)" ;; esac
        done
        js='{{"state":"dead","signal_unseen":true}}'
      elif [ $((how & 127)) -ne 0 ]; then
        s=$(signame $((how & 127))); words="killed by $s"
        case $s in SIG*) js="{{\"state\":\"dead\",\"signal\":\"$s\"}}" ;; *) js="{{\"state\":\"dead\",\"signal\":$s}}" ;; esac
      else
        words="exited ($(( (how >> 8) & 255 )))"; js='{{"state":"dead"}}'
      fi
      [ "$st" = zombie ] && words="$words, zombie" ;;
    esac
    # The signals whose trap ran since the last report.
    got= k=0
    if [ -f "$dir/p$i.h" ]; then
      eval "seen=\${{seen_$i-0}}"
      while read -r s; do
        k=$((k + 1)); [ $k -gt "$seen" ] || continue
        got="$got $s"; hand="$hand,{{\"process\":$id,\"sig\":\"$s\"}}"
      done < "$dir/p$i.h"
      eval "seen_$i=$k"
    fi
    procs="$procs,$id:$js"
    [ "$json" = yes ] || printf '  %-20s %s%s\n' "$shown" "$words" "${{got:+   handled:$got}}"
    i=$((i + 1))
  done
  hand=${{hand#,}}
  steps="$steps,{{\"ret\":$1,\"processes\":{{${{procs#,}}}}${{hand:+,\"handled\":[$hand]}}}}"
}}
# step LABEL: the report after an action, with what the call returned.
step() {{
  case $ret in 0|ok) r=0 ;; *) r="\"$ret\"" ;; esac
  report "$r" "$1 = $ret"
}}
"#,
            roots = roots.join(" "),
            catchers = catchers.join(" ")
        ));
    }

    /// Builds the starting world: one block per process, then each drops
    /// to its uid and leaves its namespace ready for sigqueue.
    /// The lines that make process `p` a child of its parent: the parent
    /// first moves its children's namespace if it must (`first`: `p` is the
    /// first process of its namespace), then forks it. `uid`: the one it
    /// takes on at once, when spawned by root during the actions.
    fn fork(
        &self,
        p: ProcIdx,
        first: bool,
        for_children: &mut [usize],
        uid: Option<u32>,
    ) -> Vec<String> {
        let plan = self.plan;
        let q = &plan.processes[p];
        let parent = q.parent.expect("not the first process");
        let nsid = plain(&plan.namespaces[q.ns].id);
        let (me, dad) = (self.id(p), self.id(parent));
        let mut block = vec![format!("# {me}: a child of {dad}, in {nsid}.")];
        let reexec = if first {
            block.push(format!(
                "# It is the first process (PID 1) of a new namespace: {dad} first\n# calls unshare(CLONE_NEWPID), so that its next child is born there."
            ));
            // unshare(CLONE_NEWPID) is refused (EINVAL) to a process whose
            // children already go to another namespace: back home first.
            let home = plan.processes[parent].ns;
            Some(if for_children[parent] == home {
                "unshare --pid".to_string()
            } else {
                format!(
                    "nsenter --no-fork --pid=/proc/{}/ns/pid unshare --pid",
                    self.root_pid(parent)
                )
            })
        } else if for_children[parent] != q.ns {
            let init = (0..p)
                .find(|r| plan.processes[*r].ns == q.ns)
                .expect("a namespace's first process comes first");
            block.push(if q.ns == plan.processes[parent].ns {
                format!("# {dad} first returns to its own namespace for its children (setns).")
            } else {
                format!("# {dad} first enters {nsid} (setns), as docker exec and nsenter do.")
            });
            Some(format!(
                "nsenter --no-fork --pid=/proc/{}/ns/pid",
                self.root_pid(init)
            ))
        } else {
            None
        };
        if let Some(cmd) = reexec {
            block.push(
                "# (It re-executes its own loop through that tool: same process, same\n# PID, its traps set again.)"
                    .to_string(),
            );
            block.push(format!(
                "tell {parent} 'exec {cmd} sh -s < \"$dir/$me.sh\"'; wait_ready {parent}"
            ));
            for_children[parent] = q.ns;
        }
        let mut tools = String::new();
        if q.group == Some(GroupSpec::Session) {
            block.push("# It calls setsid: it leads a new session and process group.".to_string());
            tools.push_str(" setsid");
        }
        if let Some(u) = uid {
            block.push(format!(
                "# It takes uid {u} (setpriv) before it runs its loop."
            ));
            let _ = write!(tools, " setpriv --reuid={u} --regid={u} --clear-groups");
        }
        block.push(format!("ask {parent} 'start {p}{tools}'; wait_ready {p}"));
        block
    }

    fn build(&mut self) {
        let plan = self.plan;
        self.line("# --- Build the world ---------------------------------------------------");
        // For each process, the namespace its next child will be born in.
        let mut for_children = std::mem::take(&mut self.for_children);
        let mut seen_ns = std::mem::take(&mut self.seen_ns);
        for p in 0..plan.initial {
            let q = &plan.processes[p];
            let nsid = plain(&plan.namespaces[q.ns].id);
            let first = !seen_ns[q.ns];
            seen_ns[q.ns] = true;
            let Some(parent) = q.parent else {
                self.line(&format!(
                    r#"
# {id}: the first process, PID 1 of a fresh PID namespace (this world's
# {nsid}), with its own mount of /proc; it leads its own session (setsid).
unshare --pid --fork --mount-proc --kill-child \
  env --default-signal setsid sh -s < "$dir/p0.sh" > "$dir/p0.log" 2>&1 &
unshare_pid=$!
wait_ready 0
# Its PID here: unshare's only child.
init_pid=
{{ read -r init_pid _ < "/proc/$unshare_pid/task/$unshare_pid/children"; }} 2>/dev/null
if [ -z "$init_pid" ]; then   # a kernel without /proc/PID/task/TID/children
  for d in /proc/[0-9]*; do
    {{ read -r line < "$d/stat"; }} 2>/dev/null || continue
    set -- ${{line##*) }}
    [ "$2" = "$unshare_pid" ] && init_pid=${{d#/proc/}}
  done
fi
[ -n "$init_pid" ] || fail "cannot find the namespace's init"
proc=/proc/$init_pid/root/proc   # that namespace's /proc, seen from here"#,
                    id = self.id(p)
                ));
                continue;
            };
            let _ = parent;
            let block = self.fork(p, first, &mut for_children, None).join("\n");
            self.line(&format!("\n{block}"));
        }
        // Drop privileges and return to the own namespace where needed.
        let mut any = false;
        for (p, q) in plan.processes[..plan.initial].iter().enumerate() {
            let mut cmd = String::new();
            if for_children[p] != q.ns {
                let _ = write!(
                    cmd,
                    "nsenter --no-fork --pid=/proc/{}/ns/pid ",
                    self.root_pid(p)
                );
                for_children[p] = q.ns;
            }
            if q.uid != 0 {
                let _ = write!(
                    cmd,
                    "setpriv --reuid={u} --regid={u} --clear-groups ",
                    u = q.uid
                );
            }
            if cmd.is_empty() {
                continue;
            }
            if !any {
                self.line("\n# Every process exists; now each takes its own uid (setpriv) and, if\n# it made a child in another namespace, comes back to its own (setns).");
                any = true;
            }
            self.line(&format!(
                "tell {p} 'exec {cmd}sh -s < \"$dir/$me.sh\"'; wait_ready {p}   # {}",
                self.id(p)
            ));
        }
        self.for_children = for_children;
        self.seen_ns = seen_ns;
        // Check the world against the scenario.
        let mut expect = String::new();
        for p in 0..plan.initial {
            let nspid: Vec<String> = self.pids[p]
                .iter()
                .rev()
                .map(|(_, x)| x.to_string())
                .collect();
            let _ = writeln!(
                expect,
                "check {p} '{}' {}",
                nspid.join(" "),
                plan.processes[p].uid
            );
        }
        self.out.push_str(&format!(
            r#"
# Check the world is the scenario's: every PID in every namespace
# (NSpid), the uid, and no signal blocked.
check() {{
  nspid= uid= blk=
  while read -r key a b rest; do
    case $key in
    NSpid:) nspid=$(echo $a $b $rest) ;;
    Uid:) uid=$a ;;
    SigBlk:) blk=$a ;;
    esac
  done < "$proc/$(eval "echo \$pid_$1")/status"
  [ "$nspid" = "$2" ] || fail "process $1 has PIDs $nspid, not $2"
  [ "$uid" = "$3" ] || fail "process $1 has uid $uid, not $3"
  [ "$blk" = 0000000000000000 ] || fail "process $1 blocks signals ($blk)"
}}
{expect}snap
report 0 "The world as built:"
steps=
"#
        ));
    }

    /// A process created during the actions: its parent forks it now, as
    /// in the starting world, then its PIDs and uid are checked.
    fn spawn(&mut self, i: usize, p: ProcIdx) {
        let plan = self.plan;
        let q = &plan.processes[p];
        let parent = q.parent.expect("a spawn has a parent");
        let home = plan.processes[parent].ns;
        let first = !self.seen_ns[q.ns];
        self.seen_ns[q.ns] = true;
        let uid = (plan.processes[parent].uid == 0 && q.uid != 0).then_some(q.uid);
        let mut for_children = std::mem::take(&mut self.for_children);
        let mut lines = self.fork(p, first, &mut for_children, uid);
        if for_children[parent] != home {
            lines.push(format!(
                "# {} returns to its own namespace (setns) for whatever it does next.",
                self.id(parent)
            ));
            lines.push(format!(
                "tell {parent} 'exec nsenter --no-fork --pid=/proc/{}/ns/pid sh -s < \"$dir/$me.sh\"'; wait_ready {parent}",
                self.root_pid(parent)
            ));
            for_children[parent] = home;
        }
        self.for_children = for_children;
        let nspid: Vec<String> = self.pids[p]
            .iter()
            .rev()
            .map(|(_, x)| x.to_string())
            .collect();
        let label = format!("[{}] {}: spawn {}", i + 1, self.id(parent), self.id(p));
        self.line(&format!(
            "\n# Action {}: {} forks {} now.\n{}\nn=$((n + 1)); check {p} '{}' {}\nsettle\nstep {}",
            i + 1,
            self.id(parent),
            self.id(p),
            lines.join("\n"),
            nspid.join(" "),
            q.uid,
            sq(&label)
        ));
    }

    fn action(&mut self, i: usize) {
        let plan = self.plan;
        let a = &plan.actions[i];
        if let Action::Spawn { process } = a {
            return self.spawn(i, *process);
        }
        let (who, cmd, label) = match a {
            Action::Kill { from, pid, sig } | Action::Sigqueue { from, pid, sig } => {
                let ns = plan.processes[*from].ns;
                let (arg, note) = match pid {
                    PidArg::Raw(n) => (*n as i64, String::new()),
                    PidArg::PidOf(q) => match self.pid_in(*q, ns) {
                        Some(x) => (x, format!(" ({}'s PID here)", self.id(*q))),
                        None => (
                            NO_SUCH_PID,
                            format!(" ({} has no PID here: a PID nobody has)", self.id(*q)),
                        ),
                    },
                    PidArg::GroupOf(q) => {
                        let l = self.leader(*q);
                        match self.pid_in(l, ns) {
                            Some(x) => (-x, format!(" ({}'s group)", self.id(*q))),
                            None => (
                                -NO_SUCH_PID,
                                format!(
                                    " ({}'s group leader has no PID here: a group nobody leads)",
                                    self.id(*q)
                                ),
                            ),
                        }
                    }
                };
                let (verb, call) = match a {
                    Action::Kill { .. } => ("send", "kill"),
                    _ => ("queue", "sigqueue"),
                };
                (
                    *from,
                    format!("{verb} {sig} {arg}"),
                    format!(
                        "{}: {call}({arg}, {}){note}",
                        self.id(*from),
                        sig_word(*sig)
                    ),
                )
            }
            Action::Exit { who, code } => (
                *who,
                format!("exit {}", code & 0xff),
                format!("{}: exit({code})", self.id(*who)),
            ),
            Action::Sigaction { from, changes } => {
                let traps: Vec<String> = changes
                    .iter()
                    .map(|(s, d)| trap_cmd(*from, *s, *d))
                    .collect();
                let words: Vec<String> = changes
                    .iter()
                    .map(|(s, d)| {
                        let d = match d {
                            Disposition::Default => "default",
                            Disposition::Ignore => "ignore",
                            Disposition::Catch => "catch",
                        };
                        format!("{} {d}", sig_word(s.nr() as i32))
                    })
                    .collect();
                (
                    *from,
                    format!("{}; answer 0", traps.join("; ")),
                    format!("{}: sigaction({})", self.id(*from), words.join(", ")),
                )
            }
            _ => unreachable!("refused by unsupported()"),
        };
        self.line(&format!(
            "\n# Action {n}: {label}. The process runs it itself; then the world settles.\nask {who} {}\nsettle\nstep {}",
            sq(&cmd),
            sq(&format!("[{}] {label}", i + 1)),
            n = i + 1,
        ));
    }

    fn finish(&mut self) {
        self.line(
            r#"
# --- The outcome -----------------------------------------------------------
if [ "$json" = yes ]; then
  printf '{"format":"sigscene-outcome/1","steps":[%s]}\n' "${steps#,}"
fi
exit 0"#,
        );
    }
}

/// The `trap` command that gives process `p` disposition `d` for `sig`.
fn trap_cmd(p: ProcIdx, sig: Signal, d: Disposition) -> String {
    let name = sig.name().unwrap_or_else(|| sig.nr().to_string());
    let nr = sig.nr();
    match d {
        Disposition::Catch => format!("trap 'echo {name} >> \"$dir/p{p}.h\"' {nr}"),
        Disposition::Ignore => format!("trap '' {nr}"),
        Disposition::Default => format!("trap - {nr}"),
    }
}

/// [`trap_cmd`] with a comment saying what it does.
fn trap_line(p: ProcIdx, sig: Signal, d: Disposition) -> String {
    let name = sig.name().unwrap_or_else(|| sig.nr().to_string());
    let why = match d {
        Disposition::Catch => format!("catch {name}: note each time the handler runs"),
        Disposition::Ignore => format!("ignore {name} (SIG_IGN)"),
        Disposition::Default => format!("{name} at its default (SIG_DFL)"),
    };
    format!("{}   # {why}", trap_cmd(p, sig, d))
}
