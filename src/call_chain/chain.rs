//! The static call graph per kernel version: every kernel function the
//! port's trace can name, the calls between them, and a fixed layout.
//!
//! The graph is data, not a script of any path: the diagram lights the
//! edges a trace actually walks ([`crate::call_chain::path`]). Names come
//! from the port's own [`KernelVersion::name`] where they changed, so the
//! diagram cannot drift from what the port emits; a unit test runs many
//! scenarios on every version and checks every traced `func` is a node.
//!
//! Layout (top to bottom, five columns, a 1006-unit-wide viewBox):
//!
//! ```text
//!  col 0          col 1              col 2 (spine)           col 3              col 4
//!  pidfd_*        prepare_kill_…  ←  kill                    exit_group         get_signal
//!                 rt_sigqueueinfo    kill_something_info  →  kill_orphaned_pgrp do_group_exit …
//!  tgkill         do_send_specific   … group_send_sig_info   __kill_pgrp_info   zap_pid_ns_processes
//!  fork, sigaction                   … complete_signal       SIGCHLD senders    do_notify_parent
//! ```
//!
//! The kill(2) chain is a straight spine; side entries come in from the
//! left, process groups and the receiver lane (get_signal, exit, the zap,
//! SIGCHLD) sit on the right and join the spine where they send. Edges
//! have a shape chosen per edge (straight, elbow, bulge, channel) so the
//! common paths never cross; the few crossings left are between rare
//! entries (do_tkill → prepare_kill_siginfo since 6.12, SIGCHLD routes).

use crate::words::Lang;
use sigsim::version::{Func, KernelVersion};
use std::sync::OnceLock;

/// Node box size and grid.
pub const NODE_W: f32 = 170.0;
pub const NODE_H: f32 = 24.0;
const COL_X: [f32; 5] = [16.0, 200.0, 392.0, 598.0, 790.0];
const ROW_Y0: f32 = 14.0;
const ROW_PITCH: f32 = 34.0;
/// The viewBox.
pub const WIDTH: f32 = 1006.0;

pub const V618: u8 = 1;
pub const V510: u8 = 2;
pub const V419: u8 = 4;
pub const V61: u8 = 8;
pub const V612: u8 = 16;
pub const V72: u8 = 32;
const ALL: u8 = V419 | V510 | V61 | V612 | V618 | V72;
pub const SINCE_510: u8 = ALL & !V419;
/// `*_locked` names and the drop after a fatal signal (both by 6.1).
pub const SINCE_61: u8 = SINCE_510 & !V510;
/// `kill_pid_info_type` (6.9: between 6.1 and 6.12).
pub const SINCE_612: u8 = SINCE_61 & !V61;
pub const BEFORE_612: u8 = ALL & !SINCE_612;
/// The eras whose release hides the sender on a copy of the siginfo
/// (`sigsim::version::CHANGES` `no_shared_siginfo_rewrite`).
pub const COPIES_SIGINFO: u8 = V61 | V612 | V72;

pub fn bit(v: KernelVersion) -> u8 {
    match v {
        KernelVersion::V6_18 => V618,
        KernelVersion::V5_10 => V510,
        KernelVersion::V4_19 => V419,
        KernelVersion::V6_1 => V61,
        KernelVersion::V6_12 => V612,
        KernelVersion::V7_2 => V72,
    }
}

/// Where a node sits, for styling and for the legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// kill(2)'s own chain, top to bottom.
    Spine,
    /// A function the spine calls on the side (siginfo, credentials, groups).
    Leaf,
    /// Another system call that enters the sending path.
    Entry,
    /// The receiving process: dequeue, stop, exit, the namespace's end.
    Receiver,
    /// Calls on the trace that send nothing (fork, sigaction, sigprocmask).
    Other,
}

struct NodeDef {
    versions: u8,
    file: &'static str,
    syscall: bool,
    col: usize,
    row: f32,
    lane: Lane,
}

const SIG: &str = "kernel/signal.c";
const EXIT: &str = "kernel/exit.c";
const FORK: &str = "kernel/fork.c";
const PID: &str = "kernel/pid.c";
const PIDNS: &str = "kernel/pid_namespace.c";

