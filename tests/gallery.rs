//! The gallery in the page, natively: opening a preset through the reducer
//! (every one replays to its real-kernel outcome), an unknown name, undo
//! and redo around it, the card's lifetime, the myths, and the length of a
//! preset's link.

use sigscope::embed::Params;
use sigscope::gallery::{address, query_with_preset, Myth};
use sigscope::permalink::{encode_fragment, Saved};
use sigscope::replay::{Effect, ProcState};
use sigscope::send::DropTarget;
use sigscope::session::{Act, AppState, Msg, Notice, Verb, Why};
use sigscope::words::{self, Lang};
use sigsim::gallery::NAMES;
use sigsim::Signal;
use std::collections::BTreeMap;

fn open(st: &AppState, name: &str) -> AppState {
    st.apply(Verb::OpenPreset(name.into()))
}

/// The recorded outcome's last step: per process, its state and the
/// signal that ended it, as `sigscene-outcome/1` writes them.
fn recorded(name: &str) -> BTreeMap<String, (String, Option<String>)> {
    let path = format!(
        "{}/scenarios/{name}.outcome.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let outcome: serde_json::Value = serde_json::from_str(&text).unwrap();
    let last = outcome["steps"].as_array().unwrap().last().unwrap();
    last["processes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, p)| {
            let state = p["state"].as_str().unwrap().to_string();
            let signal = p.get("signal").and_then(|s| s.as_str()).map(String::from);
            (id.clone(), (state, signal))
        })
        .collect()
}

/// The same, as the page shows the session: a zombie and a reaped process
/// are both `dead` in the format.
fn shown(st: &AppState) -> BTreeMap<String, (String, Option<String>)> {
    st.replay
        .plan
        .processes
        .iter()
        .filter_map(|p| {
            let v = sigscope::view_model::process_view(st, &p.id)?;
            let state = match v.state {
                ProcState::Running => "running",
                ProcState::Stopped => "stopped",
                ProcState::Zombie | ProcState::Dead => "dead",
            };
            let signal = match v.death {
                Some(Effect::Killed(sig)) => Some(sigscope::palette::name(sig)),
                _ => None,
            };
            Some((p.id.clone(), (state.to_string(), signal)))
        })
        .collect()
}

#[test]
fn every_preset_opens_replays_and_ends_as_the_real_kernel_did() {
    assert_eq!(NAMES.len(), 22);
    for name in NAMES {
        let st = open(&AppState::default(), name);
        let p = st
            .preset_shown()
            .unwrap_or_else(|| panic!("{name}: {:?}", st.notice));
        assert_eq!(p.name, *name);
        assert_eq!(p.meta.name, *name);
        assert!(
            st.scenario.meta.is_none(),
            "{name}: the session carries no words"
        );
        assert_eq!(st.replay.steps.len(), st.scenario.actions.len(), "{name}");
        assert_eq!(
            st.notice,
            Notice::Step(st.scenario.actions.len() - 1),
            "{name}: the last step's outcome is shown"
        );
        assert_eq!(shown(&st), recorded(name), "{name}");
    }
}

