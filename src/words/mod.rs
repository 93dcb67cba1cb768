//! Every word the page shows, in one place per language: [`en`] and
//! [`zh`] (简体中文). Components read the catalogue of the page's language
//! with [`use_words`]; what the session says about an edit or a send is a
//! [`Msg`] (a fact with its values), worded only when it is shown, so that
//! switching the language rewords what is already on the page.
//!
//! Architecture invariant: code never matches the text it displays; the
//! explanations of the kernel's decisions come from `sigsim::describe`,
//! never from strings here.

pub mod en;
pub mod zh;

use crate::call_chain::chain::EdgeLabel;
use crate::explain::Label;
use crate::replay::{Aim, Effect, ProcState};
use crate::send::Preview;
use crate::session::{Act, Msg, Why};
use crate::view_model::ProcView;
pub use sigsim::describe::Lang;
use sigsim::signum::DefaultAction;
use sigsim::trace::Verdict;
use sigsim::version::{Func, KernelVersion};
use yew::prelude::*;

/// The catalogue of one language. Each part belongs to one area of the
/// page; a `fn` field words a sentence with values in it.
pub struct Words {
    /// The `lang` of `<html>` and of the page's language switch.
    pub lang: Lang,
    pub app: AppWords,
    pub toolbar: ToolbarWords,
    pub export: ExportWords,
    pub embed: EmbedWords,
    pub present: PresentWords,
    pub explain: ExplainWords,
    pub notice: NoticeWords,
    pub log: LogWords,
    pub process: ProcessWords,
    pub tree: TreeWords,
    pub editor: EditorWords,
    pub sender: SenderWords,
    pub palette: PaletteWords,
    pub builder: BuilderWords,
    /// What the marks on a process mean, as static markup.
    pub legend_html: &'static str,
    pub path: PathWords,
    pub gallery: GalleryWords,
    pub lesson: LessonWords,
    pub predict: PredictWords,
}

/// The lesson card: the step to do, a step that was not it, the summary.
pub struct LessonWords {
    pub region: &'static str,
    /// "Step 2 of 6".
    pub step_of: fn(usize, usize) -> String,
    /// A scenario opened with its answer: "This scenario has a lesson of N steps."
    pub offered: fn(usize) -> String,
    pub start: &'static str,
    pub close: &'static str,
    /// What the learner did instead, and the way out.
    pub not_the_step: fn(&str) -> String,
    pub did: fn(&crate::lesson::Did) -> String,
    pub steps: &'static str,
    pub done_title: &'static str,
    /// (steps done, steps).
    pub summary: fn(usize, usize) -> String,
    /// (right, asked).
    pub score: fn(usize, usize) -> String,
    /// "— decided in".
    pub decided_in: &'static str,
    pub predict_first: &'static str,
    pub predict_first_title: &'static str,
    pub again: &'static str,
}

/// The question asked before a send shows, and its verdict.
pub struct PredictWords {
    pub region: &'static str,
    /// "What will the kernel do? {call}".
    pub ask_one: &'static str,
    pub ask_group: &'static str,
    pub choice: fn(crate::lesson::Choice) -> &'static str,
    pub show: &'static str,
    pub skip: &'static str,
    pub pick_first: &'static str,
    pub right: &'static str,
    /// "Not quite: you said {guess}."
    pub wrong: fn(&str) -> String,
    pub none_die: &'static str,
    /// The prediction marks in the summary.
    pub right_mark: &'static str,
    pub wrong_mark: &'static str,
}

/// A prediction in words: the outcome chosen, or who dies.
pub fn guess_text(g: &crate::lesson::Guess, w: &Words) -> String {
    match g {
        crate::lesson::Guess::Outcome(c) => (w.predict.choice)(*c).to_string(),
        crate::lesson::Guess::WhoDies(set) if set.is_empty() => w.predict.none_die.to_string(),
        crate::lesson::Guess::WhoDies(set) => {
            let ids: Vec<&str> = set.iter().map(String::as_str).collect();
            ids.join(if w.lang == Lang::Zh { "、" } else { ", " })
        }
    }
}

