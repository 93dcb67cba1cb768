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
//! line and column. What is JSON is what serde_json's `Value` reads (its
//! nesting limit included), but for numbers past f64's range: kept here,
//! refused where an integer is wanted, at its path, as serde's typed
//! reading does (the CLI checks syntax with [`parse`] too). An object's
//! members are read in document order, as serde's derived visitors read
//! them, so that the first error is the same one. The format's own
//! strictness (no key twice, no struct as an array, integers only) is
//! `docs/scenario-format-notes.md`; `scenario.rs` holds serde to it.

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
    /// Members in document order, a repeated key kept (as JSON allows:
    /// the readers below refuse it, at its path).
    Obj(Vec<(String, Json)>),
}

/// Arrays and objects nested deeper than this are refused, as serde_json
/// does: a scenario needs about six levels, and a hostile permalink must not
/// exhaust the stack.
const MAX_DEPTH: usize = 127;

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

/// `s` as a JSON string, quotes included.
pub fn write_str(out: &mut String, s: &str) {
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
            Some(b'[' | b'{') if depth >= MAX_DEPTH => Err(self.error("nested too deeply")),
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
                        let key = self.string()?;
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
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
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

fn duplicate(path: &str, key: &str) -> ScenarioError {
    ScenarioError::new(at(path, key), format!("duplicate key `{key}`"))
}

/// Reads an object's members in document order, as serde's derived
/// visitor does: a key not among `fields`, or given twice, is refused at
/// its path; otherwise `each` reads the value of field number `k`. Then,
/// as serde does, the first of the `required` fields (bit `k`) missing.
fn members(
    v: &Json,
    path: &str,
    fields: &[&str],
    required: u32,
    each: &mut dyn FnMut(usize, &Json, &str) -> Result<(), ScenarioError>,
) -> Result<(), ScenarioError> {
    let Json::Obj(members) = v else {
        return Err(expected(v, path, "an object"));
    };
    let mut seen = 0u32;
    for (key, v) in members {
        let Some(k) = fields.iter().position(|f| f == key) else {
            return Err(ScenarioError::new(
                at(path, key),
                format!(
                    "unknown field `{key}`, expected one of `{}`",
                    fields.join("`, `")
                ),
            ));
        };
        if seen & 1 << k != 0 {
            return Err(duplicate(path, key));
        }
        seen |= 1 << k;
        each(k, v, &at(path, key))?;
    }
    match (0..fields.len()).find(|k| required & !seen & 1 << k != 0) {
        Some(k) => Err(missing(path, fields[k])),
        None => Ok(()),
    }
}

fn missing(path: &str, key: &str) -> ScenarioError {
    ScenarioError::new(path, format!("missing field `{key}`"))
}

/// An object's members, every key one of `fields` and none twice.
pub fn object<'a>(v: &'a Json, path: &str, fields: &[&str]) -> Result<Fields<'a>, ScenarioError> {
    let Json::Obj(list) = v else {
        return Err(expected(v, path, "an object"));
    };
    members(v, path, fields, 0, &mut |_, _, _| Ok(()))?;
    Ok(Fields {
        members: list,
        path: path.to_string(),
    })
}

/// Reads one value at a path. A plain function pointer, not a generic
/// closure: one copy of each reader loop per value type in the page's wasm,
/// not one per field.
pub type Reader<T> = fn(&Json, &str) -> Result<T, ScenarioError>;

/// The members of an object being read, with its path, for other objects
/// than the scenario's (the page's autosave). The three readers follow
/// serde's rules for fields: `Option` (absent or null is none), `default`
/// (absent is empty, null is an error) and required. They read in the
/// order they are called, not in the document's.
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
            None => Ok(None),
            Some(v) => opt(v, &at(&self.path, key), read),
        }
    }

    pub fn or_default<T: Default>(&self, key: &str, read: Reader<T>) -> Result<T, ScenarioError> {
        match self.member(key) {
            None => Ok(T::default()),
            Some(v) => read(v, &at(&self.path, key)),
        }
    }

    pub fn req<T>(&self, key: &str, read: Reader<T>) -> Result<T, ScenarioError> {
        let v = self.member(key).ok_or_else(|| missing(&self.path, key))?;
        read(v, &at(&self.path, key))
    }
}

/// An `Option` field's value: null is none.
fn opt<T>(v: &Json, path: &str, read: Reader<T>) -> Result<Option<T>, ScenarioError> {
    match v {
        Json::Null => Ok(None),
        v => read(v, path).map(Some),
    }
}

pub fn string(v: &Json, path: &str) -> Result<String, ScenarioError> {
    match v {
        Json::Str(s) => Ok(s.clone()),
        _ => Err(expected(v, path, "a string")),
    }
}

