//! The world flattened into plain data for the components: one [`NsView`]
//! per namespace, nested as the namespaces are, one [`ProcView`] per process.
//! Everything is read off the port's kernel state after the replay; the
//! components only lay it out, and a component re-renders only when its
//! own piece of this data changed.

use crate::replay::{proc_state, Effect, ProcState};
use crate::send::{preview, DropTarget};
use crate::session::AppState;
use sigsim::sched::{Handler, Kernel, NsId, TaskId};
use sigsim::Signal;
use std::collections::{BTreeMap, HashMap};

/// Namespaces this deep start collapsed, so a 32-level world stays readable.
pub const AUTO_COLLAPSE_LEVEL: u8 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    GlobalInit,
    NamespaceInit,
    Plain,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProcView {
    pub id: String,
    /// PIDs from its own namespace up to the root: `[1, 3]` is "1 · 3".
    pub pids: Vec<i32>,
    pub state: ProcState,
    /// "killed by SIGKILL", "exited (0)".
    pub death: Option<String>,
    pub uid: u32,
    /// Its process group / session, as the leader's PID in this process's
    /// own namespace (`getpgid` inside); `None` when the leader lives
    /// outside (the kernel then says 0).
    pub pgrp: Option<i32>,
    pub sid: Option<i32>,
    pub leads_group: bool,
    pub leads_session: bool,
    pub role: Role,
    pub parent: Option<String>,
    pub caught: Vec<Signal>,
    pub ignored: Vec<Signal>,
    pub blocked: Vec<Signal>,
    pub pending: Vec<Signal>,
    pub is_sender: bool,
    pub selected: bool,
    /// What the last action did to it.
    pub effects: Vec<Effect>,
    /// The call a drop here would make (while a signal is in hand and this
    /// process is the hovered target).
    pub preview: Option<String>,
    /// Same for its process group's drop zone.
    pub group_preview: Option<String>,
}

impl ProcView {
    pub fn pid_text(&self) -> String {
        join_pids(&self.pids)
    }

    /// The accessible name: name, PIDs, state — "app, PID 2 · 4, running".
    pub fn aria_label(&self) -> String {
        let mut s = format!(
            "{}, PID {}, {}",
            self.id,
            self.pid_text(),
            self.state.label()
        );
        if let Some(d) = &self.death {
            s.push_str(&format!(" ({d})"));
        }
        match self.role {
            Role::GlobalInit => s.push_str(", global init"),
            Role::NamespaceInit => s.push_str(", namespace init"),
            Role::Plain => {}
        }
        if self.is_sender {
            s.push_str(", sender");
        }
        s
    }
}

