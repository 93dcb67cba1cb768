//! Embed mode and the postMessage API, the pure part: what the page's query
//! string asks for ([`Params::parse`]), what a message from the embedding
//! page commands ([`decode_command`]), what the page tells it
//! ([`Event::to_json`]), and whom it obeys ([`Origin`]). No DOM here: the
//! component (`components::embed`) reads `location.search` and the
//! messages, and the tests (`tests/embed.rs`, `tests/fuzz_readers.rs`) run
//! natively.
//!
//! Rules: a parameter that does not read is ignored and its default holds,
//! never an error; a message that is not exactly a command is ignored,
//! never an error. The one exception fails closed: an `origin` that is not
//! an origin obeys nobody and posts nothing, since the embedder meant to
//! narrow it.
//!
//! Steps are counted from 1, as the page shows them ("step 3 of 12"): the
//! `step` parameter, `goto`'s `step` and the `step` event.

use sigsim::json::{self, Json};
use sigsim::KernelVersion;

/// What `?embed&…` asks for. Without `embed` only `theme`, `lang` and
/// `preset` are read (they apply to the whole page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// `embed`: the chromeless view.
    pub embed: bool,
    /// `controls=0|1`: the playback controls (default shown).
    pub controls: bool,
    /// `panes=tree,path,source` (default tree and path).
    pub panes: Panes,
    /// `step=N`: the step of the kernel path to open on, from 1 (clamped
    /// to the path: [`step_index`]).
    pub step: Option<u32>,
    /// `autoplay` or `autoplay=1`: play on load (default off in an embed).
    pub autoplay: bool,
    /// `theme=light|dark|auto|contrast`: `data-theme` on `<html>`.
    pub theme: Option<Theme>,
    /// `lang=en|zh`: `lang` on `<html>`.
    pub lang: Option<Lang>,
    /// `kernel=6.18|7.2|6.12|6.1|5.10|4.19`: the kernel the session follows.
    pub kernel: Option<KernelVersion>,
    /// `origin=https://host`: the only page obeyed and posted to.
    pub origin: Origin,
    /// `preset=NAME`: the gallery scenario to open (read with or without
    /// `embed`; a name no scenario has opens the page as without it, and
    /// says so). At most 64 characters are kept, the longest a name is.
    pub preset: Option<String>,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            embed: false,
            controls: true,
            panes: Panes::default(),
            step: None,
            autoplay: false,
            theme: None,
            lang: None,
            kernel: None,
            origin: Origin::Any,
            preset: None,
        }
    }
}

/// Which panes an embed shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub tree: bool,
    pub path: bool,
    /// The port's source beside the diagram (it shows the path too).
    pub source: bool,
}

impl Default for Panes {
    fn default() -> Panes {
        Panes {
            tree: true,
            path: true,
            source: false,
        }
    }
}

impl Panes {
    /// The kernel path is shown (asked for, or its source was).
    pub fn shows_path(self) -> bool {
        self.path || self.source
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
    Contrast,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::Light, Theme::Dark, Theme::Auto, Theme::Contrast];

    /// The parameter's value and `data-theme`'s.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
            Theme::Contrast => "contrast",
        }
    }
}

pub use crate::words::Lang;

/// Whom the API obeys and posts to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// No `origin` parameter: any parent; events posted with target `*`.
    Any,
    /// `origin=…`: messages from this origin only, events to it only.
    Only(String),
    /// `origin=` that is not an origin: nobody, and nothing posted.
    Nobody,
}

