//! What the marks on a process mean.

use yew::prelude::*;

#[function_component(Legend)]
pub fn legend() -> Html {
    html! {
        <section class="panel legend" aria-labelledby="legend-title">
            <h2 class="section-title" id="legend-title">{"Legend"}</h2>
            <dl>
                <dt><span class="pid-chain">{"PID 1 · 3"}</span></dt>
                <dd>{"its PID in its own namespace, then in each parent up to the host"}</dd>
                <dt><span class="badge role">{"ns init"}</span></dt>
                <dd>{"PID 1 of a namespace (SIGNAL_UNKILLABLE): it drops every signal it has no handler for — except SIGKILL and SIGSTOP sent from an ancestor namespace or by the kernel. Its death empties its namespace."}</dd>
                <dt><span class="badge caught"><span class="badge-kind">{"catch "}</span>{"TERM"}</span></dt>
                <dd>{"a handler is installed for the signal"}</dd>
                <dt><span class="badge ignored"><span class="badge-kind">{"ign "}</span>{"PIPE"}</span></dt>
                <dd>{"the signal is ignored (SIG_IGN)"}</dd>
                <dt><span class="badge blocked"><span class="badge-kind">{"blk "}</span>{"USR1"}</span></dt>
                <dd>{"blocked by sigprocmask: it waits, pending"}</dd>
                <dt><span class="badge pending"><span class="badge-kind">{"pend "}</span>{"USR1"}</span></dt>
                <dd>{"queued, not yet taken"}</dd>
                <dt><span class="badge sender">{"sender"}</span></dt>
                <dd>{"makes the calls; any running process can (“send from here”), or the kernel"}</dd>
                <dt><span class="state running">{"running"}</span>{" "}<span class="state stopped">{"stopped"}</span></dt>
                <dd>{"alive; a stopped process takes only SIGKILL and SIGCONT"}</dd>
                <dt><span class="state zombie">{"zombie"}</span>{" "}<span class="state dead">{"dead"}</span></dt>
                <dd>{"exited: waiting for its parent’s wait(), or reaped"}</dd>
                <dt><span class="tagline-mono">{"group · session"}</span></dt>
                <dd>{"its process group and session, as the leader’s PID inside its own namespace (“outside”: the leader has no PID there)"}</dd>
            </dl>
        </section>
    }
}
