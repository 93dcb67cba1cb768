//! `SourcePane`: the port's Rust function behind the shown step, with the
//! line that decided highlighted and a link to the same function upstream.

use super::chain;
use super::events::use_hover_reporter;
use super::source::{self, FnSpan};
use sigsim::trace::TraceStep;
use sigsim::KernelVersion;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SourcePaneProps {
    pub steps: Rc<Vec<TraceStep>>,
    pub version: KernelVersion,
    /// The current step of playback.
    pub current: usize,
    /// A step pointed at in the diagram: its function is shown instead,
    /// with the lines of every step at that node marked.
    #[prop_or_default]
    pub hover: Option<usize>,
    /// Pointer over a line that recorded a step (up to the current one):
    /// that step; over another line, or leaving, None.
    #[prop_or_default]
    pub on_hover: Callback<Option<usize>>,
}

/// What the pane shows, as plain data.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceView {
    pub file: &'static str,
    pub span: FnSpan,
    pub lines: Vec<(u32, &'static str)>,
    /// The shown step's own line.
    pub decided: u32,
    /// Lines of the hovered node's steps.
    pub marked: Vec<u32>,
    /// Line → the step recorded there (the last one up to the current).
    pub step_lines: Vec<(u32, usize)>,
    /// The upstream function: (name, Elixir URL), if it exists upstream.
    pub upstream: Option<(&'static str, String)>,
    pub upstream_file: Option<(&'static str, String)>,
}

/// The source view for `shown` (a step index) within the trace.
pub fn source_view(
    steps: &[TraceStep],
    version: KernelVersion,
    current: usize,
    shown: usize,
) -> Option<SourceView> {
    let s = steps.get(shown)?;
    let (text, span) = source::step_fn(s.file, s.line, s.func.base_name())?;
    let g = chain::graph(version);
    let node = g.node(s.func);
    let same_node = |t: &TraceStep| g.node(t.func) == node && node.is_some();
    let marked = steps
        .iter()
        .filter(|t| t.file == s.file && span.contains(t.line) && same_node(t))
        .map(|t| t.line)
        .collect();
    let mut step_lines: Vec<(u32, usize)> = Vec::new();
    for (i, t) in steps.iter().enumerate().take(current.max(shown) + 1) {
        if t.file == s.file && span.contains(t.line) {
            step_lines.retain(|(l, _)| *l != t.line);
            step_lines.push((t.line, i));
        }
    }
    let upstream = node
        .filter(|&n| g.exists_upstream(n))
        .map(|n| (g.nodes[n].name, g.elixir_ident_url(n)));
    let upstream_file = node
        .filter(|&n| g.exists_upstream(n))
        .map(|n| (g.nodes[n].file, g.elixir_source_url(n)));
    Some(SourceView {
        file: source::canonical_path(s.file).unwrap_or(s.file),
        lines: source::span_lines(text, &span),
        span,
        decided: s.line,
        marked,
        step_lines,
        upstream,
        upstream_file,
    })
}

#[function_component(SourcePane)]
pub fn source_pane(props: &SourcePaneProps) -> Html {
    let hover = use_hover_reporter(props.on_hover.clone());
    let w = &crate::words::use_words().path;
    let steps: &[TraceStep] = &props.steps;
    let current = props.current.min(steps.len().saturating_sub(1));
    let shown = props.hover.filter(|&h| h < steps.len()).unwrap_or(current);
    let view = source_view(steps, props.version, current, shown);
    let body = use_node_ref();
    {
        // Keep the deciding line in view, without scrolling the page.
        let body = body.clone();
        let at = view.as_ref().map(|v| (v.file, v.decided));
        let frame = use_mut_ref(|| None::<super::events::ScrollFrame>);
        use_effect_with(at, move |_| {
            *frame.borrow_mut() = super::events::scroll_to_middle(body, ".cc-src-decided");
        });
    }
    // In the browser the port's files are loaded on first use (see
    // `source`): until then, say so; if they cannot be, say why.
    let missing = steps
        .get(shown)
        .map(|s| s.file)
        .filter(|f| source::canonical_path(f).is_some() && source::file_text(f).is_none());
    let load_error = use_state(|| None::<String>);
    let loaded = use_state(|| 0u32);
    {
        let (load_error, loaded) = (load_error.clone(), loaded.clone());
        use_effect_with(missing, move |missing| {
            #[cfg(target_arch = "wasm32")]
            if let Some(file) = *missing {
                wasm_bindgen_futures::spawn_local(async move {
                    match source::load(file).await {
                        Ok(()) => loaded.set(*loaded + 1),
                        Err(e) => load_error.set(Some(e)),
                    }
                });
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (missing, load_error, loaded);
        });
    }
    if let Some(file) = missing {
        let text = match &*load_error {
            None => (w.source_loading)(file),
            Some(e) => (w.source_failed)(e),
        };
        return html! {
            <section class="cc-source" aria-label={w.source}>
                <p class="cc-source-empty" aria-live="polite">{ text }</p>
            </section>
        };
    }
    let Some(v) = view else {
        return html! {
            <section class="cc-source" aria-label={w.source}>
                <p class="cc-source-empty">{ w.source_none }</p>
            </section>
        };
    };
    let step = &steps[shown];
    let hovering = props.hover.is_some() && shown != current;
    html! {
        <section class={classes!("cc-source", hovering.then_some("cc-source-hovering"))}
            aria-label={(w.source_of)(step.name(), &format!("{}:{}", v.file, v.decided))}>
            <header class="cc-source-head">
                <div class="cc-source-title">
                    <code class="cc-source-fn">{ format!("fn {}", v.span.name) }</code>
                    <code class="cc-source-file">{ format!("{}:{}–{}", v.file, v.span.start, v.span.end) }</code>
                </div>
                <div class="cc-source-links">
                    if let Some((name, url)) = &v.upstream {
                        <a href={url.clone()} target="_blank" rel="noopener noreferrer"
                            title={(w.upstream_title)(name, props.version.tree())}>
                            { (w.upstream)(name, props.version.tree()) }
                        </a>
                    } else {
                        <span class="cc-source-none">{ (w.not_in)(&props.version.to_string()) }</span>
                    }
                    if let Some((file, url)) = &v.upstream_file {
                        <a href={url.clone()} target="_blank" rel="noopener noreferrer"><code>{ file }</code>{ " ↗" }</a>
                    }
                </div>
            </header>
            // Focusable, so that a keyboard can scroll it.
            <pre class="cc-source-body" ref={body} tabindex="0" aria-label={w.source_body} onmouseover={hover.mouse_over}
                onmouseleave={hover.mouse_leave}><code>
                { for v.lines.iter().map(|&(no, text)| {
                    let step_here = v.step_lines.iter().find(|(l, _)| *l == no).map(|(_, i)| *i);
                    let class = classes!(
                        "cc-src-line",
                        source::is_comment(text).then_some("cc-src-comment"),
                        (no == v.decided).then_some("cc-src-decided"),
                        (hovering && v.marked.contains(&no)).then_some("cc-src-marked"),
                        step_here.is_some().then_some("cc-src-step")
                    );
                    html! {
                        <span key={no} class={class} data-line={no.to_string()}
                            data-step={step_here.map(|i| i.to_string())}>
                            <span class="cc-src-no" aria-hidden="true">{ no }</span>
                            <span class="cc-src-text">{ text }</span>
                            { "\n" }
                        </span>
                    }
                }) }
            </code></pre>
        </section>
    }
}
