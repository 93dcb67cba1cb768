//! Nothing of the user's work is lost: the session lives in the URL fragment
//! (a permalink: `#z=<base64url of the sigscene/1 JSON, deflate-raw
//! compressed>&from=<base64url of the sender's id>&how=<call>`, or
//! `by=kernel` instead of `from`) and in local storage (autosave). The
//! fragment wins, so a shared link opens exactly what was shared.
//!
//! The page compresses with the browser's own `CompressionStream`
//! ([`crate::compression`]), so no compression code weighs on the bundle;
//! that is asynchronous, so the browser side inflates a link first
//! ([`browser::resolve_link`]) and everything here reads the plain form.
//! Links made before compression, `#s=<base64url of the JSON>`, are that
//! plain form and keep opening; the page writes one too where the browser
//! cannot compress. A link carries no `meta` (the gallery's words): they
//! would double its length and the page's session has no use for them.
//!
//! What cannot be restored is never dropped: a link or an autosave that
//! does not read or replay is kept aside ([`Kept`], under
//! [`QUARANTINE_KEY`], never read back as the session) until the user
//! discards it. A bad link opens the page as no link would, on the
//! autosave, which it never replaces; a save that does not fit says why
//! ([`persist`]).

use crate::send::{HowToSend, Sender};
use crate::session::AppState;
use sigsim::Scenario;

/// The local-storage key of the autosave.
pub const STORAGE_KEY: &str = "sigscope.session";
/// The local-storage key of what was kept aside: a JSON array of
/// `[kind, reason, text]` (kind `link` or `autosave`).
pub const QUARANTINE_KEY: &str = "sigscope.quarantine";

/// Text that could not be restored: offered back until the user discards
/// it.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    pub kind: KeptKind,
    /// Why it could not be restored.
    pub reason: String,
    /// A link's scenario as JSON (the fragment when it is not base64url),
    /// an autosave as stored.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeptKind {
    /// A link that could not be opened.
    Link,
    /// An autosave that could not be restored.
    Autosave,
}

/// Local storage, or a stand-in for it in tests. `set` fails with the
/// browser's reason (the quota, storage disabled).
pub trait Store {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> Result<(), String>;
    fn remove(&self, key: &str);
}

/// What is saved: the scenario and the two sending choices.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub scenario: Scenario,
    pub sender: Option<Sender>,
    pub how: HowToSend,
}

impl Saved {
    pub fn of(st: &AppState) -> Saved {
        Saved {
            scenario: (*st.scenario).clone(),
            sender: Some(st.sender.clone()),
            how: st.how,
        }
    }

    /// The state this restores; `None` if the scenario no longer replays.
    pub fn restore(self) -> Result<AppState, sigsim::ScenarioError> {
        AppState::new(self.scenario, self.sender, self.how)
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 (base64url), without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Accepts base64url or standard base64, padded or not.
pub fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' | b'+' => Some(62),
        b'_' | b'/' => Some(63),
        _ => None,
    };
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= (value(*c)? as u32) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// The scenario as a link carries it: compact `sigscene/1`, without `meta`.
pub fn link_json(scenario: &Scenario) -> String {
    if scenario.meta.is_none() {
        return sigsim::json::scenario_to_string(scenario);
    }
    let bare = Scenario {
        meta: None,
        ..scenario.clone()
    };
    sigsim::json::scenario_to_string(&bare)
}

/// The most a link's scenario may inflate to, and the most compressed
/// bytes read: 2 MiB. A plain link that large would be a URL of 2.7 MB,
/// past Chromium's 2 MB limit, so no compressed link opens a scenario a
/// plain one could have carried; without a cap, a few KB of deflate
/// expand to gigabytes (deflate reaches 1032:1).
pub const MAX_LINK_JSON: usize = 2 << 20;

/// `s=…&from=…&how=…`, without the `#`: the plain form, which every link
/// made before compression has, and which the page writes where the
/// browser cannot compress.
pub fn encode_fragment(saved: &Saved) -> String {
    let json = link_json(&saved.scenario);
    format!("s={}{}", base64url_encode(json.as_bytes()), tail(saved))
}

/// `z=…&from=…&how=…`, without the `#`: `deflated` is [`link_json`]
/// compressed as raw deflate (RFC 1951, `CompressionStream("deflate-raw")`).
pub fn encode_compressed_fragment(saved: &Saved, deflated: &[u8]) -> String {
    format!("z={}{}", base64url_encode(deflated), tail(saved))
}

/// The compressed scenario a fragment carries (its `z=`), to be inflated
/// by the browser: `None` when it carries none, `Err` when it cannot be
/// (not base64url, or more than [`MAX_LINK_JSON`] bytes).
pub fn compressed_scenario(fragment: &str) -> Option<Result<Vec<u8>, String>> {
    let v = fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|p| p.strip_prefix("z="))?;
    // Checked before decoding, so a huge fragment costs no copy.
    if v.len() / 4 * 3 > MAX_LINK_JSON {
        return Some(Err(too_large()));
    }
    Some(base64url_decode(v).ok_or_else(|| "the link's scenario is not base64url".into()))
}

