//! The page's look: the theme and presenter scale it starts with, the
//! scale's steps, and the verbs that change them.

#[path = "support/mem_store.rs"]
mod mem_store;
use mem_store::Mem;
use sigscope::presenting::{
    initial, percent, scale_step, Look, Theme, DEFAULT_SCALE, SCALES, SCALE_KEY, THEME_KEY,
};
use sigscope::session::{AppState, Verb};

#[test]
fn the_link_wins_then_the_readers_choice_then_the_system() {
    let chose = Mem::with(THEME_KEY, "dark");
    chose
        .items
        .borrow_mut()
        .insert(SCALE_KEY.into(), "4".into());
    assert_eq!(
        initial(Some(Theme::Contrast), &chose),
        Look {
            theme: Theme::Contrast,
            scale: 4
        }
    );
    assert_eq!(
        initial(None, &chose),
        Look {
            theme: Theme::Dark,
            scale: 4
        }
    );
    assert_eq!(initial(None, &Mem::default()), Look::default());
    assert_eq!(
        Look::default(),
        Look {
            theme: Theme::Auto,
            scale: DEFAULT_SCALE
        }
    );
    assert_eq!(percent(DEFAULT_SCALE), 100);
}

#[test]
fn remembered_junk_is_passed_over() {
    let junk = Mem::with(THEME_KEY, "purple");
    junk.items
        .borrow_mut()
        .insert(SCALE_KEY.into(), "99".into());
    assert_eq!(initial(None, &junk), Look::default());
    junk.items
        .borrow_mut()
        .insert(SCALE_KEY.into(), "-1".into());
    assert_eq!(initial(None, &junk), Look::default());
}

#[test]
fn the_scale_steps_stop_at_each_end() {
    let last = SCALES.len() as u8 - 1;
    assert_eq!(scale_step(0, false), 0);
    assert_eq!(scale_step(last, true), last);
    assert_eq!(scale_step(1, true), 2);
    assert_eq!(
        scale_step(200, false),
        last,
        "out of range comes back inside"
    );
    assert!(SCALES.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn theme_and_scale_are_verbs_that_touch_nothing_of_the_session() {
    let s = AppState::default();
    let dark = s.apply(Verb::SetTheme(Theme::Dark));
    assert_eq!(dark.look.theme, Theme::Dark);
    assert!(std::rc::Rc::ptr_eq(&s.replay, &dark.replay));
    assert!(!dark.can_undo(), "a look is not an edit to undo");
    let up = dark.apply(Verb::Scale(true)).apply(Verb::Scale(true));
    assert_eq!(up.look.scale, DEFAULT_SCALE + 2);
    assert_eq!(up.apply(Verb::Scale(false)).look.scale, DEFAULT_SCALE + 1);
}