#[allow(clippy::too_many_arguments)]
const fn n(
    versions: u8,
    file: &'static str,
    syscall: bool,
    col: usize,
    row: f32,
    lane: Lane,
) -> NodeDef {
    NodeDef {
        versions,
        file,
        syscall,
        col,
        row,
        lane,
    }
}

use Lane::*;

/// Where each function the port traces sits, which versions have it and
/// what changed about it. One arm per [`Func`]: a function the port can
/// trace that the diagram lacks does not compile.
fn def(f: Func) -> NodeDef {
    match f {
        // --- the spine: kill(2) down to the queue ---------------------------
        Func::Kill => n(ALL, SIG, true, 2, 1.0, Spine),
        Func::KillSomethingInfo => n(ALL, SIG, false, 2, 2.0, Spine),
        Func::KillProcInfo => n(ALL, SIG, false, 2, 3.0, Spine),
        Func::KillPidInfo => n(ALL, SIG, false, 2, 4.0, Spine),
        Func::KillPidInfoType => n(SINCE_612, SIG, false, 2, 5.0, Spine),
        Func::GroupSendSigInfo => n(ALL, SIG, false, 2, 6.4, Spine),
        Func::CheckKillPermission => n(ALL, SIG, false, 2, 7.4, Spine),
        Func::KillOkByCred => n(ALL, SIG, false, 2, 8.4, Spine),
        Func::DoSendSigInfo => n(ALL, SIG, false, 2, 9.4, Spine),
        Func::SendSignal => n(ALL, SIG, false, 2, 10.4, Spine),
        Func::SendSignalInner => n(ALL, SIG, false, 2, 11.4, Spine),
        Func::PrepareSignal => n(ALL, SIG, false, 2, 12.4, Spine),
        Func::SigIgnored => n(ALL, SIG, false, 2, 13.4, Spine),
        Func::SigTaskIgnored => n(ALL, SIG, false, 2, 14.4, Spine),
        Func::SigHandlerIgnored => n(ALL, SIG, false, 2, 15.4, Spine),
        Func::LegacyQueue => n(ALL, SIG, false, 2, 16.4, Spine),
        Func::CompleteSignal => n(ALL, SIG, false, 2, 17.4, Spine),
        // --- leaves and side entries on the left ------------------------------
        Func::PrepareKillSiginfo => n(SINCE_510, SIG, false, 1, 1.0, Leaf),
        Func::RtSigqueueinfo => n(ALL, SIG, true, 1, 2.0, Entry),
        Func::DoRtSigqueueinfo => n(ALL, SIG, false, 1, 3.0, Entry),
        Func::PidfdOpen => n(ALL, PID, true, 0, 0.0, Entry),
        Func::PidfdSendSignal => n(SINCE_510, SIG, true, 0, 1.0, Entry),
        Func::TgKill => n(ALL, SIG, true, 0, 6.4, Entry),
        Func::DoTkill => n(ALL, SIG, false, 0, 7.4, Entry),
        Func::DoSendSpecific => n(ALL, SIG, false, 1, 7.4, Entry),
        // --- the right: process groups, the receiver, exit and the zap ---------
        Func::KillOrphanedPgrp => n(ALL, EXIT, false, 3, 3.4, Receiver),
        Func::KillPgrpInfo => n(ALL, SIG, false, 3, 4.4, Leaf),
        Func::ExitGroup => n(ALL, EXIT, true, 3, 0.0, Entry),
        Func::GetSignal => n(ALL, SIG, false, 4, 0.0, Receiver),
        Func::DoGroupExit => n(ALL, EXIT, false, 4, 1.4, Receiver),
        Func::DoExit => n(ALL, EXIT, false, 4, 2.4, Receiver),
        Func::ExitNotify => n(ALL, EXIT, false, 4, 3.4, Receiver),
        Func::ForgetOriginalParent => n(ALL, EXIT, false, 4, 4.4, Receiver),
        Func::FindChildReaper => n(ALL, EXIT, false, 4, 5.4, Receiver),
        Func::ZapPidNsProcesses => n(ALL, PIDNS, false, 4, 6.4, Receiver),
        Func::DoNotifyParent => n(ALL, SIG, false, 4, 7.6, Receiver),
        Func::SendSigInfo => n(V419, SIG, false, 3, 9.4, Leaf),
        Func::DoSignalStop => n(ALL, SIG, false, 4, 9.4, Receiver),
        Func::DoNotifyParentCldstop => n(ALL, SIG, false, 3, 10.4, Receiver),
        // --- calls on the trace that send nothing -------------------------------
        Func::CopyProcess => n(ALL, FORK, false, 0, 12.4, Other),
        Func::AllocPid => n(ALL, PID, false, 0, 13.4, Other),
        Func::DoSigaction => n(ALL, SIG, false, 0, 15.4, Other),
        Func::Sigprocmask => n(ALL, SIG, false, 0, 16.4, Other),
    }
}

