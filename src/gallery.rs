//! The gallery in the page: where a preset's text comes from, the myths
//! each refuted by a preset, and the short address of an unedited preset.
//!
//! The page's wasm carries only the presets' names
//! ([`sigsim::gallery::NAMES`]). Their texts are served beside the page
//! (`index.html` has Trunk copy `scenarios/`) and loaded when the gallery
//! opens or a `?preset=` asks for one: embedding them would add ~10 KiB of
//! gzipped wasm that most visits never read (README, "Budget"). The
//! one-file offline page, which may not fetch, carries them inside itself
//! (`scripts/one-file.mjs`), and [`load`] reads them from there first.
//! Natively (tests, server-side rendering) they are embedded.

use sigsim::gallery::NAMES;
use sigsim::scenario::Meta;
use sigsim::Scenario;
use std::rc::Rc;

/// Is this the name of a gallery scenario?
pub fn is_preset(name: &str) -> bool {
    NAMES.contains(&name)
}

#[cfg(not(target_arch = "wasm32"))]
fn embedded_text(name: &str) -> Option<&'static str> {
    sigsim::gallery::find(name).map(|p| p.json)
}

#[cfg(target_arch = "wasm32")]
fn embedded_text(_name: &str) -> Option<&'static str> {
    None
}

thread_local! {
    /// Texts loaded at run time, by name (leaked: 22 files of ~2 KB,
    /// loaded at most once each).
    static LOADED: crate::loaded::Loaded = const { crate::loaded::Loaded::new() };
}

/// A preset's text, if it is embedded or already loaded.
pub fn text(name: &str) -> Option<&'static str> {
    embedded_text(name).or_else(|| LOADED.with(|l| l.get(name)))
}

/// Hands in a preset's text (the loader does; so can a test). False for a
/// name that is not a preset's.
pub fn provide(name: &str, text: String) -> bool {
    let Some(&name) = NAMES.iter().find(|n| **n == name) else {
        return false;
    };
    if embedded_text(name).is_none() {
        LOADED.with(|l| l.keep(name, text));
    }
    true
}

/// A preset as the page opens it: the world without its words, which
/// stay beside it (the session is the world; a link carries no words).
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub name: &'static str,
    pub meta: Rc<Meta>,
    pub scenario: Scenario,
}

/// The preset, read from its text; `None` when the name is no preset's or
/// its text is not loaded. A gallery file that does not read is a bug the
/// gallery's tests catch; the page then says so rather than panic.
pub fn open(name: &str) -> Option<Result<Opened, String>> {
    let &name = NAMES.iter().find(|n| **n == name)?;
    let text = text(name)?;
    Some(
        sigsim::json::scenario_from_str(text)
            .map_err(|e| e.to_string())
            .and_then(|mut scenario| {
                let meta = scenario
                    .meta
                    .take()
                    .ok_or_else(|| format!("scenarios/{name}.json has no meta"))?;
                Ok(Opened {
                    name,
                    meta: Rc::new(meta),
                    scenario,
                })
            }),
    )
}

/// Every preset whose text is at hand, in teaching order, with its words.
pub fn entries() -> Vec<(&'static str, Rc<Meta>)> {
    NAMES
        .iter()
        .filter_map(|n| open(n)?.ok().map(|o| (o.name, o.meta)))
        .collect()
}

