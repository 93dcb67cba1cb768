//! `meta.lesson` (docs/scenario-format-notes.md): both readers read it
//! alike, the writer writes it back, and `validate` refuses each fault at
//! its field, with one line and no panic.

use serde_json::{json, Value};
use sigsim::json as sj;
use sigsim::scenario::{Aim, Scenario};
use sigsim::validate::{validate, LESSON_SAY_MAX, LESSON_STEPS_MAX};

fn with_lesson(lesson: Value) -> Value {
    json!({
        "format": "sigscene/1",
        "meta": {
            "name": "l",
            "title": {"en": "t"}, "question": {"en": "q"},
            "group": {"en": "g"}, "explain": {"en": "e"},
            "lesson": lesson,
        },
        "namespaces": [{"id": "host"}],
        "processes": [{"id": "init", "ns": "host"}, {"id": "sh", "ns": "host", "parent": "init"}],
        "actions": [{"spawn": {"id": "late", "ns": "host", "parent": "sh"}}],
    })
}

fn step(task: Value) -> Value {
    json!({"say": {"en": "Do it.", "zh": "做吧。"}, "do": task})
}

/// Both readers' answer: the same scenario, or a refusal at the same path.
#[track_caller]
fn read(v: &Value) -> Result<Scenario, String> {
    let text = v.to_string();
    let page = sj::scenario_from_str(&text);
    let cli: Result<Scenario, _> =
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&text));
    match (page, cli) {
        (Ok(p), Ok(c)) => {
            assert_eq!(p, c);
            Ok(p)
        }
        (Err(p), Err(c)) => {
            assert_eq!(p.path, c.path().to_string(), "{p} / {c}");
            Err(p.path)
        }
        (p, c) => panic!("the readers disagree: {p:?} / {c:?}"),
    }
}

#[track_caller]
fn refused(lesson: Value) -> String {
    let s = read(&with_lesson(lesson)).expect("read");
    let e = validate(&s).expect_err("refused");
    assert!(!e.to_string().contains('\n'), "{e}");
    e.path
}

#[test]
fn each_kind_of_step_reads_validates_and_writes_back() {
    let v = with_lesson(json!([
        {"say": {"en": "a"}, "do": {"send": "SIGTERM", "to": "sh", "from": "init"}, "predict": true},
        step(json!({"send": 9, "to": -1})),
        step(json!({"send": "SIGHUP", "to": {"group_of": "sh"}, "from": "kernel"})),
        step(json!({"set": "SIGTERM", "on": "late", "to": "catch"})),
        step(json!({"exit": "sh"})),
        step(json!({"undo": true})),
    ]));
    let s = read(&v).unwrap();
    validate(&s).unwrap();
    let lesson = &s.meta.as_ref().unwrap().lesson;
    assert!(lesson[0].predict && !lesson[1].predict);
    assert_eq!(lesson[1].task.to, Some(Aim::Raw(-1)));
    // The writer writes what it read, as serde does, `predict` only when true.
    let written = sj::scenario_to_string(&s);
    assert_eq!(written, serde_json::to_string(&s).unwrap());
    assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), v);
    assert_eq!(written.matches("predict").count(), 1);
}

#[test]
fn an_empty_lesson_is_written_back_without_it() {
    let s = read(&with_lesson(json!([]))).unwrap();
    validate(&s).unwrap();
    assert!(!sj::scenario_to_string(&s).contains("lesson"));
}

#[test]
fn the_readers_refuse_a_malformed_step_at_the_same_path() {
    for (lesson, path) in [
        (json!({}), "meta.lesson"),
        (json!(null), "meta.lesson"),
        (json!([{"do": {"undo": true}}]), "meta.lesson[0]"),
        (json!([{"say": {"en": "x"}}]), "meta.lesson[0]"),
        (
            json!([{"say": {"en": "x"}, "do": {"undo": true}, "extra": 1}]),
            "meta.lesson[0].extra",
        ),
        (
            json!([{"say": {"en": "x"}, "do": {"undo": true}, "predict": null}]),
            "meta.lesson[0].predict",
        ),
        (
            json!([{"say": {"en": "x"}, "do": {"undo": true}, "predict": 1}]),
            "meta.lesson[0].predict",
        ),
        (
            json!([step(json!({"send": "SIGTERM", "to": 1.5}))]),
            "meta.lesson[0].do.to",
        ),
        (
            json!([step(json!({"send": "SIGTERM", "to": {"pid_of": "sh"}}))]),
            "meta.lesson[0].do.to",
        ),
        (
            json!([step(json!({"send": "SIGTERM", "to": [1]}))]),
            "meta.lesson[0].do.to",
        ),
        (
            json!([step(json!({"send": "SIGTERM", "at": "sh"}))]),
            "meta.lesson[0].do.at",
        ),
        (
            json!([step(json!({"undo": "yes"}))]),
            "meta.lesson[0].do.undo",
        ),
        (json!([step(json!(["undo"]))]), "meta.lesson[0].do"),
    ] {
        assert_eq!(
            read(&with_lesson(lesson.clone())).unwrap_err(),
            path,
            "{lesson}"
        );
    }
}