fn too_large() -> String {
    format!(
        "the link's scenario is larger than {} MiB",
        MAX_LINK_JSON >> 20
    )
}

/// The plain form of a compressed link, once the browser inflated its
/// scenario (`inflated`: the bytes, or why they could not be had): the
/// same fragment with `s=` in place of `z=`. A fragment without `z=` is
/// returned as it is.
pub fn plain_fragment(fragment: &str, inflated: Result<Vec<u8>, String>) -> Result<String, String> {
    let fragment = fragment.trim_start_matches('#');
    if compressed_scenario(fragment).is_none() {
        return Ok(fragment.into());
    }
    let json = inflated?;
    if json.len() > MAX_LINK_JSON {
        return Err(too_large());
    }
    let json = String::from_utf8(json).map_err(|_| "the link's scenario is not UTF-8 text")?;
    let s = format!("s={}", base64url_encode(json.as_bytes()));
    Ok(fragment
        .split('&')
        // `s=` too: a fragment carrying both reads as its compressed form.
        .filter(|p| !p.starts_with("s="))
        .map(|p| if p.starts_with("z=") { s.as_str() } else { p })
        .collect::<Vec<_>>()
        .join("&"))
}

/// `&from=…&how=…`: the sending choices.
fn tail(saved: &Saved) -> String {
    let mut f = String::new();
    match &saved.sender {
        Some(Sender::Process(from)) => {
            f.push_str("&from=");
            f.push_str(&base64url_encode(from.as_bytes()));
        }
        Some(Sender::Kernel) => f.push_str("&by=kernel"),
        None => {}
    }
    f.push_str("&how=");
    f.push_str(saved.how.name());
    f
}

/// A session's starting world, as a page that opens on it draws it before
/// the port's send path is loaded: the world alone (no actions, no
/// words), and how many actions it has; `None` if that world does not
/// build.
pub fn starting_world_of(scenario: Scenario) -> Option<(AppState, usize)> {
    let actions = scenario.actions.len();
    let world = Scenario {
        actions: Vec::new(),
        meta: None,
        ..scenario
    };
    let state = AppState::new(world, None, HowToSend::Kill).ok()?;
    Some((state, actions))
}

/// Does the fragment hold a session (`s=`, plain, or `z=`, compressed)?
/// Then it wins over a `?preset=` (an edit of the preset wrote it).
pub fn carries_session(hash: &str) -> bool {
    hash.trim_start_matches('#')
        .split('&')
        .any(|p| p.starts_with("s=") || p.starts_with("z="))
}

/// Reads a fragment (with or without `#`) in its plain form. `Ok(None)`:
/// it carries no session; `Err`: it does, but it cannot be read (a
/// compressed one, which only the browser can inflate, among them:
/// [`plain_fragment`] first).
pub fn decode_fragment(fragment: &str) -> Result<Option<Saved>, String> {
    let fragment = fragment.trim_start_matches('#');
    if compressed_scenario(fragment).is_some() {
        return Err("the link is compressed and this browser could not open it".into());
    }
    let mut scenario = None;
    let mut sender = None;
    let mut how = HowToSend::Kill;
    for part in fragment.split('&') {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let text = || base64url_decode(v).and_then(|b| String::from_utf8(b).ok());
        match k {
            "s" => {
                let json = text().ok_or("the link's scenario is not base64url")?;
                if json.len() > MAX_LINK_JSON {
                    return Err(too_large());
                }
                scenario = Some(
                    sigsim::json::scenario_from_str(&json)
                        .map_err(|e| format!("the link's scenario: {e}"))?,
                );
            }
            "from" => sender = text().map(Sender::Process),
            "by" if v == "kernel" => sender = Some(Sender::Kernel),
            "how" => how = HowToSend::parse(v).unwrap_or(HowToSend::Kill),
            _ => {}
        }
    }
    Ok(scenario.map(|scenario| Saved {
        scenario,
        sender,
        how,
    }))
}

/// The autosave as stored: the fragment's fields as one JSON object,
/// `{"scenario": …, "sender": "shell" | null, "how": "kill"}` (the shape
/// serde wrote before the page dropped serde_json; saved sessions still
/// load).
pub fn to_storage(saved: &Saved) -> String {
    to_storage_with(saved, None)
}

