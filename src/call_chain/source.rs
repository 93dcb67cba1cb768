//! The port's own Rust source, shipped with the build, cut into functions.
//!
//! A trace step records `file!()` and `line!()` of the place it decided;
//! the source pane shows the port function around that line — from its
//! doc comment to its closing brace, with the real file's line numbers.
//! Rustfmt's layout is relied on: a function ends at the first line that
//! is its own indentation followed by `}`.
//!
//! Natively (tests, server-side rendering, the screenshot example) the
//! files are embedded with `include_str!`. In the browser they are not:
//! about a tenth of the bundle would be text most visits never read.
//! Trunk copies them next to the page (`index.html`, `port/`), and
//! `load` (browser only) fetches one, same-origin, the first time the pane needs it;
//! the one-file offline page (`scripts/one-file.mjs`), which may not fetch,
//! carries them inside itself and `load` reads them from there first.
//! [`provide`] hands a text in directly (the browser tests do).

/// The port's files a trace can point into, by the path `file!()` gives.
/// (`pid.rs` records no step: `alloc_pid`'s refusal is traced in `fork.rs`.)
const PATHS: &[&str] = &[
    "sigsim/src/signal.rs",
    "sigsim/src/exit.rs",
    "sigsim/src/fork.rs",
    "sigsim/src/pid_namespace.rs",
    "sigsim/src/run.rs",
];

#[cfg(not(target_arch = "wasm32"))]
fn embedded_text(path: &str) -> Option<&'static str> {
    Some(match path {
        "sigsim/src/signal.rs" => include_str!("../../sigsim/src/signal.rs"),
        "sigsim/src/exit.rs" => include_str!("../../sigsim/src/exit.rs"),
        "sigsim/src/fork.rs" => include_str!("../../sigsim/src/fork.rs"),
        "sigsim/src/pid_namespace.rs" => include_str!("../../sigsim/src/pid_namespace.rs"),
        "sigsim/src/run.rs" => include_str!("../../sigsim/src/run.rs"),
        _ => return None,
    })
}

#[cfg(target_arch = "wasm32")]
fn embedded_text(_path: &str) -> Option<&'static str> {
    None
}

thread_local! {
    /// Texts loaded at run time, by canonical path (leaked: five files,
    /// loaded at most once each).
    static LOADED: crate::loaded::Loaded = const { crate::loaded::Loaded::new() };
}

/// The text of a port file, by its `file!()` path, if it is embedded or
/// already loaded. `file!()` is relative to the workspace when the app is
/// built from it (`sigsim/src/signal.rs`) but may be longer when sigsim is
/// built as a path dependency from elsewhere (`/…/sigsim/src/signal.rs`):
/// the tail decides.
pub fn file_text(path: &str) -> Option<&'static str> {
    let p = canonical_path(path)?;
    embedded_text(p).or_else(|| LOADED.with(|l| l.get(p)))
}

/// The workspace-relative path of a port file the pane can show, by its
/// `file!()` path.
pub fn canonical_path(path: &str) -> Option<&'static str> {
    let path = path.replace('\\', "/");
    PATHS
        .iter()
        .find(|p| path == **p || path.ends_with(&format!("/{p}")))
        .copied()
}

/// The paths the pane can show.
pub fn files() -> impl Iterator<Item = &'static str> {
    PATHS.iter().copied()
}

/// Hands in the text of a port file (by `file!()` path); false if the
/// pane cannot show that file.
pub fn provide(path: &str, text: String) -> bool {
    let Some(p) = canonical_path(path) else {
        return false;
    };
    if embedded_text(p).is_none() {
        LOADED.with(|l| l.keep(p, text));
    }
    true
}

/// Where the build puts a port file, relative to the page:
/// `sigsim/src/signal.rs` → `port/signal.rs` (see `index.html`).
pub fn url_of(path: &str) -> Option<String> {
    let p = canonical_path(path)?;
    Some(format!("port/{}", p.rsplit('/').next().unwrap_or(p)))
}

