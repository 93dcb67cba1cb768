//! 简体中文：页面上的每一个词（见 [`super`]）。术语取中文内核文档的
//! 习惯用法：命名空间、信号、进程、僵尸进程、孤儿进程、信号处理函数、
//! 发送者、回收；函数名、信号名与调用（`kill(3, SIGKILL)`）保持原样。

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

// Laid out by hand, one entry a line with each sentence whole, as before
// the walk-through's long markup left the catalogue.
#[rustfmt::skip]
pub static WORDS: Words = Words {
    lang: Lang::Zh,
    app: AppWords {
        title: "sigscope — 信号如何穿过 PID 命名空间",
        skip_to_tree: "跳到命名空间树",
        tagline: "Linux 内核在 PID 命名空间之间究竟如何处理一个信号",
        send_region: "发送信号",
        details_region: "详情",
        the_kernel: "内核",
        opening: |n| match n {
            0 => "这是会话的世界。sigscope 的其余部分正在加载。".into(),
            n => format!("这是会话的初始世界：sigscope 的其余部分加载完成后，将在其上重放 {n} 个操作。"),
        },
    },
    toolbar: ToolbarWords {
        kernel: "内核",
        kernel_version: "内核版本",
        kernel_option: |v| match (v, v.verified_release()) {
            (_, None) => format!("Linux {v}（仅依据源码：无法取得 {v} 内核来核对）"),
            (KernelVersion::V6_18, Some(r)) => format!("Linux {v}（已在本机的 {r} 上核对）"),
            (_, Some(r)) => format!("Linux {v}（已在 qemu 中的 {r} 上核对）"),
        },
        undo: "撤销",
        undo_title: "撤销（Ctrl+Z）",
        redo: "重做",
        redo_title: "重做（Ctrl+Shift+Z 或 Ctrl+Y）",
        reset: "重置",
        copy_link: "复制链接",
        link_copied: "链接已复制",
        share: "分享",
        import_export: "导入 / 导出",
        close_import_export: "关闭导入 / 导出",
        session_file: "本会话的 sigscene/1 文件",
        apply_json: "应用此 JSON",
        download: "下载",
        load_file: "载入文件…",
        permalink: "永久链接",
        snippet_label: "把本会话嵌入网页（iframe，16:9；见 README 的 Embedding 一节）",
        snippet_title: "sigscope：一个信号穿过 PID 命名空间的每一步",
        language: "语言",
    },
    export: ExportWords {
        script_heading: "在你自己的内核上试试",
        script_intro: "一个 POSIX shell 脚本：在你自己的 Linux 上以 root 身份（sudo sh sigscope-scenario.sh）搭建这个世界、发出这些信号，并说明发生了什么；即 `sigsim script` 为本会话打印的内容。",
        download_script: "下载为 shell 脚本",
        copy_script: "复制脚本",
        script_copied: "脚本已复制",
        cannot_script: "shell 脚本无法表达这个场景（原因如下，英文，与 sigsim script 所列相同）：",
        cannot_script_more: "（README 的 “Try it on your own kernel” 一节和 docs/script.md 列出了脚本无法表达的内容及原因。）",
        pictures_heading: "图片",
        pictures_intro: "命名空间树和当前步骤的内核路径，使用当前主题和语言，可用于幻灯片和讲义。",
        tree_svg: "树（SVG）",
        tree_png: "树（PNG）",
        path_svg: "内核路径（SVG）",
        path_png: "内核路径（PNG）",
        no_path: "发送信号之后才有内核路径：请先发送一个信号。",
        picture_failed: |why| format!("无法生成图片：{why}。"),
    },
    embed: EmbedWords {
        open: "在 sigscope 中打开 ↗",
        open_title: "在新标签页中用 sigscope 打开本会话",
    },
    present: PresentWords {
        theme: "主题",
        theme_auto: "跟随系统",
        theme_light: "浅色",
        theme_dark: "深色",
        theme_contrast: "高对比度",
        smaller: "A−（缩小文字）",
        larger: "A+（放大文字）",
        scale_now: |p| format!("文字大小：{p}%"),
        full_screen: "全屏",
        leave_full_screen: "退出全屏",
    },
    explain: ExplainWords {
        label: |l| {
            match l {
                Label::Fails(e) => e.name(),
                Label::CheckedOnly => "仅作检查",
                Label::Dropped => "被丢弃",
                Label::AlreadyPending => "已在待决",
                Label::Queued => "已入队",
                Label::Killed => "被杀死",
                Label::Handled => "已由处理函数处理",
                Label::Discarded => "被清除",
                Label::Stopped => "已停止",
                Label::Continued => "已继续运行",
                Label::Exited => "已退出",
                Label::Created => "已创建",
                Label::Pending => "待决",
                Label::Done => "完成",
            }
            .to_string()
        },
        head: |label, about| match about {
            Some(who) => format!("{label}（{who}）："),
            None => format!("{label}："),
        },
        returns: |e| format!("调用返回 {e}"),
        nothing_to_decide: "没有需要裁决的事",
        consequence: |ns, init, killed| {
            let init = init.map_or_else(|| "它的 init 进程".to_string(), |i| format!("init 进程 {i}"));
            if killed.is_empty() {
                format!("命名空间 {ns} 随{init}一同消亡，不再接纳新进程。")
            } else {
                format!(
                    "命名空间 {ns} 随{init}一同消亡：{} 也被杀死；它不再接纳新进程。",
                    killed.join("、")
                )
            }
        },
    },
    notice: NoticeWords {
        act,
        why,
        msg,
        not_done: |what| format!("未执行：{what}"),
        refused: "被拒绝：",
        kernel_panic: "内核崩溃：",
        not_kept: "。这一步没有保留。",
        unsaved: |why| format!("未能保存在本浏览器中（{why}）。地址栏里的链接仍然保存着本会话：复制它即可留存。"),
        outcome: "结果",
        calls: "调用",
        returns: "返回 ",
        refused_by_kernel: "被内核拒绝",
        touched: "它波及的每个进程",
        more_processes: |n| format!("……另有 {n} 个进程；树中逐一标出。"),
        kept_link: "一个无法打开的链接",
        kept_autosave: "一个无法恢复的已保存会话",
        show_kept: "查看无法载入的内容",
        copy_it: "复制",
        discard: "丢弃",
        welcome_short: "把一个信号拖到某个进程上即可发送。",
    },
    log: LogWords {
        title: |n| format!("事件日志（{n}）"),
        empty: "还没有调用。每次调用及其结果都会列在这里。",
        path_shown: "正在显示路径",
        show_path: "显示路径",
        show_earlier: |n| format!("显示更早的调用（{n} 条未列出）"),
        no_pid: "<此处无此 PID>",
        aim: |a| match a {
            Aim::Everyone => "→ 它有权发信号的每个进程".into(),
            Aim::OwnGroup => "→ 它自己的进程组".into(),
            Aim::Process(p) => format!("→ {p}"),
            Aim::GroupOf(p) => format!("→ {p} 的进程组"),
            Aim::InNamespace(ns) => format!("位于 {ns}"),
        },
    },
    process: ProcessWords {
        state: |s| match s {
            ProcState::Running => "运行中",
            ProcState::Stopped => "已停止",
            ProcState::Zombie => "僵尸进程",
            ProcState::Dead => "已消亡",
        },
        effect: |e| match e {
            Effect::Created => "已创建".into(),
            Effect::Killed(s) => format!("被 {s} 杀死"),
            Effect::Exited(code) => format!("已退出（{code}）"),
            Effect::Stopped => "已停止".into(),
            Effect::Continued => "已继续运行".into(),
            Effect::Handled { sig, si_pid, .. } => {
                format!("{} 处理函数已运行 · si_pid {si_pid}", short(*sig))
            }
            Effect::Pending(s) => format!("{} 待决", short(*s)),
            Effect::Dropped(s) => format!("{s} 被丢弃"),
            Effect::Coalesced(s) => format!("{} 已在待决", short(*s)),
            Effect::Refused(e) => format!("被拒绝：{}", e.name()),
        },
        aria: |v| {
            let mut s = format!("{}，PID {}，{}", v.id, v.pid_text(), (WORDS.process.state)(v.state));
            if let Some(d) = &v.death {
                s.push_str(&format!("（{}）", (WORDS.process.effect)(d)));
            }
            match v.role {
                crate::view_model::Role::GlobalInit => s.push_str("，全局 init 进程"),
                crate::view_model::Role::NamespaceInit => s.push_str("，命名空间的 init 进程"),
                crate::view_model::Role::Plain => {}
            }
            if v.is_sender {
                s.push_str("，发送者");
            }
            s
        },
        leads_both: "进程组与会话的首进程",
        leads_group: |sid| format!("进程组首进程 · 会话 {sid}"),
        group_session: |g, sid| format!("进程组 {g} · 会话 {sid}"),
        outside: "在外部",
        uid_meta: |uid, group| format!("uid {uid} · {group}"),
        caller_examined: |f| format!("调用者，且由 {f} 检查"),
        caller: "调用者",
        examined: |f| format!("由 {f} 检查"),
        global_init: "全局 init",
        global_init_title: "宿主机的第一个进程：init_pid_ns 中的 1 号进程",
        ns_init: "命名空间 init",
        ns_init_title: "所在命名空间的 1 号进程：SIGNAL_UNKILLABLE",
        pid_title: |p| format!("先是它在自己命名空间中的 PID，再依次是各级父命名空间直到根：{p}"),
        sender: "发送者",
        sender_title: "由这个进程发起调用",
        badge: [
            ("捕获 ", |s| format!("{s} 装有信号处理函数")),
            ("忽略 ", |s| format!("{s} 被忽略（SIG_IGN）")),
            ("阻塞 ", |s| format!("{s} 被阻塞")),
            ("待决 ", |s| format!("{s} 处于待决状态")),
        ],
        kernel_path_note: |n| format!("内核路径：{n}"),
        what_happened: |id| format!("{id} 发生了什么"),
        send_from_here: "从这里发送",
        send_from_here_label: |id| format!("从这里发送：{id}"),
        its_group: "它的进程组",
        its_group_label: |id| format!("它的进程组：{id} 所在的进程组"),
        its_group_title: "拖到这里：kill(-pgid)，发给整个进程组",
    },
    tree: TreeWords {
        region: "PID 命名空间",
        ns_region: |id, level| format!("命名空间 {id}，第 {level} 层"),
        dead: "已消亡——不再接纳任何进程",
        init: "init 进程：",
        empty: "空——第一个进程将成为它的 init",
        level: |l| format!("第 {l} 层"),
        toggle: |open, id| format!("{}命名空间 {id}", if open { "折叠" } else { "展开" }),
        everyone: |s| format!("{s} 有权发信号的每个进程"),
        own_group: |s| format!("{s} 的进程组"),
        show_others: |n, id| format!("显示 {id} 的其余 {n} 个进程"),
        hidden: |p, n| format!("已隐藏 {p} 个进程和 {n} 个嵌套命名空间"),
        the_caller: "调用者",
        compared_outside: |f, caller, level| {
            format!("{f}：{caller} 在第 {level} 层没有 PID（0）——它从祖先命名空间发送")
        },
        compared_inside: |f, caller, nr, level| {
            format!("{f}：{caller} 在第 {level} 层的 PID 是 {nr}——它从命名空间内部发送")
        },
        compared_levels: |f, level| format!("{f}：逐层比较 PID 命名空间，直到第 {level} 层"),
        preview: |p| match p {
            Preview::Call(c) => c.clone(),
            Preview::Kernel(c) => format!("内核：{c}"),
            Preview::CannotAct(c) => cannot_act(c),
            Preview::NoProcess(p) => format!("{p} 不存在"),
            Preview::NotVisible => "从这里看不到它".into(),
            Preview::GroupNotVisible => "从这里看不到这个进程组".into(),
            Preview::GroupIsBroadcast(c) => format!("{c}——这里的 1 号进程组就是广播"),
            Preview::KernelSendsToOne => "内核只向单个进程发送".into(),
            Preview::OneProcessOnly(how) => format!("{} 只能发给单个进程", how.name()),
        },
    },
    editor: EditorWords {
        title: "进程",
        empty: "点击一个进程，即可编辑它的 uid、进程组、信号处理函数和信号掩码，或让它退出、删除它。",
        started: "会话已经开始：以下改动是这个进程此刻发起的 sigaction / sigprocmask 调用。",
        not_started: "在第一次发送之前，这些改动直接修改初始世界。",
        close: "关闭编辑器",
        is_dead: |id, state, death| format!("{id} 的状态：{state}（{death}）。"),
        send_from_here: "从这里发送",
        exit: "退出",
        exit_global_init: "全局 init 进程退出会导致内核崩溃",
        delete: "删除",
        group: "进程组",
        inherit: "父进程的进程组",
        new_group: "新进程组（setpgid）",
        new_session: "新会话（setsid）",
        rewrite_note: "uid 与进程组的改动会重写初始世界，会话随后在其上重放。",
        handlers: "信号处理与掩码。",
        signal: "信号",
        disposition: "处置方式",
        blocked: "阻塞",
        dispositions: ["默认", "忽略", "捕获"],
        disposition_of: |s| format!("{s} 的处置方式"),
        block_of: |s| format!("阻塞 {s}"),
    },
    sender: SenderWords {
        title: "发送者",
        running: |name, ns, pids| format!("{name}——位于 {ns}，PID {pids}"),
        kernel: "内核（SEND_SIG_PRIV）",
        how: "发送方式",
    },
    palette: PaletteWords {
        title: "信号",
        in_hand: " 已拿起——把它放到一个进程上，或用 Tab 移到某个进程再按 Enter。按 Esc 放回。",
        drag: "把信号拖到一个进程上——由 ",
        drag_sends: " 发送。也可以先选一个信号，再选目标，然后按 Enter。",
        rt_label: "SIGRTMIN+n 中的 n",
        action: |a| match a {
            DefaultAction::Terminate => "终止",
            DefaultAction::Core => "核心转储",
            DefaultAction::Stop => "停止",
            DefaultAction::Continue => "继续",
            DefaultAction::Ignore => "忽略",
        },
        chip_title: |name, nr, action, kernel_only| {
            if kernel_only {
                format!("{name}（{nr}）：默认动作为{action}；它不能被捕获、忽略或阻塞")
            } else {
                format!("{name}（{nr}）：默认动作为{action}")
            }
        },
    },
    builder: BuilderWords {
        title: "构建世界",
        add_process: "添加进程",
        name: "名称",
        optional: "可选",
        parent: "父进程",
        namespace: "命名空间",
        parent_in: |p, n| format!("{p}（位于 {n}）"),
        ns_level: |n, l| format!("{n}（第 {l} 层）"),
        fork: || "父进程调用 fork()。".into(),
        clone_newpid: |ns| format!("父进程调用 clone(CLONE_NEWPID)：新进程成为 {ns} 的 init 进程。"),
        setns: |ns| format!("父进程调用 setns({ns}) + fork()，与 docker exec 的做法相同。"),
        spawn_action: "它会成为会话中的一个动作：由内核裁决。",
        add_process_button: "添加进程",
        add_namespace: "添加命名空间（一个容器）",
        under: "上级",
        add_namespace_button: "添加命名空间",
        empty: "空命名空间：",
        remove: |n| format!("移除 {n}"),
    },
    legend_html: concat!(
        r#"<section class="panel legend" aria-labelledby="legend-title">"#,
        r#"<h2 class="section-title" id="legend-title">图例</h2><dl>"#,
        r#"<dt><span class="pid-chain">PID 1 · 3</span></dt>"#,
        r#"<dd>先是它在自己命名空间中的 PID，再依次是各级父命名空间直到宿主机</dd>"#,
        r#"<dt><span class="badge role">命名空间 init</span></dt>"#,
        r#"<dd>命名空间的 1 号进程（SIGNAL_UNKILLABLE）：凡是它没有装处理函数的信号，一律丢弃——只有从祖先命名空间或由内核发出的 SIGKILL 和 SIGSTOP 例外。它一死，整个命名空间随之清空。</dd>"#,
        r#"<dt><span class="badge caught"><span class="badge-kind">捕获 </span>TERM</span></dt>"#,
        r#"<dd>为该信号安装了信号处理函数</dd>"#,
        r#"<dt><span class="badge ignored"><span class="badge-kind">忽略 </span>PIPE</span></dt>"#,
        r#"<dd>该信号被忽略（SIG_IGN）</dd>"#,
        r#"<dt><span class="badge blocked"><span class="badge-kind">阻塞 </span>USR1</span></dt>"#,
        r#"<dd>被 sigprocmask 阻塞：它处于待决状态，等待解除阻塞</dd>"#,
        r#"<dt><span class="badge pending"><span class="badge-kind">待决 </span>USR1</span></dt>"#,
        r#"<dd>已入队，尚未被取走</dd>"#,
        r#"<dt><span class="badge sender">发送者</span></dt>"#,
        r#"<dd>发起调用的一方；任何运行中的进程都可以（“从这里发送”），内核也可以</dd>"#,
        r#"<dt><span class="state running">运行中</span> <span class="state stopped">已停止</span></dt>"#,
        r#"<dd>存活；已停止的进程只接收 SIGKILL 和 SIGCONT</dd>"#,
        r#"<dt><span class="state zombie">僵尸进程</span> <span class="state dead">已消亡</span></dt>"#,
        r#"<dd>已退出：在等父进程调用 wait()，或已被回收</dd>"#,
        r#"<dt><span class="tagline-mono">进程组 · 会话</span></dt>"#,
        r#"<dd>它的进程组和会话，以首进程在其自身命名空间中的 PID 表示（“在外部”：首进程在那里没有 PID）</dd>"#,
        r#"</dl></section>"#,
    ),
    lesson: LessonWords {
        region: "课程",
        step_of: |i, n| format!("第 {i} 步，共 {n} 步"),
        offered: |n| format!("这个场景附带一节 {n} 步的课程。"),
        start: "开始课程",
        close: "关闭课程",
        not_the_step: |did| format!("这不是这一步：{did}。撤销它，或者按下面这一步再试。"),
        did: |d| match d {
            Did::Send { sig, target, from } => {
                let to = match target {
                    DropTarget::Process(p) => p.clone(),
                    DropTarget::Everyone => "所有进程（kill -1）".into(),
                    DropTarget::OwnGroup => "自己的进程组（kill 0）".into(),
                    DropTarget::GroupOf(p) => format!("{p} 所在的进程组"),
                };
                let from = match from {
                    Sender::Kernel => "内核".to_string(),
                    Sender::Process(p) => p.clone(),
                };
                format!("你从 {from} 向 {to} 发送了 {}", palette::name(*sig))
            }
            Did::Set {
                id,
                sig,
                disposition,
            } => format!(
                "你把 {id} 的 {} 设为“{}”",
                palette::name(*sig),
                match disposition {
                    Disposition::Default => "默认",
                    Disposition::Ignore => "忽略",
                    Disposition::Catch => "捕获",
                }
            ),
            Did::Exit(id) => format!("{id} 退出了"),
            Did::Undo => "你撤销了一次编辑".into(),
            Did::Other => "你修改了这个世界".into(),
        },
        steps: "步骤",
        done_title: "课程完成",
        summary: |d, n| format!("完成了 {n} 步中的 {d} 步。"),
        score: |r, n| format!("预测：{n} 次中答对 {r} 次。"),
        decided_in: "裁定于",
        predict_first: "先预测",
        predict_first_title: "在发送的结果显示之前，先选择内核会怎么做",
        again: "重新开始",
    },
    predict: PredictWords {
        region: "你的预测",
        ask_one: "先预测：内核会怎么做？",
        ask_group: "先预测：哪些进程会死？",
        choice: |c| match c {
            Choice::Dropped => "被丢弃",
            Choice::Handled => "被处理",
            Choice::Killed => "被杀死",
            Choice::Stopped => "被暂停",
            Choice::Eperm => "EPERM",
            Choice::Esrch => "ESRCH",
            Choice::Other => "其他（挂起、继续……）",
        },
        show: "揭晓",
        skip: "不发送",
        pick_first: "请先选择一个结果。",
        right: "答对了！",
        wrong: |g| format!("不对：你选的是“{g}”。"),
        none_die: "没有",
        right_mark: "✓ 答对",
        wrong_mark: "✗ 答错",
    },
    path: PathWords {
        title: "内核路径",
        empty: "发送一个信号：它在内核中的路径——从 kill 到命运被裁定之处——会在这里一步步播放。",
        title_of: |send, v| format!("{send} 的内核路径——Linux {v}"),
        truncated: |all, shown| format!("这次调用在内核中走了 {all} 步；这里显示前 {shown} 步。`sigsim --trace` 会全部打印出来。"),
        compare_with: "对比…",
        compare_label: "与更早的一次发送对比",
        send_another: "（请先再发送一个信号）",
        nothing: "不对比",
        player: "内核如何处理这个信号",
        playback: "内核路径的播放控制",
        pause: "暂停",
        replay: "从第一步重新播放",
        play: "播放",
        first: ("第一步", "第一步（Home）"),
        back: ("上一步", "上一步（←）"),
        forward: ("下一步", "下一步（→）"),
        last: ("最后一步", "最后一步（End）"),
        space: "（空格键）",
        deciding: "裁定步骤",
        jump: |seal| format!("跳到裁定步骤：{seal}"),
        jump_title: "跳到裁定信号命运的那一步",
        speed: "速度",
        speed_label: "播放速度",
        no_steps: "没有步骤",
        step_of: |i, n| format!("第 {i} 步，共 {n} 步"),
        held: "——已停在命运被裁定之处；点播放继续",
        deciding_of: |i, n, seal| format!("裁定步骤，第 {i} 步，共 {n} 步：{seal}"),
        last_of: |i, n| format!("最后一步，第 {i} 步，共 {n} 步"),
        verdict: |v| match v {
            Verdict::Fails(e) => e.name().to_string(),
            Verdict::Probe => "探测".into(),
            Verdict::Dropped => "丢弃".into(),
            Verdict::Coalesced => "合并".into(),
            Verdict::Queued => "入队".into(),
            Verdict::Fatal => "致命".into(),
            Verdict::Handled => "已处理".into(),
            Verdict::Discarded => "清除".into(),
            Verdict::Stopped => "停止".into(),
            Verdict::Continued => "继续".into(),
            Verdict::Killed => "杀死".into(),
            Verdict::Exited => "退出".into(),
            Verdict::Created => "创建".into(),
        },
        seal: |v| match v {
            Verdict::Fails(e) => format!("在此返回 {}", e.name()),
            Verdict::Dropped => "在此丢弃".into(),
            Verdict::Coalesced => "在此合并".into(),
            Verdict::Probe => "探测：未发送任何信号".into(),
            Verdict::Queued => "已入队".into(),
            Verdict::Fatal => "对整个线程组致命".into(),
            Verdict::Handled => "已处理".into(),
            Verdict::Discarded => "在此清除".into(),
            Verdict::Stopped => "在此停止".into(),
            Verdict::Continued => "继续运行".into(),
            Verdict::Killed => "被杀死".into(),
            Verdict::Exited => "已退出".into(),
            Verdict::Created => "已创建".into(),
        },
        after_the_call: "调用返回之后",
        map_whole: "显示完整调用图",
        map_fold: "只显示实际经过的路径",
        after_prefix: "调用之后：",
        not_on_path: "不在这条路径上",
        paths_part: "路径在此分岔 ▸",
        edge: |l| match l {
            EdgeLabel::Args(a) => a,
            EdgeLabel::Then => "随后",
            EdgeLabel::NamespaceEmpty => "命名空间已空",
        },
        sealed: "裁定：",
        call_graph: "调用图",
        diagram: |v, tree, i, n| format!("内核调用路径，Linux {v}（{tree}）：第 {i} 步，共 {n} 步"),
        seal_at: |t, f, i| format!("{t}，位于 {f}（第 {i} 步）"),
        levels: "各层",
        sender: "发送者",
        target: "目标",
        steps: "内核路径的各个步骤",
        notes_more: " · * 注释",
        notes,
        names: |v| match v {
            KernelVersion::V6_18 => {
                "自 {locked_rename} 起 send_signal → send_signal_locked、__send_signal → __send_signal_locked；\
                 自 {kill_pid_info_type} 起 kill_pid_info 是 kill_pid_info_type 的包装函数"
            }
            KernelVersion::V5_10 => {
                "博文中的调用链：prepare_kill_siginfo（自 {prepare_kill_siginfo} 起）、经过 kill_proc_info 的一跳（自 {kill_proc_info_hop} 起）、\
                 send_signal 与 __send_signal（{locked_rename} 中改名为 *_locked）"
            }
            KernelVersion::V6_1 => {
                "6.1.192：send_signal_locked 与 __send_signal_locked（自 {locked_rename} 起），仍只有 kill_pid_info\
                 （kill_pid_info_type 出现于 {kill_pid_info_type}）；在 siginfo 的副本上隐藏发送者"
            }
            KernelVersion::V6_12 => {
                "6.12.118：send_signal_locked 与 __send_signal_locked（自 {locked_rename} 起）；自 {kill_pid_info_type} 起 \
                 kill_pid_info 是 kill_pid_info_type 的包装函数；在 siginfo 的副本上隐藏发送者"
            }
            KernelVersion::V7_2 => {
                "7.2.13：沿用 6.12 的名字（send_signal_locked、kill_pid_info_type）；pidfd_send_signal 的函数体在 do_pidfd_send_signal 中；\
                 在 siginfo 的副本上隐藏发送者"
            }
            KernelVersion::V4_19 => {
                "没有 prepare_kill_siginfo（{prepare_kill_siginfo}），也没有经过 kill_proc_info 的一跳（{kill_proc_info_hop}）；\
                 send_signal 计算的是 from_ancestor_ns，而不是 force"
            }
        },
        first_send: "第一次发送",
        second_send: "第二次发送",
        call_over: "没有后续步骤：调用已结束",
        same: "两条路径一步不差，完全相同。",
        at_step: |p, x, y| match (x, y) {
            (Some(x), Some(y)) if x == y => format!("第 {p} 步（{x}）"),
            (Some(x), Some(y)) => format!("第 {p} 步（{x} / {y}）"),
            (Some(x), None) | (None, Some(x)) => format!("第 {p} 步（{x}）"),
            (None, None) => format!("第 {p} 步"),
        },
        part: |at, a, da, b, db| format!("两条路径在{at}分岔。{a}：{da}。{b}：{db}。"),
        origin: |i, f, key, va, a, vb, b| format!("差别在第 {i} 步、{f} 中就已决定：{key} 在{a}时为 {va}，在{b}时为 {vb}。"),
        steps_of: |l| format!("{l}的步骤"),
        compare: |a, b| format!("对比：{a}与{b}"),
        both: |v, summary| format!("两条路径，Linux {v}：{summary}"),
        source_loading: |file| format!("正在载入移植代码的源文件（{file}）…"),
        source_failed: |e| format!(
            "无法载入移植代码的源文件（{e}）。它随页面一同发布，位于 port/ 目录，首次显示时才获取：\
             请通过 http(s) 打开页面——浏览器不允许从 file:// 读取——或者打开自带源文件的 sigscope-offline.html。"
        ),
        source: "移植代码源文件",
        source_none: "没有可显示的步骤。",
        source_of: |f, at| format!("{f} 的移植代码（{at}）"),
        upstream_title: |name, tree| format!("Bootlin Elixir 上 Linux {tree} 中的 {name}"),
        upstream: |name, tree| format!("上游：{tree} 中的 {name} ↗"),
        not_in: |v| format!("Linux {v} 中没有"),
        source_body: "移植代码源文件",
    },
    gallery: GalleryWords {
        open: "场景库",
        open_title: "可以带着学生逐一演示的真实场景，按它们回答的问题分组",
        myths_open: "常见误解",
        myths_title: "关于信号的常见误解，每一条都由一个场景来反驳",
        heading: "场景库",
        close: "关闭",
        tab_situations: "场景",
        tab_myths: "常见误解",
        search: "搜索场景",
        search_hint: "docker、SIGKILL、僵尸…",
        loading: "正在载入场景库…",
        failed: |why| format!("场景库未能载入（英文原因：{why}）"),
        found: |n| format!("共 {n} 个场景"),
        no_match: |q| format!("没有与“{q}”匹配的场景。"),
        myths_intro: "人们对信号常有的误解，以及内核实际的做法。每条解答都能打开一个在真实内核上录制过结果的场景。",
        myth: |m| {
            use crate::gallery::Myth::*;
            match m {
                SigkillAlwaysKills => (
                    "SIGKILL 总能杀死进程。",
                    "杀不死与发送者同处一个命名空间的 init：在容器内执行 `kill -9 1`，信号被丢弃，kill 依然返回 0。",
                ),
                Pid1IgnoresEverySignal => (
                    "PID 1 会忽略所有信号。",
                    "init 只丢弃那些仍为默认处理方式的信号；它捕获的信号照常送达：容器的 init 运行自己的 SIGTERM 信号处理函数，然后退出。",
                ),
                RootCanKillAnything => (
                    "root 能杀死任何进程。",
                    "全局 init 例外：发给整台机器 1 号进程的 SIGKILL 和 SIGSTOP，不论由谁发送（root 也不例外），都会被丢弃。",
                ),
                ContainerInitImmuneToHost => (
                    "容器的 init 不受宿主机的信号影响。",
                    "从祖先命名空间发出的 SIGKILL 是强制送达的：它会杀死容器的 init，随后内核再杀死该命名空间中的其余所有进程。",
                ),
                KillMinusOneKillsTheHost => (
                    "在容器里执行 `kill -9 -1` 会杀掉宿主机上的进程。",
                    "kill(-1) 只作用于在调用者所在命名空间中有 PID 的进程，并跳过该命名空间的 init 和调用者自己：容器里的其他进程被杀死，宿主机上的进程照常运行。",
                ),
                UnkillableMeansJustForked => (
                    "SIGNAL_UNKILLABLE 表示进程刚刚 fork、还没有调用 exec。",
                    "它标记的是 PID 命名空间的 init，记在各线程共享的 signal_struct 中，exec 之后依然保留。“已 fork、未 exec”是 PF_FORKNOEXEC，那是另一个字段里的标志，只是数值恰好同为 0x40。",
                ),
                ForkedProcessIgnoresDefaultSignals => (
                    "刚 fork 出来的进程收不到仍为默认处理方式的信号。",
                    "只有 init 受这种保护。tini fork 出的 app 是普通进程：仍为默认处理方式的 SIGTERM 会立即杀死它。",
                ),
                InitIgnoresSigkillAndSigstop => (
                    "发给 init 的 SIGKILL 和 SIGSTOP 会被忽略。",
                    "只有全局 init 才会忽略。容器的 init 在信号被强制送达（来自祖先命名空间）时照样接收：宿主机发出的 SIGSTOP 会让它停下。",
                ),
                SigchldKillsTheChild => (
                    "SIGCHLD 的默认动作是终止子进程。",
                    "SIGCHLD 是发给父进程的，其默认动作是忽略：已经退出的 worker 仍是僵尸进程，它的父进程照常运行。",
                ),
            }
        },
        myth_mark: "误解",
        truth_mark: "内核实际的做法",
        from_the_post: "本页缘起的那篇博文中的疏漏",
        see_it: |title| format!("看看实际情况：{title}"),
        question: "问题",
    },
};

