//! The page rendered to HTML natively (Yew's server renderer): what a reader
//! sees before touching anything, and after a send. Effects do not run here,
//! so nothing touches a browser API.
#![cfg(not(target_arch = "wasm32"))]

use sigscope::components::app::{App, AppProps};
use sigscope::send::{DropTarget, Sender};
use sigscope::session::{AppState, Verb};
use sigsim::Signal;
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

/// The opening tag of the element whose aria-label starts with `label`.
fn tag_labelled<'a>(html: &'a str, label: &str) -> &'a str {
    let at = html
        .find(&format!("aria-label=\"{label}"))
        .unwrap_or_else(|| panic!("no element labelled {label:?}"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

#[tokio::test]
async fn the_default_world_shows_every_process_with_its_pids_and_badges() {
    let html = render(AppState::default).await;
    // Namespaces: nested regions with level and init.
    assert!(html.contains(r#"aria-label="namespace host, level 0""#));
    assert!(html.contains(r#"aria-label="namespace container, level 1""#));
    assert!(html.contains("init: <strong>ctr-init</strong>"));
    // Processes: focusable, named by name, PIDs (own namespace first) and state.
    for name in [
        "init, PID 1, running, global init",
        "shell, PID 2, running, sender",
        "ctr-init, PID 1 · 3, running, namespace init",
        "app, PID 2 · 4, running",
        "worker, PID 3 · 5, running",
    ] {
        let tag = tag_labelled(&html, name);
        assert!(
            tag.contains(r#"tabindex="0""#) && tag.contains(r#"role="button""#),
            "{tag}"
        );
    }
    // Badges: app catches SIGTERM, the inits are marked, the shell sends.
    // (The legend shows the same badges without a title: these are the nodes'.)
    for badge in [
        r#"title="SIGTERM has a handler" class="badge caught"><span class="badge-kind">catch </span>TERM"#,
        r#"title="PID 1 of its namespace: SIGNAL_UNKILLABLE" class="badge role">ns init<"#,
        r#"title="the first process of the host: PID 1 of init_pid_ns" class="badge role">global init<"#,
        r#"title="this process makes the calls" class="badge sender">sender<"#,
    ] {
        assert!(html.contains(badge), "{badge}");
    }
    // The palette: one button per signal, named by what it shows: the
    // signal and its default action.
    for (sig, action) in [
        ("SIGHUP", "terminate"),
        ("SIGKILL", "terminate"),
        ("SIGCHLD", "ignore"),
        ("SIGSTOP", "stop"),
        ("SIGRTMIN", "terminate"),
    ] {
        let chip = format!(
            r#"<span class="chip-name">{sig}</span> <span class="chip-action">{action}</span></button>"#
        );
        assert!(html.contains(&chip), "{chip}");
    }
    // The outcome region is a polite live region, there before anything is sent.
    assert!(html.contains(r#"role="status" aria-live="polite""#));
    assert!(html.contains("Why doesn’t"));
    // The lesson card (scenarios/default.json's meta.lesson) at its first
    // step, with the "Predict first" switch.
    let at = html.find(r#"id="lesson-title""#).expect("the lesson card");
    assert!(html[at..].contains("Step 1 of 6"));
    assert!(html.contains("Drag SIGTERM onto ctr-init: nothing happens."));
    assert!(html[at..].contains("Predict first"));
    // The legend (static markup) says what an ns init does with a signal.
    assert!(html.contains(r#"<section class="panel legend" aria-labelledby="legend-title">"#));
    assert!(html.contains("PID 1 of a namespace (SIGNAL_UNKILLABLE): it drops every signal"));
    // kill(-1) and kill(0) are offered in the sender's namespace.
    assert!(html.contains(
        r#"<code>kill(-1)</code> <span class="zone-what">every process shell may signal</span>"#
    ));
    assert!(html.contains(r#"data-drop="own""#));
}

#[tokio::test]
async fn after_sigkill_from_the_host_the_container_is_shown_dead() {
    let html = render(|| {
        AppState::default().apply(Verb::Send {
            target: DropTarget::Process("ctr-init".into()),
            sig: Signal::KILL,
        })
    })
    .await;
    assert!(html.contains("dead — accepts no process"));
    assert!(html.contains("ctr-init, PID 1 · 3, zombie (killed by SIGKILL)"));
    assert!(html.contains("app, PID 2 · 4, dead (killed by SIGKILL)"));
    assert!(html.contains(r#"<li class="effect fatal">killed by SIGKILL</li>"#));
    assert!(html.contains("kill(3, SIGKILL)"));
    assert!(html.contains("sig_task_ignored"));
    assert!(html.contains("Namespace container died with its init ctr-init"));
}

#[tokio::test]
async fn the_sentence_from_inside_says_the_sender_is_not_forced() {
    let html = render(|| {
        AppState::default()
            .apply(Verb::SetSender(Sender::Process("app".into())))
            .apply(Verb::Send {
                target: DropTarget::Process("ctr-init".into()),
                sig: Signal::KILL,
            })
    })
    .await;
    let status = &html[html.find(r#"role="status""#).unwrap()..];
    let status = &status[..status.find("</p>").unwrap()];
    assert!(
        status.contains("Dropped:")
            && status.contains("not forced")
            && status.contains("sig_task_ignored"),
        "{status}"
    );
    assert!(
        html.contains("kill(1, SIGKILL)"),
        "inside, the init is PID 1"
    );
}

#[tokio::test]
async fn a_32_level_world_collapses_what_does_not_fit() {
    // As a 32-level file opens (a namespace the user adds stays open).
    let html = render(|| {
        let mut s = sigscope::default_world::default_scenario();
        for l in 2..=32 {
            let parent = if l == 2 {
                "container".to_string()
            } else {
                format!("l{}", l - 1)
            };
            s.namespaces.push(sigsim::scenario::NamespaceSpec {
                id: format!("l{l}"),
                parent: Some(parent),
            });
        }
        AppState::new(s, None, sigscope::send::HowToSend::Kill).unwrap()
    })
    .await;
    assert!(html.contains(r#"aria-label="namespace l5, level 5""#));
    assert!(
        !html.contains(r#"aria-label="namespace l6, level 6""#),
        "level 6 and below are collapsed"
    );
    assert!(html.contains("0 processes and 27 nested namespaces hidden"));
    assert!(html.contains(r#"aria-label="Expand namespace l5""#));
}

#[tokio::test]
async fn before_a_send_the_kernel_path_says_what_it_will_show() {
    let html = render(AppState::default).await;
    assert!(html.contains("Send a signal: its path through the kernel"));
    assert!(!html.contains("Kernel call path, Linux"));
}

#[tokio::test]
async fn after_a_send_its_kernel_path_is_open_under_the_tree_and_the_log_offers_it() {
    let html = render(|| {
        AppState::default().apply(Verb::Send {
            target: DropTarget::Process("ctr-init".into()),
            sig: Signal::TERM,
        })
    })
    .await;
    let tree = html.find(r#"aria-label="PID namespaces""#).unwrap();
    let path = html
        .find("Kernel path of #1 shell: kill(3, SIGTERM) — Linux 6.18")
        .unwrap();
    assert!(tree < path, "the path comes right under the tree");
    assert!(html.contains("<details open"));
    assert!(html.contains(r#"aria-label="Kernel call path, Linux 6.18"#));
    assert!(html.contains(r#"aria-label="Jump to the deciding step: dropped here""#));
    assert!(html.contains(r#": #1 kill(3, SIGTERM)""#));
    // One send only: nothing to compare with yet.
    assert!(html.contains("(send another signal first)"));
}

#[tokio::test]
async fn an_embed_is_the_page_marked_for_its_panes_with_the_way_to_the_full_page() {
    let params = sigscope::embed::Params::parse("?embed&controls=0&panes=path,source");
    let html = yew::ServerRenderer::<App>::with_props(move || AppProps {
        initial: Some(Rc::new(AppState::default().apply(Verb::Send {
            target: DropTarget::Process("ctr-init".into()),
            sig: Signal::KILL,
        }))),
        embed: Some(Rc::new(params)),
        ..Default::default()
    })
    .hydratable(false)
    .render()
    .await;
    // static/app.css leaves out what the classes say.
    let root = &html[html.find("<div").unwrap()..];
    let root = &root[..root.find('>').unwrap()];
    for class in ["app", "embed", "embed-no-tree", "embed-no-controls"] {
        assert!(root.contains(class), "{class} in {root}");
    }
    assert!(!root.contains("embed-no-path"));
    assert!(html.contains(">open in sigscope ↗</a>"));
    assert!(html.contains(r#"target="_blank""#) && html.contains(r#"rel="noopener""#));
    assert!(
        html.contains("Port source of"),
        "panes=source shows the source"
    );
    // The full page is not marked.
    let full = render(AppState::default).await;
    assert!(!full.contains("embed"), "no embed in the full page");
}

#[tokio::test]
async fn a_session_opening_shows_its_starting_world_inert_under_a_status_note() {
    // The gallery's SIGKILL from the host: one send, which the starting
    // world leaves out (the port's send path is not loaded yet).
    let preset = sigscope::gallery::open("sigkill-pid1-from-host")
        .expect("a preset")
        .expect("it reads");
    let (state, actions) =
        sigscope::permalink::starting_world_of(preset.scenario.clone()).expect("it builds");
    assert_eq!(actions, preset.scenario.actions.len());
    assert_eq!(actions, 1);
    assert!(state.scenario.actions.is_empty() && state.scenario.meta.is_none());
    assert_eq!(state.scenario.processes, preset.scenario.processes);
    assert!(!state.started(), "nothing sent yet");
    drop(state);
    let scenario = preset.scenario.clone();
    let html = yew::ServerRenderer::<App>::with_props(move || AppProps {
        initial: Some(Rc::new(
            sigscope::permalink::starting_world_of(scenario).unwrap().0,
        )),
        opening: Some(actions),
        ..Default::default()
    })
    .hydratable(false)
    .render()
    .await;
    let note = tag_start(&html, r#"class="opening""#);
    let note = &html[note..];
    let note = &note[..note.find("</p>").unwrap()];
    assert!(note.contains(r#"role="status""#), "{note}");
    assert!(
        note.ends_with(
            ">The session's starting world: its action replays once the rest of sigscope has loaded."
        ),
        "{note}"
    );
    // The page under it: inert, hidden from assistive technology, with
    // ctr-init alive and no verdict yet.
    let app = &html[html.find(r#"<div"#).unwrap()..];
    let app_tag = &app[..app.find('>').unwrap()];
    assert!(
        app_tag.contains("inert") && app_tag.contains(r#"aria-hidden="true""#),
        "{app_tag}"
    );
    assert!(tag_labelled(&html, "ctr-init, PID 1 · 3, running").contains("role=\"button\""));
    assert!(
        !html.contains("class=\"outcome"),
        "no verdict while the session is on its way"
    );
    // The same world without the note is the plain page, live.
    let plain = render(move || {
        sigscope::permalink::starting_world_of(preset.scenario)
            .unwrap()
            .0
    })
    .await;
    assert!(!plain.contains("class=\"opening\"") && !plain.contains("inert"));
}

/// Where `needle` (the start of a tag's attributes) opens its tag.
fn tag_start(html: &str, needle: &str) -> usize {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in the page"));
    html[..at].rfind('<').unwrap()
}
