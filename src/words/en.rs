//! English: every word of the page (see [`super`]).

use super::*;
use crate::call_chain::chain::{
    BEFORE_612, COPIES_SIGINFO, SINCE_510, SINCE_61, SINCE_612, V419, V510, V61, V618, V72,
};
use crate::lesson::{Choice, Did};
use crate::palette;
use crate::palette::short;
use crate::replay::CannotAct;
use crate::send::{DropTarget, Sender};
use sigsim::scenario::{Disposition, GroupSpec};

pub static WORDS: Words = Words {
    lang: Lang::En,
    app: AppWords {
        title: "sigscope — signals across PID namespaces",
        skip_to_tree: "Skip to the namespace tree",
        tagline: "What the Linux kernel really does with a signal across PID namespaces",
        send_region: "Send a signal",
        details_region: "Details",
        the_kernel: "the kernel",
        opening: |n| match n {
            0 => "The session's world. The rest of sigscope is loading.".into(),
            1 => "The session's starting world: its action replays once the rest of sigscope has loaded.".into(),
            n => format!("The session's starting world: its {n} actions replay once the rest of sigscope has loaded."),
        },
    },
    toolbar: ToolbarWords {
        kernel: "Kernel",
        kernel_version: "Kernel version",
        kernel_option: |v| match (v, v.verified_release()) {
            (_, None) => format!("Linux {v} (source only: no {v} kernel to check on)"),
            (KernelVersion::V6_18, Some(r)) => format!("Linux {v} (checked on this machine's {r})"),
            (_, Some(r)) => format!("Linux {v} (checked on {r}, in qemu)"),
        },
        undo: "Undo",
        undo_title: "Undo (Ctrl+Z)",
        redo: "Redo",
        redo_title: "Redo (Ctrl+Shift+Z or Ctrl+Y)",
        reset: "Reset",
        copy_link: "Copy link",
        link_copied: "Link copied",
        share: "Share",
        import_export: "Import / export",
        close_import_export: "Close import / export",
        session_file: "The session as a sigscene/1 file",
        apply_json: "Apply this JSON",
        download: "Download",
        load_file: "Load a file…",
        permalink: "Permalink",
        snippet_label: "Embed this session in a page (an iframe, 16:9; README: Embedding)",
        snippet_title: "sigscope: a signal across PID namespaces, step by step",
        language: "Language",
    },
    export: ExportWords {
        script_heading: "Try it on your own kernel",
        script_intro: "A POSIX shell script that builds this world and makes these sends on your own Linux, as root (sudo sh sigscope-scenario.sh), and says what happened: what `sigsim script` prints for this session.",
        download_script: "Download as a shell script",
        copy_script: "Copy the script",
        script_copied: "Script copied",
        cannot_script: "A shell script cannot express this scenario:",
        cannot_script_more: "(The README, under “Try it on your own kernel”, and docs/script.md list what a script cannot express, and why.)",
        pictures_heading: "Pictures",
        pictures_intro: "The tree and the kernel path at the current step, in this theme and language, for slides and handouts.",
        tree_svg: "Tree as SVG",
        tree_png: "Tree as PNG",
        path_svg: "Kernel path as SVG",
        path_png: "Kernel path as PNG",
        no_path: "The kernel path appears after a send: send a signal first.",
        picture_failed: |why| format!("The picture could not be made: {why}."),
    },
    embed: EmbedWords {
        open: "open in sigscope ↗",
        open_title: "Open this session in sigscope, in a new tab",
    },
    present: PresentWords {
        theme: "Theme",
        theme_auto: "System",
        theme_light: "Light",
        theme_dark: "Dark",
        theme_contrast: "High contrast",
        smaller: "A− (smaller text)",
        larger: "A+ (larger text)",
        scale_now: |p| format!("Text size: {p} %"),
        full_screen: "Full screen",
        leave_full_screen: "Leave full screen",
    },
    explain: ExplainWords {
        label: |l| {
            match l {
                Label::Fails(e) => e.name(),
                Label::CheckedOnly => "Checked only",
                Label::Dropped => "Dropped",
                Label::AlreadyPending => "Already pending",
                Label::Queued => "Queued",
                Label::Killed => "Killed",
                Label::Handled => "Handled",
                Label::Discarded => "Discarded",
                Label::Stopped => "Stopped",
                Label::Continued => "Continued",
                Label::Exited => "Exited",
                Label::Created => "Created",
                Label::Pending => "Pending",
                Label::Done => "Done",
            }
            .to_string()
        },
        head: |label, about| match about {
            Some(who) => format!("{label} for {who}:"),
            None => format!("{label}:"),
        },
        returns: |e| format!("the call returns {e}"),
        nothing_to_decide: "nothing to decide",
        consequence: |ns, init, killed| {
            let init = init.unwrap_or("its init");
            if killed.is_empty() {
                format!("Namespace {ns} died with its init {init}; it accepts no new process.")
            } else {
                format!(
                    "Namespace {ns} died with its init {init}: {} killed too; it accepts no new process.",
                    killed.join(", ")
                )
            }
        },
    },
    notice: NoticeWords {
        act,
        why,
        msg,
        not_done: |what| format!("Not done: {what}"),
        refused: "Refused: ",
        kernel_panic: "Kernel panic: ",
        not_kept: ". The step was not kept.",
        unsaved: |why| format!("Not saved in this browser ({why}). The link in the address bar still holds the session: copy it to keep it."),
        outcome: "Outcome",
        calls: "calls",
        returns: "returns ",
        refused_by_kernel: "refused by the kernel",
        touched: "Every process it touched",
        more_processes: |n| format!("… and {n} more processes; the tree shows each."),
        kept_link: "A link that could not be opened",
        kept_autosave: "A saved session that could not be restored",
        show_kept: "show what could not be loaded",
        copy_it: "copy it",
        discard: "discard",
        welcome_short: "Drag a signal onto a process to send it.",
    },
    log: LogWords {
        title: |n| format!("Event log ({n})"),
        empty: "No call yet. Every call and its result will be listed here.",
        path_shown: "path shown",
        show_path: "show path",
        show_earlier: |n| format!("Show earlier calls ({n} not listed)"),
        no_pid: "<no PID here>",
        aim: |a| match a {
            Aim::Everyone => "→ every process it may signal".into(),
            Aim::OwnGroup => "→ its own process group".into(),
            Aim::Process(p) => format!("→ {p}"),
            Aim::GroupOf(p) => format!("→ {p}'s process group"),
            Aim::InNamespace(ns) => format!("in {ns}"),
        },
    },
    process: ProcessWords {
        state: |s| match s {
            ProcState::Running => "running",
            ProcState::Stopped => "stopped",
            ProcState::Zombie => "zombie",
            ProcState::Dead => "dead",
        },
        effect: |e| match e {
            Effect::Created => "created".into(),
            Effect::Killed(s) => format!("killed by {s}"),
            Effect::Exited(code) => format!("exited ({code})"),
            Effect::Stopped => "stopped".into(),
            Effect::Continued => "continued".into(),
            Effect::Handled { sig, si_pid, .. } => {
                format!("{} handler ran · si_pid {si_pid}", short(*sig))
            }
            Effect::Pending(s) => format!("{} pending", short(*s)),
            Effect::Dropped(s) => format!("dropped {s}"),
            Effect::Coalesced(s) => format!("{} already pending", short(*s)),
            Effect::Refused(e) => format!("refused: {}", e.name()),
        },
        aria: |v| {
            let mut s = format!("{}, PID {}, {}", v.id, v.pid_text(), (WORDS.process.state)(v.state));
            if let Some(d) = &v.death {
                s.push_str(&format!(" ({})", (WORDS.process.effect)(d)));
            }
            match v.role {
                crate::view_model::Role::GlobalInit => s.push_str(", global init"),
                crate::view_model::Role::NamespaceInit => s.push_str(", namespace init"),
                crate::view_model::Role::Plain => {}
            }
            if v.is_sender {
                s.push_str(", sender");
            }
            s
        },
        leads_both: "leads group & session",
        leads_group: |sid| format!("leads group · session {sid}"),
        group_session: |g, sid| format!("group {g} · session {sid}"),
        outside: "outside",
        uid_meta: |uid, group| format!("uid {uid} · {group}"),
        caller_examined: |f| format!("caller, and examined by {f}"),
        caller: "caller",
        examined: |f| format!("examined by {f}"),
        global_init: "global init",
        global_init_title: "the first process of the host: PID 1 of init_pid_ns",
        ns_init: "ns init",
        ns_init_title: "PID 1 of its namespace: SIGNAL_UNKILLABLE",
        pid_title: |p| format!("PID in its own namespace first, then each parent up to the root: {p}"),
        sender: "sender",
        sender_title: "this process makes the calls",
        badge: [
            ("catch ", |s| format!("{s} has a handler")),
            ("ign ", |s| format!("{s} is ignored (SIG_IGN)")),
            ("blk ", |s| format!("{s} is blocked")),
            ("pend ", |s| format!("{s} is pending")),
        ],
        kernel_path_note: |n| format!("Kernel path: {n}"),
        what_happened: |id| format!("What happened to {id}"),
        send_from_here: "send from here",
        send_from_here_label: |id| format!("send from here: {id}"),
        its_group: "its group",
        its_group_label: |id| format!("its group: the process group of {id}"),
        its_group_title: "drop here: kill(-pgid), the whole process group",
    },
    tree: TreeWords {
        region: "PID namespaces",
        ns_region: |id, level| format!("namespace {id}, level {level}"),
        dead: "dead — accepts no process",
        init: "init: ",
        empty: "empty — its first process becomes its init",
        level: |l| format!("level {l}"),
        toggle: |open, id| format!("{} namespace {id}", if open { "Collapse" } else { "Expand" }),
        everyone: |s| format!("every process {s} may signal"),
        own_group: |s| format!("{s}'s process group"),
        show_others: |n, id| format!("Show the other {n} processes of {id}"),
        hidden: |p, n| {
            format!(
                "{p} process{} and {n} nested namespace{} hidden",
                if p == 1 { "" } else { "es" },
                if n == 1 { "" } else { "s" }
            )
        },
        the_caller: "the caller",
        compared_outside: |f, caller, level| {
            format!("{f}: {caller} has no PID at level {level} (0) — it sends from an ancestor namespace")
        },
        compared_inside: |f, caller, nr, level| {
            format!("{f}: {caller} is PID {nr} at level {level} — it sends from inside")
        },
        compared_levels: |f, level| format!("{f}: compares PID namespace levels down to level {level}"),
        preview: |p| match p {
            Preview::Call(c) => c.clone(),
            Preview::Kernel(c) => format!("kernel: {c}"),
            Preview::CannotAct(c) => cannot_act(c),
            Preview::NoProcess(p) => format!("{p} does not exist"),
            Preview::NotVisible => "not visible from here".into(),
            Preview::GroupNotVisible => "group not visible from here".into(),
            Preview::GroupIsBroadcast(c) => format!("{c} — group 1 here is the broadcast"),
            Preview::KernelSendsToOne => "the kernel sends to one process only".into(),
            Preview::OneProcessOnly(how) => format!("{} signals one process only", how.name()),
        },
    },
    editor: EditorWords {
        title: "Process",
        empty: "Click a process to edit its uid, group, handlers and mask, make it exit or delete it.",
        started: "The session has started: these are sigaction / sigprocmask calls this process makes now.",
        not_started: "Before the first send these edit the starting world.",
        close: "Close the editor",
        is_dead: |id, state, death| format!("{id} is {state} ({death})."),
        send_from_here: "Send from here",
        exit: "Exit",
        exit_global_init: "the kernel panics if the global init exits",
        delete: "Delete",
        group: "group",
        inherit: "parent’s group",
        new_group: "new group (setpgid)",
        new_session: "new session (setsid)",
        rewrite_note: "uid and group rewrite the starting world; the session replays on it.",
        handlers: "Handlers and mask. ",
        signal: "Signal",
        disposition: "Disposition",
        blocked: "Blocked",
        dispositions: ["default", "ignore", "catch"],
        disposition_of: |s| format!("{s} disposition"),
        block_of: |s| format!("block {s}"),
    },
    sender: SenderWords {
        title: "Sender",
        running: |name, ns, pids| format!("{name} — in {ns}, PID {pids}"),
        kernel: "the kernel (SEND_SIG_PRIV)",
        how: "How to send",
    },
    palette: PaletteWords {
        title: "Signals",
        in_hand: " in hand — drop it on a process, or Tab to one and press Enter. Esc puts it back.",
        drag: "Drag a signal onto a process — ",
        drag_sends: " sends it. Or pick one, then a target, then Enter.",
        rt_label: "n of SIGRTMIN+n",
        action: |a| match a {
            DefaultAction::Terminate => "terminate",
            DefaultAction::Core => "core dump",
            DefaultAction::Stop => "stop",
            DefaultAction::Continue => "continue",
            DefaultAction::Ignore => "ignore",
        },
        chip_title: |name, nr, action, kernel_only| {
            if kernel_only {
                format!("{name} ({nr}): default action {action}; it cannot be caught, ignored or blocked")
            } else {
                format!("{name} ({nr}): default action {action}")
            }
        },
    },
    builder: BuilderWords {
        title: "Build the world",
        add_process: "Add a process",
        name: "name",
        optional: "optional",
        parent: "parent",
        namespace: "namespace",
        parent_in: |p, n| format!("{p} (in {n})"),
        ns_level: |n, l| format!("{n} (level {l})"),
        fork: || "The parent calls fork().".into(),
        clone_newpid: |ns| format!("The parent calls clone(CLONE_NEWPID): it becomes the init of {ns}."),
        setns: |ns| format!("The parent calls setns({ns}) + fork(), as docker exec does."),
        spawn_action: " It is a spawn action: the kernel decides.",
        add_process_button: "Add process",
        add_namespace: "Add a namespace (a container)",
        under: "under",
        add_namespace_button: "Add namespace",
        empty: "Empty:",
        remove: |n| format!("remove {n}"),
    },
    legend_html: concat!(
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
    ),
    lesson: LessonWords {
        region: "Lesson",
        step_of: |i, n| format!("Step {i} of {n}"),
        offered: |n| format!("This scenario comes with a lesson of {n} steps."),
        start: "Start the lesson",
        close: "Close the lesson",
        not_the_step: |did| format!("That was not this step: {did}. Undo it, or try the step below."),
        did: |d| match d {
            Did::Send { sig, target, from } => {
                let to = match target {
                    DropTarget::Process(p) => p.clone(),
                    DropTarget::Everyone => "everyone (kill -1)".into(),
                    DropTarget::OwnGroup => "its own group (kill 0)".into(),
                    DropTarget::GroupOf(p) => format!("the group of {p}"),
                };
                let from = match from {
                    Sender::Kernel => "the kernel".to_string(),
                    Sender::Process(p) => p.clone(),
                };
                format!("you sent {} to {to} from {from}", palette::name(*sig))
            }
            Did::Set { id, sig, disposition } => format!(
                "you set {} on {id} to “{}”",
                palette::name(*sig),
                match disposition {
                    Disposition::Default => "default",
                    Disposition::Ignore => "ignore",
                    Disposition::Catch => "catch",
                }
            ),
            Did::Exit(id) => format!("{id} exited"),
            Did::Undo => "you undid an edit".into(),
            Did::Other => "you changed the world".into(),
        },
        steps: "Steps",
        done_title: "Lesson done",
        summary: |d, n| format!("{d} of {n} steps done."),
        score: |r, n| format!("Predictions: {r} of {n} right."),
        decided_in: "decided in",
        predict_first: "Predict first",
        predict_first_title: "Before a send shows, choose what the kernel will do",
        again: "Start again",
    },
    predict: PredictWords {
        region: "Your prediction",
        ask_one: "Predict first: what will the kernel do?",
        ask_group: "Predict first: which processes die?",
        choice: |c| match c {
            Choice::Dropped => "Dropped",
            Choice::Handled => "Handled",
            Choice::Killed => "Killed",
            Choice::Stopped => "Stopped",
            Choice::Eperm => "EPERM",
            Choice::Esrch => "ESRCH",
            Choice::Other => "Something else (pending, continued…)",
        },
        show: "Show me",
        skip: "Don’t send",
        pick_first: "Choose an outcome first.",
        right: "Right!",
        wrong: |g| format!("Not quite: you said {g}."),
        none_die: "none",
        right_mark: "✓ right",
        wrong_mark: "✗ wrong",
    },
    path: PathWords {
        title: "Kernel path",
        empty: "Send a signal: its path through the kernel, from kill to where its fate was sealed, plays here step by step.",
        title_of: |send, v| format!("Kernel path of {send} — Linux {v}"),
        truncated: |all, shown| format!("This call took {all} steps in the kernel; the first {shown} are shown. `sigsim --trace` prints them all."),
        compare_with: "Compare with…",
        compare_label: "Compare with an earlier send",
        send_another: "(send another signal first)",
        nothing: "nothing",
        player: "What the kernel did with this signal",
        playback: "Playback of the kernel path",
        pause: "Pause",
        replay: "Replay from the first step",
        play: "Play",
        first: ("First step", "First step (Home)"),
        back: ("Step back", "Step back (←)"),
        forward: ("Step forward", "Step forward (→)"),
        last: ("Last step", "Last step (End)"),
        space: " (Space)",
        deciding: "deciding step",
        jump: |seal| format!("Jump to the deciding step: {seal}"),
        jump_title: "Jump to the step that sealed the signal's fate",
        speed: "Speed",
        speed_label: "Playback speed",
        no_steps: "no steps",
        step_of: |i, n| format!("step {i} of {n}"),
        held: " — paused where the fate was sealed; Play goes on",
        deciding_of: |i, n, seal| format!("Deciding step, {i} of {n}: {seal}"),
        last_of: |i, n| format!("Last step, {i} of {n}"),
        verdict: |v| v.label().to_string(),
        seal: |v| match v {
            Verdict::Fails(e) => format!("{} here", e.name()),
            Verdict::Dropped => "dropped here".into(),
            Verdict::Coalesced => "coalesced here".into(),
            Verdict::Probe => "probe: nothing sent".into(),
            Verdict::Queued => "queued".into(),
            Verdict::Fatal => "fatal to the group".into(),
            Verdict::Handled => "handled".into(),
            Verdict::Discarded => "discarded here".into(),
            Verdict::Stopped => "stopped here".into(),
            Verdict::Continued => "continued".into(),
            Verdict::Killed => "killed".into(),
            Verdict::Exited => "exited".into(),
            Verdict::Created => "created".into(),
        },
        after_the_call: "after the call returned",
        map_whole: "Show the whole map",
        map_fold: "Show only the path taken",
        after_prefix: "after the call: ",
        not_on_path: "not on this path",
        paths_part: "paths part here ▸",
        edge: |l| match l {
            EdgeLabel::Args(a) => a,
            EdgeLabel::Then => "then",
            EdgeLabel::NamespaceEmpty => "namespace empty",
        },
        sealed: "Sealed: ",
        call_graph: "call graph",
        diagram: |v, tree, i, n| format!("Kernel call path, Linux {v} ({tree}): step {i} of {n}"),
        seal_at: |t, f, i| format!("{t} at {f} (step {i})"),
        levels: "levels",
        sender: "sender",
        target: "target",
        steps: "Steps of the kernel path",
        notes_more: " · * notes",
        notes,
        names: |v| match v {
            KernelVersion::V6_18 => {
                "send_signal → send_signal_locked and __send_signal → __send_signal_locked since {locked_rename}; \
                 kill_pid_info is a wrapper around kill_pid_info_type since {kill_pid_info_type}"
            }
            KernelVersion::V5_10 => {
                "the blog's chain: prepare_kill_siginfo (since {prepare_kill_siginfo}), the kill_proc_info hop (since {kill_proc_info_hop}), \
                 send_signal and __send_signal (renamed *_locked in {locked_rename})"
            }
            KernelVersion::V6_1 => {
                "6.1.192: send_signal_locked and __send_signal_locked (since {locked_rename}), still kill_pid_info alone \
                 (kill_pid_info_type came in {kill_pid_info_type}); the sender is hidden on a copy of the siginfo"
            }
            KernelVersion::V6_12 => {
                "6.12.118: send_signal_locked and __send_signal_locked (since {locked_rename}); kill_pid_info is a wrapper around \
                 kill_pid_info_type since {kill_pid_info_type}; the sender is hidden on a copy of the siginfo"
            }
            KernelVersion::V7_2 => {
                "7.2.13: the names of 6.12 (send_signal_locked, kill_pid_info_type); pidfd_send_signal's body is do_pidfd_send_signal; \
                 the sender is hidden on a copy of the siginfo"
            }
            KernelVersion::V4_19 => {
                "no prepare_kill_siginfo ({prepare_kill_siginfo}) and no kill_proc_info hop ({kill_proc_info_hop}); \
                 send_signal computes from_ancestor_ns, not force"
            }
        },
        first_send: "first send",
        second_send: "second send",
        call_over: "nothing more: the call is over",
        same: "The two paths are the same, step for step.",
        at_step: |p, x, y| match (x, y) {
            (Some(x), Some(y)) if x == y => format!("step {p}, {x}"),
            (Some(x), Some(y)) => format!("step {p} ({x} / {y})"),
            (Some(x), None) | (None, Some(x)) => format!("step {p}, {x}"),
            (None, None) => format!("step {p}"),
        },
        part: |at, a, da, b, db| format!("The paths part at {at}. {}: {da}. {}: {db}.", capitalized(a), capitalized(b)),
        origin: |i, f, key, va, a, vb, b| format!(" The difference was decided at step {i}, in {f}: {key} is {va} {a}, {vb} {b}."),
        steps_of: |l| format!("Steps of {l}"),
        compare: |a, b| format!("Compare: {a} and {b}"),
        both: |v, summary| format!("Both paths, Linux {v}: {summary}"),
        source_loading: |file| format!("Loading the port's source ({file})…"),
        source_failed: |e| format!(
            "The port's source could not be loaded ({e}). It ships with the page, in its port/ folder, \
             and is fetched when first shown: open the page over http(s) — browsers refuse it from file:// — \
             or open sigscope-offline.html, which carries it."
        ),
        source: "Port source",
        source_none: "No step to show.",
        source_of: |f, at| format!("Port source of {f} ({at})"),
        upstream_title: |name, tree| format!("{name} in Linux {tree} on Bootlin Elixir"),
        upstream: |name, tree| format!("upstream: {name} in {tree} ↗"),
        not_in: |v| format!("not in Linux {v}"),
        source_body: "The port's source",
    },
    gallery: GalleryWords {
        open: "Gallery",
        open_title: "Situations to walk a class through, grouped by the question they answer",
        myths_open: "Myths",
        myths_title: "Common misconceptions about signals, each refuted by a situation",
        heading: "Gallery",
        close: "Close",
        tab_situations: "Situations",
        tab_myths: "Myths",
        search: "Search the gallery",
        search_hint: "docker, SIGKILL, zombie…",
        loading: "Loading the gallery…",
        failed: |why| format!("The gallery could not be loaded: {why}"),
        found: |n| match n {
            1 => "1 situation".into(),
            n => format!("{n} situations"),
        },
        no_match: |q| format!("No situation matches “{q}”."),
        myths_intro: "What people often believe about signals, and what the kernel does instead. Each answer opens a situation recorded on a real kernel.",
        myth: |m| {
            use crate::gallery::Myth::*;
            match m {
                SigkillAlwaysKills => (
                    "SIGKILL always kills.",
                    "Not a namespace's init when the sender is in the same namespace: `kill -9 1` inside a container is dropped, and kill still returns 0.",
                ),
                Pid1IgnoresEverySignal => (
                    "PID 1 ignores every signal.",
                    "An init drops only the signals it leaves at their default action. A signal it catches is delivered: the container's init runs its SIGTERM handler and exits.",
                ),
                RootCanKillAnything => (
                    "Root can kill anything.",
                    "Not the global init: SIGKILL and SIGSTOP to the machine's PID 1 are dropped whoever sends them, root included.",
                ),
                ContainerInitImmuneToHost => (
                    "A container's init is immune to the host.",
                    "SIGKILL from an ancestor namespace is forced: it kills the container's init, and the kernel then kills everything else in that namespace.",
                ),
                KillMinusOneKillsTheHost => (
                    "`kill -9 -1` in a container kills the host.",
                    "kill(-1) reaches only the processes with a PID in the caller's namespace, leaving out its init and the caller: the container's other processes die, the host's keep running.",
                ),
                UnkillableMeansJustForked => (
                    "SIGNAL_UNKILLABLE marks a process that was just forked and has not called exec yet.",
                    "It marks the init of a PID namespace, in the signal_struct its threads share, and it survives exec. \u{201c}Forked, not yet exec'd\u{201d} is PF_FORKNOEXEC, a flag in another word that happens to have the same value, 0x40.",
                ),
                ForkedProcessIgnoresDefaultSignals => (
                    "A freshly forked process cannot receive a signal left at its default action.",
                    "Only an init is protected. The app that tini forks is an ordinary process: a SIGTERM at its default action kills it at once.",
                ),
                InitIgnoresSigkillAndSigstop => (
                    "SIGKILL and SIGSTOP sent to init are ignored.",
                    "Only by the global init. A container's init takes them when they are forced, from an ancestor namespace: SIGSTOP from the host stops it.",
                ),
                SigchldKillsTheChild => (
                    "SIGCHLD's default action terminates the child.",
                    "SIGCHLD goes to the parent, and its default action is to ignore it: the worker that exited stays a zombie, and its parent keeps running.",
                ),
            }
        },
        myth_mark: "Myth",
        truth_mark: "What the kernel does",
        from_the_post: "a slip of the blog post this page started from",
        see_it: |title| format!("See it: {title}"),
        question: "Question",
    },
};

