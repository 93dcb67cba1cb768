//! Embed mode's parameters and the postMessage API's messages, natively
//! (src/embed.rs): every parameter, its default, a bad value ignored with
//! the default, `step` clamped, the origin check; the commands and events;
//! and a `load` going the way a link at load goes.

use sigscope::embed::{
    decode_command, embed_url, full_page_href, iframe_snippet, preset_page_href, step_index,
    Command, Event, Lang, Origin, Panes, Params, Theme, MAX_GOTO_STEP,
};
use sigscope::permalink::{encode_fragment, KeptKind, Saved};
use sigscope::session::{AppState, Notice, Verb};
use sigsim::KernelVersion;

fn p(q: &str) -> Params {
    Params::parse(q)
}

#[test]
fn no_query_is_the_full_page_with_the_defaults() {
    let d = p("");
    assert_eq!(d, Params::default());
    assert!(!d.embed);
    assert!(d.controls);
    assert_eq!(
        d.panes,
        Panes {
            tree: true,
            path: true,
            source: false
        }
    );
    assert_eq!(d.step, None);
    assert!(!d.autoplay);
    assert_eq!((d.theme, d.lang, d.kernel), (None, None, None));
    assert_eq!(d.origin, Origin::Any);
    assert_eq!(p("?"), d);
}

#[test]
fn embed_is_a_flag() {
    for on in [
        "?embed",
        "embed",
        "?embed=",
        "?embed=1",
        "?embed=true",
        "?embed=on",
    ] {
        assert!(p(on).embed, "{on}");
    }
    for off in [
        "?embed=0",
        "?embed=false",
        "?embed=no",
        "?embed=maybe",
        "?embedded",
        "?x=embed",
    ] {
        assert!(!p(off).embed, "{off}");
    }
}

#[test]
fn controls_default_shown_and_zero_hides_them() {
    assert!(p("?embed").controls);
    assert!(!p("?embed&controls=0").controls);
    assert!(p("?embed&controls=1").controls);
    assert!(
        p("?embed&controls=2").controls,
        "a bad value keeps the default"
    );
}

#[test]
fn panes_is_a_comma_list_and_unknown_names_are_ignored() {
    let only = |tree, path, source| Panes { tree, path, source };
    assert_eq!(p("?embed&panes=path").panes, only(false, true, false));
    assert_eq!(p("?embed&panes=tree").panes, only(true, false, false));
    assert_eq!(
        p("?embed&panes=tree,path,source").panes,
        only(true, true, true)
    );
    assert_eq!(
        p("?embed&panes=tree%2Csource").panes,
        only(true, false, true)
    );
    assert!(
        only(false, false, true).shows_path(),
        "the source shows the path"
    );
    assert_eq!(
        p("?embed&panes=path,legend").panes,
        only(false, true, false)
    );
    for bad in ["", "legend", ",,", "TREEE"] {
        assert_eq!(
            p(&format!("?embed&panes={bad}")).panes,
            Panes::default(),
            "{bad}"
        );
    }
}

#[test]
fn step_is_a_number_clamped_to_the_path() {
    assert_eq!(p("?step=3").step, Some(3));
    assert_eq!(p("?step=0").step, Some(0));
    assert_eq!(p("?step=99999999999999999999").step, Some(u32::MAX));
    for bad in ["-1", "+3", "3.5", "1e3", "three", "", " 3"] {
        assert_eq!(p(&format!("?step={bad}")).step, None, "{bad}");
    }
    assert_eq!(step_index(0, 10), 0);
    assert_eq!(step_index(1, 10), 0);
    assert_eq!(step_index(3, 10), 2);
    assert_eq!(step_index(10, 10), 9);
    assert_eq!(step_index(11, 10), 9);
    assert_eq!(step_index(u32::MAX, 10), 9);
    assert_eq!(step_index(5, 0), 0);
}

#[test]
fn autoplay_is_off_in_an_embed_unless_asked() {
    assert!(!p("?embed").autoplay);
    assert!(p("?embed&autoplay").autoplay);
    assert!(p("?embed&autoplay=1").autoplay);
    assert!(!p("?embed&autoplay=0").autoplay);
    assert!(!p("?embed&autoplay=sometimes").autoplay);
}

#[test]
fn theme_lang_and_kernel_take_their_known_values_only() {
    for t in Theme::ALL {
        assert_eq!(p(&format!("?theme={}", t.name())).theme, Some(t));
    }
    assert_eq!(p("?theme=solarized").theme, None);
    assert_eq!(p("?theme=Dark").theme, None);
    assert_eq!(p("?lang=zh").lang, Some(Lang::Zh));
    assert_eq!(p("?lang=zh-CN").lang, Some(Lang::Zh));
    assert_eq!(p("?lang=en").lang, Some(Lang::En));
    assert_eq!(p("?lang=fr").lang, None);
    assert_eq!(p("?kernel=5.10").kernel, Some(KernelVersion::V5_10));
    assert_eq!(p("?kernel=4.19").kernel, Some(KernelVersion::V4_19));
    assert_eq!(p("?kernel=6.18").kernel, Some(KernelVersion::V6_18));
    assert_eq!(p("?kernel=2.6").kernel, None);
}

