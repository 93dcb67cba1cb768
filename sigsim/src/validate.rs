//! From a [`Scenario`] as written to a [`Plan`] the port can run: ids
//! resolved to indices, signals to numbers, each action to one typed verb.
//! Everything that can be checked without running the world is checked
//! here; what depends on the run (an actor that is dead by then) is checked
//! by [`crate::run`] with the same kind of error.
//!
//! Architecture invariant: the port never sees an unvalidated world.

use crate::fork::{CloneArgs, NewGroup};
use crate::scenario::*;
use crate::sched::Handler;
use crate::signum::{SigSet, SigSpec, Signal};
pub use crate::uapi::MaskHow;
use crate::version::KernelVersion;
use std::collections::HashMap;
use std::fmt::{self, Write};

/// The deepest namespace level, as `MAX_PID_NS_LEVEL` in the kernel.
pub const MAX_PID_NS_LEVEL: u8 = 32;

/// What is wrong with a scenario, and where: `processes[2].signals.SIGKILL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub path: String,
    pub message: String,
}

impl ScenarioError {
    /// An error about the field at `path`. Both are kept to one line
    /// whatever the input held: control characters and line separators
    /// from a hostile key or value are written as escapes (`\n`, `\u{1b}`).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            path: one_line(path.into()),
            message: one_line(message.into()),
        }
    }
}

/// A signal keyed twice in one object under two of its names (`SIGCHLD`
/// and its alias `SIGCLD`, or a name and its number) is refused at the
/// second: which disposition was meant is anyone's guess.
fn once(named: &mut SigSet, sig: Signal, path: &str) -> Result<(), ScenarioError> {
    if named.contains(sig) {
        return Err(ScenarioError::new(
            path,
            format!("names {sig} a second time"),
        ));
    }
    named.add(sig);
    Ok(())
}

/// `s` kept to one line: control characters and the Unicode line and
/// paragraph separators written as escapes (`\n`, `\u{1b}`), so that text
/// from an input can end neither a line nor a comment, nor drive a terminal.
pub fn one_line(s: String) -> String {
    let unsafe_char = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !s.contains(unsafe_char) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            // As `char::escape_debug` writes them, without its tables.
            let _ = match c {
                '\n' => out.write_str("\\n"),
                '\r' => out.write_str("\\r"),
                '\t' => out.write_str("\\t"),
                '\0' => out.write_str("\\0"),
                c => write!(out, "\\u{{{:x}}}", c as u32),
            };
        } else {
            out.push(c);
        }
    }
    out
}

/// An id in double quotes, as `{:?}` prints a plain one, without
/// Debug's Unicode escaping tables (which the page's wasm would carry).
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' | '\\' => write!(f, "\\{c}")?,
                c if c.is_control() => write!(f, "\\u{{{:x}}}", c as u32)?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

pub type NsIdx = usize;
pub type ProcIdx = usize;

#[derive(Clone, Debug, PartialEq)]
pub struct NsPlan {
    pub id: String,
    pub parent: Option<NsIdx>,
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProcPlan {
    pub id: String,
    pub ns: NsIdx,
    pub parent: Option<ProcIdx>,
    pub uid: u32,
    /// Every signal whose disposition is not SIG_DFL.
    pub signals: Vec<(Signal, Disposition)>,
    pub blocked: SigSet,
    pub group: Option<GroupSpec>,
    /// Where it was declared: `processes[3]` or `actions[5].spawn`.
    pub path: String,
}

impl ProcPlan {
    /// What the kernel makes this process with.
    pub fn clone_args(&self) -> CloneArgs {
        CloneArgs {
            id: self.id.clone(),
            ns: self.ns,
            uid: self.uid,
            handlers: self
                .signals
                .iter()
                .map(|(s, d)| (*s, (*d).into()))
                .collect(),
            blocked: self.blocked,
            group: self.group.map(|g| match g {
                GroupSpec::New => NewGroup::Group,
                GroupSpec::Session => NewGroup::Session,
            }),
        }
    }
}

impl From<Disposition> for Handler {
    fn from(d: Disposition) -> Self {
        match d {
            Disposition::Default => Handler::Dfl,
            Disposition::Ignore => Handler::Ign,
            Disposition::Catch => Handler::User,
        }
    }
}

/// The pid argument of a kill-like call, resolved at the moment of the call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PidArg {
    Raw(i32),
    PidOf(ProcIdx),
    GroupOf(ProcIdx),
}