/// "From the host" as it starts a sentence.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn cannot_act(c: &CannotAct) -> String {
    let id = &c.id;
    match c.state {
        None => format!("{id} does not exist"),
        Some(ProcState::Stopped) => format!("{id} is stopped and cannot make a call"),
        Some(s) => format!(
            "{id} is {} and cannot make a call",
            (WORDS.process.state)(s)
        ),
    }
}

fn act(a: &Act) -> String {
    match a {
        Act::Send(sig) => format!("send {sig}"),
        Act::SendFrom(p) => format!("send from {p}"),
        Act::SetUid { id, uid } => format!("set the uid of {id} to {uid}"),
        Act::SetGroup { id, group } => match group {
            None => format!("keep {id} in its parent's group"),
            Some(GroupSpec::New) => format!("make {id} lead a new process group (setpgid)"),
            Some(GroupSpec::Session) => format!("make {id} lead a new session (setsid)"),
        },
        Act::Exit(id) => format!("{id} calls exit(0)"),
        Act::FollowKernel(v) => format!("follow kernel {v}"),
        Act::Reset => "reset".into(),
        Act::AddNamespace { id, parent } => format!("add namespace {id} under {parent}"),
        Act::DeleteNamespace(id) => format!("delete namespace {id}"),
        Act::AddProcess { id, ns, parent } => format!("add {id} to {ns} (parent {parent})"),
        Act::Sigaction {
            id,
            sig,
            disposition,
        } => {
            let d = match disposition {
                Disposition::Default => "SIG_DFL",
                Disposition::Ignore => "SIG_IGN",
                Disposition::Catch => "a handler",
            };
            format!("sigaction({sig}, {d}) in {id}")
        }
        Act::Block { id, sig, blocked } => {
            format!(
                "{} {sig} in {id}",
                if *blocked { "block" } else { "unblock" }
            )
        }
        Act::Delete(id) => format!("delete {id}"),
        Act::Undo => "undo".into(),
        Act::Redo => "redo".into(),
        Act::Import => "import".into(),
        Act::OpenLink => "open the link".into(),
        Act::OpenPreset(name) => format!("open the gallery's “{name}”"),
    }
}