pub struct AppWords {
    /// The document's title (static/boot.js words the first one).
    pub title: &'static str,
    pub skip_to_tree: &'static str,
    pub tagline: &'static str,
    pub send_region: &'static str,
    pub details_region: &'static str,
    /// The sender when the kernel itself sends (SEND_SIG_PRIV).
    pub the_kernel: &'static str,
    /// Over a session's starting world while the rest of the page loads:
    /// how many actions will replay on it.
    pub opening: fn(usize) -> String,
}

pub struct ToolbarWords {
    pub kernel: &'static str,
    pub kernel_version: &'static str,
    /// A kernel in the selector: which release it was checked on, and how.
    pub kernel_option: fn(KernelVersion) -> String,
    pub undo: &'static str,
    pub undo_title: &'static str,
    pub redo: &'static str,
    pub redo_title: &'static str,
    pub reset: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub share: &'static str,
    pub import_export: &'static str,
    pub close_import_export: &'static str,
    pub session_file: &'static str,
    pub apply_json: &'static str,
    pub download: &'static str,
    pub load_file: &'static str,
    pub permalink: &'static str,
    pub snippet_label: &'static str,
    /// The `title` of the share menu's iframe snippet.
    pub snippet_title: &'static str,
    /// The language switch: its name, and each language in its own words.
    pub language: &'static str,
}

/// The share panel's exports: the shell script and the pictures.
pub struct ExportWords {
    pub script_heading: &'static str,
    pub script_intro: &'static str,
    pub download_script: &'static str,
    pub copy_script: &'static str,
    pub script_copied: &'static str,
    /// Before the port's reasons (in English, as `sigsim script` prints
    /// them).
    pub cannot_script: &'static str,
    pub cannot_script_more: &'static str,
    pub pictures_heading: &'static str,
    pub pictures_intro: &'static str,
    pub tree_svg: &'static str,
    pub tree_png: &'static str,
    pub path_svg: &'static str,
    pub path_png: &'static str,
    pub no_path: &'static str,
    pub picture_failed: fn(&str) -> String,
}

/// The theme switch, the presenter scale and full screen.
pub struct PresentWords {
    pub theme: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub theme_contrast: &'static str,
    pub smaller: &'static str,
    pub larger: &'static str,
    /// "Text size: 130 %".
    pub scale_now: fn(u16) -> String,
    pub full_screen: &'static str,
    pub leave_full_screen: &'static str,
}

pub struct EmbedWords {
    pub open: &'static str,
    pub open_title: &'static str,
}

/// The verdict of a send, as the outcome panel and the log head it.
pub struct ExplainWords {
    pub label: fn(Label) -> String,
    /// "Dropped:", "Dropped for ctr-init:".
    pub head: fn(&str, Option<&str>) -> String,
    /// No step sealed the errno: "the call returns EPERM".
    pub returns: fn(&str) -> String,
    pub nothing_to_decide: &'static str,
    /// (namespace, its init, the others killed with it).
    pub consequence: fn(&str, Option<&str>, &[String]) -> String,
}

/// What the session says: each language one exhaustive `match` per enum,
/// so that a new notice that lacks words does not compile.
pub struct NoticeWords {
    pub act: fn(&Act) -> String,
    pub why: fn(&Why) -> String,
    pub msg: fn(&Msg) -> String,
    /// "Not done: {act}".
    pub not_done: fn(&str) -> String,
    pub refused: &'static str,
    pub kernel_panic: &'static str,
    pub not_kept: &'static str,
    pub unsaved: fn(&str) -> String,
    pub outcome: &'static str,
    /// Between the caller and its call: "shell calls kill(3, SIGKILL)".
    pub calls: &'static str,
    pub returns: &'static str,
    pub refused_by_kernel: &'static str,
    pub touched: &'static str,
    pub more_processes: fn(usize) -> String,
    pub kept_link: &'static str,
    pub kept_autosave: &'static str,
    pub show_kept: &'static str,
    pub copy_it: &'static str,
    pub discard: &'static str,
    pub welcome_short: &'static str,
}

