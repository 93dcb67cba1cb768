//! `kernel/exit.c`: a process dies — its children find a new parent, a
//! namespace init takes its namespace with it, an orphaned process group
//! with stopped jobs is woken with SIGHUP and SIGCONT, and the parent hears
//! SIGCHLD (or reaps at once if it ignores SIGCHLD).

use crate::sched::*;
use crate::signum::{SigSet, Signal};
use crate::trace::{call, trace, Fact};
use crate::version::Func;

impl Kernel {
    /// `do_group_exit(exit_code)` (all versions): a group exit already
    /// decided (the fatal fast path) keeps its code. Otherwise 4.19 and 5.10
    /// mark the group only when it has other threads to zap
    /// (`!thread_group_empty`), so a one-thread process leaves here
    /// unmarked; 6.1 and later mark every group: SIGNAL_GROUP_EXIT, the
    /// code, and `zap_other_threads` clearing the group stop.
    pub fn do_group_exit(&mut self, exit_code: i32) {
        let t = self.current;
        let marks_every_exit = self.version.drops_after_fatal();
        let task = &mut self.tasks[t];
        let code = if task.flags & SIGNAL_GROUP_EXIT != 0 {
            task.group_exit_code
        } else {
            if marks_every_exit {
                task.flags = SIGNAL_GROUP_EXIT;
                task.group_exit_code = exit_code;
                task.group_stop_count = 0;
            }
            exit_code
        };
        trace!(self; Func::DoGroupExit, Some(t), Fact::GroupExit { status: code });
        call!(self, self.do_exit(code));
    }

    /// `do_exit(code)`: the global init may not die ("Attempted to kill
    /// init!": in `do_exit` since 5.4, in `find_child_reaper` before; the
    /// effect is the same), everything else goes on to `exit_notify`.
    pub fn do_exit(&mut self, code: i32) {
        let t = self.current;
        if self.is_global_init(t) {
            self.panicked = true;
            trace!(self; Func::DoExit, Some(t), Fact::InitPanics);
            return;
        }
        let task = &mut self.tasks[t];
        let lost = std::mem::take(&mut task.frames);
        task.exit_code = code;
        task.stopped = false;
        if self.version.drops_after_fatal() && task.flags & SIGNAL_GROUP_EXIT == 0 {
            // synchronize_group_exit() (see `version::CHANGES`
            // `record_exit`): the last thread out marks the group when
            // nothing did before.
            task.flags = SIGNAL_GROUP_EXIT;
            task.group_exit_code = code;
            task.group_stop_count = 0;
        }
        if !lost.is_empty() {
            let sigs: SigSet = lost.iter().map(|h| h.sig).collect();
            trace!(self; Func::DoExit, Some(t), Fact::HandlersLost { sigs });
        }
        call!(self, self.exit_notify(t));
    }

    /// `exit_notify(tsk, group_dead)` (every version followed). For a namespace
    /// init this stops half-way inside `zap_pid_ns_processes` until its
    /// namespace is empty; [`Kernel::finish_zapped_exit`] goes on from there.
    pub fn exit_notify(&mut self, t: TaskId) {
        if !call!(self, self.forget_original_parent(t)) {
            self.tasks[t].exit_state = ExitState::Zapping;
            trace!(self; Func::ExitNotify, Some(t), Fact::WaitsForNamespace);
            return;
        }
        self.exit_notify_tail(t);
    }

    fn exit_notify_tail(&mut self, t: TaskId) {
        call!(self, self.kill_orphaned_pgrp(t, None));
        self.tasks[t].exit_state = ExitState::Zombie;
        let autoreap = call!(self, self.do_notify_parent(t));
        trace!(self; Func::ExitNotify, Some(t), Fact::Exited { autoreap });
        if autoreap {
            self.release_task(t);
        }
    }

    /// A namespace init woken in `zap_pid_ns_processes`: if its namespace
    /// is empty now it finishes exiting.
    pub fn finish_zapped_exit(&mut self, t: TaskId) {
        let ns = self.tasks[t].ns;
        if !self.zap_wait_done(ns) {
            return;
        }
        self.current = t;
        trace!(self; Func::ZapPidNsProcesses, Some(t), Fact::NamespaceEmpty { ns: self.ns_id(ns) });
        self.exit_notify_tail(t);
    }

    /// `forget_original_parent(father, dead)` (every version followed): returns
    /// false while the father, a namespace init, still waits for its
    /// namespace to empty.
    pub fn forget_original_parent(&mut self, father: TaskId) -> bool {
        let Some(reaper) = call!(self, self.find_child_reaper(father)) else {
            return false;
        };
        if self.tasks[father].children.is_empty() {
            return true;
        }
        let reaper = self.find_new_reaper(father, reaper);
        call!(self, self.reparent_children(father, reaper));
        true
    }

    fn reparent_children(&mut self, father: TaskId, reaper: TaskId) {
        let children = std::mem::take(&mut self.tasks[father].children);
        if children.is_empty() {
            return;
        }
        trace!(self; Func::ForgetOriginalParent, Some(reaper), Fact::Reparented { father: self.name(father), children: self.names(&children) });
        for &p in &children {
            self.tasks[p].real_parent = Some(reaper);
        }
        self.tasks[reaper].children.extend(children.iter().copied());
        for p in children {
            call!(self, self.reparent_leader(father, p));
        }
    }