pub fn join_pids(pids: &[i32]) -> String {
    pids.iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// PID lists longer than this are shortened on screen (accessible names
/// and tooltips keep them whole).
pub const PIDS_SHOWN: usize = 6;

/// "1 · 2 · 3 · … · 33 · 34" for a process 32 levels down.
pub fn short_pids(pids: &[i32]) -> String {
    if pids.len() <= PIDS_SHOWN {
        return join_pids(pids);
    }
    format!(
        "{} · … · {}",
        join_pids(&pids[..3]),
        join_pids(&pids[pids.len() - 2..])
    )
}

/// A task's PIDs, own namespace first: "1 · 3".
pub fn pid_chain(k: &Kernel, t: TaskId) -> String {
    let mut v = k.nspid(t);
    v.reverse();
    join_pids(&v)
}

/// The same, shortened for a narrow place.
pub fn short_pid_chain(k: &Kernel, t: TaskId) -> String {
    let mut v = k.nspid(t);
    v.reverse();
    short_pids(&v)
}

#[derive(Clone, Debug, PartialEq)]
pub struct NsView {
    pub id: String,
    pub level: u8,
    /// Its init (child reaper), once it has had one.
    pub init: Option<String>,
    /// Its init died: PIDNS_ADDING is clear, no process can join.
    pub dead: bool,
    pub processes: Vec<ProcView>,
    pub children: Vec<NsView>,
    pub expanded: bool,
    /// Processes in it and below (shown when collapsed).
    pub total_processes: usize,
    pub total_namespaces: usize,
    /// The sender lives here: kill(-1) and kill(0) drop zones are offered.
    pub sender_here: bool,
    pub everyone_preview: Option<String>,
    pub own_group_preview: Option<String>,
}

/// Is a namespace open? The user's choice if they made one; otherwise open
/// when it is fewer than [`AUTO_COLLAPSE_LEVEL`] levels below the root or
/// below the nearest namespace the user opened (so opening a collapsed one
/// shows the next few levels, not just one).
pub fn is_expanded(r: &crate::replay::Replay, expanded: &BTreeMap<String, bool>, id: &str) -> bool {
    let plan = &r.plan;
    let Some(start) = plan.namespaces.iter().position(|n| n.id == id) else {
        return true;
    };
    if let Some(open) = expanded.get(id) {
        return *open;
    }
    let mut depth = 0u8;
    let mut at = plan.namespaces[start].parent;
    while let Some(ns) = at {
        depth += 1;
        if expanded.get(&plan.namespaces[ns].id) == Some(&true) {
            break;
        }
        at = plan.namespaces[ns].parent;
    }
    depth < AUTO_COLLAPSE_LEVEL
}

/// The whole tree, from the root namespace down.
pub fn namespace_tree(st: &AppState) -> NsView {
    let r = &st.replay;
    let k = &r.world.kernel;
    // Indexed once: a kill(-1) over 10,000 processes has 10,000 entries,
    // and a scan per process was quadratic.
    let effects: HashMap<&str, &[Effect]> = match &st.notice {
        crate::session::Notice::Step(i) => r.steps.get(*i).map_or_else(HashMap::new, |s| {
            s.effects
                .iter()
                .map(|(id, e)| (id.as_str(), e.as_slice()))
                .collect()
        }),
        _ => HashMap::new(),
    };
    let mut tasks = vec![Vec::new(); k.namespaces.len()];
    for (t, task) in k.tasks.iter().enumerate() {
        tasks[task.ns].push(t);
    }
    let mut children = vec![Vec::new(); k.namespaces.len()];
    for (c, space) in k.namespaces.iter().enumerate() {
        if let Some(p) = space.parent {
            children[p].push(c);
        }
    }
    let tree = Tree {
        st,
        effects,
        tasks,
        children,
    };
    tree.ns_view(r.plan.root_ns())
}

/// What every namespace's view reads, gathered once.
struct Tree<'a> {
    st: &'a AppState,
    effects: HashMap<&'a str, &'a [Effect]>,
    /// Per namespace, its tasks in creation order.
    tasks: Vec<Vec<TaskId>>,
    /// Per namespace, its child namespaces.
    children: Vec<Vec<NsId>>,
}

fn hovered_preview(st: &AppState, target: DropTarget) -> Option<String> {
    let sig = st.armed?;
    (st.hover.as_ref() == Some(&target))
        .then(|| preview(&st.replay, &st.sender, st.how, &target, sig))
}

impl Tree<'_> {
    fn ns_view(&self, ns: NsId) -> NsView {
        let st = self.st;
        let r = &st.replay;
        let k = &r.world.kernel;
        let space = &k.namespaces[ns];
        let id = r.plan.namespaces[ns].id.clone();
        let processes: Vec<ProcView> = self.tasks[ns]
            .iter()
            .map(|&t| {
                let effects = self.effects.get(k.tasks[t].name.as_str());
                proc_view(st, t, effects.map_or(&[][..], |e| e))
            })
            .collect();
        let children: Vec<NsView> = self.children[ns].iter().map(|&c| self.ns_view(c)).collect();
        let total_processes =
            processes.len() + children.iter().map(|c| c.total_processes).sum::<usize>();
        let total_namespaces =
            children.len() + children.iter().map(|c| c.total_namespaces).sum::<usize>();
        let sender_here = st
            .sender_id()
            .and_then(|p| r.task(p))
            .is_some_and(|t| k.tasks[t].ns == ns);
        NsView {
            expanded: is_expanded(r, &st.expanded, &id),
            level: space.level,
            init: space.child_reaper.map(|t| k.tasks[t].name.clone()),
            dead: space.populated && !space.adding,
            processes,
            children,
            total_processes,
            total_namespaces,
            sender_here,
            everyone_preview: if sender_here {
                hovered_preview(st, DropTarget::Everyone)
            } else {
                None
            },
            own_group_preview: if sender_here {
                hovered_preview(st, DropTarget::OwnGroup)
            } else {
                None
            },
            id,
        }
    }
}