/// An integer as serde reads one from serde_json: digits only (no
/// fraction or exponent), in the type's range; `-0` is a float to
/// serde_json, so not an integer either.
fn int<T: TryFrom<i64>>(v: &Json, path: &str, what: &str) -> Result<T, ScenarioError> {
    let Json::Num(text) = v else {
        return Err(expected(v, path, what));
    };
    (text != "-0")
        .then(|| text.parse::<i64>().ok())
        .flatten()
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

/// `signals` and `sigaction`: a key given twice is refused at its path.
/// (One signal under two names, `SIGCHLD` and `SIGCLD`, is two keys here;
/// `validate` refuses it.)
fn dispositions(v: &Json, path: &str) -> Result<BTreeMap<String, Disposition>, ScenarioError> {
    let Json::Obj(members) = v else {
        return Err(expected(v, path, "an object"));
    };
    // Inserted one by one: collecting would compile a sort for the page.
    let mut map = BTreeMap::new();
    for (k, d) in members {
        if map.contains_key(k) {
            return Err(duplicate(path, k));
        }
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

fn text(v: &Json, path: &str) -> Result<Text, ScenarioError> {
    let mut t = Text::default();
    members(v, path, &["en", "zh"], 0b1, &mut |k, v, p| {
        match k {
            0 => t.en = string(v, p)?,
            _ => t.zh = opt(v, p, string)?,
        }
        Ok(())
    })?;
    Ok(t)
}

fn meta(v: &Json, path: &str) -> Result<Meta, ScenarioError> {
    let mut m = Meta {
        name: String::new(),
        title: Text::default(),
        question: Text::default(),
        group: Text::default(),
        explain: Text::default(),
        lesson: Vec::new(),
    };
    let fields = ["name", "title", "question", "group", "explain", "lesson"];
    members(v, path, &fields, 0b11111, &mut |k, v, p| {
        match k {
            0 => m.name = string(v, p)?,
            1 => m.title = text(v, p)?,
            2 => m.question = text(v, p)?,
            3 => m.group = text(v, p)?,
            4 => m.explain = text(v, p)?,
            _ => m.lesson = list(v, p, lesson_step)?,
        }
        Ok(())
    })?;
    Ok(m)
}

fn lesson_step(v: &Json, path: &str) -> Result<LessonStep, ScenarioError> {
    let mut step = LessonStep {
        say: Text::default(),
        task: Task::default(),
        predict: false,
    };
    members(v, path, &["say", "do", "predict"], 0b11, &mut |k, v, p| {
        match k {
            0 => step.say = text(v, p)?,
            1 => step.task = task(v, p)?,
            _ => step.predict = boolean(v, p)?,
        }
        Ok(())
    })?;
    Ok(step)
}

fn task(v: &Json, path: &str) -> Result<Task, ScenarioError> {
    let mut t = Task::default();
    let fields = ["send", "set", "on", "to", "from", "exit", "undo"];
    members(v, path, &fields, 0, &mut |k, v, p| {
        match k {
            0 => t.send = opt(v, p, sig_spec)?,
            1 => t.set = opt(v, p, sig_spec)?,
            2 => t.on = opt(v, p, string)?,
            3 => t.to = opt(v, p, aim)?,
            4 => t.from = opt(v, p, string)?,
            5 => t.exit = opt(v, p, string)?,
            _ => t.undo = opt(v, p, boolean)?,
        }
        Ok(())
    })?;
    Ok(t)
}

fn boolean(v: &Json, path: &str) -> Result<bool, ScenarioError> {
    match v {
        Json::Bool(b) => Ok(*b),
        _ => Err(expected(v, path, "a boolean")),
    }
}

/// As serde reads the untagged [`Aim`]: a string, an integer, or an
/// object of one `group_of`; anything else is refused at the value.
fn aim(v: &Json, path: &str) -> Result<Aim, ScenarioError> {
    match v {
        Json::Str(s) => return Ok(Aim::Name(s.clone())),
        Json::Num(_) => return int(v, path, "a pid").map(Aim::Raw),
        Json::Obj(m) => {
            if let [(k, Json::Str(id))] = m.as_slice() {
                if k == "group_of" {
                    return Ok(Aim::GroupOf(GroupOf {
                        group_of: id.clone(),
                    }));
                }
            }
        }
        _ => {}
    }
    Err(ScenarioError::new(
        path,
        "expected a name, a number or {\"group_of\": id}",
    ))
}

fn namespace(v: &Json, path: &str) -> Result<NamespaceSpec, ScenarioError> {
    let mut n = NamespaceSpec {
        id: String::new(),
        parent: None,
    };
    members(v, path, &["id", "parent"], 0b1, &mut |k, v, p| {
        match k {
            0 => n.id = string(v, p)?,
            _ => n.parent = opt(v, p, string)?,
        }
        Ok(())
    })?;
    Ok(n)
}

fn process(v: &Json, path: &str) -> Result<ProcessSpec, ScenarioError> {
    let mut p = ProcessSpec::default();
    let fields = ["id", "ns", "parent", "uid", "signals", "blocked", "group"];
    members(v, path, &fields, 0b11, &mut |k, v, q| {
        match k {
            0 => p.id = string(v, q)?,
            1 => p.ns = string(v, q)?,
            2 => p.parent = opt(v, q, string)?,
            3 => p.uid = opt(v, q, |v, q| int(v, q, "a uid (0 to 4294967295)"))?,
            4 => p.signals = dispositions(v, q)?,
            5 => p.blocked = sig_specs(v, q)?,
            _ => {
                p.group = opt(v, q, |v, q| {
                    one_of(
                        v,
                        q,
                        &[("new", GroupSpec::New), ("session", GroupSpec::Session)],
                    )
                })?
            }
        }
        Ok(())
    })?;
    Ok(p)
}

fn mask(v: &Json, path: &str) -> Result<MaskSpec, ScenarioError> {
    let mut m = MaskSpec::default();
    members(v, path, &["block", "unblock", "set"], 0, &mut |k, v, p| {
        let list = opt(v, p, sig_specs)?;
        match k {
            0 => m.block = list,
            1 => m.unblock = list,
            _ => m.set = list,
        }
        Ok(())
    })?;
    Ok(m)
}

fn action(v: &Json, path: &str) -> Result<ActionSpec, ScenarioError> {
    let mut a = ActionSpec::default();
    let fields = [
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
    ];
    members(v, path, &fields, 0, &mut |k, v, p| {
        match k {
            0 => a.from = opt(v, p, string)?,
            1 => a.kill = opt(v, p, pid_spec)?,
            2 => a.sigqueue = opt(v, p, pid_spec)?,
            3 => a.tgkill = opt(v, p, pid_spec)?,
            4 => a.pidfd_send_signal = opt(v, p, string)?,
            5 => a.sig = opt(v, p, sig_spec)?,
            6 => a.kernel = opt(v, p, sig_spec)?,
            7 => a.to = opt(v, p, string)?,
            8 => a.exit = opt(v, p, string)?,
            9 => a.code = opt(v, p, |v, p| int(v, p, "an exit code (a 32-bit int)"))?,
            10 => a.spawn = opt(v, p, process)?,
            11 => a.sigaction = opt(v, p, dispositions)?,
            _ => a.sigprocmask = opt(v, p, mask)?,
        }
        Ok(())
    })?;
    Ok(a)
}

/// Reads a scenario from a parsed value at `path` (empty at the top).
pub fn scenario(v: &Json, path: &str) -> Result<Scenario, ScenarioError> {
    let mut sc = Scenario {
        format: String::new(),
        meta: None,
        kernel: None,
        namespaces: Vec::new(),
        processes: Vec::new(),
        actions: Vec::new(),
    };
    let fields = [
        "format",
        "meta",
        "kernel",
        "namespaces",
        "processes",
        "actions",
    ];
    members(v, path, &fields, 0b11001, &mut |k, v, p| {
        match k {
            0 => sc.format = string(v, p)?,
            1 => sc.meta = opt(v, p, meta)?,
            2 => sc.kernel = opt(v, p, string)?,
            3 => sc.namespaces = list(v, p, namespace)?,
            4 => sc.processes = list(v, p, process)?,
            _ => sc.actions = list(v, p, action)?,
        }
        Ok(())
    })?;
    Ok(sc)
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

fn text_json(t: &Text) -> Json {
    let mut o = Obj::default();
    o.str("en", Some(&t.en));
    o.str("zh", t.zh.as_ref());
    o.done()
}

fn meta_json(m: &Meta) -> Json {
    let mut o = Obj::default();
    o.str("name", Some(&m.name));
    o.put("title", Some(text_json(&m.title)));
    o.put("question", Some(text_json(&m.question)));
    o.put("group", Some(text_json(&m.group)));
    o.put("explain", Some(text_json(&m.explain)));
    if !m.lesson.is_empty() {
        o.put(
            "lesson",
            Some(Json::Arr(m.lesson.iter().map(step_json).collect())),
        );
    }
    o.done()
}

fn step_json(step: &LessonStep) -> Json {
    let t = &step.task;
    let mut task = Obj::default();
    task.put("send", t.send.as_ref().map(sig_json));
    task.put("set", t.set.as_ref().map(sig_json));
    task.str("on", t.on.as_ref());
    task.put(
        "to",
        t.to.as_ref().map(|a| match a {
            Aim::Name(n) => Json::Str(n.clone()),
            Aim::Raw(n) => num(n),
            Aim::GroupOf(g) => Json::Obj(vec![("group_of".into(), Json::Str(g.group_of.clone()))]),
        }),
    );
    task.str("from", t.from.as_ref());
    task.str("exit", t.exit.as_ref());
    task.put("undo", t.undo.map(Json::Bool));
    let mut o = Obj::default();
    o.put("say", Some(text_json(&step.say)));
    o.put("do", Some(task.done()));
    o.put("predict", step.predict.then_some(Json::Bool(true)));
    o.done()
}

/// A scenario as a JSON value, members in the format's (and serde's) order.
pub fn scenario_json(sc: &Scenario) -> Json {
    let mut o = Obj::default();
    o.str("format", Some(&sc.format));
    o.put("meta", sc.meta.as_ref().map(meta_json));
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