/// [`to_storage`], with how far the session's lesson got (`"lesson"`).
pub fn to_storage_with(saved: &Saved, lesson: Option<&LessonProgress>) -> String {
    use sigsim::json::{scenario_json, write_json, Json};
    let sender = match &saved.sender {
        Some(Sender::Process(p)) => Json::Str(p.clone()),
        _ => Json::Null,
    };
    let mut stored = vec![
        ("scenario".into(), scenario_json(&saved.scenario)),
        ("sender".into(), sender),
        ("how".into(), Json::Str(saved.how.name().into())),
    ];
    if let Some(l) = lesson {
        let preset = l
            .preset
            .as_ref()
            .map_or(Json::Null, |p| Json::Str(p.clone()));
        stored.push((
            "lesson".into(),
            Json::Obj(vec![
                ("preset".into(), preset),
                ("begun".into(), Json::Bool(l.begun)),
                ("done".into(), Json::Num(l.done.to_string())),
            ]),
        ));
    }
    let mut out = String::new();
    write_json(&mut out, &Json::Obj(stored), None);
    out
}

/// How far the session's lesson got, kept with the autosave so that a
/// reload does not lose it (not in links: a link shares a world, not a
/// learner's progress). The steps done come back without the sends they
/// showed: the summary lists the sends made since.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonProgress {
    /// The gallery scenario whose lesson it is; `None`: the session's own
    /// (the default world's).
    pub preset: Option<String>,
    pub begun: bool,
    pub done: usize,
}

impl LessonProgress {
    pub fn of(st: &AppState) -> Option<LessonProgress> {
        let run = st.lesson.as_ref()?;
        let preset = st
            .preset
            .as_ref()
            .filter(|p| p.meta.title == run.title)
            .map(|p| p.name.to_string());
        Some(LessonProgress {
            preset,
            begun: run.begun,
            done: run.done.len(),
        })
    }

    /// The lesson in the autosave `text`, if it has one that reads; a
    /// hostile or older autosave has none (its session still restores).
    pub fn read(text: &str) -> Option<LessonProgress> {
        use sigsim::json::Json;
        let Json::Obj(members) = sigsim::json::parse(text).ok()? else {
            return None;
        };
        let (_, Json::Obj(lesson)) = members.iter().find(|(k, _)| k == "lesson")? else {
            return None;
        };
        let field = |name: &str| lesson.iter().find(|(k, _)| k == name).map(|(_, v)| v);
        let preset = match field("preset")? {
            Json::Null => None,
            Json::Str(name) if crate::gallery::is_preset(name) => Some(name.clone()),
            _ => return None,
        };
        let Json::Bool(begun) = field("begun")? else {
            return None;
        };
        let Json::Num(done) = field("done")? else {
            return None;
        };
        Some(LessonProgress {
            preset,
            begun: *begun,
            done: done.parse().ok()?,
        })
    }

    /// `st` with this lesson back at its step, if it is the lesson of
    /// `st`'s session (the default world's, or the preset's: whose text
    /// must be loaded); else `st` as it is.
    pub fn restore(&self, mut st: AppState) -> AppState {
        use crate::lesson::{Done, LessonRun};
        // A preset's lesson from its words; the session's own is the one
        // it already offers, taken back to the step.
        let (opened, run) = match &self.preset {
            Some(name) => match crate::gallery::open(name) {
                Some(Ok(o)) => {
                    let run = LessonRun::of(&o.meta, self.begun);
                    (Some(o), run)
                }
                _ => return st,
            },
            None => (None, st.lesson.as_deref().cloned()),
        };
        let Some(mut run) = run else {
            return st;
        };
        run.begun = self.begun;
        run.off_step = None;
        run.done = (0..self.done.min(run.steps.len()))
            .map(|step| Done {
                step,
                depth: 0,
                sent: None,
            })
            .collect();
        if let Some(o) = opened {
            st.preset = Some(std::rc::Rc::new(crate::session::OpenedPreset {
                name: o.name,
                meta: o.meta,
                scenario: std::rc::Rc::new(o.scenario),
            }));
        }
        st.lesson = Some(std::rc::Rc::new(run));
        st
    }
}

pub fn from_storage(text: &str) -> Option<Saved> {
    read_storage(text).ok()
}

