//! `kernel/fork.c` (`copy_process`) with the namespace steps the format's
//! processes take before it: `clone(CLONE_NEWPID)` for a namespace's first
//! process (`create_pid_namespace`), `setns` for one that joins from an
//! ancestor namespace (`pidns_install`), and `setresuid` for another uid.

use crate::cred::{Capability, Cred};
use crate::sched::*;
use crate::signum::{SigSet, Signal};
use crate::trace::{trace, Fact, ForkRefusal};
use crate::uapi::Errno;
use crate::version::Func;

/// What a new process is made with: the `clone`/`setns`/`setresuid` and
/// `sigaction`/`sigprocmask`/`setpgid`/`setsid` steps of the program that
/// creates it, taken together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CloneArgs {
    pub id: String,
    pub ns: NsId,
    pub uid: u32,
    /// Every signal whose disposition is not SIG_DFL.
    pub handlers: Vec<(Signal, Handler)>,
    pub blocked: SigSet,
    pub group: Option<NewGroup>,
}

/// A new process group (or session) led by the new process.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewGroup {
    /// `setpgid(0, 0)` right after creation.
    Group,
    /// `setsid()` right after creation.
    Session,
}

/// How a process comes to be, by where its parent lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Creation {
    /// The first process of the root namespace.
    GlobalInit,
    /// The first process of another namespace: `clone(CLONE_NEWPID)`.
    NewNamespace,
    /// A child in the parent's own namespace: `fork`.
    Fork,
    /// A child in a descendant namespace: `setns` + `fork` (`docker exec`).
    Setns,
}

impl Creation {
    /// A snake_case token: `global_init`, `new_namespace`, `fork`, `setns`.
    pub fn name(self) -> &'static str {
        match self {
            Creation::GlobalInit => "global_init",
            Creation::NewNamespace => "new_namespace",
            Creation::Fork => "fork",
            Creation::Setns => "setns",
        }
    }
}

impl Kernel {
    /// How `plan` would be created now, or why its parent could not have
    /// made it (the message of a scenario error).
    pub fn creation(&self, parent: Option<TaskId>, ns: NsId) -> Result<Creation, String> {
        let Some(parent) = parent else {
            return Ok(Creation::GlobalInit);
        };
        let pns = self.tasks[parent].ns;
        if !self.namespaces[ns].populated {
            if self.namespaces[ns].parent != Some(pns) {
                return Err(format!(
                    "it would be the first process of namespace {}, whose parent namespace is not {}'s ({})",
                    self.namespaces[ns].name, self.tasks[parent].name, self.namespaces[pns].name
                ));
            }
            return Ok(Creation::NewNamespace);
        }
        if pns == ns {
            Ok(Creation::Fork)
        } else if self.ns_is_ancestor_or_self(pns, ns) {
            Ok(Creation::Setns)
        } else {
            Err(format!(
                "{} in namespace {} cannot reach namespace {}",
                self.tasks[parent].name, self.namespaces[pns].name, self.namespaces[ns].name
            ))
        }
    }

    /// `copy_process` for one scenario process (every version alike
    /// here). `privileged` is false for a spawn during the run: then the
    /// parent's own credentials must allow the namespace steps and the uid
    /// (EPERM before anything is allocated). A namespace whose init died
    /// refuses the new pid (`alloc_pid`: ENOMEM), after using up its numbers.
    pub fn copy_process(
        &mut self,
        parent: Option<TaskId>,
        plan: &CloneArgs,
        how: Creation,
        privileged: bool,
    ) -> Result<TaskId, Errno> {
        let ns = plan.ns;
        if let (Some(p), false) = (parent, privileged) {
            let root = self.capable(p, Capability::SysAdmin);
            let refuse = match how {
                Creation::NewNamespace if !root => Some(ForkRefusal::NewNamespace),
                Creation::Setns if !root => Some(ForkRefusal::Setns),
                _ if plan.uid != self.tasks[p].cred.uid && !self.capable(p, Capability::Setuid) => {
                    Some(ForkRefusal::Setuid)
                }
                _ => None,
            };
            if let Some(why) = refuse {
                trace!(self; Func::CopyProcess, Some(p), Fact::CannotCreate { uid: self.tasks[p].cred.uid, child: plan.id.clone(), why });
                return Err(Errno::EPERM);
            }
        }
        let pid = match self.alloc_pid(ns) {
            Ok(pid) => pid,
            Err(e) => {
                trace!(self; Func::AllocPid, parent, Fact::NamespaceClosed { ns: self.ns_id(ns) });
                return Err(e);
            }
        };
        let t = self.tasks.len();
        debug_assert_eq!(pid, t, "a task's pid shares its index");
        let mut action = [Handler::Dfl; 64];
        for (sig, h) in &plan.handlers {
            action[sig.nr() as usize - 1] = *h;
        }
        let (pgrp, session) = match parent {
            Some(p) => (self.tasks[p].pgrp, self.tasks[p].session),
            None => (t, t),
        };
        self.tasks.push(Task {
            name: plan.id.clone(),
            ns,
            real_parent: parent,
            children: Vec::new(),
            pgrp,
            session,
            cred: Cred::new(plan.uid),
            action,
            blocked: plan.blocked,
            pending: SigPending::default(),
            shared_pending: SigPending::default(),
            flags: 0,
            group_exit_code: 0,
            group_stop_count: 0,
            sigpending: false,
            stopped: false,
            stop_dequeued: false,
            exit_state: ExitState::Alive,
            exit_code: 0,
            frames: Vec::new(),
        });
        self.queued.push(false);
        self.pids[pid].users[PID_USE_PID] = 1;
        self.attach_pgrp(t, pgrp);
        self.attach_session(t, session);
        if let Some(p) = parent {
            self.tasks[p].children.push(t);
        }
        // is_child_reaper(pid): number 1 at its own level — the first
        // process of a namespace becomes its reaper and unkillable.
        if self.pids[pid].numbers.last().map(|(_, nr)| *nr) == Some(1) {
            self.tasks[t].flags |= SIGNAL_UNKILLABLE;
            self.namespaces[ns].child_reaper = Some(t);
        }
        self.namespaces[ns].populated = true;
        match plan.group {
            Some(NewGroup::Group) => self.setpgid_self(t),
            Some(NewGroup::Session) => self.setsid(t),
            None => {}
        }
        trace!(self; Func::CopyProcess, Some(t), Fact::Created { parent: parent.map(|p| self.name(p)), how, ns: self.ns_id(ns), uid: plan.uid, nspid: self.nspid(t) });
        Ok(t)
    }

    /// `setpgid(0, 0)`: lead a new process group in the same session.
    fn setpgid_self(&mut self, t: TaskId) {
        if self.tasks[t].pgrp != t {
            self.detach_pgrp(t);
            self.attach_pgrp(t, t);
        }
    }

    /// `setsid()`: lead a new session and process group (a group leader
    /// cannot; the global init already leads both).
    fn setsid(&mut self, t: TaskId) {
        if self.tasks[t].pgrp == t {
            return;
        }
        self.detach_pgrp(t);
        self.detach_session(t);
        self.attach_pgrp(t, t);
        self.attach_session(t, t);
    }
}
