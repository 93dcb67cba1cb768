//! A scenario's `meta` (`docs/scenario-format-notes.md`): read by both
//! readers, written only when present, and held by `validate_meta` to its
//! limits, each refusal at its field's path. One rule per test.

use serde_json::{json, Value};
use sigsim::describe::Lang;
use sigsim::scenario::{Meta, Text};
use sigsim::validate::{
    validate_meta, META_EXPLAIN_MAX, META_NAME_MAX, META_QUESTION_MAX, META_TITLE_MAX,
};
use sigsim::{json as sj, Scenario};
use std::path::Path;

fn text(en: &str, zh: Option<&str>) -> Text {
    Text {
        en: en.into(),
        zh: zh.map(Into::into),
    }
}

fn meta() -> Meta {
    Meta {
        name: "sigkill-pid1-from-host".into(),
        title: text("SIGKILL to PID 1", Some("向 PID 1 发送 SIGKILL")),
        question: text("Does it die?", Some("它会死吗？")),
        group: text("Can PID 1 be killed?", None),
        explain: text("Yes. It is forced.", Some("会。它被强制投递。")),
        lesson: Vec::new(),
    }
}

fn with_meta(meta: Value) -> Value {
    json!({
        "format": "sigscene/1",
        "meta": meta,
        "namespaces": [{"id": "host"}],
        "processes": [{"id": "init", "ns": "host"}],
    })
}

fn meta_json() -> Value {
    serde_json::to_value(meta()).unwrap()
}

/// The path `validate` refuses `m` at.
#[track_caller]
fn refused_at(m: Meta) -> String {
    let e = validate_meta(&m).expect_err("refused");
    assert!(!e.to_string().contains('\n'), "one line: {e}");
    e.path
}

#[test]
fn a_text_falls_back_to_english() {
    let t = text("hello", None);
    assert_eq!(t.get(Lang::En), "hello");
    assert_eq!(t.get(Lang::Zh), "hello");
    let t = text("hello", Some("你好"));
    assert_eq!(t.get(Lang::Zh), "你好");
}

#[test]
fn both_readers_read_meta_and_the_writer_writes_it_after_format() {
    let v = with_meta(meta_json());
    let text = v.to_string();
    let page = sj::scenario_from_str(&text).unwrap();
    let cli: Scenario = serde_json::from_str(&text).unwrap();
    assert_eq!(page, cli);
    assert_eq!(page.meta, Some(meta()));
    let written = sj::scenario_to_string(&page);
    assert_eq!(written, serde_json::to_string(&cli).unwrap());
    assert!(written.starts_with(r#"{"format":"sigscene/1","meta":{"name":"#));
    // A text without zh is written without it.
    assert!(written.contains(r#""group":{"en":"Can PID 1 be killed?"}"#));
    assert!(sigsim::validate(&page).is_ok());
}

#[test]
fn a_scenario_without_meta_is_written_back_without_it() {
    let v = json!({
        "format": "sigscene/1",
        "namespaces": [{"id": "host"}],
        "processes": [{"id": "init", "ns": "host"}],
    });
    let s = sj::scenario_from_str(&v.to_string()).unwrap();
    assert_eq!(s.meta, None);
    assert_eq!(sj::scenario_to_string(&s), v.to_string());
    // null is absent, as for every optional field.
    let s = sj::scenario_from_str(&with_meta(Value::Null).to_string()).unwrap();
    assert_eq!(s.meta, None);
}

/// Every file of the corpus and the gallery, read and written again, is
/// the value it was: `meta` appears only where a file has it.
#[test]
fn every_file_round_trips_to_the_same_value() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut n = 0;
    for dir in ["corpus", "corpus/sim-only", "scenarios"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            let name = p.to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.ends_with(".outcome.json") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let s = sj::scenario_from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let back: Value = serde_json::from_str(&sj::scenario_to_string(&s)).unwrap();
            let orig: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back, orig, "{name}");
            n += 1;
        }
    }
    assert!(n > 150, "{n} files");
}

/// The gallery's files are written as the writer writes them (pretty, with
/// a final newline): an export of a preset is the file itself.
#[test]
fn gallery_files_are_byte_identical_to_what_the_writer_writes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".outcome.json") {
            continue;
        }
        if name.ends_with("/default.json") {
            continue; // The app's default world, written by hand, compact.
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let s = sj::scenario_from_str(&text).unwrap();
        assert_eq!(sj::scenario_to_string_pretty(&s) + "\n", text, "{name}");
    }
}

