//! `sigscene/1` as text without serde's generic machinery: a small JSON
//! reader and writer for the [`crate::scenario`] types, for the page.
//!
//! Why a second reader: serde's derived visitors, monomorphised over
//! serde_json's parser for every field, were a tenth of the page's wasm
//! (about 25 KB gzip); this module costs a fraction of that. The CLI and
//! the tests keep reading with serde, the reference; `tests/json.rs` holds
//! the two to the same answers (the corpus, the invalid corpus with its
//! error paths, generated worlds) and the writer to serde_json's exact
//! bytes, so permalinks and exports cannot tell them apart.
//!
//! Errors are [`ScenarioError`]s with serde_path_to_error's paths
//! (`processes[2].uid`); a syntax error has an empty path and names the
//! line and column.

use crate::scenario::*;
use crate::signum::SigSpec;
use crate::validate::ScenarioError;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A parsed JSON value. Numbers keep their text: the scenario wants
/// integers of several widths and says which field overflowed.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    /// Members in document order (duplicates are refused while parsing).
    Obj(Vec<(String, Json)>),
}

/// Nesting deeper than this is refused: a scenario needs about six levels,
/// and a hostile permalink must not exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Parses JSON text.
pub fn parse(text: &str) -> Result<Json, ScenarioError> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

/// Reads a scenario from JSON text.
pub fn scenario_from_str(text: &str) -> Result<Scenario, ScenarioError> {
    scenario(&parse(text)?, "")
}

/// Writes a scenario as serde_json's `to_string` does.
pub fn scenario_to_string(s: &Scenario) -> String {
    let mut out = String::new();
    write_json(&mut out, &scenario_json(s), None);
    out
}

/// Writes a scenario as serde_json's `to_string_pretty` does.
pub fn scenario_to_string_pretty(s: &Scenario) -> String {
    let mut out = String::new();
    write_json(&mut out, &scenario_json(s), Some(0));
    out
}