impl Origin {
    /// Reads the parameter's value: `scheme://host[:port]`, lower-cased,
    /// a default port and one trailing `/` dropped, as browsers serialise
    /// `event.origin`.
    pub fn parse(v: &str) -> Origin {
        let v = v.strip_suffix('/').unwrap_or(v).to_ascii_lowercase();
        let Some((scheme, rest)) = v.split_once("://") else {
            return Origin::Nobody;
        };
        let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        let (host, port) = match rest.rsplit_once(':') {
            // An IPv6 literal's colons are inside its brackets.
            Some((h, p)) if !p.contains(']') => (h, Some(p)),
            _ => (rest, None),
        };
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._[]:".contains(c));
        let port_ok = port
            .is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
        if !scheme_ok || !host_ok || !port_ok {
            return Origin::Nobody;
        }
        let default_port = matches!(
            (scheme, port),
            ("http", Some("80")) | ("https", Some("443"))
        );
        match port {
            Some(p) if !default_port => Origin::Only(format!("{scheme}://{host}:{p}")),
            _ => Origin::Only(format!("{scheme}://{host}")),
        }
    }

    /// Whether a message from `origin` (its `event.origin`) is obeyed.
    pub fn obeys(&self, origin: &str) -> bool {
        match self {
            Origin::Any => true,
            Origin::Only(o) => o == origin,
            Origin::Nobody => false,
        }
    }

    /// The `targetOrigin` events are posted with; None: post nothing.
    pub fn target(&self) -> Option<&str> {
        match self {
            Origin::Any => Some("*"),
            Origin::Only(o) => Some(o),
            Origin::Nobody => None,
        }
    }
}

/// `+` and `%XX` decoded; a bad escape is kept as written. None: the
/// bytes are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// A flag's value: `embed`, `embed=1`, `embed=true` are on; `0`, `false`
/// off; anything else does not read.
fn flag(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// `step=`: decimal digits, a value too large for `u32` held at its most
/// (the path clamps it).
fn step_number(v: &str) -> Option<u32> {
    if v.is_empty() || v.len() > 64 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(v.parse().unwrap_or(u32::MAX))
}

fn panes(v: &str) -> Option<Panes> {
    let mut p = Panes {
        tree: false,
        path: false,
        source: false,
    };
    for name in v.split(',') {
        match name.trim().to_ascii_lowercase().as_str() {
            "tree" => p.tree = true,
            "path" => p.path = true,
            "source" => p.source = true,
            _ => {}
        }
    }
    (p.tree || p.shows_path()).then_some(p)
}

impl Params {
    /// Reads `location.search` (with or without its `?`). A key given
    /// twice: the last reading value wins.
    pub fn parse(query: &str) -> Params {
        let mut p = Params::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for part in query.split('&').filter(|s| !s.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let (Some(k), Some(v)) = (percent_decode(k), percent_decode(v)) else {
                continue;
            };
            match k.as_str() {
                "embed" => p.embed = flag(&v).unwrap_or(p.embed),
                "preset" => p.preset = Some(v.chars().take(64).collect()),
                "controls" => p.controls = flag(&v).unwrap_or(p.controls),
                "autoplay" => p.autoplay = flag(&v).unwrap_or(p.autoplay),
                "panes" => p.panes = panes(&v).unwrap_or(p.panes),
                "step" => p.step = step_number(&v).or(p.step),
                "theme" => {
                    let t = Theme::ALL.into_iter().find(|t| t.name() == v);
                    p.theme = t.or(p.theme);
                }
                "lang" => p.lang = crate::words::from_tag(&v).or(p.lang),
                "kernel" => p.kernel = KernelVersion::parse(&v).or(p.kernel),
                "origin" => p.origin = Origin::parse(&v),
                _ => {}
            }
        }
        p
    }
}

/// The index (from 0) of step `step` (from 1) on a path of `len` steps:
/// 0 and 1 are the first step, anything past the end the last.
pub fn step_index(step: u32, len: usize) -> usize {
    (step.max(1) as usize - 1).min(len.saturating_sub(1))
}

/// The largest `step` a `goto` takes: beyond it a message is not a
/// command (the page keeps the first 1,000 steps of a path).
pub const MAX_GOTO_STEP: u32 = 1_000_000;

/// What the embedding page asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Next,
    Prev,
    Play,
    Pause,
    First,
    Last,
    /// A step, from 1 (past the end: the last).
    Goto(u32),
    /// A permalink's fragment (`s=…&from=…&how=…`, a leading `#` allowed).
    Load(String),
}