fn cannot_act(c: &CannotAct) -> String {
    let id = &c.id;
    match c.state {
        None => format!("{id} 不存在"),
        Some(s) => format!("{id} 的状态是“{}”，无法发起调用", (WORDS.process.state)(s)),
    }
}

fn act(a: &Act) -> String {
    match a {
        Act::Send(sig) => format!("发送 {sig}"),
        Act::SendFrom(p) => format!("从 {p} 发送"),
        Act::SetUid { id, uid } => format!("把 {id} 的 uid 设为 {uid}"),
        Act::SetGroup { id, group } => match group {
            None => format!("让 {id} 留在父进程的进程组中"),
            Some(GroupSpec::New) => format!("让 {id} 成为新进程组的首进程（setpgid）"),
            Some(GroupSpec::Session) => format!("让 {id} 成为新会话的首进程（setsid）"),
        },
        Act::Exit(id) => format!("{id} 调用 exit(0)"),
        Act::FollowKernel(v) => format!("改用内核 {v}"),
        Act::Reset => "重置".into(),
        Act::AddNamespace { id, parent } => format!("在 {parent} 下添加命名空间 {id}"),
        Act::DeleteNamespace(id) => format!("删除命名空间 {id}"),
        Act::AddProcess { id, ns, parent } => format!("把 {id} 添加到 {ns}（父进程 {parent}）"),
        Act::Sigaction {
            id,
            sig,
            disposition,
        } => {
            let d = match disposition {
                Disposition::Default => "SIG_DFL",
                Disposition::Ignore => "SIG_IGN",
                Disposition::Catch => "handler",
            };
            format!("在 {id} 中调用 sigaction({sig}, {d})")
        }
        Act::Block { id, sig, blocked } => {
            format!(
                "在 {id} 中{} {sig}",
                if *blocked { "阻塞" } else { "解除阻塞" }
            )
        }
        Act::Delete(id) => format!("删除 {id}"),
        Act::Undo => "撤销".into(),
        Act::Redo => "重做".into(),
        Act::Import => "导入".into(),
        Act::OpenLink => "打开链接".into(),
        Act::OpenPreset(name) => format!("打开场景库中的“{name}”"),
    }
}