/// The autosave, or why it cannot be read (with the field path).
pub fn read_storage(text: &str) -> Result<Saved, sigsim::ScenarioError> {
    use sigsim::json;
    let v = json::parse(text)?;
    // `lesson`: read apart, by LessonProgress::read.
    let f = json::object(&v, "", &["scenario", "sender", "how", "lesson"])?;
    let scenario = f.req("scenario", json::scenario)?;
    let sender = f.opt("sender", json::string)?;
    let how = f.req("how", json::string)?;
    Ok(Saved {
        scenario,
        sender: Some(sender.map_or(Sender::Kernel, Sender::Process)),
        how: HowToSend::parse(&how).unwrap_or(HowToSend::Kill),
    })
}

/// The kept texts as stored.
pub fn kept_to_storage(kept: &[Kept]) -> String {
    use sigsim::json::{write_json, Json};
    let items = kept
        .iter()
        .map(|k| {
            let kind = match k.kind {
                KeptKind::Link => "link",
                KeptKind::Autosave => "autosave",
            };
            Json::Arr(vec![
                Json::Str(kind.into()),
                Json::Str(k.reason.clone()),
                Json::Str(k.text.clone()),
            ])
        })
        .collect();
    let mut out = String::new();
    write_json(&mut out, &Json::Arr(items), None);
    out
}

/// The kept texts; what does not read is kept too, whole, as an autosave
/// that could not be restored.
pub fn kept_from_storage(text: &str) -> Vec<Kept> {
    use sigsim::json::{parse, Json};
    let item = |v: &Json| match v {
        Json::Arr(f) => match &f[..] {
            [Json::Str(kind), Json::Str(reason), Json::Str(text)] => Some(Kept {
                kind: match &kind[..] {
                    "link" => KeptKind::Link,
                    "autosave" => KeptKind::Autosave,
                    _ => return None,
                },
                reason: reason.clone(),
                text: text.clone(),
            }),
            _ => None,
        },
        _ => None,
    };
    let items = match parse(text) {
        Ok(Json::Arr(items)) => items.iter().map(item).collect(),
        _ => None,
    };
    items.unwrap_or_else(|| {
        vec![Kept {
            kind: KeptKind::Autosave,
            reason: "what was kept aside no longer reads".into(),
            text: text.into(),
        }]
    })
}

/// Adds `text` to the kept ones, once; whether it was added.
fn keep(kept: &mut Vec<Kept>, kind: KeptKind, reason: String, text: &str) -> bool {
    let new = !kept.iter().any(|k| k.text == text);
    if new {
        kept.push(Kept {
            kind,
            reason,
            text: text.into(),
        });
    }
    new
}

/// The kept texts written (the key removed when there are none).
fn write_kept(store: &impl Store, kept: &[Kept]) -> Result<(), String> {
    if kept.is_empty() {
        store.remove(QUARANTINE_KEY);
        Ok(())
    } else {
        store.set(QUARANTINE_KEY, &kept_to_storage(kept))
    }
}

/// The scenario a link carries, as text to show: its JSON when it decodes,
/// else the fragment itself.
fn link_text(fragment: &str) -> String {
    let fragment = fragment.trim_start_matches('#');
    fragment
        .split('&')
        .find_map(|p| p.strip_prefix("s="))
        .and_then(base64url_decode)
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| fragment.into())
}

/// The session a link's fragment carries: `Ok(None)` when it carries
/// none, `Err(why)` when it does not read or no longer replays. A link
/// opened at load ([`load`]) and one the embedding page sends
/// (`Verb::OpenLink`) both go through here.
pub fn open_link(hash: &str) -> Result<Option<AppState>, String> {
    decode_fragment(hash).and_then(|saved| {
        saved
            .map(|s| {
                s.restore()
                    .map_err(|e| format!("the link's scenario does not replay: {e}"))
            })
            .transpose()
    })
}

/// Keeps a link that could not be opened (`why`), once; whether it was
/// added.
pub fn keep_link(kept: &mut Vec<Kept>, why: &str, hash: &str) -> bool {
    keep(kept, KeptKind::Link, why.into(), &link_text(hash))
}

/// The session to start with, from the fragment `hash` and the store, and
/// why a link could not be opened. A good link wins. A bad link is kept
/// (in `state.kept`, and in the store) and the page opens as it would
/// without it: on the autosave, which the link never replaces. An autosave
/// that does not restore is kept too, and removed, so that it is not read
/// again. `state.unsaved` says why the store refused to keep them.
pub fn load(hash: &str, store: &impl Store) -> (AppState, Option<String>) {
    load_opened(hash, open_link(hash), store)
}