/// Reads a port file from the page itself (the one-file build), or else
/// fetches it from the page's own folder, and keeps it. The error says why
/// in words: not in the page, and the fetch refused (opened from
/// `file://`), failed (offline) or not found.
#[cfg(target_arch = "wasm32")]
pub async fn load(path: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    if file_text(path).is_some() {
        return Ok(());
    }
    let url = url_of(path).ok_or_else(|| format!("{path} is not a port file"))?;
    let name = url.rsplit('/').next().unwrap_or(&url);
    let window = web_sys::window().ok_or("no window")?;
    if let Some(text) = in_page(&window, name) {
        provide(path, text);
        return Ok(());
    }
    let from_file = window.location().protocol().is_ok_and(|p| p == "file:");
    let why = |e: wasm_bindgen::JsValue| {
        let e = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the request failed".into());
        let opened = if from_file {
            " — the page was opened from file://"
        } else {
            ""
        };
        format!("{name} is not in this page, and fetching {url} failed: {e}{opened}")
    };
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(why)?
        .unchecked_into();
    if !resp.ok() {
        return Err(format!(
            "{name} is not in this page, and {url} answered HTTP {}",
            resp.status()
        ));
    }
    let text = JsFuture::from(resp.text().map_err(why)?)
        .await
        .map_err(why)?;
    provide(path, text.as_string().unwrap_or_default());
    Ok(())
}

/// The text of `<script type="text/plain" data-port="signal.rs">`, which
/// `scripts/one-file.mjs` writes into the offline page. A script element's
/// text is raw, so the script escaped what would end it early ("</" as
/// "<\/", "<!" as "<\!") and refuses files where that is ambiguous.
#[cfg(target_arch = "wasm32")]
fn in_page(window: &web_sys::Window, name: &str) -> Option<String> {
    let selector = format!("script[type=\"text/plain\"][data-port=\"{name}\"]");
    let text = window
        .document()?
        .query_selector(&selector)
        .ok()??
        .text_content()?;
    Some(text.replace("<\\/", "</").replace("<\\!", "<!"))
}

/// A function of a port file, by 1-based line numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FnSpan {
    /// The Rust function's name.
    pub name: String,
    /// First line shown: the doc comment (or attribute) above the `fn`.
    pub start: u32,
    /// The line with `fn name(`.
    pub fn_line: u32,
    /// The closing brace.
    pub end: u32,
}

impl FnSpan {
    pub fn contains(&self, line: u32) -> bool {
        (self.start..=self.end).contains(&line)
    }
}

/// The name of the function declared on this line, if one is.
fn fn_name(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("pub(crate) ")
        .or_else(|| t.strip_prefix("pub "))
        .unwrap_or(t);
    let t = t.strip_prefix("const ").unwrap_or(t);
    let rest = t.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    Some(&rest[..end])
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The span of the function declared at 0-based index `at`.
fn span_at(lines: &[&str], at: usize) -> Option<FnSpan> {
    let name = fn_name(lines[at])?.to_string();
    let closing = format!("{}}}", " ".repeat(indent(lines[at])));
    let end = (at..lines.len()).find(|&i| lines[i] == closing)?;
    let mut start = at;
    while start > 0 {
        let t = lines[start - 1].trim_start();
        if t.starts_with("///") || t.starts_with("#[") {
            start -= 1;
        } else {
            break;
        }
    }
    Some(FnSpan {
        name,
        start: start as u32 + 1,
        fn_line: at as u32 + 1,
        end: end as u32 + 1,
    })
}

/// The innermost function whose body holds `line` (1-based).
pub fn enclosing_fn(text: &str, line: u32) -> Option<FnSpan> {
    let lines: Vec<&str> = text.lines().collect();
    let at = (line as usize).checked_sub(1)?;
    if at >= lines.len() {
        return None;
    }
    (0..=at)
        .rev()
        .filter(|&i| fn_name(lines[i]).is_some())
        .filter_map(|i| span_at(&lines, i))
        .find(|s| s.contains(line))
}

/// The function named `name` in `text`.
pub fn fn_by_name(text: &str, name: &str) -> Option<FnSpan> {
    let lines: Vec<&str> = text.lines().collect();
    (0..lines.len())
        .find(|&i| fn_name(lines[i]) == Some(name))
        .and_then(|i| span_at(&lines, i))
}

/// The lines of a span, numbered as in the file.
pub fn span_lines<'a>(text: &'a str, span: &FnSpan) -> Vec<(u32, &'a str)> {
    text.lines()
        .enumerate()
        .skip(span.start as usize - 1)
        .take((span.end - span.start + 1) as usize)
        .map(|(i, l)| (i as u32 + 1, l))
        .collect()
}

/// The function a trace step was recorded in: the function around its
/// line; failing that (a file not embedded), the function of that name.
pub fn step_fn(file: &str, line: u32, func: &str) -> Option<(&'static str, FnSpan)> {
    let text = file_text(file)?;
    enclosing_fn(text, line)
        .or_else(|| fn_by_name(text, func))
        .or_else(|| fn_by_name(text, &format!("sys_{func}")))
        .map(|s| (text, s))
}

/// How a source line is drawn: comments are muted.
pub fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with("//")
}