/// A message's data as JSON text (the page passes `JSON.stringify(data)`)
/// to the command it is, if it is exactly one: an object whose `sigscope`
/// names a command, `goto` with an integer `step` from 1 to
/// [`MAX_GOTO_STEP`], `load` with a string `fragment`. Other members are
/// ignored; a member given twice, any other type, a string, null, an array
/// or text that is not JSON is not a command.
pub fn decode_command(text: &str) -> Option<Command> {
    let Ok(Json::Obj(members)) = json::parse(text) else {
        return None;
    };
    let field = |name: &str| {
        let mut found = members.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        match (found.next(), found.next()) {
            (Some(v), None) => Some(Some(v)),
            (None, _) => Some(None),
            // Twice: not a command.
            (Some(_), Some(_)) => None,
        }
    };
    let Some(Some(Json::Str(name))) = field("sigscope") else {
        return None;
    };
    Some(match name.as_str() {
        "next" => Command::Next,
        "prev" => Command::Prev,
        "play" => Command::Play,
        "pause" => Command::Pause,
        "first" => Command::First,
        "last" => Command::Last,
        "goto" => match field("step")? {
            Some(Json::Num(n))
                if (1..=10).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let n: u64 = n.parse().ok()?;
                if n == 0 || n > MAX_GOTO_STEP as u64 {
                    return None;
                }
                Command::Goto(n as u32)
            }
            _ => return None,
        },
        "load" => match field("fragment")? {
            Some(Json::Str(f)) => Command::Load(f.clone()),
            _ => return None,
        },
        _ => return None,
    })
}

/// What the page posts to the embedding page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The page is up and obeys commands.
    Ready,
    /// Step `step` (from 1) of `of` is shown.
    Step { step: usize, of: usize },
    /// The embed's content is `px` CSS pixels tall (for auto-resize).
    Height(u32),
}

impl Event {
    /// `{"sigscope":"step","step":3,"of":12}`.
    pub fn to_json(self) -> String {
        match self {
            Event::Ready => r#"{"sigscope":"ready"}"#.into(),
            Event::Step { step, of } => format!(r#"{{"sigscope":"step","step":{step},"of":{of}}}"#),
            Event::Height(px) => format!(r#"{{"sigscope":"height","px":{px}}}"#),
        }
    }
}

/// `page_url` (the page's address) without its query and fragment.
fn page_base(page_url: &str) -> &str {
    let end = page_url.find(['?', '#']).unwrap_or(page_url.len());
    &page_url[..end]
}

/// The full page on the session `fragment`, relative to the embed's own
/// address: the same page with its query emptied ("open in sigscope ↗").
pub fn full_page_href(fragment: &str) -> String {
    format!("?#{fragment}")
}

/// [`full_page_href`] for an unedited gallery scenario: its name, so that
/// the full page opens it as the gallery does, its words and lesson with
/// it (and the link stays short).
pub fn preset_page_href(name: &str) -> String {
    crate::gallery::query_with_preset("", Some(name))
}

/// The embed of the page at `page_url` (its address, the session in its
/// fragment), as its `src`: the same address with `?embed` for a query.
pub fn embed_url(page_url: &str) -> String {
    match page_url.split_once('#') {
        Some((_, fragment)) => format!("{}?embed#{fragment}", page_base(page_url)),
        None => format!("{}?embed", page_base(page_url)),
    }
}

/// Text for an HTML attribute value in double quotes.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The copy-paste `<iframe>` of the share menu: 960×540, a `title` for
/// assistive technology, loaded when scrolled near.
pub fn iframe_snippet(page_url: &str, title: &str) -> String {
    format!(
        r#"<iframe src="{}" title="{}" width="960" height="540" loading="lazy"></iframe>"#,
        attr(&embed_url(page_url)),
        attr(title)
    )
}