/// The port's own reasons (`Why::Port` and the errors carried inside
/// others) are English: `sigsim::validate` speaks one language.
fn why(w: &Why) -> String {
    match w {
        Why::Port(m) => format!("内核移植给出的原因（英文原文）：{m}"),
        Why::NoProcess(id) => format!("没有进程 {id}"),
        Why::CannotAct(c) => cannot_act(c),
        Why::ChooseAnotherSender(c) => format!("{}：请换一个发送者", cannot_act(c)),
        Why::KernelSendsToOne => "内核只向单个进程发送：请把信号放到一个进程上".into(),
        Why::OneProcessOnly(how) => format!(
            "{} 只能发给单个进程：请把信号放到一个进程上，或改用 kill",
            how.name()
        ),
        Why::NoLongerReplays(e) => format!("会话无法再重放（英文原因）：{e}"),
        Why::WouldNowFail {
            actor,
            call,
            explanation,
        } => format!(
            "{actor} → {} 现在会失败：{}",
            call.text(Lang::Zh),
            explanation.sentence(Lang::Zh)
        ),
        Why::RootNamespace => "根命名空间容纳一切，不能删除".into(),
        Why::NestedNamespace(c) => format!("命名空间 {c} 嵌套在其中：请先删除它"),
        Why::LivesIn(p) => format!("{p} 位于其中：请先删除其中的进程"),
        Why::CannotBlock(sig) => {
            format!("sigprocmask 会悄悄把 {sig} 排除在掩码之外：SIGKILL 和 SIGSTOP 不能被阻塞")
        }
        Why::GlobalInit => "全局 init 进程是所有进程的祖先，不能删除".into(),
        Why::ParentOf { id, children } => {
            format!("{id} 是 {} 的父进程：请先删除它们", children.join("、"))
        }
        Why::StillUsed(e) => format!("会话仍在使用它（英文原因：{e}）"),
        Why::EarlierNoLongerReplays(e) => {
            format!("更早的会话无法再重放（英文原因：{e}）；已从撤销历史中移除")
        }
        Why::NoEarlierPoint(e) => format!("本会话没有任何更早的状态能够重放（英文原因：{e}）"),
        Why::NotASigsceneFile(e) => format!("不是 sigscene/1 文件（英文原因：{e}）"),
        Why::NoSuchPreset(_) => {
            "场景库中没有这个名字的场景，页面已按没有该参数的情形打开；点“场景库”按钮可查看全部场景"
                .into()
        }
        Why::PresetNotLoaded(e) => format!("未能载入（英文原因：{e}）"),
    }
}