/// [`load`], with the link already opened (or refused: a compressed link
/// the browser could not inflate); `hash` is what is kept if it was
/// refused.
pub fn load_opened(
    hash: &str,
    opened: Result<Option<AppState>, String>,
    store: &impl Store,
) -> (AppState, Option<String>) {
    let mut kept = store
        .get(QUARANTINE_KEY)
        .map_or_else(Vec::new, |t| kept_from_storage(&t));
    let mut changed = false;
    let (mut state, link_error) = match opened {
        Ok(st) => (st, None),
        Err(e) => {
            changed |= keep_link(&mut kept, &e, hash);
            (None, Some(e))
        }
    };
    let autosave = store.get(STORAGE_KEY);
    if let Some(text) = &autosave {
        // Under a good link it is only read (the link's session is saved
        // over it, as the user opened that link); else it is the session.
        let restored = match state {
            Some(_) => read_storage(text).map(|_| None),
            None => read_storage(text).and_then(Saved::restore).map(Some),
        };
        match restored {
            Ok(st) => state = state.or(st),
            Err(e) => {
                let e = format!("the saved session: {e}");
                changed |= keep(&mut kept, KeptKind::Autosave, e, text);
            }
        }
    }
    let mut st = state.unwrap_or_default();
    // The lesson comes back with its own session (a reload of the page's
    // own link, or the autosave), not with another link's.
    if let Some(text) = &autosave {
        if let (Some(lesson), Ok(saved)) = (LessonProgress::read(text), read_storage(text)) {
            if saved.scenario == *st.scenario {
                st = lesson.restore(st);
            }
        }
    }
    if changed {
        match write_kept(store, &kept) {
            // Kept aside: not read again as the session.
            Ok(()) if autosave.is_some_and(|t| kept.iter().any(|k| k.text == t)) => {
                store.remove(STORAGE_KEY)
            }
            Ok(()) => {}
            Err(e) => st.unsaved = Some(e),
        }
    }
    st.kept = std::rc::Rc::new(kept);
    (st, link_error)
}

/// Saves the session: the kept texts first, then the autosave — which is
/// not written if they could not be (it may be the text they should
/// hold). `Err`: why the store refused.
pub fn persist(store: &impl Store, kept: &[Kept], saved: &Saved) -> Result<(), String> {
    persist_with(store, kept, saved, None)
}

/// [`persist`], with how far the lesson got.
pub fn persist_with(
    store: &impl Store,
    kept: &[Kept],
    saved: &Saved,
    lesson: Option<&LessonProgress>,
) -> Result<(), String> {
    write_kept(store, kept)?;
    store.set(STORAGE_KEY, &to_storage_with(saved, lesson))
}

/// What a panic put aside, to be put back if the user keeps the session.
#[derive(Clone, Debug, PartialEq)]
pub struct PutAside {
    /// The autosave as it was.
    pub autosave: Option<String>,
    /// The kept texts as they were stored.
    pub kept: Option<String>,
}

/// After a panic: the autosave and the link (`hash`) are kept aside and
/// the autosave removed, so that the next load comes up on the default
/// world even if they caused it; they are offered back from there.
/// [`put_back`] undoes it for "keep my session and retry".
pub fn put_aside(store: &impl Store, hash: &str, reason: &str) -> PutAside {
    let before = PutAside {
        autosave: store.get(STORAGE_KEY),
        kept: store.get(QUARANTINE_KEY),
    };
    let mut kept = before
        .kept
        .as_deref()
        .map_or_else(Vec::new, kept_from_storage);
    let reason = format!("the page stopped while it was open ({reason})");
    if let Some(text) = &before.autosave {
        keep(&mut kept, KeptKind::Autosave, reason.clone(), text);
    }
    if hash
        .trim_start_matches('#')
        .split('&')
        .any(|p| p.starts_with("s=") || p.starts_with("z="))
    {
        keep(&mut kept, KeptKind::Link, reason, &link_text(hash));
    }
    // Not removed unless it is kept: a session is never dropped.
    if write_kept(store, &kept).is_ok() {
        store.remove(STORAGE_KEY);
    }
    before
}

/// Undoes [`put_aside`].
pub fn put_back(store: &impl Store, aside: &PutAside) -> Result<(), String> {
    for (key, value) in [
        (STORAGE_KEY, &aside.autosave),
        (QUARANTINE_KEY, &aside.kept),
    ] {
        match value {
            Some(v) => store.set(key, v)?,
            None => store.remove(key),
        }
    }
    Ok(())
}

/// Browser side: where the session comes from at start, and where it goes
/// after every change. Only called in the browser (effects never run in
/// server-side rendering).
pub mod browser {
    use super::*;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    /// Local storage, which can be missing or refused (a sandboxed
    /// iframe, a privacy mode): then nothing reads and every save fails.
    /// An embed's (`Local(None, true)`) reads nothing and keeps nothing,
    /// on purpose: it shows what its link carries, never the reader's own
    /// saved session (the same origin's), and never writes over it.
    pub struct Local(Option<web_sys::Storage>, bool);