#[test]
fn an_unknown_preset_is_refused_and_the_session_stays() {
    let before = AppState::default();
    let st = open(&before, "no-such-thing");
    assert_eq!(st.scenario, before.scenario);
    assert!(st.preset.is_none() && st.preset_shown().is_none());
    assert!(!st.can_undo(), "nothing to undo: nothing was done");
    match &st.notice {
        Notice::Refused { what, reason } => {
            assert_eq!(*what, Act::OpenPreset("no-such-thing".into()));
            assert_eq!(*reason, Why::NoSuchPreset("no-such-thing".into()));
            for lang in Lang::ALL {
                let n = &words::of(lang).notice;
                assert!(!(n.why)(reason).is_empty());
                assert!((n.act)(what).contains("no-such-thing"));
            }
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Not even a file of the folder that is not in the gallery.
    assert!(matches!(
        open(&before, "default").notice,
        Notice::Refused { .. }
    ));
}

#[test]
fn undo_brings_back_the_session_before_the_preset_and_redo_the_preset() {
    let mine = AppState::default().apply(Verb::Send {
        target: DropTarget::Process("ctr-init".into()),
        sig: Signal::KILL,
    });
    let st = open(&mine, "uid-eperm");
    assert!(st.preset_shown().is_some());
    let back = st.apply(Verb::Undo);
    assert_eq!(back.scenario, mine.scenario);
    assert!(back.preset_shown().is_none(), "no card over my own session");
    assert_eq!(back.notice, Notice::Info(Msg::Undone));
    let again = back.apply(Verb::Redo);
    assert_eq!(again.scenario, st.scenario);
    assert_eq!(again.preset_shown().map(|p| p.name), Some("uid-eperm"));
}

#[test]
fn the_card_stays_until_an_edit_and_comes_back_with_undo() {
    let st = open(&AppState::default(), "sigkill-pid1-from-inside");
    // Choices about the page are no edit.
    let st = st
        .apply(Verb::Select(Some("shell".into())))
        .apply(Verb::SetLang(Lang::Zh));
    assert!(st.preset_shown().is_some());
    let sent = st.apply(Verb::Send {
        target: DropTarget::Process("ctr-init".into()),
        sig: Signal::TERM,
    });
    assert!(sent.preset_shown().is_none(), "a send hides it");
    assert!(sent.apply(Verb::Undo).preset_shown().is_some());
    let edited = st.apply(Verb::SetUid {
        id: "shell".into(),
        uid: 1000,
    });
    assert!(edited.preset_shown().is_none(), "an edit hides it");
    assert!(st.apply(Verb::Reset).preset_shown().is_none());
}

#[test]
fn opening_a_second_preset_replaces_the_first() {
    let st = open(
        &open(&AppState::default(), "uid-eperm"),
        "kill-9-minus-1-in-container",
    );
    assert_eq!(
        st.preset_shown().map(|p| p.name),
        Some("kill-9-minus-1-in-container")
    );
    let back = st.apply(Verb::Undo);
    assert_eq!(
        back.scenario,
        open(&AppState::default(), "uid-eperm").scenario
    );
}

#[test]
fn every_myth_names_a_preset_once_and_has_words_in_both_languages() {
    let mut keys: Vec<&str> = Myth::ALL.iter().map(|m| m.key()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), Myth::ALL.len(), "a key twice");
    for m in Myth::ALL {
        assert!(NAMES.contains(&m.preset()), "{m:?} names {}", m.preset());
        for lang in Lang::ALL {
            let (claim, truth) = (words::of(lang).gallery.myth)(m);
            assert!(!claim.is_empty() && !truth.is_empty(), "{m:?} in {lang:?}");
        }
    }
    // The issue's five, then the seed post's slips.
    assert_eq!(
        Myth::ALL.iter().filter(|m| m.from_the_seed_post()).count(),
        4
    );
}

#[test]
fn the_myths_are_refuted_by_what_their_presets_show() {
    let outcome = |m: Myth| shown(&open(&AppState::default(), m.preset()));
    let running = |s: &str| (s.to_string(), None::<String>);
    // `kill -9 1` inside: the init runs on.
    assert_eq!(
        outcome(Myth::SigkillAlwaysKills)["ctr-init"],
        running("running")
    );
    // root's SIGKILL to the global init: it runs on.
    assert_eq!(
        outcome(Myth::RootCanKillAnything)["systemd"],
        running("running")
    );
    // The host's SIGKILL kills the container's init.
    assert_eq!(
        outcome(Myth::ContainerInitImmuneToHost)["ctr-init"],
        ("dead".into(), Some("SIGKILL".into()))
    );
    // kill -9 -1 inside: the host's processes run on.
    let o = outcome(Myth::KillMinusOneKillsTheHost);
    for host in ["systemd", "dockerd", "cron"] {
        assert_eq!(o[host], running("running"), "{host}");
    }
    // The freshly forked app dies of a default SIGTERM.
    assert_eq!(
        outcome(Myth::ForkedProcessIgnoresDefaultSignals)["app"],
        ("dead".into(), Some("SIGTERM".into()))
    );
}

/// Where a teacher might host the page: the link's length counts it.
const HOST: &str = "https://teacher.example.org/courses/linux/sigscope/";

#[test]
fn a_preset_s_link_is_its_name_and_an_edited_one_stays_under_2_kb() {
    for name in NAMES {
        let st = open(&AppState::default(), name);
        let unedited = address(
            "/sigscope/",
            "?lang=zh",
            st.preset_shown().map(|p| p.name),
            || unreachable!("an unedited preset needs no fragment"),
        );
        assert_eq!(unedited, format!("?lang=zh&preset={name}"));
        // One edit later the link carries the world, without its words.
        let sender = st.sender_id().unwrap().to_string();
        let edited = st.apply(Verb::SetUid {
            id: sender,
            uid: 1000,
        });
        assert!(edited.preset_shown().is_none(), "{name}");
        let link = format!(
            "{HOST}{}",
            address("/sigscope/", "?preset=x", None, || encode_fragment(
                &Saved::of(&edited)
            ))
        );
        assert!(!link.contains("preset="), "{link}");
        assert!(link.len() < 2048, "{name}: {} bytes", link.len());
    }
}

#[test]
fn the_preset_parameter_is_read_with_or_without_embed() {
    let p = Params::parse("?preset=uid-eperm");
    assert_eq!(p.preset.as_deref(), Some("uid-eperm"));
    assert!(!p.embed);
    let p = Params::parse("?embed&preset=uid-eperm&step=2&lang=zh");
    assert!(p.embed);
    assert_eq!(p.preset.as_deref(), Some("uid-eperm"));
    assert_eq!(p.step, Some(2));
    assert_eq!(Params::parse("?embed").preset, None);
    let long = format!("?preset={}", "a".repeat(500));
    assert_eq!(Params::parse(&long).preset.unwrap().len(), 64);
}

#[test]
fn the_query_keeps_its_other_parameters() {
    assert_eq!(query_with_preset("", Some("a")), "?preset=a");
    assert_eq!(query_with_preset("?preset=b", Some("a")), "?preset=a");
    assert_eq!(
        query_with_preset("?lang=zh&preset=b&theme=dark", None),
        "?lang=zh&theme=dark"
    );
    assert_eq!(query_with_preset("?preset=b", None), "");
    assert_eq!(
        address("/p/", "?preset=b", None, || "s=x".into()),
        "/p/#s=x"
    );
    assert_eq!(
        address("/p/", "?lang=en&preset=b", None, || "s=x".into()),
        "?lang=en#s=x"
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod rendered {
    use super::*;
    use sigscope::components::app::{App, AppProps};
    use std::rc::Rc;

    async fn render(state: impl FnOnce() -> AppState + Send + 'static) -> String {
        yew::ServerRenderer::<App>::with_props(move || AppProps {
            initial: Some(Rc::new(state())),
            ..Default::default()
        })
        .hydratable(false)
        .render()
        .await
    }

    #[tokio::test]
    async fn the_card_shows_the_preset_s_words_in_the_page_s_language() {
        let preset = || open(&AppState::default(), "kill-9-minus-1-in-container");
        let meta = preset().preset_shown().unwrap().meta.clone();
        let html = render(preset).await;
        assert!(html.contains(r#"class="preset-card""#));
        for lang in Lang::ALL {
            let html = render(move || {
                let mut st = preset();
                st.lang = lang;
                st
            })
            .await;
            // `commands` are code: each part between the backquotes is there.
            for text in [&meta.title, &meta.question, &meta.group] {
                for part in text.get(lang).split('`') {
                    assert!(html.contains(part), "{lang:?}: {part}");
                }
            }
            assert!(html.contains("<code>kill -9 -1</code>"));
        }
        // The toolbar opens the gallery and its myths.
        assert!(html.contains(r#"class="gallery-open""#) && html.contains(">Gallery</button>"));
        assert!(html.contains(">Myths</button>"));
        let plain = render(AppState::default).await;
        assert!(!plain.contains("preset-card"));
    }
}

/// Opening a gallery scenario puts the lesson under way away and offers
/// the scenario's own, if it has one: never "not this step" for the open.
#[test]
fn a_preset_brings_its_own_lesson_or_none() {
    let st = AppState::default();
    assert!(
        st.lesson.as_ref().is_some_and(|r| r.begun),
        "the default lesson runs"
    );
    let mut with = 0;
    for &name in NAMES {
        let opened = open(&st, name);
        assert!(opened.preset_shown().is_some(), "{name} opened");
        let meta = sigsim::gallery::find(name)
            .unwrap()
            .scenario()
            .unwrap()
            .meta
            .unwrap();
        match (&opened.lesson, meta.lesson.is_empty()) {
            (None, true) => {}
            (Some(run), false) => {
                with += 1;
                assert_eq!(run.title, meta.title, "{name}: its own lesson");
                assert_eq!(run.steps.len(), meta.lesson.len(), "{name}");
                assert!(
                    run.done.is_empty() && run.off_step.is_none(),
                    "{name}: from the start"
                );
                // Opened with its sends played, it offers to start over.
                assert_eq!(run.begun, opened.scenario.actions.is_empty(), "{name}");
            }
            (lesson, _) => panic!(
                "{name}: lesson {lesson:?}, its meta has {} steps",
                meta.lesson.len()
            ),
        }
        // Undo brings the session back; Start on the preset's lesson starts it.
        if opened.lesson.is_some() {
            let started = opened.apply(Verb::StartLesson);
            assert!(started.lesson.as_ref().unwrap().begun, "{name}");
            assert!(!started.started(), "{name}: from its starting world");
        }
    }
    assert!(with >= 8, "the gallery's lessons: {with}");
}