fn why(w: &Why) -> String {
    match w {
        Why::Port(m) => m.clone(),
        Why::NoProcess(id) => format!("no process {id}"),
        Why::CannotAct(c) => cannot_act(c),
        Why::ChooseAnotherSender(c) => format!("{}: choose another sender", cannot_act(c)),
        Why::KernelSendsToOne => "the kernel sends to one process: drop the signal on a process".into(),
        Why::OneProcessOnly(how) => format!(
            "{} signals one process: drop the signal on a process, or choose kill",
            how.name()
        ),
        Why::NoLongerReplays(e) => format!("the session no longer replays: {e}"),
        Why::WouldNowFail {
            actor,
            call,
            explanation,
        } => format!(
            "{actor} → {} would now fail: {}",
            call.text(Lang::En),
            explanation.sentence(Lang::En)
        ),
        Why::RootNamespace => "the root namespace holds everything; it cannot be deleted".into(),
        Why::NestedNamespace(c) => format!("namespace {c} is nested in it: delete that first"),
        Why::LivesIn(p) => format!("{p} lives in it: delete its processes first"),
        Why::CannotBlock(sig) => format!(
            "sigprocmask silently leaves {sig} out of the mask: SIGKILL and SIGSTOP cannot be blocked"
        ),
        Why::GlobalInit => {
            "the global init is the ancestor of every process; it cannot be deleted".into()
        }
        Why::ParentOf { id, children } => {
            format!("{id} is the parent of {}: delete those first", children.join(", "))
        }
        Why::StillUsed(e) => format!("the session still uses it ({e})"),
        Why::EarlierNoLongerReplays(e) => format!(
            "the earlier session no longer replays ({e}); it was dropped from the undo history"
        ),
        Why::NoEarlierPoint(e) => format!("no earlier point of this session replays ({e})"),
        Why::NotASigsceneFile(e) => format!("not a sigscene/1 file: {e}"),
        Why::NoSuchPreset(_) => {
            "the gallery has no situation of that name, so the page opened as it would without it; the Gallery button lists them all".into()
        }
        Why::PresetNotLoaded(e) => format!("it could not be loaded: {e}"),
    }
}