/// One action, typed. `sig` stays the raw `int` the caller passes: the
/// kernel, not the parser, decides what an out-of-range number does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Kill {
        from: ProcIdx,
        pid: PidArg,
        sig: i32,
    },
    Sigqueue {
        from: ProcIdx,
        pid: PidArg,
        sig: i32,
    },
    Tgkill {
        from: ProcIdx,
        pid: PidArg,
        sig: i32,
    },
    PidfdSendSignal {
        from: ProcIdx,
        target: ProcIdx,
        sig: i32,
    },
    Kernel {
        sig: Signal,
        to: ProcIdx,
    },
    Exit {
        who: ProcIdx,
        code: i32,
    },
    Spawn {
        process: ProcIdx,
    },
    Sigaction {
        from: ProcIdx,
        changes: Vec<(Signal, Disposition)>,
    },
    Sigprocmask {
        from: ProcIdx,
        how: MaskHow,
        set: SigSet,
    },
}

impl Action {
    /// The process that performs the action, if any (the kernel's own sends
    /// and spawns have none that must be running at that moment but the parent).
    pub fn actor(&self) -> Option<ProcIdx> {
        match *self {
            Action::Kill { from, .. }
            | Action::Sigqueue { from, .. }
            | Action::Tgkill { from, .. }
            | Action::PidfdSendSignal { from, .. }
            | Action::Sigaction { from, .. }
            | Action::Sigprocmask { from, .. } => Some(from),
            Action::Exit { who, .. } => Some(who),
            Action::Kernel { .. } | Action::Spawn { .. } => None,
        }
    }
}

/// A validated scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub version: KernelVersion,
    pub namespaces: Vec<NsPlan>,
    /// The processes of `processes`, then every spawned one in action order.
    pub processes: Vec<ProcPlan>,
    /// How many of `processes` exist before the first action.
    pub initial: usize,
    pub actions: Vec<Action>,
}

impl Plan {
    pub fn root_ns(&self) -> NsIdx {
        self.namespaces
            .iter()
            .position(|n| n.parent.is_none())
            .expect("validated")
    }

    /// Is `ancestor` equal to `ns` or above it?
    pub fn ns_is_ancestor_or_self(&self, ancestor: NsIdx, ns: NsIdx) -> bool {
        ns_is_ancestor_or_self(&self.namespaces, ancestor, ns)
    }

    pub fn process_index(&self, id: &str) -> Option<ProcIdx> {
        self.processes.iter().position(|p| p.id == id)
    }
}

/// Checks a scenario and resolves it into a [`Plan`].
pub fn validate(s: &Scenario) -> Result<Plan, ScenarioError> {
    if s.format != FORMAT {
        return Err(ScenarioError::new(
            "format",
            format!("expected {}, got {}", Quoted(FORMAT), Quoted(&s.format)),
        ));
    }
    let version = match &s.kernel {
        None => KernelVersion::default(),
        Some(v) => KernelVersion::parse(v).ok_or_else(|| {
            ScenarioError::new(
                "kernel",
                format!(
                    "unknown kernel version {} (known: 6.18, 7.2, 6.12, 6.1, 5.10, 4.19)",
                    Quoted(v)
                ),
            )
        })?,
    };
    if let Some(m) = &s.meta {
        validate_meta(m)?;
    }
    let namespaces = namespaces(&s.namespaces)?;
    let mut b = Builder {
        namespaces: &namespaces,
        processes: Vec::new(),
        by_id: HashMap::new(),
    };
    for (i, p) in s.processes.iter().enumerate() {
        b.process(p, format!("processes[{i}]"), true)?;
    }
    let initial = b.processes.len();
    // Spawned processes are declared in the actions; register them first so
    // an action may name a process that is spawned later (it then has no PID).
    let mut spawned = vec![None; s.actions.len()];
    for (i, a) in s.actions.iter().enumerate() {
        if let Some(p) = &a.spawn {
            spawned[i] = Some(b.process(p, format!("actions[{i}].spawn"), false)?);
        }
    }
    let mut actions = Vec::with_capacity(s.actions.len());
    for (i, a) in s.actions.iter().enumerate() {
        actions.push(b.action(a, i, spawned[i])?);
    }
    if let Some(m) = &s.meta {
        validate_lesson(&m.lesson, &|id| b.by_id.contains_key(id))?;
    }
    let processes = b.processes;
    Ok(Plan {
        version,
        namespaces,
        processes,
        initial,
        actions,
    })
}