/// Writes any value compactly (`None`) or indented by two spaces from
/// `Some(level)`, byte for byte as serde_json does.
pub fn write_json(out: &mut String, v: &Json, indent: Option<usize>) {
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        for _ in 0..level {
            out.push_str("  ");
        }
    };
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Num(n) => out.push_str(n),
        Json::Str(s) => write_str(out, s),
        Json::Arr(items) if items.is_empty() => out.push_str("[]"),
        Json::Obj(members) if members.is_empty() => out.push_str("{}"),
        Json::Arr(items) => {
            out.push('[');
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                if let Some(l) = indent {
                    newline(out, l + 1);
                }
                write_json(out, item, indent.map(|l| l + 1));
            }
            if let Some(l) = indent {
                newline(out, l);
            }
            out.push(']');
        }
        Json::Obj(members) => {
            out.push('{');
            for (k, (key, item)) in members.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                if let Some(l) = indent {
                    newline(out, l + 1);
                }
                write_str(out, key);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                write_json(out, item, indent.map(|l| l + 1));
            }
            if let Some(l) = indent {
                newline(out, l);
            }
            out.push('}');
        }
    }
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> ScenarioError {
        let upto = &self.s[..self.i.min(self.s.len())];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = upto.len() - upto.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        ScenarioError::new(
            "",
            format!("invalid JSON: {what} at line {line} column {column}"),
        )
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.ws();
        let hit = self.s.get(self.i) == Some(&b);
        self.i += usize::from(hit);
        hit
    }

    fn value(&mut self, depth: usize) -> Result<Json, ScenarioError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.ws();
        let rest = &self.s[self.i..];
        for (word, v) in [
            ("null", Json::Null),
            ("true", Json::Bool(true)),
            ("false", Json::Bool(false)),
        ] {
            if rest.starts_with(word.as_bytes()) {
                self.i += word.len();
                return Ok(v);
            }
        }
        match rest.first() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error("expected `,` or `]`"));
                        }
                    }
                }
                Ok(Json::Arr(items))
            }
            Some(b'{') => {
                self.i += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        if self.s.get(self.i) != Some(&b'"') {
                            return Err(self.error("expected a string key"));
                        }
                        let at = self.i;
                        let key = self.string()?;
                        if members.iter().any(|(k, _)| *k == key) {
                            self.i = at;
                            return Err(self.error(&format!("duplicate key `{key}`")));
                        }
                        if !self.eat(b':') {
                            return Err(self.error("expected `:`"));
                        }
                        let v = self.value(depth + 1)?;
                        members.push((key, v));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(self.error("expected `,` or `}`"));
                        }
                    }
                }
                Ok(Json::Obj(members))
            }
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn number(&mut self) -> Result<Json, ScenarioError> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > from
        };
        self.i += usize::from(self.s[self.i] == b'-');
        let int_start = self.i;
        if !digits(self) {
            return Err(self.error("invalid number"));
        }
        if self.s[int_start] == b'0' && self.i - int_start > 1 {
            return Err(self.error("invalid number"));
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return Err(self.error("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default();
        Ok(Json::Num(text.to_string()))
    }

    fn hex4(&mut self) -> Result<u32, ScenarioError> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.i += 4;
        Ok(h)
    }

    /// At the opening quote.
    fn string(&mut self) -> Result<String, ScenarioError> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return Err(self.error("EOF while parsing a string"));
            };
            self.i += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else {
                        return Err(self.error("EOF while parsing a string"));
                    };
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err(self.error("lone leading surrogate"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.error("invalid surrogate pair"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                        }
                        _ => {
                            self.i -= 1;
                            return Err(self.error("invalid escape"));
                        }
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                b if b < 0x20 => {
                    self.i -= 1;
                    return Err(self.error("control character in a string"));
                }
                b => out.push(b),
            }
        }
        // The input is a &str and escapes decode to whole characters.
        String::from_utf8(out).map_err(|_| self.error("invalid UTF-8"))
    }
}

// ---- reading the scenario types ------------------------------------------

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Num(_) => "a number",
        Json::Str(_) => "a string",
        Json::Arr(_) => "an array",
        Json::Obj(_) => "an object",
    }
}

fn expected(v: &Json, path: &str, what: &str) -> ScenarioError {
    ScenarioError::new(path, format!("expected {what}, got {}", kind(v)))
}

/// An object's members, every key one of `fields`.
pub fn object<'a>(v: &'a Json, path: &str, fields: &[&str]) -> Result<Fields<'a>, ScenarioError> {
    let Json::Obj(members) = v else {
        return Err(expected(v, path, "an object"));
    };
    if let Some((k, _)) = members.iter().find(|(k, _)| !fields.contains(&k.as_str())) {
        return Err(ScenarioError::new(
            at(path, k),
            format!(
                "unknown field `{k}`, expected one of `{}`",
                fields.join("`, `")
            ),
        ));
    }
    Ok(Fields {
        members,
        path: path.to_string(),
    })
}

/// Reads one value at a path. A plain function pointer, not a generic
/// closure: one copy of each reader loop per value type in the page's wasm,
/// not one per field.
pub type Reader<T> = fn(&Json, &str) -> Result<T, ScenarioError>;

/// The members of an object being read, with its path. The three readers
/// follow serde's rules for the scenario's fields: `Option` (absent or
/// null is none), `default` (absent is empty, null is an error) and
/// required.
pub struct Fields<'a> {
    members: &'a [(String, Json)],
    path: String,
}