/// What an edge means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// The caller calls the callee.
    Call,
    /// User space makes the second call after the first returned
    /// (pidfd_open, then pidfd_send_signal).
    Then,
    /// The caller resumes a function it had paused in (the dying init
    /// leaves zap_pid_ns_processes and exit_notify goes on).
    Resume,
}

/// How an edge is drawn. Ports are offsets from a box's centre line.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Route {
    /// Bottom of the caller to the top of the callee (straight if the two
    /// are in one column), or side to side if they share a row.
    Auto,
    /// Out of one side and back into the same side, bulging by `off`
    /// (negative: to the left), entering at `dy1`/`dy2` from the centres.
    Bulge { off: f32, dy1: f32, dy2: f32 },
    /// Leave by the bottom (x offset `dx`), go down to the callee's row,
    /// turn into its facing side at `dy`.
    DownIn { dx: f32, dy: f32 },
    /// Leave by the side facing `x`, run along `x`, enter the callee's
    /// side facing `x` (ports `dy1`, `dy2`).
    Channel { x: f32, dy1: f32, dy2: f32 },
    /// Leave by the side facing `x` at `dy1`, run along `x` to the callee's
    /// top/bottom edge, enter it there at callee x offset `dx2`.
    ChannelEnd { x: f32, dy1: f32, dx2: f32 },
}

struct EdgeDef {
    from: Func,
    to: Func,
    versions: u8,
    kind: EdgeKind,
    route: Route,
    label: Option<EdgeLabel>,
}

/// The words on an edge: a call's arguments (code), or a word the page
/// says in its language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeLabel {
    Args(&'static str),
    Then,
    NamespaceEmpty,
}

const fn e(from: Func, to: Func, versions: u8, route: Route) -> EdgeDef {
    EdgeDef {
        from,
        to,
        versions,
        kind: EdgeKind::Call,
        route,
        label: None,
    }
}

const fn el(from: Func, to: Func, versions: u8, route: Route, label: &'static str) -> EdgeDef {
    EdgeDef {
        from,
        to,
        versions,
        kind: EdgeKind::Call,
        route,
        label: Some(EdgeLabel::Args(label)),
    }
}

/// The spine's right edge, for channels beside it.
const SPINE_R: f32 = COL_X[2] + NODE_W;
const C3_L: f32 = COL_X[3];
const C3_R: f32 = COL_X[3] + NODE_W;
const C4_R: f32 = COL_X[4] + NODE_W;
const C0_R: f32 = COL_X[0] + NODE_W;

use Route::*;