/// The longest `meta.name`, in bytes (it is ASCII).
pub const META_NAME_MAX: usize = 64;
/// The longest `meta.title`, in characters, in each language.
pub const META_TITLE_MAX: usize = 100;
/// The longest `meta.question` and `meta.group`, in characters.
pub const META_QUESTION_MAX: usize = 200;
/// The longest `meta.explain`, in characters.
pub const META_EXPLAIN_MAX: usize = 1000;

/// Checks a scenario's words (`docs/scenario-format-notes.md`): `name` is
/// kebab-case (`a-z`, `0-9`, single hyphens inside) and at most
/// [`META_NAME_MAX`] long; every text has English, is not blank in any
/// language it gives, stays within its length in characters, and holds
/// no control character, line or paragraph separator, or bidirectional
/// override (text a page shows must not reorder or break what is around
/// it). The error names the field: `meta.explain.zh`.
pub fn validate_meta(m: &Meta) -> Result<(), ScenarioError> {
    let name = &m.name;
    if name.len() > META_NAME_MAX {
        return Err(ScenarioError::new(
            "meta.name",
            format!("is {} bytes long, more than {META_NAME_MAX}", name.len()),
        ));
    }
    let kebab = !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !kebab {
        return Err(ScenarioError::new(
            "meta.name",
            format!(
                "{} is not kebab-case (lower-case letters and digits, joined by single hyphens)",
                Quoted(name)
            ),
        ));
    }
    for (key, text, max) in [
        ("title", &m.title, META_TITLE_MAX),
        ("question", &m.question, META_QUESTION_MAX),
        ("group", &m.group, META_QUESTION_MAX),
        ("explain", &m.explain, META_EXPLAIN_MAX),
    ] {
        showable_text(&format!("meta.{key}"), text, max)?;
    }
    if m.lesson.len() > LESSON_STEPS_MAX {
        return Err(ScenarioError::new(
            "meta.lesson",
            format!("has {} steps, more than {LESSON_STEPS_MAX}", m.lesson.len()),
        ));
    }
    for (i, step) in m.lesson.iter().enumerate() {
        showable_text(&format!("meta.lesson[{i}].say"), &step.say, LESSON_SAY_MAX)?;
    }
    Ok(())
}

/// A text of `meta` in each language it gives: not blank, at most `max`
/// characters, nothing [`unshowable`].
fn showable_text(path: &str, text: &Text, max: usize) -> Result<(), ScenarioError> {
    let langs = [("en", Some(&text.en)), ("zh", text.zh.as_ref())];
    for (lang, t) in langs {
        let Some(t) = t else { continue };
        let path = format!("{path}.{lang}");
        if t.trim().is_empty() {
            return Err(ScenarioError::new(path, "must not be empty"));
        }
        let len = t.chars().count();
        if len > max {
            return Err(ScenarioError::new(
                path,
                format!("is {len} characters long, more than {max}"),
            ));
        }
        if let Some(c) = t.chars().find(|&c| unshowable(c)) {
            return Err(ScenarioError::new(
                path,
                format!(
                    "holds U+{:04X}, a control, separator or bidirectional character",
                    c as u32
                ),
            ));
        }
    }
    Ok(())
}

/// The most steps a lesson has (a class period, not a course).
pub const LESSON_STEPS_MAX: usize = 20;
/// The longest `say` of a lesson step, in characters.
pub const LESSON_SAY_MAX: usize = 300;

