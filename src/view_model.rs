//! The world flattened into plain data for the components: one [`NsView`]
//! per namespace, nested as the namespaces are, one [`ProcView`] per process.
//! Everything is read off the port's kernel state after the replay; the
//! components only lay it out, and a component re-renders only when its
//! own piece of this data changed.

use crate::replay::{proc_state, Effect, ProcState};
use crate::send::{preview, DropTarget, Preview};
use crate::session::AppState;
use sigsim::sched::{Handler, Kernel, NsId, TaskId};
use sigsim::Signal;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// Namespaces this deep start collapsed, so a 32-level world stays readable.
pub const AUTO_COLLAPSE_LEVEL: u8 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    GlobalInit,
    NamespaceInit,
    Plain,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcView {
    pub id: String,
    /// PIDs from its own namespace up to the root: `[1, 3]` is "1 · 3".
    pub pids: Vec<i32>,
    pub state: ProcState,
    /// "killed by SIGKILL", "exited (0)".
    pub death: Option<Effect>,
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
    pub preview: Option<Preview>,
    /// Same for its process group's drop zone.
    pub group_preview: Option<Preview>,
}

impl ProcView {
    pub fn pid_text(&self) -> String {
        join_pids(&self.pids)
    }

    /// The accessible name: name, PIDs, state — "app, PID 2 · 4, running".
    pub fn aria_label(&self, lang: crate::words::Lang) -> String {
        (crate::words::of(lang).process.aria)(self)
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NsView {
    pub id: String,
    pub level: u8,
    /// Its init (child reaper), once it has had one.
    pub init: Option<String>,
    /// Its init died: PIDNS_ADDING is clear, no process can join.
    pub dead: bool,
    /// The processes it shows, in creation order: all of them, or the
    /// first [`SHOWN_PER_NAMESPACE`] by [`shown_tasks`]; none while it or
    /// a namespace above it is collapsed (a process off screen costs
    /// nothing, so 10,000 of them stay quick).
    pub processes: Vec<Rc<ProcView>>,
    /// Its own processes that are not in `processes`.
    pub not_shown: usize,
    /// Shared, so that handing a namespace to its component copies nothing.
    pub children: Vec<Rc<NsView>>,
    pub expanded: bool,
    /// Processes in it and below (shown when collapsed).
    pub total_processes: usize,
    pub total_namespaces: usize,
    /// The sender lives here: kill(-1) and kill(0) drop zones are offered.
    pub sender_here: bool,
    pub everyone_preview: Option<Preview>,
    pub own_group_preview: Option<Preview>,
}

/// How many processes a namespace shows before "show the other N": the
/// page stays quick with thousands of processes in one namespace.
pub const SHOWN_PER_NAMESPACE: usize = 48;

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
pub fn namespace_tree(st: &AppState) -> Rc<NsView> {
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
    tree.ns_view(r.plan.root_ns(), true)
}

/// The view of one process, wherever it is (the editor shows the selected
/// one even in a collapsed namespace).
pub fn process_view(st: &AppState, id: &str) -> Option<ProcView> {
    let t = st.replay.task(id)?;
    let step = match &st.notice {
        crate::session::Notice::Step(i) => st.replay.steps.get(*i),
        _ => None,
    };
    let effects = step
        .and_then(|s| s.effects.iter().find(|(p, _)| p == id))
        .map_or(&[][..], |(_, e)| e.as_slice());
    Some(proc_view(st, t, effects))
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

fn hovered_preview(st: &AppState, target: DropTarget) -> Option<Preview> {
    let sig = st.armed?;
    (st.hover.as_ref() == Some(&target))
        .then(|| preview(&st.replay, &st.sender, st.how, &target, sig))
}

/// The tasks a namespace shows: its init, the sender, the selected one and
/// the hovered target always, then those the shown step touched, then the
/// first of the rest, up to [`SHOWN_PER_NAMESPACE`]; in creation order.
/// Chosen before any view is built, on what is cheap to read.
fn shown_tasks(
    tasks: &[TaskId],
    always: impl Fn(TaskId) -> bool,
    touched: impl Fn(TaskId) -> bool,
) -> Vec<TaskId> {
    if tasks.len() <= SHOWN_PER_NAMESPACE {
        return tasks.to_vec();
    }
    let mut keep: Vec<bool> = tasks.iter().map(|&t| always(t)).collect();
    let mut room = SHOWN_PER_NAMESPACE.saturating_sub(keep.iter().filter(|k| **k).count());
    for want_touched in [true, false] {
        for (i, &t) in tasks.iter().enumerate() {
            if room > 0 && !keep[i] && touched(t) == want_touched {
                keep[i] = true;
                room -= 1;
            }
        }
    }
    tasks
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(t, _)| *t)
        .collect()
}

impl Tree<'_> {
    /// `visible`: no namespace above it is collapsed.
    fn ns_view(&self, ns: NsId, visible: bool) -> Rc<NsView> {
        let st = self.st;
        let r = &st.replay;
        let k = &r.world.kernel;
        let space = &k.namespaces[ns];
        let id = r.plan.namespaces[ns].id.clone();
        let expanded = is_expanded(r, &st.expanded, &id);
        let own = &self.tasks[ns];
        let effects_of = |t: TaskId| self.effects.get(k.tasks[t].name.as_str()).copied();
        let shown = if !(visible && expanded) {
            Vec::new()
        } else if st.shown_all.contains(&id) {
            own.clone()
        } else {
            let hovered = match (&st.hover, st.armed) {
                (Some(DropTarget::Process(p)), Some(_)) => Some(p.as_str()),
                _ => None,
            };
            let always = |t: TaskId| {
                let name = Some(k.tasks[t].name.as_str());
                k.is_global_init(t)
                    || space.child_reaper == Some(t)
                    || st.sender_id() == name
                    || st.selected.as_deref() == name
                    || hovered == name
            };
            shown_tasks(own, always, |t| {
                effects_of(t).is_some_and(|e| !e.is_empty())
            })
        };
        let processes: Vec<Rc<ProcView>> = shown
            .iter()
            .map(|&t| Rc::new(proc_view(st, t, effects_of(t).unwrap_or(&[]))))
            .collect();
        let children: Vec<Rc<NsView>> = self.children[ns]
            .iter()
            .map(|&c| self.ns_view(c, visible && expanded))
            .collect();
        let total_processes = own.len() + children.iter().map(|c| c.total_processes).sum::<usize>();
        let total_namespaces =
            children.len() + children.iter().map(|c| c.total_namespaces).sum::<usize>();
        let sender_here = st
            .sender_id()
            .and_then(|p| r.task(p))
            .is_some_and(|t| k.tasks[t].ns == ns);
        Rc::new(NsView {
            expanded,
            level: space.level,
            init: space.child_reaper.map(|t| k.tasks[t].name.clone()),
            dead: space.populated && !space.adding,
            not_shown: own.len() - processes.len(),
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
        })
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
        Some(s) => Effect::Killed(s),
        None => Effect::Exited(task.exit_code >> 8 & 0xff),
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
        assert_eq!(
            ctr.processes[1].aria_label(crate::words::Lang::En),
            "app, PID 2 · 4, running"
        );
        assert_eq!(
            ctr.processes[1].aria_label(crate::words::Lang::Zh),
            "app，PID 2 · 4，运行中"
        );
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
                .as_ref()
                .and_then(|p| p.call()),
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