#[test]
fn validate_refuses_a_step_that_is_not_one_kind_of_step() {
    assert_eq!(refused(json!([step(json!({}))])), "meta.lesson[0].do");
    assert_eq!(
        refused(json!([step(
            json!({"send": "SIGTERM", "to": "sh", "exit": "sh"})
        )])),
        "meta.lesson[0].do"
    );
    assert_eq!(
        refused(json!([step(
            json!({"send": "SIGTERM", "to": "sh", "on": "sh"})
        )])),
        "meta.lesson[0].do.on"
    );
    assert_eq!(
        refused(json!([step(json!({"send": "SIGTERM"}))])),
        "meta.lesson[0].do"
    );
    assert_eq!(
        refused(json!([step(json!({"set": "SIGTERM", "to": "catch"}))])),
        "meta.lesson[0].do"
    );
    assert_eq!(
        refused(json!([step(json!({"exit": "sh", "from": "init"}))])),
        "meta.lesson[0].do.from"
    );
    assert_eq!(
        refused(json!([step(json!({"undo": false}))])),
        "meta.lesson[0].do.undo"
    );
}

#[test]
fn validate_refuses_unknown_names_and_values() {
    for (task, path) in [
        (
            json!({"send": "SIGNOPE", "to": "sh"}),
            "meta.lesson[0].do.send",
        ),
        (
            json!({"send": "SIGTERM", "to": "nobody"}),
            "meta.lesson[0].do.to",
        ),
        (
            json!({"send": "SIGTERM", "to": {"group_of": "nobody"}}),
            "meta.lesson[0].do.to",
        ),
        (
            json!({"send": "SIGTERM", "to": "sh", "from": "nobody"}),
            "meta.lesson[0].do.from",
        ),
        (json!({"send": "SIGTERM", "to": 7}), "meta.lesson[0].do.to"),
        (
            json!({"set": "SIGTERM", "on": "nobody", "to": "catch"}),
            "meta.lesson[0].do.on",
        ),
        (
            json!({"set": "SIGTERM", "on": "sh", "to": "sh"}),
            "meta.lesson[0].do.to",
        ),
        (
            json!({"set": 65, "on": "sh", "to": "catch"}),
            "meta.lesson[0].do.set",
        ),
        (json!({"exit": "nobody"}), "meta.lesson[0].do.exit"),
    ] {
        assert_eq!(refused(json!([step(task.clone())])), path, "{task}");
    }
}

#[test]
fn validate_holds_the_limits_and_the_words_of_a_step() {
    let many: Vec<Value> = (0..=LESSON_STEPS_MAX)
        .map(|_| step(json!({"undo": true})))
        .collect();
    assert_eq!(refused(Value::Array(many)), "meta.lesson");
    let long = "x".repeat(LESSON_SAY_MAX + 1);
    assert_eq!(
        refused(json!([{"say": {"en": long}, "do": {"undo": true}}])),
        "meta.lesson[0].say.en"
    );
    assert_eq!(
        refused(json!([{"say": {"en": "ok", "zh": "\u{202e}"}, "do": {"undo": true}}])),
        "meta.lesson[0].say.zh"
    );
    assert_eq!(
        refused(json!([{"say": {"en": " "}, "do": {"undo": true}}])),
        "meta.lesson[0].say.en"
    );
}

/// The gallery's lessons and the default world's are valid, and each
/// scenario with a lesson keeps its recorded world and actions (the
/// lesson is words only: the port never reads it).
#[test]
fn the_gallerys_lessons_are_valid_and_change_nothing_the_port_plays() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios");
    let mut n = 0;
    for e in std::fs::read_dir(root).unwrap() {
        let p = e.unwrap().path();
        let name = p.to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".outcome.json") {
            continue;
        }
        let s = sj::scenario_from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        let plan = validate(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut bare = s.clone();
        bare.meta = None;
        assert_eq!(validate(&bare).unwrap(), plan, "{name}");
        n += usize::from(!s.meta.unwrap().lesson.is_empty());
    }
    assert!(n >= 5, "{n} lessons");
}
