//! `sigsim::json` (the page's reader and writer) against serde, the
//! reference the CLI uses: the same scenario or an error at the same path
//! for every corpus file, every invalid file, generated worlds, one-fault
//! mutations and hostile variants of them (keys given twice, structs as
//! arrays, `-0`, numbers past f64, escapes, aliases); and serde_json's exact
//! bytes when writing. The rules both follow: `docs/scenario-format-notes.md`.

use serde_json::Value;
use sigsim::json::{self, Json};
use sigsim::Scenario;
use std::path::{Path, PathBuf};

/// serde's answer, as the CLI reads (`sigsim-cli/src/input.rs`): text
/// that is not JSON is refused with no path (the CLI asks `json::parse`,
/// held to serde_json's `Value` by [`assert_agree`]); otherwise the
/// scenario, or the path of the first error (serde_path_to_error's, with
/// "." for the top level made empty).
fn reference(text: &str) -> Result<Scenario, String> {
    if json::parse(text).is_err() {
        return Err(String::new());
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let p = e.path().to_string();
        if p == "." {
            String::new()
        } else {
            p
        }
    })
}

/// Both readers on one text: the same scenario, or errors at the same
/// path. Also the same verdict as serde_json on whether it is JSON at all,
/// but for a number past f64's range (JSON's grammar has no limit; a
/// scenario refuses it where it wants an integer). Returns our answer.
#[track_caller]
fn assert_agree(text: &str, what: &str) -> Result<Scenario, String> {
    let (want, got) = (reference(text), ours(text));
    match (&want, &got) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}: {text}"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{what}: error path of {text}"),
        _ => panic!("{what}: serde {want:?}, json {got:?} for {text}"),
    }
    match (json::parse(text), serde_json::from_str::<Value>(text)) {
        (Ok(_), Err(e)) => assert!(
            e.to_string().starts_with("number out of range"),
            "{what}: is it JSON? serde_json: {e}; {text}"
        ),
        (a, b) => assert_eq!(a.is_ok(), b.is_ok(), "{what}: is it JSON? {text}"),
    }
    got
}

fn ours(text: &str) -> Result<Scenario, String> {
    json::scenario_from_str(text).map_err(|e| e.path)
}

fn files(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let mut v: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| !p.to_string_lossy().ends_with(".outcome.json"))
        .collect();
    v.sort();
    v
}

fn valid_files() -> Vec<PathBuf> {
    let mut v = files("corpus");
    v.extend(files("corpus/sim-only"));
    v.extend(files("scenarios"));
    v
}

fn assert_writes_like_serde(s: &Scenario, what: &str) {
    assert_eq!(
        json::scenario_to_string(s),
        serde_json::to_string(s).unwrap(),
        "{what}: compact"
    );
    assert_eq!(
        json::scenario_to_string_pretty(s),
        serde_json::to_string_pretty(s).unwrap(),
        "{what}: pretty"
    );
}

#[test]
fn every_valid_file_reads_and_writes_as_serde_does() {
    let all = valid_files();
    assert!(all.len() > 100, "the corpus is there");
    for p in all {
        let text = std::fs::read_to_string(&p).unwrap();
        let want = reference(&text).unwrap_or_else(|e| panic!("{}: serde says {e}", p.display()));
        assert_eq!(ours(&text), Ok(want.clone()), "{}", p.display());
        assert_writes_like_serde(&want, &p.display().to_string());
        // And back: what we write, we read.
        assert_eq!(ours(&json::scenario_to_string(&want)), Ok(want));
    }
}

#[test]
fn every_invalid_file_fails_where_serde_fails() {
    let all = files("corpus/invalid");
    assert!(all.len() >= 32);
    for p in all {
        let text = std::fs::read_to_string(&p).unwrap();
        let _ = assert_agree(&text, &p.display().to_string());
    }
}