    impl Store for Local {
        fn get(&self, key: &str) -> Option<String> {
            self.0.as_ref()?.get_item(key).ok().flatten()
        }
        fn set(&self, key: &str, value: &str) -> Result<(), String> {
            if self.1 {
                return Ok(());
            }
            let s = self
                .0
                .as_ref()
                .ok_or("this browser gives the page no local storage")?;
            s.set_item(key, value).map_err(|e| {
                wasm_bindgen::JsCast::dyn_into::<js_sys::Error>(e)
                    .map_or_else(|_| "the browser refused it".into(), |e| e.message().into())
            })
        }
        fn remove(&self, key: &str) {
            if let Some(s) = &self.0 {
                let _ = s.remove_item(key);
            }
        }
    }

    impl Local {
        /// The store of an embed: reads nothing, keeps nothing.
        pub fn nothing() -> Local {
            Local(None, true)
        }
    }

    pub fn storage() -> Local {
        Local(
            window().and_then(|w| w.local_storage().ok().flatten()),
            false,
        )
    }

    /// The plain form of a link (what [`open_link`] reads): a compressed
    /// one inflated by the browser, within [`MAX_LINK_JSON`]; else why it
    /// cannot be opened.
    pub async fn resolve_link(hash: &str) -> Result<String, String> {
        let inflated = match compressed_scenario(hash) {
            None => return Ok(hash.trim_start_matches('#').into()),
            Some(Err(why)) => Err(why),
            Some(Ok(bytes)) => crate::compression::inflate(&bytes, MAX_LINK_JSON).await,
        };
        plain_fragment(hash, inflated)
    }

    /// What a page that opens on a session can draw while the rest of
    /// sigscope (the release build's second wasm module, which holds the
    /// port's send path) is still on its way: the session's starting
    /// world, its actions left out, and how many actions it has. Read as
    /// [`initial_state`] and main.rs would read it (the link, else an
    /// unedited `?preset=`, else the autosave); `None` when there is no
    /// session, or it does not read, or it needs the port to be drawn —
    /// the page then waits for the rest, as before. Never saved: the real
    /// session replaces it once the rest is in.
    pub async fn starting_world(embed: bool, preset: Option<&str>) -> Option<(AppState, usize)> {
        let hash = window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        let scenario = if carries_session(&hash) {
            let plain = resolve_link(&hash).await.ok()?;
            decode_fragment(&plain).ok()??.scenario
        } else if let Some(name) = preset.filter(|n| crate::gallery::is_preset(n)) {
            crate::gallery::browser::load(&[name]).await.ok()?;
            crate::gallery::open(name)?.ok()?.scenario
        } else if !embed {
            read_storage(&storage().get(STORAGE_KEY)?).ok()?.scenario
        } else {
            return None;
        };
        starting_world_of(scenario)
    }

    /// The session to start with and, if a link could not be read, why.
    /// An embed reads only its link.
    pub async fn initial_state(embed: bool) -> (AppState, Option<String>) {
        let hash = window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        let store = if embed { Local::nothing() } else { storage() };
        // A gallery lesson under way comes back with its scenario's words.
        let preset = store
            .get(STORAGE_KEY)
            .and_then(|t| LessonProgress::read(&t))
            .and_then(|l| l.preset);
        if let Some(name) = preset {
            let _ = crate::gallery::browser::load(&[&name]).await;
        }
        match resolve_link(&hash).await {
            Ok(plain) => load(&plain, &store),
            Err(why) => load_opened(&hash, Err(why), &store),
        }
    }

    thread_local! {
        /// Which save is the latest: compressing takes a moment, and an
        /// older link finishing after a newer one must not replace it.
        static LATEST_LINK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }

    /// The permalink's fragment: compressed, or plain where the browser
    /// cannot compress.
    pub async fn link_fragment(saved: &Saved) -> String {
        let json = link_json(&saved.scenario);
        match crate::compression::deflate(json.as_bytes()).await {
            Some(deflated) => encode_compressed_fragment(saved, &deflated),
            None => encode_fragment(saved),
        }
    }

