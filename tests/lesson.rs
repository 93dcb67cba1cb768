//! Lessons and predictions through the reducer: each step checked against
//! what the learner did (right step, wrong step, undo), predictions scored
//! against the port's own replay, and every gallery lesson doable to its
//! end.

use sigscope::explain::Label;
use sigscope::lesson::{Choice, Guess};
use sigscope::send::{DropTarget, HowToSend, Sender};
use sigscope::session::{AppState, Verb};
use sigsim::scenario::{Aim, Disposition, Task};
use sigsim::signum::SigSpec;
use sigsim::Signal;
use std::collections::BTreeSet;

#[path = "support/mem_store.rs"]
mod mem_store;

fn sig(spec: &SigSpec) -> Signal {
    match spec {
        SigSpec::Name(n) => Signal::parse(n).unwrap(),
        SigSpec::Number(n) => Signal::new(*n).unwrap(),
    }
}

/// The verbs a learner uses to do `task`: choose the sender, then drop.
fn verbs(task: &Task) -> Vec<Verb> {
    if let Some(s) = &task.send {
        let mut v = Vec::new();
        if let Some(f) = &task.from {
            v.push(Verb::SetSender(Sender::Process(f.clone())));
        }
        let target = match task.to.as_ref().unwrap() {
            Aim::Name(id) => DropTarget::Process(id.clone()),
            Aim::GroupOf(g) => DropTarget::GroupOf(g.group_of.clone()),
            Aim::Raw(-1) => DropTarget::Everyone,
            Aim::Raw(_) => DropTarget::OwnGroup,
        };
        v.push(Verb::Send {
            target,
            sig: sig(s),
        });
        return v;
    }
    if let Some(s) = &task.set {
        let disposition = match task.to.as_ref().unwrap() {
            Aim::Name(d) if d == "catch" => Disposition::Catch,
            Aim::Name(d) if d == "ignore" => Disposition::Ignore,
            _ => Disposition::Default,
        };
        return vec![Verb::SetDisposition {
            id: task.on.clone().unwrap(),
            sig: sig(s),
            disposition,
        }];
    }
    if let Some(id) = &task.exit {
        return vec![Verb::Exit { id: id.clone() }];
    }
    vec![Verb::Undo]
}

fn apply(st: AppState, verbs: Vec<Verb>) -> AppState {
    verbs.into_iter().fold(st, |s, v| s.apply(v))
}

/// Does the current step, as a learner would.
fn do_step(st: AppState) -> AppState {
    let task = current(&st);
    apply(st, verbs(&task))
}

fn step_at(st: &AppState) -> usize {
    st.lesson.as_ref().expect("a lesson").done.len()
}

fn current(st: &AppState) -> Task {
    st.lesson.as_ref().unwrap().current().unwrap().task.clone()
}

/// The port's answer to the open question, read from the replay the
/// question holds (never from the lesson).
fn truth(st: &AppState) -> Guess {
    let p = st.pending.as_ref().expect("a question");
    p.question.truth(&p.after.replay.steps[p.question.step])
}

fn preset(name: &str) -> AppState {
    let s = sigsim::gallery::find(name).unwrap().scenario().unwrap();
    AppState::new(s, None, HowToSend::Kill).unwrap()
}

#[test]
fn the_default_world_starts_its_lesson_at_step_one() {
    let st = AppState::default();
    let run = st.lesson.as_ref().expect("the default lesson");
    assert!(run.begun);
    assert_eq!(run.steps.len(), 6);
    assert_eq!(step_at(&st), 0);
    // The session is the world alone: its links carry no lesson.
    assert!(st.scenario.meta.is_none());
}

#[test]
fn the_right_step_moves_the_lesson_on() {
    let st = AppState::default().apply(Verb::Predict(true));
    let st = do_step(st);
    // "Predict first": the send waits, the card too.
    assert!(st.pending.is_some());
    assert_eq!(step_at(&st), 0);
    assert!(!st.started(), "nothing shows before the answer");
    let st = st.apply(Verb::Answer(Guess::Outcome(Choice::Dropped)));
    assert!(st.pending.is_none());
    assert!(st.predict, "the switch stays on");
    assert_eq!(
        st.lesson.as_ref().unwrap().off_step,
        None,
        "an answer is no step"
    );
    assert_eq!(step_at(&st), 1);
    assert!(st.started());
    assert!(st.reveal.as_ref().unwrap().scored.right());
}