impl Fields<'_> {
    fn member(&self, key: &str) -> Option<&Json> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn opt<T>(&self, key: &str, read: Reader<T>) -> Result<Option<T>, ScenarioError> {
        match self.member(key) {
            None | Some(Json::Null) => Ok(None),
            Some(v) => read(v, &at(&self.path, key)).map(Some),
        }
    }

    pub fn or_default<T: Default>(&self, key: &str, read: Reader<T>) -> Result<T, ScenarioError> {
        match self.member(key) {
            None => Ok(T::default()),
            Some(v) => read(v, &at(&self.path, key)),
        }
    }

    pub fn req<T>(&self, key: &str, read: Reader<T>) -> Result<T, ScenarioError> {
        match self.member(key) {
            None => Err(ScenarioError::new(
                self.path.clone(),
                format!("missing field `{key}`"),
            )),
            Some(v) => read(v, &at(&self.path, key)),
        }
    }
}

pub fn string(v: &Json, path: &str) -> Result<String, ScenarioError> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        _ => Err(expected(v, path, "a string")),
    }
}

fn int<T: TryFrom<i64>>(v: &Json, path: &str, what: &str) -> Result<T, ScenarioError> {
    let Json::Num(text) = v else {
        return Err(expected(v, path, what));
    };
    text.parse::<i64>()
        .ok()
        .and_then(|n| T::try_from(n).ok())
        .ok_or_else(|| ScenarioError::new(path, format!("{text} is not {what}")))
}

fn list<T>(v: &Json, path: &str, read: Reader<T>) -> Result<Vec<T>, ScenarioError> {
    let Json::Arr(items) = v else {
        return Err(expected(v, path, "an array"));
    };
    items
        .iter()
        .enumerate()
        .map(|(k, item)| read(item, &format!("{path}[{k}]")))
        .collect()
}

fn one_of<T: Copy>(v: &Json, path: &str, names: &[(&str, T)]) -> Result<T, ScenarioError> {
    let words = || {
        let all: Vec<_> = names.iter().map(|(n, _)| *n).collect();
        format!("one of `{}`", all.join("`, `"))
    };
    let Json::Str(s) = v else {
        return Err(expected(v, path, &words()));
    };
    names
        .iter()
        .find(|(n, _)| n == s)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            ScenarioError::new(path, format!("unknown variant `{s}`, expected {}", words()))
        })
}

const DISPOSITIONS: &[(&str, Disposition)] = &[
    ("default", Disposition::Default),
    ("ignore", Disposition::Ignore),
    ("catch", Disposition::Catch),
];

fn dispositions(v: &Json, path: &str) -> Result<BTreeMap<String, Disposition>, ScenarioError> {
    let Json::Obj(members) = v else {
        return Err(expected(v, path, "an object"));
    };
    // Inserted one by one: collecting would compile a sort for the page.
    let mut map = BTreeMap::new();
    for (k, d) in members {
        map.insert(k.clone(), one_of(d, &at(path, k), DISPOSITIONS)?);
    }
    Ok(map)
}

fn sig_spec(v: &Json, path: &str) -> Result<SigSpec, ScenarioError> {
    match v {
        Json::Str(s) => Ok(SigSpec::Name(s.clone())),
        Json::Num(_) => int(v, path, "a signal number").map(SigSpec::Number),
        _ => Err(expected(v, path, "a signal name or number")),
    }
}

fn sig_specs(v: &Json, path: &str) -> Result<Vec<SigSpec>, ScenarioError> {
    list(v, path, sig_spec)
}

fn pid_spec(v: &Json, path: &str) -> Result<PidSpec, ScenarioError> {
    match v {
        Json::Num(_) => return int(v, path, "a pid").map(PidSpec::Raw),
        Json::Obj(m) => match m.as_slice() {
            [(k, Json::Str(id))] if k == "pid_of" => {
                return Ok(PidSpec::PidOf(PidOf { pid_of: id.clone() }))
            }
            [(k, Json::Str(id))] if k == "group_of" => {
                return Ok(PidSpec::GroupOf(GroupOf {
                    group_of: id.clone(),
                }))
            }
            _ => {}
        },
        _ => {}
    }
    Err(ScenarioError::new(
        path,
        "expected a number, {\"pid_of\": id} or {\"group_of\": id}",
    ))
}

