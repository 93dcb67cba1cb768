//! What the marks on a process mean.

use yew::prelude::*;

/// Static markup, kept as one string: as `html!` it compiled to ~5 KB of
/// wasm that only rebuilt the same nodes.
const LEGEND_HTML: &str = concat!(
    r#"<section class="panel legend" aria-labelledby="legend-title">"#,
    r#"<h2 class="section-title" id="legend-title">Legend</h2><dl>"#,
    r#"<dt><span class="pid-chain">PID 1 · 3</span></dt>"#,
    r#"<dd>its PID in its own namespace, then in each parent up to the host</dd>"#,
    r#"<dt><span class="badge role">ns init</span></dt>"#,
    r#"<dd>PID 1 of a namespace (SIGNAL_UNKILLABLE): it drops every signal it has no handler for — except SIGKILL and SIGSTOP sent from an ancestor namespace or by the kernel. Its death empties its namespace.</dd>"#,
    r#"<dt><span class="badge caught"><span class="badge-kind">catch </span>TERM</span></dt>"#,
    r#"<dd>a handler is installed for the signal</dd>"#,
    r#"<dt><span class="badge ignored"><span class="badge-kind">ign </span>PIPE</span></dt>"#,
    r#"<dd>the signal is ignored (SIG_IGN)</dd>"#,
    r#"<dt><span class="badge blocked"><span class="badge-kind">blk </span>USR1</span></dt>"#,
    r#"<dd>blocked by sigprocmask: it waits, pending</dd>"#,
    r#"<dt><span class="badge pending"><span class="badge-kind">pend </span>USR1</span></dt>"#,
    r#"<dd>queued, not yet taken</dd>"#,
    r#"<dt><span class="badge sender">sender</span></dt>"#,
    r#"<dd>makes the calls; any running process can (“send from here”), or the kernel</dd>"#,
    r#"<dt><span class="state running">running</span> <span class="state stopped">stopped</span></dt>"#,
    r#"<dd>alive; a stopped process takes only SIGKILL and SIGCONT</dd>"#,
    r#"<dt><span class="state zombie">zombie</span> <span class="state dead">dead</span></dt>"#,
    r#"<dd>exited: waiting for its parent’s wait(), or reaped</dd>"#,
    r#"<dt><span class="tagline-mono">group · session</span></dt>"#,
    r#"<dd>its process group and session, as the leader’s PID inside its own namespace (“outside”: the leader has no PID there)</dd>"#,
    r#"</dl></section>"#,
);

#[function_component(Legend)]
pub fn legend() -> Html {
    Html::from_html_unchecked(AttrValue::Static(LEGEND_HTML))
}
