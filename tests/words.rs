//! The page's language: which one it starts in, and that each catalogue
//! says the same things (no part left to the other language).

#[path = "support/mem_store.rs"]
mod mem_store;
use mem_store::Mem;
use sigscope::words::{self, from_tag, initial_lang, Lang, LANG_KEY};

fn tags(t: &[&str]) -> Vec<String> {
    t.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_link_wins_then_the_readers_choice_then_the_browser() {
    let chose_zh = Mem::with(LANG_KEY, "zh");
    let nothing = Mem::default();
    assert_eq!(
        initial_lang(Some(Lang::En), &chose_zh, &tags(&["zh-CN"])),
        Lang::En
    );
    assert_eq!(initial_lang(None, &chose_zh, &tags(&["en-US"])), Lang::Zh);
    assert_eq!(
        initial_lang(None, &nothing, &tags(&["fr", "zh-TW", "en"])),
        Lang::Zh
    );
    assert_eq!(initial_lang(None, &nothing, &tags(&["fr", "de"])), Lang::En);
    assert_eq!(initial_lang(None, &nothing, &[]), Lang::En);
}

#[test]
fn a_remembered_value_that_is_no_language_is_passed_over() {
    let junk = Mem::with(LANG_KEY, "\u{0}klingon");
    assert_eq!(initial_lang(None, &junk, &tags(&["zh-Hans-CN"])), Lang::Zh);
}

#[test]
fn language_tags_read_by_their_primary_subtag() {
    assert_eq!(from_tag("zh"), Some(Lang::Zh));
    assert_eq!(from_tag("ZH_cn"), Some(Lang::Zh));
    assert_eq!(from_tag("en-GB"), Some(Lang::En));
    assert_eq!(from_tag("pt-BR"), None);
    assert_eq!(from_tag(""), None);
}

#[test]
fn every_catalogue_names_its_own_language_and_differs_from_english() {
    for lang in Lang::ALL {
        let w = words::of(lang);
        assert_eq!(w.lang, lang);
    }
    let (en, zh) = (words::of(Lang::En), words::of(Lang::Zh));
    assert_ne!(en.toolbar.undo, zh.toolbar.undo);
    assert_ne!(en.app.tagline, zh.app.tagline);
    assert_eq!(words::html_tag(Lang::Zh), "zh-CN");
}

/// Some of it is Chinese: a CJK ideograph.
fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Each catalogue part says something in both languages, and the Chinese
/// says it in Chinese (a field left in English would read the same).
#[test]
fn every_field_is_worded_in_both_languages() {
    let (en, zh) = (words::of(Lang::En), words::of(Lang::Zh));
    macro_rules! both {
        ($($($f:ident).+),+ $(,)?) => {$(
            let (e, z): (&str, &str) = (en.$($f).+, zh.$($f).+);
            assert!(!e.is_empty() && !z.is_empty(), stringify!($($f).+));
            assert_ne!(e, z, stringify!($($f).+));
            assert!(is_chinese(z), "{}: {z}", stringify!($($f).+));
        )+};
    }
    both!(
        app.title,
        app.skip_to_tree,
        app.tagline,
        app.send_region,
        app.details_region,
        app.the_kernel,
        toolbar.kernel,
        toolbar.kernel_version,
        toolbar.undo,
        toolbar.undo_title,
        toolbar.redo,
        toolbar.redo_title,
        toolbar.reset,
        toolbar.copy_link,
        toolbar.link_copied,
        toolbar.share,
        toolbar.import_export,
        toolbar.close_import_export,
        toolbar.session_file,
        toolbar.apply_json,
        toolbar.download,
        toolbar.load_file,
        toolbar.permalink,
        toolbar.snippet_label,
        toolbar.snippet_title,
        toolbar.language,
        embed.open,
        embed.open_title,
        explain.nothing_to_decide,
        notice.refused,
        notice.kernel_panic,
        notice.not_kept,
        notice.outcome,
        notice.returns,
        notice.refused_by_kernel,
        notice.touched,
        notice.kept_link,
        notice.kept_autosave,
        notice.show_kept,
        notice.copy_it,
        notice.discard,
        notice.welcome_short,
        lesson.region,
        lesson.start,
        lesson.close,
        lesson.steps,
        lesson.done_title,
        lesson.decided_in,
        lesson.predict_first,
        lesson.predict_first_title,
        lesson.again,
        predict.region,
        predict.ask_one,
        predict.ask_group,
        predict.show,
        predict.skip,
        predict.pick_first,
        predict.right,
        predict.none_die,
        predict.right_mark,
        predict.wrong_mark,
        log.empty,
        log.path_shown,
        log.show_path,
        log.no_pid,
        process.leads_both,
        process.outside,
        process.caller,
        process.global_init,
        process.global_init_title,
        process.ns_init,
        process.ns_init_title,
        process.sender,
        process.sender_title,
        process.send_from_here,
        process.its_group,
        process.its_group_title,
        tree.region,
        tree.dead,
        tree.init,
        tree.empty,
        tree.the_caller,
        editor.title,
        editor.empty,
        editor.started,
        editor.not_started,
        editor.close,
        editor.send_from_here,
        editor.exit,
        editor.exit_global_init,
        editor.delete,
        editor.group,
        editor.inherit,
        editor.new_group,
        editor.new_session,
        editor.rewrite_note,
        editor.handlers,
        editor.signal,
        editor.disposition,
        editor.blocked,
        sender.title,
        sender.kernel,
        sender.how,
        palette.title,
        palette.in_hand,
        palette.drag,
        palette.drag_sends,
        palette.rt_label,
        builder.title,
        builder.add_process,
        builder.name,
        builder.optional,
        builder.parent,
        builder.namespace,
        builder.spawn_action,
        builder.add_process_button,
        builder.add_namespace,
        builder.under,
        builder.add_namespace_button,
        builder.empty,
        legend_html,
        path.title,
        path.empty,
        path.compare_with,
        path.compare_label,
        path.send_another,
        path.nothing,
        path.player,
        path.playback,
        path.pause,
        path.replay,
        path.play,
        path.space,
        path.deciding,
        path.jump_title,
        path.speed,
        path.speed_label,
        path.no_steps,
        path.held,
        path.after_the_call,
        path.after_prefix,
        path.not_on_path,
        path.paths_part,
        path.sealed,
        path.call_graph,
        path.levels,
        path.sender,
        path.target,
        path.steps,
        path.notes_more,
        path.first_send,
        path.second_send,
        path.call_over,
        path.same,
        path.source,
        path.source_none,
        path.source_body,
    );
    // Sentences with values: the values go in, the frame is Chinese.
    let pairs: Vec<(String, String)> = vec![
        ((en.log.title)(3), (zh.log.title)(3)),
        ((en.log.show_earlier)(4), (zh.log.show_earlier)(4)),
        (
            (en.tree.ns_region)("container", 1),
            (zh.tree.ns_region)("container", 1),
        ),
        ((en.tree.hidden)(2, 1), (zh.tree.hidden)(2, 1)),
        (
            (en.tree.compared_inside)("send_signal", "app", 2, 1),
            (zh.tree.compared_inside)("send_signal", "app", 2, 1),
        ),
        ((en.path.step_of)(3, 9), (zh.path.step_of)(3, 9)),
        (
            (en.path.title_of)("#1 shell: kill(3, SIGTERM)", "6.18"),
            (zh.path.title_of)("#1 shell: kill(3, SIGTERM)", "6.18"),
        ),
        (
            (en.explain.consequence)("container", Some("ctr-init"), &["app".into()]),
            (zh.explain.consequence)("container", Some("ctr-init"), &["app".into()]),
        ),
        (
            (en.palette.chip_title)("SIGKILL", 9, "terminate", true),
            (zh.palette.chip_title)("SIGKILL", 9, "终止", true),
        ),
        ((en.notice.unsaved)("quota"), (zh.notice.unsaved)("quota")),
    ];
    for (e, z) in pairs {
        assert_ne!(e, z);
        assert!(is_chinese(&z), "{z}");
    }
    for v in sigsim::KernelVersion::ALL {
        assert!(is_chinese((zh.path.names)(v)), "{v}");
    }
}

/// The notes of the diagram say the same thing in both languages: a note
/// for the same functions and versions, citing the same upstream changes.
#[test]
fn the_diagram_notes_match_across_languages() {
    use sigsim::version::Func;
    let refs = |s: &str| -> Vec<String> {
        s.split('{')
            .skip(1)
            .map(|r| r.split('}').next().unwrap_or("").to_string())
            .collect()
    };
    for f in Func::ALL {
        let (e, z) = (
            (words::of(Lang::En).path.notes)(f),
            (words::of(Lang::Zh).path.notes)(f),
        );
        assert_eq!(e.len(), z.len(), "{f:?}");
        for ((me, te), (mz, tz)) in e.iter().zip(z) {
            assert_eq!(me, mz, "{f:?}");
            assert!(is_chinese(tz), "{f:?}: {tz}");
            let (mut a, mut b) = (refs(te), refs(tz));
            a.retain(|r| !r.ends_with(":title"));
            b.retain(|r| !r.ends_with(":title"));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{f:?}");
        }
    }
}

/// What the session says is a fact worded when shown: the same notice
/// reads in the language asked for.
#[test]
fn notices_are_worded_in_the_language_they_are_shown_in() {
    use sigscope::session::{AppState, Notice, Verb};
    let st = AppState::default().apply(Verb::Undo);
    let Notice::Info(m) = &st.notice else {
        panic!("{:?}", st.notice)
    };
    assert_eq!((words::of(Lang::En).notice.msg)(m), "Nothing to undo.");
    assert!(is_chinese(&(words::of(Lang::Zh).notice.msg)(m)));
    let st = AppState::default().apply(Verb::Delete { id: "init".into() });
    let Notice::Refused { what, reason } = &st.notice else {
        panic!("{:?}", st.notice)
    };
    let zh = &words::of(Lang::Zh).notice;
    assert_eq!((zh.act)(what), "删除 init");
    assert!(is_chinese(&(zh.why)(reason)));
}