fn msg(m: &Msg) -> String {
    match m {
        Msg::PickSignalFirst => "请先选一个信号，再选目标。".into(),
        Msg::NoActionToShow => "没有可显示的动作。".into(),
        Msg::Done { what, replayed: 0 } => format!("已完成：{}。", act(what)),
        Msg::Done { what, replayed } => format!(
            "已完成：{}；会话中的 {replayed} 个动作已在新的世界上重放。",
            act(what)
        ),
        Msg::BackToDefault => "已回到默认世界（撤销可以找回你的会话）。".into(),
        Msg::KernelSends => "现在由内核发送（SEND_SIG_PRIV，与 OOM killer 的做法相同）。".into(),
        Msg::NowSends(p) => format!("现在由 {p} 发送。"),
        Msg::Added { id, pids } => format!("{id} 已加入初始世界，PID {pids}。"),
        Msg::Deleted(id) => format!("已删除 {id}。"),
        Msg::NothingToRedo => "没有可重做的操作。".into(),
        Msg::Redone => "已重做。".into(),
        Msg::Undone => "已撤销。".into(),
        Msg::UndoneSeveral { n, why } => format!(
            "已撤销最后 {n} 个动作：只去掉最后一个动作，会话就无法重放（英文原因：{why}）。"
        ),
        Msg::NothingToUndo => "没有可撤销的操作。".into(),
        Msg::Imported { processes, actions } => {
            format!("已导入：{processes} 个进程，{actions} 个动作。")
        }
    }
}