/// Checks what each lesson step asks for (its words are checked with the
/// rest of `meta`): one kind of step, its keys and no other, signals that
/// exist, processes the scenario declares or spawns. `known` tells a
/// process id. Whether a step can be done is for the learner to find out.
fn validate_lesson(
    steps: &[LessonStep],
    known: &dyn Fn(&str) -> bool,
) -> Result<(), ScenarioError> {
    for (i, step) in steps.iter().enumerate() {
        let path = format!("meta.lesson[{i}].do");
        let t = &step.task;
        let at = |k: &str| format!("{path}.{k}");
        let process = |k: &str, id: &str| {
            if known(id) {
                Ok(())
            } else {
                Err(ScenarioError::new(
                    at(k),
                    format!("no process {}", Quoted(id)),
                ))
            }
        };
        let kinds = [
            t.send.is_some(),
            t.set.is_some(),
            t.exit.is_some(),
            t.undo.is_some(),
        ];
        let extra = |keys: &[(&str, bool)]| -> Result<(), ScenarioError> {
            match keys.iter().find(|(_, present)| *present) {
                Some((k, _)) => Err(ScenarioError::new(
                    at(k),
                    "does not belong to this kind of step",
                )),
                None => Ok(()),
            }
        };
        match kinds {
            [true, false, false, false] => {
                raw_signal(t.send.as_ref().unwrap(), &at("send"))?;
                extra(&[("on", t.on.is_some())])?;
                if let Some(f) = &t.from {
                    if f != "kernel" {
                        process("from", f)?;
                    }
                }
                match &t.to {
                    None => return Err(ScenarioError::new(&path, "missing field `to`")),
                    Some(Aim::Name(id)) => process("to", id)?,
                    Some(Aim::GroupOf(g)) => process("to", &g.group_of)?,
                    Some(Aim::Raw(-1 | 0)) => {}
                    Some(Aim::Raw(n)) => {
                        return Err(ScenarioError::new(
                            at("to"),
                            format!("{n}: a step sends to a process by name, to -1 (everyone) or 0 (the sender's group)"),
                        ))
                    }
                }
            }
            [false, true, false, false] => {
                let sig = t.set.as_ref().unwrap();
                let p = at("set");
                match sig {
                    SigSpec::Number(n) => Signal::new(*n).map(|_| ()).ok_or_else(|| {
                        ScenarioError::new(&p, format!("signal {n} is out of range 1..64"))
                    })?,
                    SigSpec::Name(name) => parse_signal_key(name, &p).map(|_| ())?,
                }
                extra(&[("from", t.from.is_some())])?;
                match &t.on {
                    None => return Err(ScenarioError::new(&path, "missing field `on`")),
                    Some(id) => process("on", id)?,
                }
                match &t.to {
                    Some(Aim::Name(d)) if matches!(d.as_str(), "default" | "ignore" | "catch") => {}
                    None => return Err(ScenarioError::new(&path, "missing field `to`")),
                    Some(_) => {
                        return Err(ScenarioError::new(
                            at("to"),
                            "expected one of `default`, `ignore`, `catch`",
                        ))
                    }
                }
            }
            [false, false, true, false] => {
                extra(&[
                    ("on", t.on.is_some()),
                    ("to", t.to.is_some()),
                    ("from", t.from.is_some()),
                ])?;
                process("exit", t.exit.as_ref().unwrap())?;
            }
            [false, false, false, true] => {
                extra(&[
                    ("on", t.on.is_some()),
                    ("to", t.to.is_some()),
                    ("from", t.from.is_some()),
                ])?;
                if t.undo != Some(true) {
                    return Err(ScenarioError::new(at("undo"), "is `true` or absent"));
                }
            }
            [false, false, false, false] => {
                return Err(ScenarioError::new(
                    &path,
                    "expected one of `send`, `set`, `exit` or `undo`",
                ))
            }
            _ => {
                return Err(ScenarioError::new(
                    &path,
                    "is one step: only one of `send`, `set`, `exit` or `undo`",
                ))
            }
        }
    }
    Ok(())
}