#[test]
fn a_key_given_twice_keeps_the_last_value_that_reads() {
    assert_eq!(p("?step=2&step=5").step, Some(5));
    assert_eq!(p("?step=2&step=x").step, Some(2));
    assert_eq!(p("?theme=dark&theme=nope").theme, Some(Theme::Dark));
}

#[test]
fn hostile_queries_never_panic() {
    for q in [
        "?%",
        "?%%",
        "?%E",
        "?embed=%FF",
        "?=&=&",
        "?&&&",
        "?embed&step=%",
        "?panes=%2C%2C",
        "?origin=%",
        "?origin=%FF",
        "?ü=ö",
        "?embed&step=999999999999999999999999999999999999999999999999999999999999999999999",
    ] {
        let _ = p(q);
    }
    assert!(!p("?embed=%FF").embed, "not UTF-8: ignored");
}

#[test]
fn origin_narrows_whom_the_page_obeys_and_posts_to() {
    let any = p("?embed");
    assert!(any.origin.obeys("https://evil.example"));
    assert_eq!(any.origin.target(), Some("*"));

    let only = p("?embed&origin=https%3A%2F%2Fblog.example");
    assert_eq!(only.origin, Origin::Only("https://blog.example".into()));
    assert!(only.origin.obeys("https://blog.example"));
    assert!(!only.origin.obeys("https://blog.example.evil"));
    assert!(!only.origin.obeys("http://blog.example"));
    assert!(!only.origin.obeys("null"));
    assert_eq!(only.origin.target(), Some("https://blog.example"));

    // As browsers write event.origin: lower case, no default port, no slash.
    assert_eq!(
        Origin::parse("HTTPS://Blog.Example:443/"),
        Origin::Only("https://blog.example".into())
    );
    assert_eq!(
        Origin::parse("http://127.0.0.1:8080"),
        Origin::Only("http://127.0.0.1:8080".into())
    );
    assert_eq!(
        Origin::parse("http://[::1]:80"),
        Origin::Only("http://[::1]".into())
    );
}

#[test]
fn an_origin_that_is_not_one_obeys_nobody_and_posts_nothing() {
    for bad in [
        "",
        "blog.example",
        "https://",
        "https://blog.example/path",
        "https://a b",
        "*",
        "https://x:99999999",
        "javascript:alert(1)",
    ] {
        let o = Origin::parse(bad);
        assert_eq!(o, Origin::Nobody, "{bad}");
        assert!(!o.obeys("https://blog.example"));
        assert!(!o.obeys(""));
        assert_eq!(o.target(), None);
    }
}