const EDGES: &[EdgeDef] = &[
    // kill(2)
    e(Func::Kill, Func::PrepareKillSiginfo, SINCE_510, Auto),
    e(Func::Kill, Func::KillSomethingInfo, ALL, Auto),
    e(Func::KillSomethingInfo, Func::KillProcInfo, SINCE_510, Auto),
    e(
        Func::KillSomethingInfo,
        Func::KillPidInfo,
        V419,
        Bulge {
            off: 6.0,
            dy1: 9.0,
            dy2: 0.0,
        },
    ),
    el(
        Func::KillSomethingInfo,
        Func::KillPgrpInfo,
        ALL,
        Channel {
            x: SPINE_R + 22.0,
            dy1: -5.0,
            dy2: 0.0,
        },
        "pid 0, < -1",
    ),
    el(
        Func::KillSomethingInfo,
        Func::GroupSendSigInfo,
        ALL,
        Bulge {
            off: 12.0,
            dy1: 5.0,
            dy2: -6.0,
        },
        "pid -1",
    ),
    e(Func::KillProcInfo, Func::KillPidInfo, ALL, Auto),
    e(Func::KillPidInfo, Func::KillPidInfoType, SINCE_612, Auto),
    e(Func::KillPidInfo, Func::GroupSendSigInfo, BEFORE_612, Auto),
    e(
        Func::KillPidInfoType,
        Func::GroupSendSigInfo,
        SINCE_612,
        Auto,
    ),
    e(
        Func::KillPgrpInfo,
        Func::GroupSendSigInfo,
        ALL,
        DownIn {
            dx: -55.0,
            dy: -2.0,
        },
    ),
    e(Func::GroupSendSigInfo, Func::CheckKillPermission, ALL, Auto),
    e(
        Func::GroupSendSigInfo,
        Func::DoSendSigInfo,
        ALL,
        Bulge {
            off: 14.0,
            dy1: 9.0,
            dy2: -6.0,
        },
    ),
    e(Func::CheckKillPermission, Func::KillOkByCred, ALL, Auto),
    e(Func::DoSendSigInfo, Func::SendSignal, ALL, Auto),
    e(Func::SendSignal, Func::SendSignalInner, ALL, Auto),
    e(Func::SendSignalInner, Func::PrepareSignal, ALL, Auto),
    e(
        Func::SendSignalInner,
        Func::LegacyQueue,
        ALL,
        Bulge {
            off: -16.0,
            dy1: 3.0,
            dy2: 0.0,
        },
    ),
    e(
        Func::SendSignalInner,
        Func::CompleteSignal,
        ALL,
        Bulge {
            off: -26.0,
            dy1: 6.0,
            dy2: 0.0,
        },
    ),
    e(Func::PrepareSignal, Func::SigIgnored, ALL, Auto),
    e(Func::SigIgnored, Func::SigTaskIgnored, ALL, Auto),
    e(Func::SigTaskIgnored, Func::SigHandlerIgnored, ALL, Auto),
    // other ways in
    e(
        Func::PidfdSendSignal,
        Func::PrepareKillSiginfo,
        SINCE_510,
        Auto,
    ),
    e(
        Func::PidfdSendSignal,
        Func::KillPidInfoType,
        SINCE_612,
        DownIn { dx: 0.0, dy: 0.0 },
    ),
    e(
        Func::PidfdSendSignal,
        Func::KillPidInfo,
        V510 | V61,
        DownIn { dx: 0.0, dy: 0.0 },
    ),
    EdgeDef {
        from: Func::PidfdOpen,
        to: Func::PidfdSendSignal,
        versions: SINCE_510,
        kind: EdgeKind::Then,
        route: Auto,
        label: Some(EdgeLabel::Then),
    },
    e(Func::RtSigqueueinfo, Func::DoRtSigqueueinfo, ALL, Auto),
    e(Func::DoRtSigqueueinfo, Func::KillProcInfo, ALL, Auto),
    e(Func::TgKill, Func::DoTkill, ALL, Auto),
    e(
        Func::DoTkill,
        Func::PrepareKillSiginfo,
        SINCE_612,
        ChannelEnd {
            x: C0_R + 7.0,
            dy1: -6.0,
            dx2: -60.0,
        },
    ),
    e(Func::DoTkill, Func::DoSendSpecific, ALL, Auto),
    e(Func::DoSendSpecific, Func::CheckKillPermission, ALL, Auto),
    e(
        Func::DoSendSpecific,
        Func::DoSendSigInfo,
        ALL,
        DownIn { dx: 30.0, dy: 0.0 },
    ),
    // the receiver
    e(Func::GetSignal, Func::DoGroupExit, ALL, Auto),
    e(
        Func::GetSignal,
        Func::DoSignalStop,
        ALL,
        Bulge {
            off: 24.0,
            dy1: 4.0,
            dy2: 0.0,
        },
    ),
    e(
        Func::GetSignal,
        Func::DoNotifyParentCldstop,
        ALL,
        Channel {
            x: C4_R + 34.0,
            dy1: -5.0,
            dy2: 6.0,
        },
    ),
    e(Func::DoSignalStop, Func::DoNotifyParentCldstop, ALL, Auto),
    e(Func::DoNotifyParentCldstop, Func::SendSignal, ALL, Auto),
    EdgeDef {
        from: Func::ExitGroup,
        to: Func::DoGroupExit,
        versions: ALL,
        kind: EdgeKind::Call,
        route: Auto,
        label: None,
    },
    e(Func::DoGroupExit, Func::DoExit, ALL, Auto),
    e(Func::DoExit, Func::ExitNotify, ALL, Auto),
    e(Func::ExitNotify, Func::ForgetOriginalParent, ALL, Auto),
    e(Func::ExitNotify, Func::KillOrphanedPgrp, ALL, Auto),
    e(
        Func::ExitNotify,
        Func::DoNotifyParent,
        ALL,
        Bulge {
            off: 14.0,
            dy1: 4.0,
            dy2: -4.0,
        },
    ),
    e(Func::ForgetOriginalParent, Func::FindChildReaper, ALL, Auto),
    e(
        Func::ForgetOriginalParent,
        Func::DoNotifyParent,
        ALL,
        Bulge {
            off: 8.0,
            dy1: 6.0,
            dy2: -8.0,
        },
    ),
    e(
        Func::ForgetOriginalParent,
        Func::KillOrphanedPgrp,
        ALL,
        Channel {
            x: C3_R + 11.0,
            dy1: -4.0,
            dy2: 6.0,
        },
    ),
    e(Func::FindChildReaper, Func::ZapPidNsProcesses, ALL, Auto),
    e(Func::KillOrphanedPgrp, Func::KillPgrpInfo, ALL, Auto),
    e(
        Func::ZapPidNsProcesses,
        Func::GroupSendSigInfo,
        SINCE_510,
        Channel {
            x: C3_L + 20.0,
            dy1: 5.0,
            dy2: 5.0,
        },
    ),
    e(Func::ZapPidNsProcesses, Func::SendSigInfo, V419, Auto),
    e(Func::SendSigInfo, Func::DoSendSigInfo, V419, Auto),
    EdgeDef {
        from: Func::ZapPidNsProcesses,
        to: Func::DoNotifyParent,
        versions: ALL,
        kind: EdgeKind::Resume,
        route: Auto,
        label: Some(EdgeLabel::NamespaceEmpty),
    },
    e(
        Func::DoNotifyParent,
        Func::SendSignalInner,
        SINCE_510,
        Channel {
            x: C3_L - 14.0,
            dy1: 4.0,
            dy2: 0.0,
        },
    ),
    e(
        Func::DoNotifyParent,
        Func::SendSignal,
        V419,
        Channel {
            x: C3_L - 14.0,
            dy1: 4.0,
            dy2: 4.0,
        },
    ),
    // fork
    e(Func::CopyProcess, Func::AllocPid, ALL, Auto),
];