fn proc_view(st: &AppState, t: TaskId, effects: &[Effect]) -> ProcView {
    let r = &st.replay;
    let k = &r.world.kernel;
    let task = &k.tasks[t];
    let id = task.name.clone();
    let state = proc_state(k, t);
    let alive = state.is_alive();
    let death = (!alive).then(|| match Signal::new((task.exit_code & 0x7f) as i64) {
        Some(s) => format!("killed by {s}"),
        None => format!("exited ({})", task.exit_code >> 8 & 0xff),
    });
    let visible = |pid| Some(k.pid_nr_ns(pid, task.ns)).filter(|n| *n != 0);
    let by_handler = |h: Handler| -> Vec<Signal> {
        if alive {
            Signal::all().filter(|s| task.handler(*s) == h).collect()
        } else {
            Vec::new()
        }
    };
    let role = if k.is_global_init(t) {
        Role::GlobalInit
    } else if k.namespaces[task.ns].child_reaper == Some(t) {
        Role::NamespaceInit
    } else {
        Role::Plain
    };
    let mut pids = k.nspid(t);
    pids.reverse();
    ProcView {
        pids,
        state,
        death,
        uid: task.cred.uid,
        pgrp: visible(task.pgrp),
        sid: visible(task.session),
        leads_group: task.pgrp == t,
        leads_session: task.session == t,
        role,
        parent: task.real_parent.map(|p| k.tasks[p].name.clone()),
        caught: by_handler(Handler::User),
        ignored: by_handler(Handler::Ign),
        blocked: if alive {
            task.blocked.iter().collect()
        } else {
            Vec::new()
        },
        pending: if alive {
            task.pending
                .signal
                .union(task.shared_pending.signal)
                .iter()
                .collect()
        } else {
            Vec::new()
        },
        is_sender: st.sender_id() == Some(id.as_str()),
        selected: st.selected.as_deref() == Some(id.as_str()),
        effects: effects.to_vec(),
        preview: hovered_preview(st, DropTarget::Process(id.clone())),
        group_preview: hovered_preview(st, DropTarget::GroupOf(id.clone())),
        id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{AppState, Verb};

    #[test]
    fn default_tree_nests_the_container_under_the_host() {
        let st = AppState::default();
        let tree = namespace_tree(&st);
        assert_eq!(tree.id, "host");
        assert_eq!(tree.init.as_deref(), Some("init"));
        let ids: Vec<&str> = tree.processes.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["init", "shell"]);
        let ctr = &tree.children[0];
        assert_eq!(
            (ctr.id.as_str(), ctr.level, ctr.init.as_deref()),
            ("container", 1, Some("ctr-init"))
        );
        assert_eq!(ctr.processes[0].pids, [1, 3]);
        assert_eq!(ctr.processes[0].role, Role::NamespaceInit);
        assert_eq!(ctr.processes[1].aria_label(), "app, PID 2 · 4, running");
        assert_eq!(ctr.processes[1].caught, [Signal::TERM]);
        assert!(tree.processes[1].is_sender && tree.sender_here);
    }

    #[test]
    fn the_hovered_target_previews_its_call_only_with_a_signal_in_hand() {
        let st =
            AppState::default().apply(Verb::Hover(Some(DropTarget::Process("ctr-init".into()))));
        assert_eq!(namespace_tree(&st).children[0].processes[0].preview, None);
        let st = st.apply(Verb::Arm(Some(Signal::KILL)));
        assert_eq!(
            namespace_tree(&st).children[0].processes[0]
                .preview
                .as_deref(),
            Some("kill(3, SIGKILL)")
        );
    }

    #[test]
    fn deep_namespaces_start_collapsed() {
        let mut s = crate::default_world::default_scenario();
        for l in 2..=32 {
            let parent = if l == 2 {
                "container".to_string()
            } else {
                format!("l{}", l - 1)
            };
            s.namespaces.push(sigsim::scenario::NamespaceSpec {
                id: format!("l{l}"),
                parent: Some(parent),
            });
        }
        let st = AppState::new(s, None, crate::send::HowToSend::Kill).unwrap();
        let mut ns = &namespace_tree(&st);
        while ns.expanded {
            ns = &ns.children[0];
        }
        assert_eq!(ns.level, AUTO_COLLAPSE_LEVEL);
        assert_eq!(ns.total_namespaces, 32 - AUTO_COLLAPSE_LEVEL as usize);
        // Opening it shows the next few levels.
        let st = st.apply(Verb::ToggleNamespace(ns.id.clone()));
        let mut ns = &namespace_tree(&st);
        while ns.expanded {
            ns = &ns.children[0];
        }
        assert_eq!(ns.level, 2 * AUTO_COLLAPSE_LEVEL);
    }
}