/// The event log and the words of a call.
pub struct LogWords {
    pub title: fn(usize) -> String,
    pub empty: &'static str,
    pub path_shown: &'static str,
    pub show_path: &'static str,
    pub show_earlier: fn(usize) -> String,
    /// A PID the caller cannot see, inside a call.
    pub no_pid: &'static str,
    pub aim: fn(&Aim) -> String,
}

/// A badge's prefix ("catch ") and its title, given the signal's name.
pub type Badge = (&'static str, fn(&str) -> String);

/// A process: its state, what happened to it, its node.
pub struct ProcessWords {
    pub state: fn(ProcState) -> &'static str,
    pub effect: fn(&Effect) -> String,
    /// (name, PIDs, state, death, role, sender): the node's accessible name.
    pub aria: fn(&ProcView) -> String,
    pub leads_both: &'static str,
    pub leads_group: fn(&str) -> String,
    pub group_session: fn(&str, &str) -> String,
    pub outside: &'static str,
    pub uid_meta: fn(u32, &str) -> String,
    pub caller_examined: fn(&str) -> String,
    pub caller: &'static str,
    pub examined: fn(&str) -> String,
    pub global_init: &'static str,
    pub global_init_title: &'static str,
    pub ns_init: &'static str,
    pub ns_init_title: &'static str,
    pub pid_title: fn(&str) -> String,
    pub sender: &'static str,
    pub sender_title: &'static str,
    /// Badge prefixes and titles: caught, ignored, blocked, pending.
    pub badge: [Badge; 4],
    pub kernel_path_note: fn(&str) -> String,
    pub what_happened: fn(&str) -> String,
    pub send_from_here: &'static str,
    pub send_from_here_label: fn(&str) -> String,
    pub its_group: &'static str,
    pub its_group_label: fn(&str) -> String,
    pub its_group_title: &'static str,
}

/// The namespace tree.
pub struct TreeWords {
    pub region: &'static str,
    pub ns_region: fn(&str, u8) -> String,
    pub dead: &'static str,
    pub init: &'static str,
    pub empty: &'static str,
    pub level: fn(u8) -> String,
    pub toggle: fn(bool, &str) -> String,
    pub everyone: fn(&str) -> String,
    pub own_group: fn(&str) -> String,
    pub show_others: fn(usize, &str) -> String,
    pub hidden: fn(usize, usize) -> String,
    pub the_caller: &'static str,
    /// (function, caller, level): it has no PID at that level.
    pub compared_outside: fn(&str, &str, u8) -> String,
    /// (function, caller, its PID, level).
    pub compared_inside: fn(&str, &str, i32, u8) -> String,
    pub compared_levels: fn(&str, u8) -> String,
    pub preview: fn(&Preview) -> String,
}

pub struct EditorWords {
    pub title: &'static str,
    pub empty: &'static str,
    pub started: &'static str,
    pub not_started: &'static str,
    pub close: &'static str,
    /// (name, state, death).
    pub is_dead: fn(&str, &str, &str) -> String,
    pub send_from_here: &'static str,
    pub exit: &'static str,
    pub exit_global_init: &'static str,
    pub delete: &'static str,
    pub group: &'static str,
    pub inherit: &'static str,
    pub new_group: &'static str,
    pub new_session: &'static str,
    pub rewrite_note: &'static str,
    pub handlers: &'static str,
    pub signal: &'static str,
    pub disposition: &'static str,
    pub blocked: &'static str,
    /// default, ignore, catch.
    pub dispositions: [&'static str; 3],
    pub disposition_of: fn(&str) -> String,
    pub block_of: fn(&str) -> String,
}

pub struct SenderWords {
    pub title: &'static str,
    /// (name, namespace, PIDs).
    pub running: fn(&str, &str, &str) -> String,
    pub kernel: &'static str,
    pub how: &'static str,
}

pub struct PaletteWords {
    pub title: &'static str,
    pub in_hand: &'static str,
    pub drag: &'static str,
    pub drag_sends: &'static str,
    pub rt_label: &'static str,
    pub action: fn(DefaultAction) -> &'static str,
    /// (name, number, action, cannot be caught).
    pub chip_title: fn(&str, u8, &str, bool) -> String,
}

pub struct BuilderWords {
    pub title: &'static str,
    pub add_process: &'static str,
    pub name: &'static str,
    pub optional: &'static str,
    pub parent: &'static str,
    pub namespace: &'static str,
    pub parent_in: fn(&str, &str) -> String,
    pub ns_level: fn(&str, u8) -> String,
    pub fork: fn() -> String,
    pub clone_newpid: fn(&str) -> String,
    pub setns: fn(&str) -> String,
    pub spawn_action: &'static str,
    pub add_process_button: &'static str,
    pub add_namespace: &'static str,
    pub under: &'static str,
    pub add_namespace_button: &'static str,
    pub empty: &'static str,
    pub remove: fn(&str) -> String,
}

/// The kernel path: its panel, the player, the diagram, the compare view
/// and the source pane.
pub struct PathWords {
    pub title: &'static str,
    pub empty: &'static str,
    /// (the send, the kernel version).
    pub title_of: fn(&str, &str) -> String,
    pub truncated: fn(usize, usize) -> String,
    pub compare_with: &'static str,
    pub compare_label: &'static str,
    pub send_another: &'static str,
    pub nothing: &'static str,
    pub player: &'static str,
    pub playback: &'static str,
    pub pause: &'static str,
    pub replay: &'static str,
    pub play: &'static str,
    pub first: (&'static str, &'static str),
    pub back: (&'static str, &'static str),
    pub forward: (&'static str, &'static str),
    pub last: (&'static str, &'static str),
    pub space: &'static str,
    pub deciding: &'static str,
    pub jump: fn(&str) -> String,
    pub jump_title: &'static str,
    pub speed: &'static str,
    pub speed_label: &'static str,
    pub no_steps: &'static str,
    pub step_of: fn(usize, usize) -> String,
    pub held: &'static str,
    pub deciding_of: fn(usize, usize, &str) -> String,
    pub last_of: fn(usize, usize) -> String,
    pub verdict: fn(Verdict) -> String,
    pub seal: fn(Verdict) -> String,
    /// Marks what the world did after the system call returned (woken
    /// processes, the SIGCHLD to a parent, a namespace's teardown): never
    /// the fate of the signal the user sent.
    pub after_the_call: &'static str,
    /// The diagram's toggle between the path taken and the whole map.
    pub map_whole: &'static str,
    pub map_fold: &'static str,
    pub after_prefix: &'static str,
    pub not_on_path: &'static str,
    pub paths_part: &'static str,
    pub edge: fn(EdgeLabel) -> &'static str,
    pub sealed: &'static str,
    pub call_graph: &'static str,
    /// (version, tree, step, of).
    pub diagram: fn(&str, &str, usize, usize) -> String,
    /// (seal, function, step).
    pub seal_at: fn(&str, &str, usize) -> String,
    pub levels: &'static str,
    pub sender: &'static str,
    pub target: &'static str,
    pub steps: &'static str,
    pub notes_more: &'static str,
    /// The notes of a function: (the versions, what changed), with
    /// `{change}` references (`chain::cite`).
    pub notes: fn(Func) -> &'static [(u8, &'static str)],
    /// How a version names the chain, one line.
    pub names: fn(KernelVersion) -> &'static str,
    pub first_send: &'static str,
    pub second_send: &'static str,
    pub call_over: &'static str,
    pub same: &'static str,
    pub at_step: fn(usize, Option<&str>, Option<&str>) -> String,
    /// (where, a, a's step, b, b's step).
    pub part: fn(&str, &str, &str, &str, &str) -> String,
    /// (step, function, key, a's value, a, b's value, b).
    pub origin: fn(usize, &str, &str, &str, &str, &str, &str) -> String,
    pub steps_of: fn(&str) -> String,
    pub compare: fn(&str, &str) -> String,
    pub both: fn(&str, &str) -> String,
    pub source_loading: fn(&str) -> String,
    pub source_failed: fn(&str) -> String,
    pub source: &'static str,
    pub source_none: &'static str,
    pub source_of: fn(&str, &str) -> String,
    pub upstream_title: fn(&str, &str) -> String,
    pub upstream: fn(&str, &str) -> String,
    pub not_in: fn(&str) -> String,
    pub source_body: &'static str,
}