    /// Writes the permalink (replacing the history entry: the back button
    /// leaves the page instead of stepping through edits; an unedited
    /// gallery scenario is `?preset=NAME`, [`crate::gallery::address`]),
    /// the kept texts and the autosave. `Err`: why local storage did not take them (the
    /// permalink still holds the session).
    pub async fn save(st: &AppState) -> Result<(), String> {
        let saved = Saved::of(st);
        let this = LATEST_LINK.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let lesson = LessonProgress::of(st);
        let saving = persist_with(&storage(), &st.kept, &saved, lesson.as_ref());
        // An unedited preset's address carries no fragment: nothing to
        // compress.
        let preset = st.preset_shown().map(|p| p.name);
        let fragment = match preset {
            Some(_) => String::new(),
            None => link_fragment(&saved).await,
        };
        if let Some(w) = window().filter(|_| LATEST_LINK.with(|n| n.get()) == this) {
            let loc = w.location();
            let url = crate::gallery::address(
                &loc.pathname().unwrap_or_default(),
                &loc.search().unwrap_or_default(),
                preset,
                || fragment,
            );
            if let Ok(h) = w.history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
        saving
    }

    /// The page's address, permalink included.
    pub fn current_url() -> String {
        window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Verb;
    use sigsim::Signal;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..40u8 {
            let bytes: Vec<u8> = (0..n)
                .map(|i| i.wrapping_mul(37).wrapping_add(250))
                .collect();
            let s = base64url_encode(&bytes);
            assert!(!s.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&s), Some(bytes));
        }
        assert_eq!(base64url_encode(b"sigscope"), "c2lnc2NvcGU");
        assert_eq!(base64url_decode("c2lnc2NvcGU="), Some(b"sigscope".to_vec()));
        assert_eq!(base64url_decode("a"), None);
    }

    #[test]
    fn a_session_survives_the_permalink() {
        let st = AppState::default()
            .apply(Verb::SetSender(crate::send::Sender::Process("app".into())))
            .apply(Verb::Send {
                target: crate::send::DropTarget::Process("ctr-init".into()),
                sig: Signal::KILL,
            });
        let fragment = encode_fragment(&Saved::of(&st));
        let back = decode_fragment(&format!("#{fragment}")).unwrap().unwrap();
        assert_eq!(back, Saved::of(&st));
        let restored = back.restore().unwrap();
        assert_eq!(restored.scenario, st.scenario);
        assert_eq!(restored.sender, st.sender);
        assert_eq!(
            from_storage(&to_storage(&Saved::of(&st))),
            Some(Saved::of(&st))
        );
    }

    #[test]
    fn the_kernel_as_sender_is_not_a_process_named_kernel() {
        let kernel = AppState::default().apply(Verb::SetSender(crate::send::Sender::Kernel));
        let back = decode_fragment(&encode_fragment(&Saved::of(&kernel)))
            .unwrap()
            .unwrap();
        assert_eq!(back.sender, Some(crate::send::Sender::Kernel));
        assert_eq!(
            from_storage(&to_storage(&Saved::of(&kernel))),
            Some(Saved::of(&kernel))
        );
        let s = crate::default_world::DEFAULT_SCENARIO_JSON.replace("\"shell\"", "\"kernel\"");
        let s: Scenario = serde_json::from_str(&s).unwrap();
        let named = AppState::new(s, None, crate::send::HowToSend::Kill).unwrap();
        let back = decode_fragment(&encode_fragment(&Saved::of(&named)))
            .unwrap()
            .unwrap();
        assert_eq!(
            back.sender,
            Some(crate::send::Sender::Process("kernel".into()))
        );
    }

    /// Made by the page before links were compressed (the default world,
    /// shell's SIGTERM to ctr-init), copied from its address bar.
    const LINK_BEFORE_COMPRESSION: &str = "#s=eyJmb3JtYXQiOiJzaWdzY2VuZS8xIiwia2VybmVsIjoiNi4xOCIsIm5hbWVzcGFjZXMiOlt7ImlkIjoiaG9zdCJ9LHsiaWQiOiJjb250YWluZXIiLCJwYXJlbnQiOiJob3N0In1dLCJwcm9jZXNzZXMiOlt7ImlkIjoiaW5pdCIsIm5zIjoiaG9zdCJ9LHsiaWQiOiJzaGVsbCIsIm5zIjoiaG9zdCIsInBhcmVudCI6ImluaXQiLCJncm91cCI6InNlc3Npb24ifSx7ImlkIjoiY3RyLWluaXQiLCJucyI6ImNvbnRhaW5lciIsInBhcmVudCI6InNoZWxsIiwiZ3JvdXAiOiJzZXNzaW9uIn0seyJpZCI6ImFwcCIsIm5zIjoiY29udGFpbmVyIiwicGFyZW50IjoiY3RyLWluaXQiLCJzaWduYWxzIjp7IlNJR1RFUk0iOiJjYXRjaCJ9fSx7ImlkIjoid29ya2VyIiwibnMiOiJjb250YWluZXIiLCJwYXJlbnQiOiJhcHAifV0sImFjdGlvbnMiOlt7ImZyb20iOiJzaGVsbCIsImtpbGwiOnsicGlkX29mIjoiY3RyLWluaXQifSwic2lnIjoiU0lHVEVSTSJ9XX0&from=c2hlbGw&how=kill";

