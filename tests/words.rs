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