fn namespace(v: &Json, path: &str) -> Result<NamespaceSpec, ScenarioError> {
    let f = object(v, path, &["id", "parent"])?;
    Ok(NamespaceSpec {
        id: f.req("id", string)?,
        parent: f.opt("parent", string)?,
    })
}

fn process(v: &Json, path: &str) -> Result<ProcessSpec, ScenarioError> {
    let f = object(
        v,
        path,
        &["id", "ns", "parent", "uid", "signals", "blocked", "group"],
    )?;
    Ok(ProcessSpec {
        id: f.req("id", string)?,
        ns: f.req("ns", string)?,
        parent: f.opt("parent", string)?,
        uid: f.opt("uid", |v, p| int(v, p, "a uid (0 to 4294967295)"))?,
        signals: f.or_default("signals", dispositions)?,
        blocked: f.or_default("blocked", sig_specs)?,
        group: f.opt("group", |v, p| {
            one_of(
                v,
                p,
                &[("new", GroupSpec::New), ("session", GroupSpec::Session)],
            )
        })?,
    })
}

fn action(v: &Json, path: &str) -> Result<ActionSpec, ScenarioError> {
    let f = object(
        v,
        path,
        &[
            "from",
            "kill",
            "sigqueue",
            "tgkill",
            "pidfd_send_signal",
            "sig",
            "kernel",
            "to",
            "exit",
            "code",
            "spawn",
            "sigaction",
            "sigprocmask",
        ],
    )?;
    Ok(ActionSpec {
        from: f.opt("from", string)?,
        kill: f.opt("kill", pid_spec)?,
        sigqueue: f.opt("sigqueue", pid_spec)?,
        tgkill: f.opt("tgkill", pid_spec)?,
        pidfd_send_signal: f.opt("pidfd_send_signal", string)?,
        sig: f.opt("sig", sig_spec)?,
        kernel: f.opt("kernel", sig_spec)?,
        to: f.opt("to", string)?,
        exit: f.opt("exit", string)?,
        code: f.opt("code", |v, p| int(v, p, "an exit code (a 32-bit int)"))?,
        spawn: f.opt("spawn", process)?,
        sigaction: f.opt("sigaction", dispositions)?,
        sigprocmask: f.opt("sigprocmask", |v, p| {
            let m = object(v, p, &["block", "unblock", "set"])?;
            Ok(MaskSpec {
                block: m.opt("block", sig_specs)?,
                unblock: m.opt("unblock", sig_specs)?,
                set: m.opt("set", sig_specs)?,
            })
        })?,
    })
}

/// Reads a scenario from a parsed value at `path` (empty at the top).
pub fn scenario(v: &Json, path: &str) -> Result<Scenario, ScenarioError> {
    let f = object(
        v,
        path,
        &["format", "kernel", "namespaces", "processes", "actions"],
    )?;
    Ok(Scenario {
        format: f.req("format", string)?,
        kernel: f.opt("kernel", string)?,
        namespaces: f.req("namespaces", |v, p| list(v, p, namespace))?,
        processes: f.req("processes", |v, p| list(v, p, process))?,
        actions: f.or_default("actions", |v, p| list(v, p, action))?,
    })
}

// ---- writing them ----------------------------------------------------------

/// An object being written: members in order, absent ones left out
/// (serde's `skip_serializing_if`).
#[derive(Default)]
struct Obj(Vec<(String, Json)>);

impl Obj {
    fn put(&mut self, key: &str, v: Option<Json>) {
        if let Some(v) = v {
            self.0.push((key.to_string(), v));
        }
    }
    fn str(&mut self, key: &str, v: Option<&String>) {
        self.put(key, v.map(|v| Json::Str(v.clone())));
    }
    fn done(self) -> Json {
        Json::Obj(self.0)
    }
}

fn num(n: impl ToString) -> Json {
    Json::Num(n.to_string())
}