    #[test]
    fn a_link_made_before_compression_still_opens() {
        // The browser side hands a link without `z=` on as it is.
        let plain = plain_fragment(LINK_BEFORE_COMPRESSION, Err("not asked".into())).unwrap();
        let st = open_link(&plain).unwrap().unwrap();
        assert_eq!(st.scenario.actions.len(), 1);
        assert_eq!(st.sender, Sender::Process("shell".into()));
        // The session it carries writes back to the same plain link.
        assert_eq!(
            format!("#{}", encode_fragment(&Saved::of(&st))),
            LINK_BEFORE_COMPRESSION
        );
    }

    /// Natively there is no `DecompressionStream`: the stand-in "deflate"
    /// is the identity, which is all the framing needs.
    #[test]
    fn a_compressed_link_reads_as_its_plain_form() {
        let st = AppState::default().apply(Verb::SetSender(Sender::Kernel));
        let saved = Saved::of(&st);
        let json = link_json(&saved.scenario);
        let z = encode_compressed_fragment(&saved, json.as_bytes());
        assert!(z.starts_with("z=") && z.ends_with("&by=kernel&how=kill"));
        assert_eq!(compressed_scenario(&z), Some(Ok(json.clone().into_bytes())));
        assert_eq!(
            plain_fragment(&format!("#{z}"), Ok(json.into_bytes())),
            Ok(encode_fragment(&saved))
        );
        // Unread, it is refused rather than taken for no session.
        assert!(decode_fragment(&z).is_err());
        assert_eq!(compressed_scenario(&encode_fragment(&saved)), None);
    }

    #[test]
    fn a_compressed_link_that_inflates_too_far_is_refused() {
        let z = "z=AAAA&how=kill";
        let big = vec![b' '; MAX_LINK_JSON + 1];
        let e = plain_fragment(z, Ok(big)).unwrap_err();
        assert!(e.contains("larger than 2 MiB"), "{e}");
        // Measured before decoding: a huge fragment is not copied.
        let huge = format!("z={}", "A".repeat(MAX_LINK_JSON / 3 * 4 + 8));
        assert!(compressed_scenario(&huge).unwrap().is_err());
        assert!(compressed_scenario("z=!!").unwrap().is_err());
        assert_eq!(
            plain_fragment(z, Err("damaged".into())),
            Err("damaged".to_string())
        );
        assert!(plain_fragment(z, Ok(vec![0xff, 0xfe])).is_err());
    }

    #[test]
    fn a_refused_compressed_link_is_kept_and_the_page_opens_without_it() {
        struct Mem(std::cell::RefCell<std::collections::HashMap<String, String>>);
        impl Store for Mem {
            fn get(&self, key: &str) -> Option<String> {
                self.0.borrow().get(key).cloned()
            }
            fn set(&self, key: &str, value: &str) -> Result<(), String> {
                self.0.borrow_mut().insert(key.into(), value.into());
                Ok(())
            }
            fn remove(&self, key: &str) {
                self.0.borrow_mut().remove(key);
            }
        }
        let store = Mem(Default::default());
        let hash = "#z=q1YqUlEqTi1OTi1OTlEqSi0pVbJSKi4pTVGqBQA&how=kill";
        let (st, why) = load_opened(hash, Err("it does not inflate".into()), &store);
        assert_eq!(why.as_deref(), Some("it does not inflate"));
        assert_eq!(st.scenario, AppState::default().scenario);
        assert_eq!(st.kept.len(), 1);
        assert_eq!(st.kept[0].kind, KeptKind::Link);
        assert_eq!(st.kept[0].text, hash.trim_start_matches('#'));
        assert!(store.get(QUARANTINE_KEY).is_some());
    }

    #[test]
    fn a_link_carries_no_meta() {
        for p in sigsim::gallery::PRESETS {
            let s = sigsim::json::scenario_from_str(p.json).unwrap();
            assert!(s.meta.is_some(), "{}", p.name);
            let json = link_json(&s);
            assert!(!json.contains("\"meta\""), "{}", p.name);
            let back = sigsim::json::scenario_from_str(&json).unwrap();
            assert_eq!(back, Scenario { meta: None, ..s });
        }
    }

    #[test]
    fn a_fragment_without_a_session_is_no_session() {
        assert_eq!(decode_fragment(""), Ok(None));
        assert_eq!(decode_fragment("#top"), Ok(None));
        assert!(decode_fragment("#s=!!!").is_err());
    }
}