/// The gallery dialog (its situations and its myths) and the card of an
/// opened gallery scenario.
pub struct GalleryWords {
    /// The toolbar's button, and its tooltip.
    pub open: &'static str,
    pub open_title: &'static str,
    /// The toolbar's button to the myths.
    pub myths_open: &'static str,
    pub myths_title: &'static str,
    /// The dialog's heading.
    pub heading: &'static str,
    pub close: &'static str,
    pub tab_situations: &'static str,
    pub tab_myths: &'static str,
    pub search: &'static str,
    pub search_hint: &'static str,
    pub loading: &'static str,
    /// The texts could not be loaded: why.
    pub failed: fn(&str) -> String,
    /// How many situations the search finds (a polite status).
    pub found: fn(usize) -> String,
    pub no_match: fn(&str) -> String,
    pub myths_intro: &'static str,
    /// (the claim, what the kernel does instead).
    pub myth: fn(crate::gallery::Myth) -> (&'static str, &'static str),
    pub myth_mark: &'static str,
    pub truth_mark: &'static str,
    /// Marks the seed post's own slips.
    pub from_the_post: &'static str,
    /// The button to a myth's scenario: "See it: {title}".
    pub see_it: fn(&str) -> String,
    /// The card of an opened gallery scenario: "Question: …".
    pub question: &'static str,
}