#[test]
fn meta_needs_all_five_members_and_no_other() {
    for key in ["name", "title", "question", "group", "explain"] {
        let mut m = meta_json();
        m.as_object_mut().unwrap().remove(key);
        let e = sj::scenario_from_str(&with_meta(m).to_string()).unwrap_err();
        assert_eq!(e.path, "meta", "{key}");
        assert!(e.message.contains(key), "{e}");
    }
    let mut m = meta_json();
    m["author"] = json!("me");
    let e = sj::scenario_from_str(&with_meta(m).to_string()).unwrap_err();
    assert_eq!(e.path, "meta.author");
    let mut m = meta_json();
    m["title"]["fr"] = json!("Titre");
    let e = sj::scenario_from_str(&with_meta(m).to_string()).unwrap_err();
    assert_eq!(e.path, "meta.title.fr");
    let mut m = meta_json();
    m["title"] = json!("plain string");
    let e = sj::scenario_from_str(&with_meta(m).to_string()).unwrap_err();
    assert_eq!(e.path, "meta.title");
}

#[test]
fn a_name_is_kebab_case() {
    for good in ["a", "kill-9-minus-1", "pid1", "x-y-z-0"] {
        let mut m = meta();
        m.name = good.into();
        assert_eq!(validate_meta(&m), Ok(()), "{good}");
    }
    for bad in [
        "",
        "Kill-PID1",
        "kill_pid1",
        "-kill",
        "kill-",
        "kill--pid1",
        "kill pid1",
        "kill.json",
        "ünï",
        "a\nb",
    ] {
        let mut m = meta();
        m.name = bad.into();
        assert_eq!(refused_at(m), "meta.name", "{bad:?}");
    }
}

#[test]
fn a_name_is_at_most_64_bytes() {
    let mut m = meta();
    m.name = "a".repeat(META_NAME_MAX);
    assert_eq!(validate_meta(&m), Ok(()));
    m.name = "a".repeat(META_NAME_MAX + 1);
    assert_eq!(refused_at(m), "meta.name");
}

#[test]
fn each_text_has_its_length_in_characters_in_each_language() {
    type Field = fn(&mut Meta) -> &mut Text;
    let fields: [(&str, usize, Field); 4] = [
        ("title", META_TITLE_MAX, |m| &mut m.title),
        ("question", META_QUESTION_MAX, |m| &mut m.question),
        ("group", META_QUESTION_MAX, |m| &mut m.group),
        ("explain", META_EXPLAIN_MAX, |m| &mut m.explain),
    ];
    assert_eq!(
        (META_TITLE_MAX, META_QUESTION_MAX, META_EXPLAIN_MAX),
        (100, 200, 1000)
    );
    for (key, max, field) in fields {
        // At the limit, in characters: a Chinese text has the same room.
        let mut m = meta();
        *field(&mut m) = text(&"e".repeat(max), Some(&"中".repeat(max)));
        assert_eq!(validate_meta(&m), Ok(()), "{key}");
        let mut m = meta();
        field(&mut m).en = "e".repeat(max + 1);
        assert_eq!(refused_at(m), format!("meta.{key}.en"));
        let mut m = meta();
        field(&mut m).zh = Some("中".repeat(max + 1));
        assert_eq!(refused_at(m), format!("meta.{key}.zh"));
    }
}

#[test]
fn a_text_is_not_blank() {
    let mut m = meta();
    m.title.en = "  ".into();
    assert_eq!(refused_at(m), "meta.title.en");
    let mut m = meta();
    m.explain.zh = Some(String::new());
    assert_eq!(refused_at(m), "meta.explain.zh");
}

#[test]
fn a_text_holds_no_control_separator_or_bidi_character() {
    for c in [
        '\n', '\r', '\t', '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{2028}', '\u{2029}', '\u{202e}',
        '\u{2066}', '\u{2069}',
    ] {
        let mut m = meta();
        m.question.en = format!("Does it{c}die?");
        assert_eq!(refused_at(m), "meta.question.en", "{c:?}");
        let mut m = meta();
        m.group.zh = Some(format!("它{c}会死吗"));
        assert_eq!(refused_at(m), "meta.group.zh", "{c:?}");
    }
    // Punctuation, CJK, emoji and combining marks are fine.
    let mut m = meta();
    m.explain.en = "“Quotes”, `code`, kill(-1) — café 🚀.".into();
    assert_eq!(validate_meta(&m), Ok(()));
}

#[test]
fn validate_refuses_a_scenario_with_bad_meta_at_the_field() {
    let mut m = meta_json();
    m["explain"]["zh"] = json!("x".repeat(1001));
    let s = sj::scenario_from_str(&with_meta(m).to_string()).unwrap();
    let e = sigsim::validate(&s).unwrap_err();
    assert_eq!(e.path, "meta.explain.zh");
    assert_eq!(e.message, "is 1001 characters long, more than 1000");
}

#[test]
fn hostile_meta_is_refused_without_panic() {
    let huge = "🚀".repeat(100_000);
    for name in [huge.clone(), "\u{1b}[31m".repeat(1000), "a".repeat(65)] {
        let mut m = meta();
        m.name = name;
        let e = validate_meta(&m).unwrap_err();
        assert!(!e.to_string().contains(['\n', '\u{1b}']), "{e}");
        assert!(e.to_string().len() < 200, "the error stays short");
    }
    let mut m = meta();
    m.explain.en = huge;
    assert_eq!(refused_at(m), "meta.explain.en");
}