#[test]
fn every_command_decodes() {
    for (json, cmd) in [
        (r#"{"sigscope":"next"}"#, Command::Next),
        (r#"{"sigscope":"prev"}"#, Command::Prev),
        (r#"{"sigscope":"play"}"#, Command::Play),
        (r#"{"sigscope":"pause"}"#, Command::Pause),
        (r#"{"sigscope":"first"}"#, Command::First),
        (r#"{"sigscope":"last"}"#, Command::Last),
        (r#"{"sigscope":"goto","step":7}"#, Command::Goto(7)),
        (r#"{"step":1,"sigscope":"goto"}"#, Command::Goto(1)),
        (
            r#"{"sigscope":"load","fragment":"s=abc&how=kill"}"#,
            Command::Load("s=abc&how=kill".into()),
        ),
        // Other members are the sender's business.
        (
            r#"{"sigscope":"next","from":"deck","step":"x"}"#,
            Command::Next,
        ),
    ] {
        assert_eq!(decode_command(json), Some(cmd), "{json}");
    }
    assert_eq!(
        decode_command(&format!(r#"{{"sigscope":"goto","step":{MAX_GOTO_STEP}}}"#)),
        Some(Command::Goto(MAX_GOTO_STEP))
    );
}

#[test]
fn malformed_messages_are_not_commands() {
    for json in [
        "",
        "null",
        "true",
        "42",
        r#""next""#,
        r#""{\"sigscope\":\"next\"}""#,
        "[]",
        r#"[{"sigscope":"next"}]"#,
        "{}",
        r#"{"sigscope":null}"#,
        r#"{"sigscope":1}"#,
        r#"{"sigscope":["next"]}"#,
        r#"{"sigscope":{"toString":"next"}}"#,
        r#"{"sigscope":"NEXT"}"#,
        r#"{"sigscope":"next "}"#,
        r#"{"sigscope":"constructor"}"#,
        r#"{"sigscope":"__proto__"}"#,
        r#"{"__proto__":{"sigscope":"next"}}"#,
        r#"{"constructor":{"prototype":{"sigscope":"next"}}}"#,
        r#"{"sigscope":"next","sigscope":"prev"}"#,
        r#"{"sigscope":"goto"}"#,
        r#"{"sigscope":"goto","step":null}"#,
        r#"{"sigscope":"goto","step":"3"}"#,
        r#"{"sigscope":"goto","step":3.5}"#,
        r#"{"sigscope":"goto","step":-1}"#,
        r#"{"sigscope":"goto","step":0}"#,
        r#"{"sigscope":"goto","step":1e3}"#,
        r#"{"sigscope":"goto","step":1e308}"#,
        r#"{"sigscope":"goto","step":99999999999999999999999}"#,
        r#"{"sigscope":"goto","step":1000001}"#,
        r#"{"sigscope":"goto","step":[3]}"#,
        r#"{"sigscope":"goto","step":3,"step":4}"#,
        r#"{"sigscope":"load"}"#,
        r#"{"sigscope":"load","fragment":42}"#,
        r#"{"sigscope":"load","fragment":null}"#,
        r#"{"sigscope":"next""#,
        r#"{"sigscope":"next"} x"#,
    ] {
        assert_eq!(decode_command(json), None, "{json}");
    }
    let deep = "[".repeat(100_000);
    assert_eq!(decode_command(&deep), None);
}

#[test]
fn events_are_the_documented_json() {
    assert_eq!(Event::Ready.to_json(), r#"{"sigscope":"ready"}"#);
    assert_eq!(
        Event::Step { step: 3, of: 72 }.to_json(),
        r#"{"sigscope":"step","step":3,"of":72}"#
    );
    assert_eq!(
        Event::Height(540).to_json(),
        r#"{"sigscope":"height","px":540}"#
    );
    for e in [
        Event::Ready,
        Event::Step { step: 1, of: 1 },
        Event::Height(0),
    ] {
        sigsim::json::parse(&e.to_json()).expect("valid JSON");
    }
}

#[test]
fn the_open_link_and_the_snippet_carry_the_session() {
    // Relative to the embed's address: its query emptied, the session kept.
    assert_eq!(full_page_href("s=QUJD&how=kill"), "?#s=QUJD&how=kill");
    // An unedited gallery scenario goes by its name.
    assert_eq!(
        preset_page_href("sigkill-pid1-from-host"),
        "?preset=sigkill-pid1-from-host"
    );
    let full = "https://sigscope.example/x/index.html?theme=dark#s=QUJD&from=c2g&how=kill";
    assert_eq!(
        embed_url(full),
        "https://sigscope.example/x/index.html?embed#s=QUJD&from=c2g&how=kill"
    );
    assert_eq!(
        embed_url("http://127.0.0.1:8080/"),
        "http://127.0.0.1:8080/?embed"
    );
    let s = iframe_snippet(full, "a \"quoted\" <title> & more");
    assert_eq!(
        s,
        r#"<iframe src="https://sigscope.example/x/index.html?embed#s=QUJD&amp;from=c2g&amp;how=kill" title="a &quot;quoted&quot; &lt;title&gt; &amp; more" width="960" height="540" loading="lazy"></iframe>"#
    );
}

fn with_a_send() -> AppState {
    AppState::default().apply(Verb::Send {
        target: sigscope::send::DropTarget::Process("ctr-init".into()),
        sig: sigsim::Signal::KILL,
    })
}

#[test]
fn load_opens_a_good_link_as_the_session_and_undo_comes_back() {
    let sent = with_a_send();
    let fragment = encode_fragment(&Saved::of(&sent));
    let st = AppState::default().apply(Verb::OpenLink(fragment.clone()));
    assert_eq!(st.scenario, sent.scenario);
    assert!(st.kept.is_empty());
    let back = st.apply(Verb::Undo);
    assert_eq!(back.scenario, AppState::default().scenario);
    // With or without the '#'.
    let st = AppState::default().apply(Verb::OpenLink(format!("#{fragment}")));
    assert_eq!(st.scenario, sent.scenario);
}

#[test]
fn load_refuses_a_bad_link_and_keeps_it_as_a_bad_link_at_load_is_kept() {
    let before = with_a_send();
    for bad in ["s=!!!", "s=e30", "#s=bm90IGpzb24"] {
        let st = before.apply(Verb::OpenLink(bad.into()));
        assert_eq!(st.scenario, before.scenario, "the session is unchanged");
        assert!(
            matches!(
                &st.notice,
                Notice::Refused {
                    what: sigscope::session::Act::OpenLink,
                    ..
                }
            ),
            "{:?}",
            st.notice
        );
        assert_eq!(st.kept.len(), 1);
        assert_eq!(st.kept[0].kind, KeptKind::Link);
        // The same reason and text as the reader at load keeps.
        let store = Mem::default();
        let (at_load, why) = sigscope::permalink::load(bad, &store);
        assert_eq!(Some(st.kept[0].reason.clone()), why);
        assert_eq!(*at_load.kept, *st.kept);
        // Twice: kept once.
        assert_eq!(st.apply(Verb::OpenLink(bad.into())).kept.len(), 1);
    }
    // No session in it: nothing changes.
    let st = before.apply(Verb::OpenLink("top".into()));
    assert_eq!(st.scenario, before.scenario);
    assert!(st.kept.is_empty());
}

#[path = "support/mem_store.rs"]
mod mem_store;
use mem_store::Mem;