/// One function on the diagram of one version.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Stable across versions (the 5.10 name, or the only one).
    pub func: Func,
    /// The name in this version, exactly as the port's trace says it.
    pub name: &'static str,
    /// The upstream file that defines it.
    pub file: &'static str,
    /// A system call: upstream it is `SYSCALL_DEFINEn(name, …)`.
    pub syscall: bool,
    pub lane: Lane,
    /// Something changed about this function in this version: the
    /// catalogue's notes say what ([`note`]).
    pub has_note: bool,
    /// Top-left corner in the viewBox.
    pub x: f32,
    pub y: f32,
}

impl Node {
    pub fn cx(&self) -> f32 {
        self.x + NODE_W / 2.0
    }
    pub fn cy(&self) -> f32 {
        self.y + NODE_H / 2.0
    }
    /// The identifier Bootlin Elixir indexes it under (syscalls as `sys_…`).
    pub fn ident(&self) -> String {
        if self.syscall {
            format!("sys_{}", self.name)
        } else {
            self.name.to_string()
        }
    }
}

/// A call on the diagram of one version.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
    pub label: Option<EdgeLabel>,
    /// The SVG path.
    pub d: String,
    /// Where to put the label, if any.
    pub label_at: (f32, f32),
}

/// The diagram of one kernel version.
#[derive(Debug)]
pub struct Graph {
    pub version: KernelVersion,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub width: f32,
    pub height: f32,
}