#[test]
fn a_wrong_step_is_said_and_the_lesson_waits() {
    let st = AppState::default();
    // SIGKILL, where the step asks for SIGTERM.
    let st = st.apply(Verb::Send {
        target: DropTarget::Process("ctr-init".into()),
        sig: Signal::KILL,
    });
    assert!(st.pending.is_none(), "no question unless asked for");
    let run = st.lesson.as_ref().unwrap();
    assert_eq!(run.done.len(), 0);
    assert!(matches!(
        run.off_step,
        Some(sigscope::lesson::Did::Send {
            sig: Signal::KILL,
            ..
        })
    ));
    // Undo takes the wrong send back and the note with it.
    let st = st.apply(Verb::Undo);
    assert_eq!(st.lesson.as_ref().unwrap().off_step, None);
    assert_eq!(step_at(&st), 0);
    // An edit that is no step at all is "not the step" too.
    let st = st.apply(Verb::SetUid {
        id: "app".into(),
        uid: 1000,
    });
    assert_eq!(
        st.lesson.as_ref().unwrap().off_step,
        Some(sigscope::lesson::Did::Other)
    );
}

#[test]
fn choices_about_the_page_are_not_steps() {
    let st = AppState::default()
        .apply(Verb::SetSender(Sender::Process("app".into())))
        .apply(Verb::Select(Some("worker".into())))
        .apply(Verb::SetLang(sigscope::words::Lang::Zh));
    assert_eq!(st.lesson.as_ref().unwrap().off_step, None);
}

#[test]
fn undo_moves_the_lesson_back_and_an_undo_step_is_done_by_undo() {
    let mut st = AppState::default().apply(Verb::Predict(true));
    for _ in 0..2 {
        st = do_step(st);
        let t = truth(&st);
        st = st.apply(Verb::Answer(t));
    }
    assert_eq!(step_at(&st), 2);
    // Step three asks for an undo: it is done by one.
    st = st.apply(Verb::Undo);
    assert_eq!(step_at(&st), 3);
    st = do_step(st);
    let t = truth(&st);
    st = st.apply(Verb::Answer(t));
    assert_eq!(step_at(&st), 4);
    // An undo now takes step four back, not the undo step.
    st = st.apply(Verb::Undo);
    assert_eq!(step_at(&st), 3);
    // And further back, to the start.
    st = st.apply(Verb::Undo).apply(Verb::Undo);
    assert_eq!(step_at(&st), 0);
}

#[test]
fn the_default_lesson_plays_to_its_summary_with_the_blogs_answers() {
    let mut st = AppState::default().apply(Verb::Predict(true));
    let mut labels = Vec::new();
    while st.lesson.as_ref().unwrap().current().is_some() {
        st = do_step(st);
        if st.pending.is_some() {
            let t = truth(&st);
            st = st.apply(Verb::Answer(t));
        }
        if let Some(sent) = st
            .lesson
            .as_ref()
            .unwrap()
            .done
            .last()
            .unwrap()
            .sent
            .as_ref()
        {
            labels.push((sent.label, sent.func));
        }
    }
    let run = st.lesson.as_ref().unwrap();
    assert!(run.finished());
    assert_eq!(run.score(), (4, 4));
    assert_eq!(
        labels,
        [
            (Label::Dropped, Some("sig_task_ignored")),
            (Label::Killed, Some("sig_task_ignored")),
            (Label::Dropped, Some("sig_task_ignored")),
            (Label::Handled, Some("get_signal")),
        ]
    );
}

#[test]
fn a_wrong_prediction_is_scored_wrong_and_the_send_still_shows() {
    let st = AppState::default().apply(Verb::Predict(true));
    let st = do_step(st);
    let st = st.apply(Verb::Answer(Guess::Outcome(Choice::Killed)));
    let r = st.reveal.as_ref().unwrap();
    assert!(!r.scored.right());
    assert_eq!(r.scored.truth, Guess::Outcome(Choice::Dropped));
    assert_eq!(st.lesson.as_ref().unwrap().score(), (0, 1));
    assert!(st.started());
}

#[test]
fn skipping_the_question_takes_the_send_back() {
    let st = AppState::default().apply(Verb::Predict(true));
    let st = do_step(st).apply(Verb::SkipPrediction);
    assert!(st.pending.is_none());
    assert!(!st.started());
    assert_eq!(step_at(&st), 0);
}