/// A character a text in `meta` may not hold: a control character (a new
/// line included: the words are one paragraph each), the Unicode line and
/// paragraph separators, or a bidirectional embedding, override or isolate.
fn unshowable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn namespaces(specs: &[NamespaceSpec]) -> Result<Vec<NsPlan>, ScenarioError> {
    // Keyed by String like the process index, which keeps one HashMap
    // instance in the page's wasm.
    let mut index: HashMap<String, NsIdx> = HashMap::new();
    for (i, n) in specs.iter().enumerate() {
        if n.id.is_empty() {
            return Err(ScenarioError::new(
                format!("namespaces[{i}].id"),
                "must not be empty",
            ));
        }
        if index.insert(n.id.clone(), i).is_some() {
            return Err(ScenarioError::new(
                format!("namespaces[{i}].id"),
                format!("duplicate namespace id {}", Quoted(&n.id)),
            ));
        }
    }
    let roots: Vec<usize> = specs
        .iter()
        .enumerate()
        .filter(|(_, n)| n.parent.is_none())
        .map(|(i, _)| i)
        .collect();
    match roots.as_slice() {
        [] => {
            return Err(ScenarioError::new(
                "namespaces",
                "no root namespace (one namespace must have no parent)",
            ))
        }
        [_] => {}
        [_, second, ..] => {
            return Err(ScenarioError::new(
                format!("namespaces[{second}].parent"),
                "a second root namespace: only one namespace may have no parent",
            ))
        }
    }
    let mut parents = Vec::with_capacity(specs.len());
    for (i, n) in specs.iter().enumerate() {
        let parent = match &n.parent {
            None => None,
            Some(p) => {
                let at = *index.get(p).ok_or_else(|| {
                    ScenarioError::new(
                        format!("namespaces[{i}].parent"),
                        format!("no namespace with id {}", Quoted(p)),
                    )
                })?;
                // The port builds namespaces in the order listed, each
                // under one it has already built.
                if at >= i {
                    let why = if at == i {
                        "a namespace cannot be its own parent".to_string()
                    } else {
                        format!(
                            "namespace {} is listed after {}: a parent is listed before its children",
                            Quoted(p),
                            Quoted(&n.id)
                        )
                    };
                    return Err(ScenarioError::new(format!("namespaces[{i}].parent"), why));
                }
                Some(at)
            }
        };
        parents.push(parent);
    }
    let mut out = Vec::with_capacity(specs.len());
    for (i, n) in specs.iter().enumerate() {
        // Walk up to the root; a cycle never reaches it.
        let mut level = 0usize;
        let mut at = i;
        while let Some(p) = parents[at] {
            level += 1;
            at = p;
            if level > specs.len() {
                return Err(ScenarioError::new(
                    format!("namespaces[{i}].parent"),
                    "namespaces form a cycle",
                ));
            }
        }
        if level > MAX_PID_NS_LEVEL as usize {
            return Err(ScenarioError::new(
                format!("namespaces[{i}]"),
                format!("level {level} is deeper than the kernel allows (MAX_PID_NS_LEVEL = 32)"),
            ));
        }
        out.push(NsPlan {
            id: n.id.clone(),
            parent: parents[i],
            level: level as u8,
        });
    }
    Ok(out)
}

struct Builder<'a> {
    namespaces: &'a [NsPlan],
    processes: Vec<ProcPlan>,
    by_id: HashMap<String, ProcIdx>,
}