fn sig_json(v: &SigSpec) -> Json {
    match v {
        SigSpec::Number(n) => num(n),
        SigSpec::Name(n) => Json::Str(n.clone()),
    }
}

fn sigs_json(v: &[SigSpec]) -> Json {
    Json::Arr(v.iter().map(sig_json).collect())
}

fn pid_json(v: &PidSpec) -> Json {
    let (key, id) = match v {
        PidSpec::Raw(n) => return num(n),
        PidSpec::PidOf(p) => ("pid_of", &p.pid_of),
        PidSpec::GroupOf(g) => ("group_of", &g.group_of),
    };
    Json::Obj(vec![(key.to_string(), Json::Str(id.clone()))])
}

fn dispositions_json(m: &BTreeMap<String, Disposition>) -> Json {
    let name = |d: &Disposition| {
        DISPOSITIONS
            .iter()
            .find(|(_, x)| x == d)
            .map_or("default", |(n, _)| n)
    };
    Json::Obj(
        m.iter()
            .map(|(k, d)| (k.clone(), Json::Str(name(d).to_string())))
            .collect(),
    )
}

fn process_json(p: &ProcessSpec) -> Json {
    let mut o = Obj::default();
    o.str("id", Some(&p.id));
    o.str("ns", Some(&p.ns));
    o.str("parent", p.parent.as_ref());
    o.put("uid", p.uid.map(num));
    if !p.signals.is_empty() {
        o.put("signals", Some(dispositions_json(&p.signals)));
    }
    if !p.blocked.is_empty() {
        o.put("blocked", Some(sigs_json(&p.blocked)));
    }
    o.put(
        "group",
        p.group.map(|g| {
            Json::Str(
                match g {
                    GroupSpec::New => "new",
                    GroupSpec::Session => "session",
                }
                .to_string(),
            )
        }),
    );
    o.done()
}

fn action_json(a: &ActionSpec) -> Json {
    let mut o = Obj::default();
    o.str("from", a.from.as_ref());
    o.put("kill", a.kill.as_ref().map(pid_json));
    o.put("sigqueue", a.sigqueue.as_ref().map(pid_json));
    o.put("tgkill", a.tgkill.as_ref().map(pid_json));
    o.str("pidfd_send_signal", a.pidfd_send_signal.as_ref());
    o.put("sig", a.sig.as_ref().map(sig_json));
    o.put("kernel", a.kernel.as_ref().map(sig_json));
    o.str("to", a.to.as_ref());
    o.str("exit", a.exit.as_ref());
    o.put("code", a.code.map(num));
    o.put("spawn", a.spawn.as_ref().map(process_json));
    o.put("sigaction", a.sigaction.as_ref().map(dispositions_json));
    o.put(
        "sigprocmask",
        a.sigprocmask.as_ref().map(|m| {
            let mut mask = Obj::default();
            mask.put("block", m.block.as_deref().map(sigs_json));
            mask.put("unblock", m.unblock.as_deref().map(sigs_json));
            mask.put("set", m.set.as_deref().map(sigs_json));
            mask.done()
        }),
    );
    o.done()
}

/// A scenario as a JSON value, members in the format's (and serde's) order.
pub fn scenario_json(sc: &Scenario) -> Json {
    let mut o = Obj::default();
    o.str("format", Some(&sc.format));
    o.str("kernel", sc.kernel.as_ref());
    let namespaces = sc.namespaces.iter().map(|n| {
        let mut ns = Obj::default();
        ns.str("id", Some(&n.id));
        ns.str("parent", n.parent.as_ref());
        ns.done()
    });
    o.put("namespaces", Some(Json::Arr(namespaces.collect())));
    o.put(
        "processes",
        Some(Json::Arr(sc.processes.iter().map(process_json).collect())),
    );
    if !sc.actions.is_empty() {
        o.put(
            "actions",
            Some(Json::Arr(sc.actions.iter().map(action_json).collect())),
        );
    }
    o.done()
}