fn msg(m: &Msg) -> String {
    match m {
        Msg::PickSignalFirst => "Pick a signal first, then a target.".into(),
        Msg::NoActionToShow => "No action to show.".into(),
        Msg::Done { what, replayed: 0 } => format!("Done: {}.", act(what)),
        Msg::Done { what, replayed } => format!(
            "Done: {}; the {replayed} action(s) of the session replayed on the new world.",
            act(what)
        ),
        Msg::BackToDefault => "Back to the default world (undo brings your session back).".into(),
        Msg::KernelSends => "The kernel now sends (SEND_SIG_PRIV, as the OOM killer does).".into(),
        Msg::NowSends(p) => format!("{p} now sends."),
        Msg::Added { id, pids } => format!("{id} added to the starting world, PID {pids}."),
        Msg::Deleted(id) => format!("Deleted {id}."),
        Msg::NothingToRedo => "Nothing to redo.".into(),
        Msg::Redone => "Redone.".into(),
        Msg::Undone => "Undone.".into(),
        Msg::UndoneSeveral { n, why } => format!(
            "Undone: the last {n} actions, since without the last one the session no longer replays ({why})."
        ),
        Msg::NothingToUndo => "Nothing to undo.".into(),
        Msg::Imported { processes, actions } => {
            format!("Imported: {processes} processes, {actions} actions.")
        }
    }
}