#[test]
fn predict_first_asks_about_every_send_without_a_lesson() {
    let s = sigsim::gallery::find("uid-eperm")
        .unwrap()
        .scenario()
        .unwrap();
    let mut bare = s.clone();
    bare.meta = None;
    bare.actions.clear();
    let st = AppState::new(bare, Some(Sender::Process("alice".into())), HowToSend::Kill)
        .unwrap()
        .apply(Verb::Predict(true));
    assert!(st.lesson.is_none());
    let st = st.apply(Verb::Send {
        target: DropTarget::Process("bob".into()),
        sig: Signal::TERM,
    });
    assert_eq!(truth(&st), Guess::Outcome(Choice::Eperm));
    let st = st.apply(Verb::Answer(Guess::Outcome(Choice::Eperm)));
    assert!(st.reveal.as_ref().unwrap().scored.right());
}

#[test]
fn a_group_send_asks_who_dies() {
    let mut st = preset("kill-9-minus-1-in-container").apply(Verb::StartLesson);
    assert!(!st.started());
    st = do_step(st);
    let p = st.pending.as_ref().expect("a question");
    assert!(p.question.group);
    assert!(p.question.candidates.contains(&"cron".to_string()));
    let dies: BTreeSet<String> = ["ctr-init", "web", "db"].map(String::from).into();
    // kill(-1) inside the container reaches the container only, and not
    // its init (an init ignores even SIGKILL sent from inside).
    let t = truth(&st);
    assert_eq!(t, Guess::WhoDies(["web", "db"].map(String::from).into()));
    let st = st.apply(Verb::Answer(Guess::WhoDies(dies)));
    assert!(!st.reveal.as_ref().unwrap().scored.right());
}

/// Every gallery lesson can be done step by step and ends in a summary;
/// at each question exactly one choice is right, and it is the port's.
#[test]
fn every_gallery_lesson_plays_to_its_summary() {
    let mut lessons = 0;
    for p in sigsim::gallery::PRESETS {
        let st = preset(p.name);
        let Some(run) = st.lesson.as_ref() else {
            continue;
        };
        lessons += 1;
        assert!(!run.begun, "{}: opened with its actions", p.name);
        let mut st = st.apply(Verb::StartLesson);
        assert!(!st.started(), "{}", p.name);
        while let Some(step) = st.lesson.as_ref().unwrap().current().cloned() {
            let before = step_at(&st);
            st = apply(st, verbs(&step.task));
            if step.predict {
                let q = st
                    .pending
                    .clone()
                    .unwrap_or_else(|| panic!("{}: step {before} asks for a prediction", p.name));
                let t = truth(&st);
                if !q.question.group {
                    let right: Vec<_> = Choice::ALL
                        .into_iter()
                        .filter(|c| {
                            st.apply(Verb::Answer(Guess::Outcome(*c)))
                                .reveal
                                .unwrap()
                                .scored
                                .right()
                        })
                        .map(Guess::Outcome)
                        .collect();
                    assert_eq!(right, std::slice::from_ref(&t), "{} step {before}", p.name);
                }
                st = st.apply(Verb::Answer(t));
            }
            assert_eq!(
                step_at(&st),
                before + 1,
                "{}: step {before} not done",
                p.name
            );
        }
        let run = st.lesson.as_ref().unwrap();
        let (right, asked) = run.score();
        assert_eq!(right, asked, "{}", p.name);
    }
    assert!(lessons >= 4, "{lessons} gallery lessons");
}

/// The blog's four questions, docker stop and uid EPERM, as their lessons
/// answer them through the page: the outcomes `scenarios/*.outcome.json`
/// recorded from the real kernel (which `sigsim-cli/tests/gallery.rs` holds
/// equal to the port's).
#[test]
fn gallery_predictions_are_what_the_recorded_kernel_did() {
    let cases: &[(&str, &[Choice])] = &[
        (
            "sigterm-pid1-from-inside",
            &[Choice::Dropped, Choice::Handled],
        ),
        (
            "sigkill-pid1-from-inside",
            &[Choice::Dropped, Choice::Killed],
        ),
        ("sigterm-pid1-from-host", &[Choice::Dropped, Choice::Killed]),
        ("sigkill-pid1-from-host", &[Choice::Killed]),
        (
            "docker-stop-without-handler",
            &[Choice::Dropped, Choice::Killed],
        ),
        ("docker-stop-with-handler", &[Choice::Handled]),
        (
            "uid-eperm",
            &[Choice::Eperm, Choice::Eperm, Choice::Killed, Choice::Killed],
        ),
    ];
    for (name, want) in cases {
        let mut st = preset(name).apply(Verb::StartLesson);
        let mut got = Vec::new();
        while let Some(step) = st.lesson.as_ref().unwrap().current().cloned() {
            st = apply(st, verbs(&step.task));
            if st.pending.is_some() {
                let Guess::Outcome(c) = truth(&st) else {
                    panic!("{name}: one process, one outcome")
                };
                got.push(c);
                st = st.apply(Verb::Answer(Guess::Outcome(c)));
            }
        }
        assert_eq!(&got, want, "{name}");
    }
}