/// The graph of `v`, built once.
pub fn graph(v: KernelVersion) -> &'static Graph {
    static GRAPHS: [OnceLock<Graph>; 6] = [const { OnceLock::new() }; 6];
    let i = match v {
        KernelVersion::V6_18 => 0,
        KernelVersion::V5_10 => 1,
        KernelVersion::V4_19 => 2,
        KernelVersion::V6_1 => 3,
        KernelVersion::V6_12 => 4,
        KernelVersion::V7_2 => 5,
    };
    GRAPHS[i].get_or_init(|| build(v))
}

fn build(v: KernelVersion) -> Graph {
    let b = bit(v);
    let nodes: Vec<Node> = Func::ALL
        .into_iter()
        .map(|f| (f, def(f)))
        .filter(|(_, d)| d.versions & b != 0)
        .map(|(func, d)| Node {
            func,
            name: v.name(func),
            file: d.file,
            syscall: d.syscall,
            lane: d.lane,
            has_note: note(Lang::En, func, v).is_some(),
            x: COL_X[d.col],
            y: ROW_Y0 + d.row * ROW_PITCH,
        })
        .collect();
    let find = |f: Func| {
        nodes
            .iter()
            .position(|n| n.func == f)
            .unwrap_or_else(|| panic!("an edge names {f:?}, which {v} lacks"))
    };
    let edges = EDGES
        .iter()
        .filter(|d| d.versions & b != 0)
        .map(|d| {
            let (from, to) = (find(d.from), find(d.to));
            let (path, label_at) = route(&nodes[from], &nodes[to], d.route);
            Edge {
                from,
                to,
                kind: d.kind,
                label: d.label.filter(|l| *l != EdgeLabel::Args("")),
                d: path,
                label_at,
            }
        })
        .collect();
    let height = nodes.iter().map(|n| n.y + NODE_H).fold(0.0f32, f32::max) + 14.0;
    Graph {
        version: v,
        nodes,
        edges,
        width: WIDTH,
        height,
    }
}

/// A coordinate in whole units (one unit is about a pixel): integers keep
/// the markup short and float formatting out of the bundle.
fn f(x: f32) -> i32 {
    x.round() as i32
}

/// The SVG path of an edge, and a point for its label.
fn route(a: &Node, b: &Node, r: Route) -> (String, (f32, f32)) {
    let (ax0, ax1, ay0, ay1) = (a.x, a.x + NODE_W, a.y, a.y + NODE_H);
    let (bx0, bx1, by0, by1) = (b.x, b.x + NODE_W, b.y, b.y + NODE_H);
    match r {
        Route::Auto => {
            if (a.y - b.y).abs() < NODE_H {
                // Same row: side to side.
                let (x1, x2) = if b.x > a.x { (ax1, bx0) } else { (ax0, bx1) };
                let (y1, y2) = (a.cy(), b.cy());
                let mx = (x1 + x2) / 2.0;
                let d = curve((x1, y1), (mx, y1), (mx, y2), (x2, y2));
                (d, (mx, y1.min(y2) - 4.0))
            } else if b.y > a.y {
                // Below: bottom to top, a straight line in one column.
                let (x1, x2) = if (a.x - b.x).abs() < 1.0 {
                    (a.cx(), b.cx())
                } else {
                    // Leave and enter off-centre, towards each other.
                    let dir = if b.x > a.x { 1.0 } else { -1.0 };
                    (a.cx() + dir * 40.0, b.cx() - dir * 40.0)
                };
                let (y1, y2) = (ay1, by0);
                let d = if (x1 - x2).abs() < 1.0 {
                    format!("M{} {} L{} {}", f(x1), f(y1), f(x2), f(y2))
                } else {
                    let my = (y1 + y2) / 2.0;
                    curve((x1, y1), (x1, my), (x2, my), (x2, y2))
                };
                (d, ((x1 + x2) / 2.0 + 7.0, (y1 + y2) / 2.0 + 3.0))
            } else {
                // Above: top to bottom.
                let (x1, y1, x2, y2) = (a.cx(), ay0, b.cx(), by1);
                let my = (y1 + y2) / 2.0;
                let d = curve((x1, y1), (x1, my), (x2, my), (x2, y2));
                (d, ((x1 + x2) / 2.0, my))
            }
        }
        Route::Bulge { off, dy1, dy2 } => {
            let (x1, x2) = if off < 0.0 { (ax0, bx0) } else { (ax1, bx1) };
            let (y1, y2) = (a.cy() + dy1, b.cy() + dy2);
            let xo = if off < 0.0 {
                x1.min(x2) + off
            } else {
                x1.max(x2) + off
            };
            let rad = 10.0f32.min((y2 - y1).abs() / 2.0);
            let d = rounded(&[(x1, y1), (xo, y1), (xo, y2), (x2, y2)], rad);
            let lx = if off < 0.0 { xo - 2.0 } else { xo + 3.0 };
            (d, (lx, (y1 + y2) / 2.0))
        }
        Route::DownIn { dx, dy } => {
            let x1 = a.cx() + dx;
            let y1 = ay1;
            let y2 = b.cy() + dy;
            let x2 = if b.x > a.x { bx0 } else { bx1 };
            let d = rounded(&[(x1, y1), (x1, y2), (x2, y2)], 10.0);
            (d, (x1 + 4.0, (y1 + y2) / 2.0))
        }
        Route::Channel { x, dy1, dy2 } => {
            let x1 = if x > a.cx() { ax1 } else { ax0 };
            let x2 = if x > b.cx() { bx1 } else { bx0 };
            let (y1, y2) = (a.cy() + dy1, b.cy() + dy2);
            let d = rounded(
                &[(x1, y1), (x, y1), (x, y2), (x2, y2)],
                8.0f32.min((y2 - y1).abs() / 2.0),
            );
            (d, (x + 3.0, (y1 + y2) / 2.0))
        }
        Route::ChannelEnd { x, dy1, dx2 } => {
            let x1 = if x > a.cx() { ax1 } else { ax0 };
            let y1 = a.cy() + dy1;
            let x2 = b.cx() + dx2;
            let y2 = if b.y > a.y { by0 } else { by1 };
            // Along the channel, then across just above (or below) the
            // target, then into it.
            let ymid = y2 - if y2 > y1 { 12.0 } else { -12.0 };
            let d = rounded(&[(x1, y1), (x, y1), (x, ymid), (x2, ymid), (x2, y2)], 8.0);
            (d, (x + 3.0, (y1 + y2) / 2.0))
        }
    }
}