    /// `find_child_reaper(father, dead)` (every version followed): the namespace's
    /// reaper, unless the father is it — then the namespace dies with it
    /// (`zap_pid_ns_processes`) and `None` says it must wait.
    pub fn find_child_reaper(&mut self, father: TaskId) -> Option<TaskId> {
        let ns = self.tasks[father].ns;
        let reaper = self.namespaces[ns]
            .child_reaper
            .expect("a populated namespace has a reaper");
        if reaper != father {
            return Some(reaper);
        }
        trace!(self; Func::FindChildReaper, Some(father), Fact::InitTakesNamespace { ns: self.ns_id(ns) });
        call!(self, self.zap_pid_ns_processes(ns));
        self.zap_wait_done(ns).then_some(father)
    }

    /// `find_new_reaper(father, child_reaper)`: with one thread per process
    /// and no PR_SET_CHILD_SUBREAPER in the format, the namespace's reaper.
    pub fn find_new_reaper(&self, _father: TaskId, child_reaper: TaskId) -> TaskId {
        child_reaper
    }

    /// `reparent_leader(father, p, dead)` (all versions): a zombie child is
    /// announced again to its new parent (which may reap it at once), and
    /// the child's process group may have just been orphaned.
    pub fn reparent_leader(&mut self, father: TaskId, p: TaskId) {
        if self.tasks[p].exit_state == ExitState::Dead {
            return;
        }
        if self.tasks[p].exit_state == ExitState::Zombie && call!(self, self.do_notify_parent(p)) {
            self.release_task(p);
        }
        call!(self, self.kill_orphaned_pgrp(p, Some(father)));
    }

    /// `kill_orphaned_pgrp(tsk, parent)` (all versions, POSIX 3.2.2.2): if
    /// this exit (parent = None) or re-parenting (parent = the exiting
    /// father) leaves `tsk`'s process group with no parent in another group
    /// of the same session, and a member is stopped, the group gets SIGHUP
    /// and then SIGCONT from the kernel.
    pub fn kill_orphaned_pgrp(&mut self, tsk: TaskId, parent: Option<TaskId>) {
        let pgrp = self.tasks[tsk].pgrp;
        let (parent, ignored) = match parent {
            None => (self.tasks[tsk].real_parent, Some(tsk)),
            Some(p) => (Some(p), None),
        };
        // The global init's parent is the idle task, in no session of ours.
        let Some(parent) = parent else { return };
        let link = self.tasks[parent].pgrp != pgrp
            && self.tasks[parent].session == self.tasks[tsk].session;
        if !link || !self.will_become_orphaned_pgrp(pgrp, ignored) || !self.has_stopped_jobs(pgrp) {
            return;
        }
        trace!(self; Func::KillOrphanedPgrp, Some(tsk), Fact::OrphanedGroup { leader: self.name(pgrp) });
        let _ = call!(
            self,
            self.__kill_pgrp_info(Signal::HUP.nr() as i32, Info::Priv, Some(pgrp))
        );
        let _ = call!(
            self,
            self.__kill_pgrp_info(Signal::CONT.nr() as i32, Info::Priv, Some(pgrp))
        );
    }

    /// `will_become_orphaned_pgrp(pgrp, ignored_task)` (all versions): no
    /// member (but the ignored one, the dead, and children of the global
    /// init) has a parent in a different group of the same session.
    pub fn will_become_orphaned_pgrp(&self, pgrp: PidId, ignored: Option<TaskId>) -> bool {
        for p in self.pgrp_members(pgrp) {
            let task = &self.tasks[p];
            if Some(p) == ignored || matches!(task.exit_state, ExitState::Zombie | ExitState::Dead)
            {
                continue;
            }
            let Some(parent) = task.real_parent else {
                continue;
            };
            if self.is_global_init(parent) {
                continue;
            }
            if self.tasks[parent].pgrp != pgrp && self.tasks[parent].session == task.session {
                return false;
            }
        }
        true
    }

    /// `has_stopped_jobs(pgrp)`: a member whose group stop completed.
    pub fn has_stopped_jobs(&self, pgrp: PidId) -> bool {
        self.pgrp_members(pgrp)
            .into_iter()
            .any(|p| self.tasks[p].flags & SIGNAL_STOP_STOPPED != 0)
    }

    /// `release_task(p)` (all versions, one-thread case): the zombie is
    /// gone — unhashed from its pid, group and session, off its parent's
    /// list. Freeing the last user of a pid may wake a zapping init.
    pub fn release_task(&mut self, p: TaskId) {
        self.tasks[p].exit_state = ExitState::Dead;
        if let Some(parent) = self.tasks[p].real_parent {
            self.tasks[parent].children.retain(|c| *c != p);
        }
        self.put_pid_use(p, PID_USE_PID);
        self.detach_pgrp(p);
        self.detach_session(p);
    }
}
