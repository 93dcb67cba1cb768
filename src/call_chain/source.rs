//! The port's own Rust source, embedded at build time, cut into functions.
//!
//! A trace step records `file!()` and `line!()` of the place it decided;
//! the source pane shows the port function around that line — from its
//! doc comment to its closing brace, with the real file's line numbers.
//! Rustfmt's layout is relied on: a function ends at the first line that
//! is its own indentation followed by `}`.

/// The port's files a trace can point into, by the path `file!()` gives.
/// (`pid.rs` records no step: `alloc_pid`'s refusal is traced in `fork.rs`.)
const FILES: &[(&str, &str)] = &[
    (
        "sigsim/src/signal.rs",
        include_str!("../../sigsim/src/signal.rs"),
    ),
    (
        "sigsim/src/exit.rs",
        include_str!("../../sigsim/src/exit.rs"),
    ),
    (
        "sigsim/src/fork.rs",
        include_str!("../../sigsim/src/fork.rs"),
    ),
    (
        "sigsim/src/pid_namespace.rs",
        include_str!("../../sigsim/src/pid_namespace.rs"),
    ),
    ("sigsim/src/run.rs", include_str!("../../sigsim/src/run.rs")),
];

/// The embedded text of a port file, by its `file!()` path. `file!()` is
/// relative to the workspace when the app is built from it
/// (`sigsim/src/signal.rs`) but may be longer when sigsim is built as a
/// path dependency from elsewhere (`/…/sigsim/src/signal.rs`): the tail
/// decides.
pub fn file_text(path: &str) -> Option<&'static str> {
    embedded(path).map(|(_, t)| t)
}

/// The workspace-relative path of an embedded port file (what the pane
/// shows), by its `file!()` path.
pub fn canonical_path(path: &str) -> Option<&'static str> {
    embedded(path).map(|(p, _)| p)
}

fn embedded(path: &str) -> Option<(&'static str, &'static str)> {
    let path = path.replace('\\', "/");
    FILES
        .iter()
        .find(|(p, _)| path == *p || path.ends_with(&format!("/{p}")))
        .copied()
}

/// The paths that are embedded.
pub fn files() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(p, _)| *p)
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
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
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