impl Builder<'_> {
    fn ns(&self, id: &str, path: &str) -> Result<NsIdx, ScenarioError> {
        self.namespaces
            .iter()
            .position(|n| n.id == id)
            .ok_or_else(|| ScenarioError::new(path, format!("no namespace with id {}", Quoted(id))))
    }

    fn proc(&self, id: &str, path: impl Into<String>) -> Result<ProcIdx, ScenarioError> {
        self.by_id
            .get(id)
            .copied()
            .ok_or_else(|| ScenarioError::new(path, format!("no process with id {}", Quoted(id))))
    }

    fn is_ancestor_or_self(&self, ancestor: NsIdx, ns: NsIdx) -> bool {
        ns_is_ancestor_or_self(self.namespaces, ancestor, ns)
    }

    /// Checks one process declaration. `initial` says whether it is listed
    /// in `processes` (its namespace's first process is then statically
    /// known) or spawned later (that is decided when the spawn runs).
    fn process(
        &mut self,
        p: &ProcessSpec,
        path: String,
        initial: bool,
    ) -> Result<ProcIdx, ScenarioError> {
        if p.id.is_empty() {
            return Err(ScenarioError::new(
                format!("{path}.id"),
                "must not be empty",
            ));
        }
        if self.by_id.contains_key(&p.id) {
            return Err(ScenarioError::new(
                format!("{path}.id"),
                format!("duplicate process id {}", Quoted(&p.id)),
            ));
        }
        let ns = self.ns(&p.ns, &format!("{path}.ns"))?;
        let first_in_ns = initial && !self.processes.iter().any(|q| q.ns == ns);
        let root = self.namespaces[ns].parent.is_none();
        let parent = match &p.parent {
            None => {
                if !(initial && root && self.processes.is_empty()) {
                    return Err(ScenarioError::new(
                        format!("{path}.parent"),
                        "missing: only the first process of the root namespace (the global init) has no parent",
                    ));
                }
                if p.group == Some(GroupSpec::New) {
                    return Err(ScenarioError::new(
                        format!("{path}.group"),
                        "the global init leads its own session; its group can only be \"session\"",
                    ));
                }
                None
            }
            Some(parent_id) => {
                let ppath = format!("{path}.parent");
                if initial && self.processes.is_empty() {
                    return Err(ScenarioError::new(
                        ppath,
                        "the first process must be the global init, in the root namespace, with no parent",
                    ));
                }
                let parent = self.proc(parent_id, &ppath)?;
                let pns = self.processes[parent].ns;
                if first_in_ns {
                    if self.namespaces[ns].parent != Some(pns) {
                        return Err(ScenarioError::new(
                            ppath,
                            format!(
                                "{} is the first process of namespace {}, so its parent must live in that namespace's parent (clone(CLONE_NEWPID)), not in {}",
                                Quoted(&p.id), Quoted(&self.namespaces[ns].id), Quoted(&self.namespaces[pns].id)
                            ),
                        ));
                    }
                } else if !self.is_ancestor_or_self(pns, ns) {
                    return Err(ScenarioError::new(
                        ppath,
                        format!(
                            "{} in namespace {} cannot make a child in {}: a parent forks into its own namespace or, after setns, into a descendant",
                            Quoted(parent_id), Quoted(&self.namespaces[pns].id), Quoted(&self.namespaces[ns].id)
                        ),
                    ));
                }
                Some(parent)
            }
        };
        let mut signals = Vec::new();
        let mut named = SigSet::default();
        for (name, d) in &p.signals {
            let spath = format!("{path}.signals.{name}");
            let sig = parse_signal_key(name, &spath)?;
            once(&mut named, sig, &spath)?;
            if sig.kernel_only() && *d != Disposition::Default {
                let verb = if *d == Disposition::Catch {
                    "caught"
                } else {
                    "ignored"
                };
                return Err(ScenarioError::new(
                    spath,
                    format!("{sig} cannot be {verb} (sigaction returns EINVAL)"),
                ));
            }
            if *d != Disposition::Default {
                signals.push((sig, *d));
            }
        }
        let blocked = sig_list(&p.blocked, &format!("{path}.blocked"))?.without_kill_stop();
        let idx = self.processes.len();
        self.by_id.insert(p.id.clone(), idx);
        self.processes.push(ProcPlan {
            id: p.id.clone(),
            ns,
            parent,
            uid: p.uid.unwrap_or(0),
            signals,
            blocked,
            group: p.group,
            path,
        });
        Ok(idx)
    }

    fn action(
        &self,
        a: &ActionSpec,
        i: usize,
        spawned: Option<ProcIdx>,
    ) -> Result<Action, ScenarioError> {
        let path = format!("actions[{i}]");
        let kinds: Vec<&str> = [
            ("kill", a.kill.is_some()),
            ("sigqueue", a.sigqueue.is_some()),
            ("tgkill", a.tgkill.is_some()),
            ("pidfd_send_signal", a.pidfd_send_signal.is_some()),
            ("kernel", a.kernel.is_some()),
            ("exit", a.exit.is_some()),
            ("spawn", a.spawn.is_some()),
            ("sigaction", a.sigaction.is_some()),
            ("sigprocmask", a.sigprocmask.is_some()),
        ]
        .into_iter()
        .filter(|(_, present)| *present)
        .map(|(k, _)| k)
        .collect();
        let kind = match kinds.as_slice() {
            [k] => *k,
            [] => return Err(ScenarioError::new(path, "no action: expected one of kill, sigqueue, tgkill, pidfd_send_signal, kernel, exit, spawn, sigaction, sigprocmask")),
            [a, b, ..] => return Err(ScenarioError::new(format!("{path}.{b}"), format!("one action per entry: {a} and {b} both given"))),
        };
        // Keys that this kind does not take.
        let allowed: &[&str] = match kind {
            "kill" | "sigqueue" | "tgkill" | "pidfd_send_signal" => &["from", "sig"],
            "kernel" => &["to"],
            "exit" => &["code"],
            "spawn" => &[],
            _ => &["from"],
        };
        let present = [
            ("from", a.from.is_some()),
            ("sig", a.sig.is_some()),
            ("to", a.to.is_some()),
            ("code", a.code.is_some()),
        ];
        for (key, is) in present {
            if is && !allowed.contains(&key) {
                return Err(ScenarioError::new(
                    format!("{path}.{key}"),
                    format!("not a field of a {kind} action"),
                ));
            }
        }
        let from = || -> Result<ProcIdx, ScenarioError> {
            let id = a
                .from
                .as_deref()
                .ok_or_else(|| ScenarioError::new(format!("{path}.from"), "missing"))?;
            self.proc(id, format!("{path}.from"))
        };
        let sig = || -> Result<i32, ScenarioError> {
            let spec = a
                .sig
                .as_ref()
                .ok_or_else(|| ScenarioError::new(format!("{path}.sig"), "missing"))?;
            raw_signal(spec, &format!("{path}.sig"))
        };
        let pid = |spec: &PidSpec, key: &str| -> Result<PidArg, ScenarioError> {
            let ppath = format!("{path}.{key}");
            Ok(match spec {
                PidSpec::Raw(n) => PidArg::Raw(i32::try_from(*n).map_err(|_| {
                    ScenarioError::new(&ppath, format!("{n} does not fit a pid_t"))
                })?),
                PidSpec::PidOf(p) => {
                    PidArg::PidOf(self.proc(&p.pid_of, format!("{ppath}.pid_of"))?)
                }
                PidSpec::GroupOf(g) => {
                    PidArg::GroupOf(self.proc(&g.group_of, format!("{ppath}.group_of"))?)
                }
            })
        };
        Ok(match kind {
            "kill" => Action::Kill {
                from: from()?,
                pid: pid(a.kill.as_ref().unwrap(), "kill")?,
                sig: sig()?,
            },
            "sigqueue" => {
                let p = pid(a.sigqueue.as_ref().unwrap(), "sigqueue")?;
                match p {
                    PidArg::Raw(n) if n <= 0 => {
                        return Err(ScenarioError::new(
                            format!("{path}.sigqueue"),
                            "must be a positive PID or {\"pid_of\": …}",
                        ))
                    }
                    PidArg::GroupOf(_) => {
                        return Err(ScenarioError::new(
                            format!("{path}.sigqueue.group_of"),
                            "sigqueue takes a PID, not a group",
                        ))
                    }
                    _ => {}
                }
                Action::Sigqueue {
                    from: from()?,
                    pid: p,
                    sig: sig()?,
                }
            }
            "tgkill" => {
                let p = pid(a.tgkill.as_ref().unwrap(), "tgkill")?;
                if let PidArg::GroupOf(_) = p {
                    return Err(ScenarioError::new(
                        format!("{path}.tgkill.group_of"),
                        "tgkill takes a PID, not a group",
                    ));
                }
                Action::Tgkill {
                    from: from()?,
                    pid: p,
                    sig: sig()?,
                }
            }
            "pidfd_send_signal" => Action::PidfdSendSignal {
                from: from()?,
                target: self.proc(
                    a.pidfd_send_signal.as_deref().unwrap(),
                    format!("{path}.pidfd_send_signal"),
                )?,
                sig: sig()?,
            },
            "kernel" => {
                let kpath = format!("{path}.kernel");
                let n = raw_signal(a.kernel.as_ref().unwrap(), &kpath)?;
                let sig = Signal::new(n as i64).ok_or_else(|| {
                    ScenarioError::new(
                        kpath,
                        format!("the kernel sends a real signal, 1..64, not {n}"),
                    )
                })?;
                let to =
                    a.to.as_deref()
                        .ok_or_else(|| ScenarioError::new(format!("{path}.to"), "missing"))?;
                Action::Kernel {
                    sig,
                    to: self.proc(to, format!("{path}.to"))?,
                }
            }
            "exit" => Action::Exit {
                who: self.proc(a.exit.as_deref().unwrap(), format!("{path}.exit"))?,
                code: a.code.unwrap_or(0),
            },
            "spawn" => Action::Spawn {
                process: spawned.expect("registered before actions"),
            },
            "sigaction" => {
                let map = a.sigaction.as_ref().unwrap();
                if map.is_empty() {
                    return Err(ScenarioError::new(
                        format!("{path}.sigaction"),
                        "names no signal",
                    ));
                }
                let mut changes = Vec::new();
                let mut named = SigSet::default();
                for (name, d) in map {
                    let spath = format!("{path}.sigaction.{name}");
                    let sig = parse_signal_key(name, &spath)?;
                    once(&mut named, sig, &spath)?;
                    changes.push((sig, *d));
                }
                Action::Sigaction {
                    from: from()?,
                    changes,
                }
            }
            "sigprocmask" => {
                let m = a.sigprocmask.as_ref().unwrap();
                let mpath = format!("{path}.sigprocmask");
                let (how, list) = match (&m.block, &m.unblock, &m.set) {
                    (Some(l), None, None) => (MaskHow::Block, l),
                    (None, Some(l), None) => (MaskHow::Unblock, l),
                    (None, None, Some(l)) => (MaskHow::Set, l),
                    _ => {
                        return Err(ScenarioError::new(
                            mpath,
                            "exactly one of block, unblock, set",
                        ))
                    }
                };
                let key = match how {
                    MaskHow::Block => "block",
                    MaskHow::Unblock => "unblock",
                    MaskHow::Set => "set",
                };
                Action::Sigprocmask {
                    from: from()?,
                    how,
                    set: sig_list(list, &format!("{mpath}.{key}"))?,
                }
            }
            _ => unreachable!(),
        })
    }
}