/// What a reload finds: the autosave (and, in the browser, the page's own
/// link) written as the app writes them.
fn reloaded(st: &AppState, link: bool) -> AppState {
    use sigscope::permalink::{encode_fragment, load, persist_with, LessonProgress, Saved};
    let store = mem_store::Mem::default();
    let saved = Saved::of(st);
    persist_with(&store, &st.kept, &saved, LessonProgress::of(st).as_ref()).unwrap();
    let hash = if link {
        format!("#{}", encode_fragment(&saved))
    } else {
        String::new()
    };
    let (back, error) = load(&hash, &store);
    assert_eq!(error, None);
    back
}

#[test]
fn a_reload_keeps_the_lesson_at_its_step() {
    let mut st = AppState::default();
    for _ in 0..2 {
        st = do_step(st);
    }
    assert_eq!(step_at(&st), 2);
    for link in [false, true] {
        let back = reloaded(&st, link);
        let run = back.lesson.as_ref().expect("the lesson comes back");
        assert!(run.begun);
        assert_eq!(step_at(&back), 2, "link: {link}");
        assert_eq!(back.scenario, st.scenario);
        // And it goes on from there.
        let on = do_step(back);
        assert_eq!(step_at(&on), 3, "link: {link}");
    }
}

#[test]
fn a_reload_keeps_a_gallery_lesson_with_its_words() {
    let opened = AppState::default().apply(Verb::OpenPreset("uid-eperm".into()));
    let title = opened.lesson.as_ref().expect("its lesson").title.clone();
    let mut st = do_step(opened.apply(Verb::StartLesson));
    // The step asks for a prediction first.
    if st.pending.is_some() {
        let t = truth(&st);
        st = st.apply(Verb::Answer(t));
    }
    assert_eq!(step_at(&st), 1);
    for link in [false, true] {
        let back = reloaded(&st, link);
        let run = back
            .lesson
            .as_ref()
            .expect("the preset's lesson comes back");
        assert_eq!(run.title, title, "link: {link}");
        assert_eq!(step_at(&back), 1, "link: {link}");
        assert_eq!(back.preset.as_ref().map(|p| p.name), Some("uid-eperm"));
    }
}

#[test]
fn another_link_does_not_take_the_lesson_of_the_autosave() {
    use sigscope::permalink::{encode_fragment, load, persist_with, LessonProgress, Saved};
    let st = do_step(do_step(AppState::default()));
    let store = mem_store::Mem::default();
    persist_with(
        &store,
        &st.kept,
        &Saved::of(&st),
        LessonProgress::of(&st).as_ref(),
    )
    .unwrap();
    // A link to another session (one send fewer).
    let other = do_step(AppState::default());
    let (back, _) = load(&format!("#{}", encode_fragment(&Saved::of(&other))), &store);
    assert_eq!(back.scenario, other.scenario);
    assert_ne!(back.lesson.as_ref().map(|r| r.done.len()), Some(2));
}

#[test]
fn a_hostile_lesson_in_the_autosave_is_ignored_and_the_session_restores() {
    use sigscope::permalink::{to_storage, LessonProgress, Saved};
    let st = do_step(AppState::default());
    let plain = to_storage(&Saved::of(&st));
    let body = plain.trim_end_matches('}');
    for lesson in [
        r#"{"preset":"no-such","begun":true,"done":1}"#,
        r#"{"preset":null,"begun":"yes","done":1}"#,
        r#"{"preset":null,"begun":true,"done":-1}"#,
        r#"{"preset":null,"begun":true,"done":99999999999999999999}"#,
        r#"{"preset":null,"begun":true}"#,
        r#"[1,2]"#,
        "null",
    ] {
        let text = format!(r#"{body},"lesson":{lesson}}}"#);
        assert_eq!(LessonProgress::read(&text), None, "{lesson}");
        assert!(
            sigscope::permalink::read_storage(&text).is_ok(),
            "{lesson}: the session still reads"
        );
    }
    // Far more steps than the lesson has: clamped, never out of range.
    let text = format!(r#"{body},"lesson":{{"preset":null,"begun":true,"done":1000}}}}"#);
    let back = LessonProgress::read(&text).unwrap().restore(st.clone());
    let run = back.lesson.as_ref().unwrap();
    assert_eq!(run.done.len(), run.steps.len());
}