/// The `.err` beside each invalid file is the path of its first error,
/// whoever finds it: a reader, `validate`, or the run.
#[test]
fn every_invalid_file_fails_at_its_recorded_path() {
    for p in files("corpus/invalid") {
        let text = std::fs::read_to_string(&p).unwrap();
        let want = std::fs::read_to_string(p.with_extension("err")).unwrap();
        let path = match ours(&text) {
            Err(path) => path,
            Ok(s) => {
                let e = sigsim::validate(&s)
                    .and_then(|plan| sigsim::simulate(&plan, sigsim::Options::default(), false))
                    .map(|_| ())
                    .expect_err(&p.display().to_string());
                e.path
            }
        };
        assert_eq!(path, want.trim(), "{}", p.display());
    }
}

#[test]
fn generated_worlds_round_trip() {
    for seed in 0..300 {
        let s = sigsim::gen::scenario(seed);
        let text = serde_json::to_string_pretty(&s).unwrap();
        assert_eq!(ours(&text), Ok(s.clone()), "seed {seed}");
        assert_writes_like_serde(&s, &format!("seed {seed}"));
    }
}

/// Every node of a value, as a JSON pointer-ish list of steps.
fn nodes(v: &Value, at: Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut p = at.clone();
                p.push(Step::Index(i));
                nodes(item, p, out);
            }
        }
        Value::Object(m) => {
            for (k, item) in m {
                let mut p = at.clone();
                p.push(Step::Key(k.clone()));
                nodes(item, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn node_mut<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// One fault at each node: a wrong type (each JSON kind), a float, a
/// number past i64, a negative number, an unknown member, a member taken
/// away. serde and `json` must agree on success, and on the error's path.
#[test]
fn one_fault_mutations_fail_at_the_same_path() {
    let replacements = [
        Value::Null,
        Value::Bool(true),
        serde_json::json!(7),
        serde_json::json!(-3),
        serde_json::json!(1.5),
        serde_json::from_str("18446744073709551616").unwrap(),
        serde_json::json!("x"),
        serde_json::json!("SIGKILL"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!({ "pid_of": "init" }),
    ];
    let mut checked = 0;
    for p in valid_files().iter().step_by(3) {
        let base: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        let mut all = Vec::new();
        nodes(&base, Vec::new(), &mut all);
        for at in all {
            let mut variants = Vec::new();
            let is_object = node_mut(&mut base.clone(), &at).is_object();
            for r in &replacements {
                let mut v = base.clone();
                *node_mut(&mut v, &at) = r.clone();
                variants.push(v);
            }
            if is_object {
                let mut v = base.clone();
                node_mut(&mut v, &at)["surplus"] = Value::Bool(true);
                variants.push(v);
            }
            if let Some((Step::Key(k), parent)) = at.split_last() {
                let mut v = base.clone();
                node_mut(&mut v, parent).as_object_mut().unwrap().remove(k);
                variants.push(v);
            }
            for v in variants {
                let _ = assert_agree(&v.to_string(), &p.display().to_string());
                checked += 1;
            }
        }
    }
    assert!(checked > 5000, "{checked} mutations");
}

#[test]
fn syntax_errors_name_line_and_column() {
    for (text, line, column) in [
        ("", 1, 1),
        ("{", 1, 2),
        ("{\"format\": }", 1, 12),
        ("\"\\u+041\"", 1, 4),
        ("[1, 2", 1, 6),
        ("{\"a\": \"\\q\"}", 1, 9),
        ("{\"a\": 01}", 1, 9),
        ("{} x", 1, 4),
        ("{\"a\": tru}", 1, 7),
    ] {
        let e = json::parse(text).expect_err(text);
        assert_eq!(e.path, "", "{text}");
        assert!(
            e.message.starts_with("invalid JSON: ")
                && e.message
                    .ends_with(&format!("at line {line} column {column}")),
            "{text:?}: {}",
            e.message
        );
        assert!(
            serde_json::from_str::<Value>(text).is_err(),
            "serde refuses {text:?} too"
        );
    }
    let deep = "[".repeat(10_000);
    assert!(json::parse(&deep)
        .unwrap_err()
        .message
        .contains("nested too deeply"));
}

#[test]
fn strings_escape_and_unescape_as_serde_does() {
    let odd = [
        "plain",
        "quote \" and backslash \\",
        "tab\tnewline\nreturn\r",
        "\u{1}\u{1f}\u{8}\u{c}",
        "slash / ünïcödé 🚀",
    ];
    for id in odd {
        let v = Value::String(id.into());
        let mut out = String::new();
        json::write_json(&mut out, &json::Json::Str(id.into()), None);
        assert_eq!(out, v.to_string(), "{id:?}");
        assert_eq!(json::parse(&out), Ok(json::Json::Str(id.into())));
    }
    // Escapes serde_json reads but never writes.
    assert_eq!(
        json::parse(r#""\/\u00e9\ud83d\ude80""#),
        Ok(json::Json::Str("/é🚀".into()))
    );
    assert!(json::parse(r#""\ud83d""#).is_err(), "a lone surrogate");
}

// ---- the format's strictness, one rule per test -----------------------------

const HEAD: &str = r#""format":"sigscene/1","namespaces":[{"id":"h"}]"#;

/// A scenario with one process `i` (and `rest` after it) and `actions`.
fn one_process(process: &str, actions: &str) -> String {
    format!(r#"{{{HEAD},"processes":[{{"id":"i","ns":"h"{process}}}],"actions":[{actions}]}}"#)
}

#[track_caller]
fn refused_at(text: &str, path: &str) {
    assert_eq!(assert_agree(text, "rule"), Err(path.to_string()), "{text}");
}

#[test]
fn a_key_given_twice_is_refused_at_the_second_by_both_readers() {
    refused_at(&one_process(r#","ns":"h""#, ""), "processes[0].ns");
    refused_at(
        &one_process(r#","signals":{"SIGCHLD":"catch","SIGCHLD":"catch"}"#, ""),
        "processes[0].signals.SIGCHLD",
    );
    refused_at(
        &one_process(
            "",
            r#"{"from":"i","sigaction":{"SIGINT":"catch","SIGINT":5}}"#,
        ),
        "actions[0].sigaction.SIGINT",
    );
    refused_at(
        &one_process("", r#"{"from":"i","sigprocmask":{"set":[],"set":[]}}"#),
        "actions[0].sigprocmask.set",
    );
    // An escape spells the same key.
    refused_at(&one_process(r#","\u006es":"h""#, ""), "processes[0].ns");
    refused_at(
        &format!(r#"{{{HEAD},"processes":[],"format":"sigscene/1"}}"#),
        "format",
    );
    // Inside the one-member objects of a pid, the whole pid is refused.
    refused_at(
        &one_process(
            "",
            r#"{"from":"i","kill":{"pid_of":"i","pid_of":"i"},"sig":0}"#,
        ),
        "actions[0].kill",
    );
}

#[test]
fn a_struct_or_enum_in_another_shape_is_refused_by_both_readers() {
    refused_at(
        &format!(r#"{{{HEAD},"processes":[["i","h"]]}}"#),
        "processes[0]",
    );
    refused_at(r#"["sigscene/1",null,[["h"]],[["i","h"]]]"#, "");
    refused_at(
        &one_process("", r#"{"from":"i","kill":["i"],"sig":0}"#),
        "actions[0].kill",
    );
    refused_at(
        &one_process("", r#"{"from":"i","sigprocmask":[["SIGINT"]]}"#),
        "actions[0].sigprocmask",
    );
    refused_at(
        &one_process(r#","signals":{"SIGINT":{"catch":null}}"#, ""),
        "processes[0].signals.SIGINT",
    );
    refused_at(
        &one_process(r#","group":{"new":null}"#, ""),
        "processes[0].group",
    );
    refused_at(
        &one_process(r#","signals":[["SIGINT","catch"]]"#, ""),
        "processes[0].signals",
    );
}

#[test]
fn integers_have_no_sign_on_zero_fraction_or_exponent() {
    for n in ["-0", "0.0", "1e0", "1E0", "10e-1", "-0.0", "1.5"] {
        refused_at(
            &one_process("", &format!(r#"{{"from":"i","kill":{n},"sig":0}}"#)),
            "actions[0].kill",
        );
        refused_at(
            &one_process(&format!(r#","uid":{n}"#), ""),
            "processes[0].uid",
        );
        refused_at(
            &one_process(&format!(r#","blocked":[{n}]"#), ""),
            "processes[0].blocked[0]",
        );
    }
    let zero = assert_agree(&one_process("", r#"{"from":"i","kill":0,"sig":0}"#), "0");
    assert!(zero.is_ok());
}

#[test]
fn numbers_past_f64_are_refused_at_their_field_by_both_readers() {
    for n in [
        "1e309",
        "-1e400",
        "1.7976931348623159e308",
        "17976931348623159e292",
        &format!("1{}", "0".repeat(400)),
        "1e2147483648",
        "18446744073709551616e290",
    ] {
        refused_at(
            &one_process(&format!(r#","uid":{n}"#), ""),
            "processes[0].uid",
        );
        refused_at(
            &one_process("", &format!(r#"{{"from":"i","kill":{n},"sig":0}}"#)),
            "actions[0].kill",
        );
    }
    for n in ["0e999999", "1e-400", "1.7976931348623157e308", "1e308"] {
        refused_at(
            &one_process(&format!(r#","uid":{n}"#), ""),
            "processes[0].uid",
        );
    }
}

#[test]
fn nesting_stops_where_serde_json_stops() {
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(json::parse(&nested(127)).is_ok());
    assert!(json::parse(&nested(128)).is_err());
    refused_at(
        &one_process(&format!(r#","uid":{}"#, nested(120)), ""),
        "processes[0].uid",
    );
    refused_at(&one_process(&format!(r#","uid":{}"#, nested(130)), ""), "");
}

/// serde reads an object's members in document order and stops at the
/// first fault; so does `json`, whatever order the type declares.
#[test]
fn the_first_fault_in_the_document_is_the_one_named() {
    refused_at(
        &format!(r#"{{{HEAD},"processes":[{{"ns":5}}]}}"#),
        "processes[0].ns",
    );
    refused_at(
        &format!(r#"{{{HEAD},"processes":[{{"uid":"x","bogus":1,"id":5}}]}}"#),
        "processes[0].uid",
    );
    refused_at(
        &format!(r#"{{{HEAD},"processes":[{{"bogus":1,"id":5}}]}}"#),
        "processes[0].bogus",
    );
    refused_at(&format!(r#"{{"processes":[{{}}],{HEAD}}}"#), "processes[0]");
    refused_at(r#"{"actions":5}"#, "actions");
    refused_at(r#"{"kernel":"6.18"}"#, "");
}

// ---- hostile variants ------------------------------------------------------

/// A key or string written with `\u` escapes: marked while the tree is
/// built, escaped once it is text.
const ESCAPE: char = '\u{E000}';

fn escaped(s: &str) -> String {
    let mut out = String::new();
    for unit in s.encode_utf16() {
        out.push_str(&format!("\\u{unit:04x}"));
    }
    out
}

fn write(v: &Json) -> String {
    let mut text = String::new();
    json::write_json(&mut text, v, None);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(ESCAPE) {
        out.push_str(&rest[..i]);
        let after = &rest[i + ESCAPE.len_utf8()..];
        let end = after.find('"').unwrap();
        out.push_str(&escaped(&after[..end]));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// One change to a tree: the node at `path` (member or item indices) is
/// replaced.
#[derive(Clone)]
struct Edit {
    path: Vec<usize>,
    to: Json,
    kind: &'static str,
}

fn node_at<'a>(v: &'a mut Json, path: &[usize]) -> Option<&'a mut Json> {
    let Some((&i, rest)) = path.split_first() else {
        return Some(v);
    };
    match v {
        Json::Arr(items) => items.get_mut(i).and_then(|x| node_at(x, rest)),
        Json::Obj(members) => members.get_mut(i).and_then(|(_, x)| node_at(x, rest)),
        _ => None,
    }
}

/// Other names of the signal `s`: aliases, its number (a string), and
/// spellings the format does not take.
fn other_names(s: &str) -> Vec<String> {
    let Some(sig) = sigsim::signum::Signal::parse(s) else {
        return Vec::new();
    };
    let n = sig.nr();
    let mut v = vec![
        n.to_string(),
        format!("0{n}"),
        format!("+{n}"),
        s.to_lowercase(),
    ];
    let alias = match n {
        17 => "SIGCLD",
        6 => "SIGIOT",
        29 => "SIGPOLL",
        64 => "SIGRTMAX",
        _ => "",
    };
    if !alias.is_empty() {
        v.push(alias.to_string());
    }
    if n >= 35 {
        v.push(format!("SIGRTMAX-{}", 64 - n));
    }
    v.retain(|x| x != s);
    v
}

const NUMBERS: &[&str] = &[
    "-0",
    "0",
    "-0.0",
    "1e0",
    "1.0",
    "9E0",
    "10e-1",
    "2147483648",
    "-2147483649",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "123456789012345678901234567890",
    "1e308",
    "1e309",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "-1e400",
    "0e400",
    "1e-400",
];

const SET_LISTS: &[&str] = &["blocked", "block", "unblock", "set"];

/// Every hostile single edit of a tree: at each object, each key given
/// twice (same value, a null, an escaped spelling), the object as an array
/// of its values or of its pairs, its keys escaped, an unknown key first,
/// its members reversed; in `signals` and `sigaction`, each key again under
/// its other names; at each array, an item twice (in a signal list, under
/// another name too), the array as an object; at each number, `NUMBERS`;
/// at each string, an escaped spelling and the signal's other names.
fn edits(v: &Json, path: &mut Vec<usize>, key: &str, out: &mut Vec<Edit>) {
    let mut edit = |to: Json, kind| {
        out.push(Edit {
            path: path.clone(),
            to,
            kind,
        })
    };
    match v {
        Json::Obj(members) => {
            for (i, (k, x)) in members.iter().enumerate() {
                let with = |at: usize, key: String, x: Json| {
                    let mut m = members.clone();
                    m.insert(at, (key, x));
                    Json::Obj(m)
                };
                edit(with(i + 1, k.clone(), x.clone()), "key twice");
                edit(
                    with(members.len(), k.clone(), Json::Null),
                    "key twice, then null",
                );
                edit(
                    with(i + 1, format!("{ESCAPE}{k}"), x.clone()),
                    "key twice, escaped",
                );
                if key == "signals" || key == "sigaction" {
                    for name in other_names(k) {
                        edit(with(i + 1, name.clone(), x.clone()), "signal named twice");
                        let mut m = members.clone();
                        m[i].0 = name;
                        edit(Json::Obj(m), "signal renamed");
                    }
                }
            }
            let values = members.iter().map(|(_, x)| x.clone()).collect();
            edit(Json::Arr(values), "object as array");
            let pairs = members
                .iter()
                .map(|(k, x)| Json::Arr(vec![Json::Str(k.clone()), x.clone()]))
                .collect();
            edit(Json::Arr(pairs), "object as pairs");
            let keys = members
                .iter()
                .map(|(k, x)| (format!("{ESCAPE}{k}"), x.clone()))
                .collect();
            edit(Json::Obj(keys), "keys escaped");
            let mut m = members.clone();
            m.insert(0, ("bogus".into(), Json::Bool(true)));
            edit(Json::Obj(m), "unknown key first");
            let mut m = members.clone();
            m.reverse();
            edit(Json::Obj(m), "members reversed");
        }
        Json::Arr(items) => {
            for (i, x) in items.iter().enumerate().take(2) {
                let mut a = items.clone();
                a.insert(i + 1, x.clone());
                edit(Json::Arr(a), "item twice");
                if let (true, Json::Str(s)) = (SET_LISTS.contains(&key), x) {
                    for name in other_names(s) {
                        let mut a = items.clone();
                        a.push(Json::Str(name));
                        edit(Json::Arr(a), "signal listed twice");
                    }
                }
            }
            let keyed = items
                .iter()
                .enumerate()
                .map(|(i, x)| (i.to_string(), x.clone()))
                .collect();
            edit(Json::Obj(keyed), "array as object");
        }
        Json::Num(_) => {
            for n in NUMBERS {
                edit(Json::Num(n.to_string()), "number");
            }
        }
        Json::Str(s) => {
            edit(Json::Str(format!("{ESCAPE}{s}")), "string escaped");
            for name in other_names(s) {
                edit(Json::Str(name), "signal renamed");
            }
            if let Some(n) = sigsim::signum::Signal::parse(s) {
                edit(Json::Num(n.nr().to_string()), "signal as number");
            }
        }
        Json::Null | Json::Bool(_) => edit(Json::Num("-0".into()), "number"),
    }
    match v {
        Json::Obj(members) => {
            for (i, (k, x)) in members.iter().enumerate() {
                path.push(i);
                edits(x, path, k, out);
                path.pop();
            }
        }
        Json::Arr(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(i);
                edits(x, path, key, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// xorshift64*: the same pairs of edits on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

/// Hostile variants of every corpus file, valid and invalid: every single
/// edit, and as many pairs of edits (two faults: the first in the document
/// must be the one named). Both readers must read the same scenario or
/// refuse at the same path, and agree on what is JSON.
#[test]
fn hostile_variants_agree_on_every_input() {
    let mut all = valid_files();
    all.extend(files("corpus/invalid"));
    let mut rng = Rng(0x5eed_0000_0000_0012);
    let (mut checked, mut read, mut refused_by_validate) = (0usize, 0usize, 0usize);
    // Per kind of single edit: tried, read by both readers, then refused by
    // validate.
    let mut kinds = std::collections::BTreeMap::<&str, [usize; 3]>::new();
    for (f, p) in all.iter().enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        let Ok(base) = json::parse(&text) else {
            continue;
        };
        let mut singles = Vec::new();
        edits(&base, &mut Vec::new(), "", &mut singles);
        // Every file's edits at the top of the tree; deeper ones, a share.
        let keep = |e: &Edit| e.path.len() <= 2 || (e.path.len() + f).is_multiple_of(3);
        singles.retain(keep);
        let pairs = (0..singles.len() / 2).map(|_| {
            let a = singles[rng.below(singles.len())].clone();
            let b = singles[rng.below(singles.len())].clone();
            vec![a, b]
        });
        let variants: Vec<Vec<Edit>> = singles
            .iter()
            .map(|e| vec![e.clone()])
            .chain(pairs)
            .collect();
        for (n, edits) in variants.into_iter().enumerate() {
            let mut v = base.clone();
            for e in &edits {
                if let Some(node) = node_at(&mut v, &e.path) {
                    *node = e.to.clone();
                }
            }
            let text = write(&v);
            let what = format!("{} ({})", p.display(), edits[0].kind);
            let answer = assert_agree(&text, &what);
            checked += 1;
            let invalid = answer.as_ref().is_ok_and(|s| sigsim::validate(s).is_err());
            if n < singles.len() {
                let tally = kinds.entry(edits[0].kind).or_default();
                tally[0] += 1;
                tally[1] += usize::from(answer.is_ok());
                tally[2] += usize::from(invalid);
            }
            read += usize::from(answer.is_ok());
            refused_by_validate += usize::from(invalid);
        }
    }
    eprintln!("{checked} hostile inputs: {read} read by both readers ({refused_by_validate} of them refused by validate), the rest refused by both at the same path");
    for (kind, [n, ok, invalid]) in &kinds {
        eprintln!("  single edits, {kind}: {n}, {ok} read, {invalid} of them invalid");
    }
    assert!(checked > 20_000, "{checked} inputs");
    // Each class of hostile input was tried, and the refusals are real.
    for kind in [
        "key twice",
        "key twice, escaped",
        "object as array",
        "object as pairs",
    ] {
        assert_eq!(kinds[kind][1], 0, "{kind}: never read");
    }
    assert!(kinds["keys escaped"][1] > 100, "escaped keys read as keys");
    let [tried, read, invalid] = kinds["signal named twice"];
    assert!(
        tried > 100 && read == invalid,
        "one signal twice in an object: refused"
    );
    let [tried, read, invalid] = kinds["signal listed twice"];
    assert!(tried > 20 && invalid < read, "twice in a set: the same set");
}
