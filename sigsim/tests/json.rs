//! `sigsim::json` (the page's reader and writer) against serde, the
//! reference the CLI uses: the same scenario or an error at the same path
//! for every corpus file, every invalid file, generated worlds and one-fault
//! mutations of them; and serde_json's exact bytes when writing.

use serde_json::Value;
use sigsim::json;
use sigsim::Scenario;
use std::path::{Path, PathBuf};

/// serde's answer: the scenario, or the path of the first error
/// (serde_path_to_error's, with "." for the top level made empty). A
/// syntax error has no path (serde_path_to_error names the field it was
/// in; the CLI prints neither). serde_json also calls a wrong-typed enum
/// value (`"catch"` expected, `true` found) a syntax error; only text that
/// is not JSON counts as one here.
fn reference(text: &str) -> Result<Scenario, String> {
    let not_json = serde_json::from_str::<Value>(text).is_err();
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let p = e.path().to_string();
        if p == "." || not_json {
            String::new()
        } else {
            p
        }
    })
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
    assert!(all.len() >= 20);
    for p in all {
        let text = std::fs::read_to_string(&p).unwrap();
        let (want, got) = (reference(&text), ours(&text));
        match (&want, &got) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{}", p.display()),
            (Err(a), Err(b)) => assert_eq!(a, b, "{}: error path", p.display()),
            _ => panic!("{}: serde {want:?}, json {got:?}", p.display()),
        }
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
                // serde also reads a struct written as an array of its
                // fields in order; the format has no such form and `json`
                // refuses it.
                if is_object && r.is_array() {
                    continue;
                }
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
                let text = v.to_string();
                let (want, got) = (reference(&text), ours(&text));
                match (&want, &got) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b, "{}: {text}", p.display()),
                    (Err(a), Err(b)) => assert_eq!(a, b, "{}: error path of {text}", p.display()),
                    _ => panic!("{}: serde {want:?}, json {got:?} for {text}", p.display()),
                }
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
        ("{\n  \"a\": 1,\n  \"a\": 2\n}", 3, 3),
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
        // serde_json keeps the last of duplicate keys; sigscene/1 has none to repeat.
        if !text.contains("\"a\": 2") {
            assert!(
                serde_json::from_str::<Value>(text).is_err(),
                "serde refuses {text:?} too"
            );
        }
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