/// The page's query string with `preset=NAME` set to `preset`, or taken
/// out (`None`); the other parameters (`lang`, `theme`, …) stay in their
/// order. Returns `?…`, or an empty string when nothing is left.
pub fn query_with_preset(search: &str, preset: Option<&str>) -> String {
    let mut parts: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && *p != "preset" && !p.starts_with("preset="))
        .map(String::from)
        .collect();
    if let Some(name) = preset {
        parts.push(format!("preset={name}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The page's address for a session: an unedited gallery scenario is its
/// name in the query (`?preset=NAME`, a link a teacher can read and type);
/// any other session is the permalink in the fragment, with `preset=` taken
/// out of the query so that the address says what it holds. `pathname`
/// stands for an empty query (a relative `#…` would keep the old one).
pub fn address(
    pathname: &str,
    search: &str,
    preset: Option<&str>,
    fragment: impl FnOnce() -> String,
) -> String {
    match preset {
        Some(name) => query_with_preset(search, Some(name)),
        None => {
            let query = query_with_preset(search, None);
            let path = if query.is_empty() { pathname } else { "" };
            format!("{path}{query}#{}", fragment())
        }
    }
}

/// A common misconception about signals, refuted by one gallery scenario.
/// The words (the claim and what the kernel does instead) are the
/// catalogue's, per language ([`crate::words::GalleryWords::myth`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Myth {
    SigkillAlwaysKills,
    Pid1IgnoresEverySignal,
    RootCanKillAnything,
    ContainerInitImmuneToHost,
    KillMinusOneKillsTheHost,
    // The seed post's own slips (kernel notes §12, items 1, 2, 3 and 8).
    UnkillableMeansJustForked,
    ForkedProcessIgnoresDefaultSignals,
    InitIgnoresSigkillAndSigstop,
    SigchldKillsTheChild,
}

impl Myth {
    pub const ALL: [Myth; 9] = [
        Myth::SigkillAlwaysKills,
        Myth::Pid1IgnoresEverySignal,
        Myth::RootCanKillAnything,
        Myth::ContainerInitImmuneToHost,
        Myth::KillMinusOneKillsTheHost,
        Myth::UnkillableMeansJustForked,
        Myth::ForkedProcessIgnoresDefaultSignals,
        Myth::InitIgnoresSigkillAndSigstop,
        Myth::SigchldKillsTheChild,
    ];

    /// The gallery scenario that shows the kernel doing otherwise.
    pub fn preset(self) -> &'static str {
        match self {
            // `kill -9 1` inside a container: dropped.
            Myth::SigkillAlwaysKills => "sigkill-pid1-from-inside",
            // The init's SIGTERM handler runs.
            Myth::Pid1IgnoresEverySignal => "docker-stop-with-handler",
            Myth::RootCanKillAnything => "root-cannot-kill-global-init",
            Myth::ContainerInitImmuneToHost => "sigkill-pid1-from-host",
            Myth::KillMinusOneKillsTheHost => "kill-9-minus-1-in-container",
            // SIGNAL_UNKILLABLE is the namespace init's, set at its clone.
            Myth::UnkillableMeansJustForked => "sigterm-pid1-from-inside",
            // The freshly forked app dies of a default SIGTERM at once.
            Myth::ForkedProcessIgnoresDefaultSignals => "docker-run-init-forwards",
            // Only the global init's: a container init stops from the host.
            Myth::InitIgnoresSigkillAndSigstop => "sigstop-sigcont-container-init",
            // SIGCHLD goes to the parent, whose default ignores it: the
            // exited worker stays a zombie, the init keeps running.
            Myth::SigchldKillsTheChild => "zombies-reaped-when-init-dies",
        }
    }

    /// One of the slips of the blog post this page started from.
    pub fn from_the_seed_post(self) -> bool {
        matches!(
            self,
            Myth::UnkillableMeansJustForked
                | Myth::ForkedProcessIgnoresDefaultSignals
                | Myth::InitIgnoresSigkillAndSigstop
                | Myth::SigchldKillsTheChild
        )
    }

    /// Its key in ids and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Myth::SigkillAlwaysKills => "sigkill-always-kills",
            Myth::Pid1IgnoresEverySignal => "pid1-ignores-every-signal",
            Myth::RootCanKillAnything => "root-can-kill-anything",
            Myth::ContainerInitImmuneToHost => "container-init-immune-to-host",
            Myth::KillMinusOneKillsTheHost => "kill-minus-one-kills-the-host",
            Myth::UnkillableMeansJustForked => "unkillable-means-just-forked",
            Myth::ForkedProcessIgnoresDefaultSignals => "forked-process-ignores-default-signals",
            Myth::InitIgnoresSigkillAndSigstop => "init-ignores-sigkill-and-sigstop",
            Myth::SigchldKillsTheChild => "sigchld-kills-the-child",
        }
    }
}

/// Browser side: loading the texts (only called in the browser).
pub mod browser {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// Where the build puts a preset, relative to the page (`index.html`).
    fn url_of(name: &str) -> String {
        format!("scenarios/{name}.json")
    }

    /// The text of `<script type="application/json" data-preset="NAME">`,
    /// which `scripts/one-file.mjs` writes into the offline page (with
    /// `<` written `\u003c`, which JSON reads back as `<`).
    fn in_page(window: &web_sys::Window, name: &str) -> Option<String> {
        let selector = format!("script[type=\"application/json\"][data-preset=\"{name}\"]");
        window
            .document()?
            .query_selector(&selector)
            .ok()??
            .text_content()
    }

    fn why(name: &str, from_file: bool) -> impl Fn(wasm_bindgen::JsValue) -> String + '_ {
        move |e| {
            let e = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the request failed".into());
            let opened = if from_file {
                " — the page was opened from file://"
            } else {
                ""
            };
            format!("fetching {} failed: {e}{opened}", url_of(name))
        }
    }

    /// Loads the presets named (from the page, else fetched, all requests
    /// started before the first is awaited) and keeps them. The error
    /// names the first that could not be loaded, and why.
    pub async fn load(names: &[&str]) -> Result<(), String> {
        let window = web_sys::window().ok_or("no window")?;
        let from_file = window.location().protocol().is_ok_and(|p| p == "file:");
        let mut pending = Vec::new();
        for name in names {
            let Some(&name) = NAMES.iter().find(|n| *n == name) else {
                return Err(format!("no gallery scenario is called {name}"));
            };
            if text(name).is_some() {
                continue;
            }
            if let Some(t) = in_page(&window, name) {
                provide(name, t);
                continue;
            }
            pending.push((name, window.fetch_with_str(&url_of(name))));
        }
        for (name, request) in pending {
            let why = why(name, from_file);
            let resp: web_sys::Response = JsFuture::from(request)
                .await
                .map_err(&why)?
                .unchecked_into();
            if !resp.ok() {
                return Err(format!("{} answered HTTP {}", url_of(name), resp.status()));
            }
            let t = JsFuture::from(resp.text().map_err(&why)?)
                .await
                .map_err(&why)?;
            provide(name, t.as_string().unwrap_or_default());
        }
        Ok(())
    }
}