fn notes(f: Func) -> &'static [(u8, &'static str)] {
    match f {
        Func::Kill => &[(V419, "4.19 就在这里构造 SI_USER 的 siginfo；prepare_kill_siginfo 出现于 {prepare_kill_siginfo}")],
        Func::KillSomethingInfo => &[(V419, "4.19：pid > 0 时直接调用 kill_pid_info(find_vpid(pid))——经过 kill_proc_info 的一跳出现于 {kill_proc_info_hop}")],
        Func::KillProcInfo => &[
            (SINCE_510, "自 {kill_proc_info_hop} 起位于 kill(pid > 0) 的路径上（即博文中的调用链）；4.19 的 kill 直接调用 kill_pid_info"),
            (V419, "4.19：只有 rt_sigqueueinfo 经过这里；kill(2) 跳过它"),
        ],
        Func::KillPidInfo => &[
            (SINCE_612, "自 {kill_pid_info_type} 起 kill_pid_info 只是包装函数：函数体移到了 kill_pid_info_type"),
            (BEFORE_612, "{kill_pid_info_type} 中拆分为包装函数 + kill_pid_info_type"),
        ],
        Func::KillPidInfoType => &[(SINCE_612, "kill_pid_info_type 出现于 {kill_pid_info_type}")],
        Func::SendSignal => &[
            (COPIES_SIGINFO, "{locked_rename} 中 send_signal → send_signal_locked；在 siginfo 的副本上隐藏发送者（稳定版修复“{no_shared_siginfo_rewrite:title}”）"),
            (V618, "{locked_rename} 中 send_signal → send_signal_locked；6.18.44 仍在所有接收者共用的 siginfo 上隐藏发送者（没有“{no_shared_siginfo_rewrite:title}”）"),
            (V510, "{locked_rename} 中改名为 send_signal_locked；自 {force_in_send_signal} 起在此计算 force"),
            (V419, "4.19 在这里计算的是 from_ancestor_ns，而不是 force"),
        ],
        Func::SendSignalInner => &[
            (SINCE_61, "{locked_rename} 中 __send_signal → __send_signal_locked"),
            (V510 | V419, "{locked_rename} 中改名为 __send_signal_locked"),
        ],
        Func::PrepareSignal => &[(SINCE_61, "自 {drop_after_fatal} 起，发给已在退出的进程的信号会被丢弃（核心转储除外）")],
        Func::SigTaskIgnored => &[(V419, "4.19.48：还没有全局 init 进程的 SIGKILL/SIGSTOP 规则（{global_init_immune:commit}：主线 {global_init_immune}，4.19.y 自 .80–.90 起）")],
        Func::PrepareKillSiginfo => &[
            (V510 | V61, "出现于 {prepare_kill_siginfo}（随 pidfd_send_signal 一起加入）；4.19 在 kill 中直接构造 siginfo"),
            (SINCE_612, "自 {kill_pid_info_type} 起接收 PID 类型参数（定向到线程的发送用 SI_TKILL）"),
        ],
        Func::PidfdOpen => &[(V419, "4.19 中没有（pidfd_open 出现于 {pidfd_open}）：ENOSYS")],
        Func::PidfdSendSignal => &[
            (V510 | V61, "出现于 {prepare_kill_siginfo}；调用 kill_pid_info（自 {kill_pid_info_type} 起为 kill_pid_info_type）"),
            (V72, "7.2 把函数体移入 do_pidfd_send_signal（未画出：它不做场景能触及的决定），由它调用 kill_pid_info_type"),
        ],
        Func::DoTkill => &[
            (SINCE_612, "自 {kill_pid_info_type} 起用 prepare_kill_siginfo(…, PIDTYPE_PID) 构造 siginfo"),
            (BEFORE_612, "直接构造 SI_TKILL 的 siginfo（{kill_pid_info_type} 起改用 prepare_kill_siginfo）"),
        ],
        Func::ZapPidNsProcesses => &[(V419, "4.19 用 send_sig_info(SIGKILL, SEND_SIG_FORCED) 杀死进程；自 {remove_send_sig_forced} 起改用 group_send_sig_info(SEND_SIG_PRIV)")],
        Func::DoNotifyParent => &[
            (SINCE_510, "自 {sigchld_via_send_signal} 起用 __send_signal(…, force = false) 发送 SIGCHLD"),
            (V419, "4.19 经由 __group_send_sig_info → send_signal 发送 SIGCHLD"),
        ],
        Func::SendSigInfo => &[(V419, "4.19 中 zap 的入口：不做权限检查，SEND_SIG_FORCED")],
        _ => &[],
    }
}