/// The catalogue of `lang`.
pub fn of(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &en::WORDS,
        Lang::Zh => &zh::WORDS,
    }
}

/// `lang` of `<html>`.
pub fn html_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// Each language named in its own words, for the switch.
pub fn own_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "简体中文",
    }
}

/// The page's language from a language tag (`?lang=`, `navigator.languages`):
/// any Chinese reads the Simplified catalogue, the only Chinese there is.
pub fn from_tag(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The catalogue of the enclosing page's language (the `Lang` context of
/// [`crate::App`]; English outside it).
#[hook]
pub fn use_words() -> &'static Words {
    of(use_context::<Lang>().unwrap_or(Lang::En))
}

/// Where the language the reader chose is remembered (not in an embed).
pub const LANG_KEY: &str = "sigscope.lang";

/// The page's language: the link's `?lang=`, else the one the reader chose
/// here before, else the browser's first language the page has, else
/// English.
pub fn initial_lang(
    param: Option<Lang>,
    store: &impl crate::permalink::Store,
    browser_tags: &[String],
) -> Lang {
    param
        .or_else(|| store.get(LANG_KEY).and_then(|t| Lang::parse(&t)))
        .or_else(|| browser_tags.iter().find_map(|t| from_tag(t)))
        .unwrap_or(Lang::En)
}

/// The browser's side: its languages, the remembered choice, `<html lang>`.
pub mod browser {
    use super::{html_tag, Lang, LANG_KEY};
    use crate::permalink::Store;

    /// `navigator.languages`, most preferred first.
    pub fn languages() -> Vec<String> {
        let Some(w) = web_sys::window() else {
            return Vec::new();
        };
        w.navigator()
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }

    /// The language the page starts in (see [`super::initial_lang`]).
    pub fn initial(param: Option<Lang>, embed: bool) -> Lang {
        let store = if embed {
            crate::permalink::browser::Local::nothing()
        } else {
            crate::permalink::browser::storage()
        };
        super::initial_lang(param, &store, &languages())
    }

    /// `<html lang>` follows the page, and a reader's choice is remembered
    /// (an embed remembers nothing).
    pub fn apply(lang: Lang, remember: bool) {
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", html_tag(lang));
        }
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(super::of(lang).app.title);
        }
        if remember {
            let _ = crate::permalink::browser::storage().set(LANG_KEY, lang.tag());
        }
    }
}