/// A cubic Bézier from `p` to `q` with control points `c1`, `c2`.
fn curve(p: (f32, f32), c1: (f32, f32), c2: (f32, f32), q: (f32, f32)) -> String {
    format!(
        "M{} {} C{} {} {} {} {} {}",
        f(p.0),
        f(p.1),
        f(c1.0),
        f(c1.1),
        f(c2.0),
        f(c2.1),
        f(q.0),
        f(q.1)
    )
}

/// A line through axis-aligned `points`, every corner rounded with `rad`.
fn rounded(points: &[(f32, f32)], rad: f32) -> String {
    let toward = |from: f32, to: f32| if to > from { 1.0 } else { -1.0 };
    // Along x or along y: the unit step from `a` towards `b`.
    let step = |a: (f32, f32), b: (f32, f32)| {
        if (a.0 - b.0).abs() > (a.1 - b.1).abs() {
            (toward(a.0, b.0), 0.0)
        } else {
            (0.0, toward(a.1, b.1))
        }
    };
    let mut d = format!("M{} {}", f(points[0].0), f(points[0].1));
    for w in points.windows(3) {
        let (a, c, b) = (w[0], w[1], w[2]);
        let (i, o) = (step(a, c), step(c, b));
        d += &format!(
            " L{} {} Q{} {} {} {}",
            f(c.0 - i.0 * rad),
            f(c.1 - i.1 * rad),
            f(c.0),
            f(c.1),
            f(c.0 + o.0 * rad),
            f(c.1 + o.1 * rad)
        );
    }
    let last = points[points.len() - 1];
    d += &format!(" L{} {}", f(last.0), f(last.1));
    d
}

impl Graph {
    /// The node of a function (None: not in this version's diagram).
    pub fn node(&self, func: Func) -> Option<usize> {
        self.nodes.iter().position(|n| n.func == func)
    }