fn notes(f: Func) -> &'static [(u8, &'static str)] {
    match f {
        Func::Kill => &[
                (V419, "4.19 builds the SI_USER siginfo right here; prepare_kill_siginfo came in {prepare_kill_siginfo}"),
        ],
        Func::KillSomethingInfo => &[
                (V419, "4.19: pid > 0 calls kill_pid_info(find_vpid(pid)) directly — the kill_proc_info hop came in {kill_proc_info_hop}"),
        ],
        Func::KillProcInfo => &[
                (SINCE_510, "on kill(pid > 0)'s path since {kill_proc_info_hop} (the blog's chain); 4.19's kill called kill_pid_info directly"),
                (V419, "4.19: only rt_sigqueueinfo comes through here; kill(2) skips it"),
        ],
        Func::KillPidInfo => &[
                (SINCE_612, "kill_pid_info is a wrapper since {kill_pid_info_type}: the body moved to kill_pid_info_type"),
                (BEFORE_612, "split into a wrapper + kill_pid_info_type in {kill_pid_info_type}"),
        ],
        Func::KillPidInfoType => &[
                (SINCE_612, "kill_pid_info_type since {kill_pid_info_type} (“{kill_pid_info_type:title}”)"),
        ],
        Func::SendSignal => &[
                (COPIES_SIGINFO, "send_signal → send_signal_locked in {locked_rename}; hides the sender on a copy of the siginfo (stable fix “{no_shared_siginfo_rewrite:title}”)"),
                (V618, "send_signal → send_signal_locked in {locked_rename}; 6.18.44 still hides the sender on the siginfo every recipient shares (no “{no_shared_siginfo_rewrite:title}”)"),
                (V510, "renamed send_signal_locked in {locked_rename}; computes force since {force_in_send_signal}"),
                (V419, "4.19 computes from_ancestor_ns here, not force"),
        ],
        Func::SendSignalInner => &[
                (SINCE_61, "__send_signal → __send_signal_locked in {locked_rename}"),
                (V510 | V419, "renamed __send_signal_locked in {locked_rename}"),
        ],
        Func::PrepareSignal => &[
                (SINCE_61, "since {drop_after_fatal} drops a signal to a process that is already exiting (a core dump aside)"),
        ],
        Func::SigTaskIgnored => &[
                (V419, "4.19.48: no global-init SIGKILL/SIGSTOP rule ({global_init_immune:commit}: mainline {global_init_immune}, in 4.19.y from .80–.90)"),
        ],
        Func::PrepareKillSiginfo => &[
                (V510 | V61, "since {prepare_kill_siginfo} (added with pidfd_send_signal); 4.19 builds the siginfo inline in kill"),
                (SINCE_612, "takes the PID type since {kill_pid_info_type} (SI_TKILL for a thread-directed send)"),
        ],
        Func::PidfdOpen => &[
                (V419, "not in 4.19 (pidfd_open arrived in {pidfd_open}): ENOSYS"),
        ],
        Func::PidfdSendSignal => &[
                (V510 | V61, "since {prepare_kill_siginfo}; calls kill_pid_info (kill_pid_info_type since {kill_pid_info_type})"),
                (V72, "7.2 moves its body into do_pidfd_send_signal (not drawn: it decides nothing a scenario reaches), which calls kill_pid_info_type"),
        ],
        Func::DoTkill => &[
                (SINCE_612, "builds its siginfo with prepare_kill_siginfo(…, PIDTYPE_PID) since {kill_pid_info_type}"),
                (BEFORE_612, "builds its SI_TKILL siginfo inline (prepare_kill_siginfo from {kill_pid_info_type})"),
        ],
        Func::ZapPidNsProcesses => &[
                (V419, "4.19 kills with send_sig_info(SIGKILL, SEND_SIG_FORCED); since {remove_send_sig_forced} group_send_sig_info(SEND_SIG_PRIV)"),
        ],
        Func::DoNotifyParent => &[
                (SINCE_510, "sends SIGCHLD with __send_signal(…, force = false) since {sigchld_via_send_signal}"),
                (V419, "4.19 sends SIGCHLD through __group_send_sig_info → send_signal"),
        ],
        Func::SendSigInfo => &[
                (V419, "the 4.19 zap's way in: no permission check, SEND_SIG_FORCED"),
        ],
        _ => &[],
    }
}