fn ns_is_ancestor_or_self(namespaces: &[NsPlan], ancestor: NsIdx, mut ns: NsIdx) -> bool {
    loop {
        if ns == ancestor {
            return true;
        }
        match namespaces[ns].parent {
            Some(p) => ns = p,
            None => return false,
        }
    }
}

fn parse_signal_key(name: &str, path: &str) -> Result<Signal, ScenarioError> {
    Signal::parse(name).ok_or_else(|| {
        let msg = match name.parse::<i64>() {
            Ok(n) if crate::signum::plain_number(name) => {
                format!("signal {n} is out of range 1..64")
            }
            _ => format!("unknown signal {}", Quoted(name)),
        };
        ScenarioError::new(path, msg)
    })
}

fn sig_list(list: &[SigSpec], path: &str) -> Result<SigSet, ScenarioError> {
    let mut set = SigSet::EMPTY;
    for (i, s) in list.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let sig = match s {
            SigSpec::Number(n) => Signal::new(*n).ok_or_else(|| {
                ScenarioError::new(&p, format!("signal {n} is out of range 1..64"))
            })?,
            SigSpec::Name(name) => parse_signal_key(name, &p)?,
        };
        set.add(sig);
    }
    Ok(set)
}

/// The `int sig` a syscall receives: any number, or a known name.
fn raw_signal(spec: &SigSpec, path: &str) -> Result<i32, ScenarioError> {
    match spec {
        SigSpec::Number(n) => i32::try_from(*n)
            .map_err(|_| ScenarioError::new(path, format!("{n} does not fit an int"))),
        SigSpec::Name(name) => Signal::parse(name)
            .map(|s| s.nr() as i32)
            .ok_or_else(|| ScenarioError::new(path, format!("unknown signal {}", Quoted(name)))),
    }
}