    /// The edges out of `from`.
    pub fn out(&self, from: usize) -> impl Iterator<Item = (usize, &Edge)> {
        self.edges
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.from == from)
    }

    pub fn edge(&self, from: usize, to: usize) -> Option<usize> {
        self.edges.iter().position(|e| e.from == from && e.to == to)
    }

    /// The calls from `from` to `to`: exactly `hops` edges if such a path
    /// exists (the functions in between ran without deciding anything, so
    /// the trace skipped them), else the shortest, up to six.
    pub fn path_between(&self, from: usize, to: usize, hops: usize) -> Option<Vec<usize>> {
        if hops >= 1 {
            let mut stack = Vec::new();
            if self.exact(from, to, hops, &mut stack) {
                return Some(stack);
            }
        }
        // Breadth-first for the shortest.
        let mut prev: Vec<Option<usize>> = vec![None; self.nodes.len()];
        let mut seen = vec![false; self.nodes.len()];
        let mut queue = std::collections::VecDeque::from([(from, 0usize)]);
        seen[from] = true;
        while let Some((n, d)) = queue.pop_front() {
            if n == to {
                let mut path = Vec::new();
                let mut at = to;
                while let Some(e) = prev[at] {
                    path.push(e);
                    at = self.edges[e].from;
                }
                path.reverse();
                return Some(path);
            }
            if d == 6 {
                continue;
            }
            for (i, e) in self.out(n) {
                if !seen[e.to] {
                    seen[e.to] = true;
                    prev[e.to] = Some(i);
                    queue.push_back((e.to, d + 1));
                }
            }
        }
        None
    }

    fn exact(&self, at: usize, to: usize, hops: usize, stack: &mut Vec<usize>) -> bool {
        if hops == 0 {
            return at == to;
        }
        for (i, e) in self.out(at) {
            stack.push(i);
            if self.exact(e.to, to, hops - 1, stack) {
                return true;
            }
            stack.pop();
        }
        false
    }

    /// Bootlin Elixir's page for a function of this version.
    pub fn elixir_ident_url(&self, node: usize) -> String {
        elixir_ident_url(self.version, &self.nodes[node].ident())
    }

    /// Bootlin Elixir's page for the file that defines it.
    pub fn elixir_source_url(&self, node: usize) -> String {
        format!(
            "https://elixir.bootlin.com/linux/{}/source/{}",
            self.version.tree(),
            self.nodes[node].file
        )
    }

    /// Whether the function exists upstream in this version (the port
    /// traces pidfd_open on 4.19 only to say it is not there).
    pub fn exists_upstream(&self, node: usize) -> bool {
        !(self.version == KernelVersion::V4_19 && self.nodes[node].func == Func::PidfdOpen)
    }
}

/// `https://elixir.bootlin.com/linux/{tree}/C/ident/{ident}`.
pub fn elixir_ident_url(v: KernelVersion, ident: &str) -> String {
    format!(
        "https://elixir.bootlin.com/linux/{}/C/ident/{ident}",
        v.tree()
    )
}

/// What changed about a function in this version, in `lang`, with its
/// references cited.
pub fn note(lang: Lang, f: Func, v: KernelVersion) -> Option<String> {
    (crate::words::of(lang).path.notes)(f)
        .iter()
        .find(|(m, _)| m & bit(v) != 0)
        .map(|(_, s)| cite(s))
}

/// The rename notes of a version, in diagram order: what the legend lists.
pub fn notes(lang: Lang, v: KernelVersion) -> Vec<(&'static str, String)> {
    graph(v)
        .nodes
        .iter()
        .filter_map(|n| note(lang, n.func, v).map(|t| (n.name, t)))
        .collect()
}

/// A note with its `{change}` references filled in from the port's table
/// of upstream changes (`sigsim::version::CHANGES`): `{id}` is the first
/// mainline release, `{id:title}` the title, `{id:commit}` the commit. The
/// diagram restates no date of its own.
fn cite(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').expect("a closed reference");
        out.push_str(&rest[..open]);
        let (id, field) = rest[open + 1..close]
            .split_once(':')
            .unwrap_or((&rest[open + 1..close], "mainline"));
        let c = sigsim::version::change(id);
        out.push_str(match field {
            "title" => c.title,
            "commit" => c.commit,
            _ => c.mainline,
        });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// One line on how this version names the chain, shown under the diagram.
pub fn names_summary(lang: Lang, v: KernelVersion) -> String {
    cite((crate::words::of(lang).path.names)(v))
}
