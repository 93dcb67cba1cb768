//! `kernel/pid.c`: PID numbers per namespace, lookup, and the lifetime of a
//! `struct pid` (allocated at fork, freed when no task uses it as its pid,
//! process group or session).

use crate::sched::*;
use crate::uapi::Errno;

impl Kernel {
    /// `pid_nr_ns(pid, ns)` (all versions): the pid's number in `ns`, or 0
    /// if the pid was not allocated in `ns` or below it.
    pub fn pid_nr_ns(&self, pid: PidId, ns: NsId) -> i32 {
        let p = &self.pids[pid];
        let level = self.namespaces[ns].level as usize;
        match p.numbers.get(level) {
            Some(&(n, nr)) if n == ns => nr,
            _ => 0,
        }
    }

    /// `task_pid_nr_ns` / `task_tgid_nr_ns`: a task's number as seen in
    /// `ns` (threads are not modelled: its pid is its tgid).
    pub fn task_pid_nr_ns(&self, t: TaskId, ns: NsId) -> i32 {
        self.pid_nr_ns(t, ns)
    }

    /// `task_pid_vnr` / `task_tgid_vnr`: as seen by `current`.
    pub fn task_pid_vnr(&self, t: TaskId) -> i32 {
        self.task_pid_nr_ns(t, self.tasks[self.current].ns)
    }

    /// `find_pid_ns(nr, ns)`: the pid hashed under `nr` in `ns`.
    pub fn find_pid_ns(&self, nr: i32, ns: NsId) -> Option<PidId> {
        self.namespaces[ns].idr.get(&nr).copied()
    }

    /// `find_vpid(nr)`: `find_pid_ns` in the caller's namespace.
    pub fn find_vpid(&self, nr: i32) -> Option<PidId> {
        self.find_pid_ns(nr, self.tasks[self.current].ns)
    }

    /// `pid_task(pid, PIDTYPE_PID)`: the task whose pid this is, while it
    /// is still hashed.
    pub fn pid_task(&self, pid: PidId) -> Option<TaskId> {
        (self.pids[pid].users[PID_USE_PID] > 0).then_some(pid)
    }

    /// `alloc_pid(ns)` (every version alike for what is modelled): one
    /// number per level, each the next of that namespace's cyclic cursor.
    /// The numbers are taken before PIDNS_ADDING is checked, so a refused
    /// attempt still moves every cursor on: later PIDs skip them.
    pub fn alloc_pid(&mut self, ns: NsId) -> Result<PidId, Errno> {
        let chain: Vec<NsId> = self.ns_ancestry(ns).collect();
        let mut numbers = Vec::with_capacity(chain.len());
        for &n in chain.iter().rev() {
            let space = &mut self.namespaces[n];
            space.last_pid += 1;
            numbers.push((n, space.last_pid));
        }
        if !self.namespaces[ns].adding {
            return Err(Errno::ENOMEM);
        }
        let id = self.pids.len();
        for &(n, nr) in &numbers {
            self.namespaces[n].idr.insert(nr, id);
        }
        self.pids.push(Pid {
            numbers,
            users: [0; 3],
            pgrp_members: Vec::new(),
        });
        Ok(id)
    }

    /// `attach_pid(task, type)` for the process-group role; the kernel's
    /// `hlist_add_head` makes the newest member the first one iterated.
    pub fn attach_pgrp(&mut self, t: TaskId, pgrp: PidId) {
        self.tasks[t].pgrp = pgrp;
        self.pids[pgrp].users[PID_USE_PGID] += 1;
        self.pids[pgrp].pgrp_members.push(t);
    }

    pub fn attach_session(&mut self, t: TaskId, sid: PidId) {
        self.tasks[t].session = sid;
        self.pids[sid].users[PID_USE_SID] += 1;
    }

    /// `detach_pid` for the process-group role (`change_pid` is detach then attach).
    pub fn detach_pgrp(&mut self, t: TaskId) {
        let pgrp = self.tasks[t].pgrp;
        self.pids[pgrp].pgrp_members.retain(|m| *m != t);
        self.put_pid_use(pgrp, PID_USE_PGID);
    }

    pub fn detach_session(&mut self, t: TaskId) {
        let sid = self.tasks[t].session;
        self.put_pid_use(sid, PID_USE_SID);
    }

    /// `__change_pid`: when no task uses the pid any more, `free_pid`.
    pub fn put_pid_use(&mut self, pid: PidId, role: usize) {
        self.pids[pid].users[role] -= 1;
        if !self.pids[pid].in_use() {
            self.free_pid(pid);
        }
    }

    /// `free_pid` (all versions): unhash every number. A namespace init
    /// waiting in `zap_pid_ns_processes` is woken when its namespace has
    /// only the init's own pid left.
    fn free_pid(&mut self, pid: PidId) {
        let numbers = self.pids[pid].numbers.clone();
        for (ns, nr) in numbers {
            self.namespaces[ns].idr.remove(&nr);
            if self.namespaces[ns].idr.len() <= 1 {
                if let Some(reaper) = self.namespaces[ns].child_reaper {
                    if self.tasks[reaper].exit_state == ExitState::Zapping {
                        self.enqueue(reaper);
                    }
                }
            }
        }
    }

    /// Members of a process group, in the order `do_each_pid_task(pgrp,
    /// PIDTYPE_PGID)` visits them: newest attached first.
    pub fn pgrp_members(&self, pgrp: PidId) -> Vec<TaskId> {
        self.pids[pgrp].pgrp_members.iter().rev().copied().collect()
    }

    /// `is_global_init(t)`: tgid 1 in `init_pid_ns`. See [`Options::under_host`].
    pub fn is_global_init(&self, t: TaskId) -> bool {
        !self.opts.under_host && self.pids[t].numbers[0].1 == 1
    }

    /// The NSpid line: the task's numbers from its own namespace up... as
    /// `/proc/PID/status` prints them, root first.
    pub fn nspid(&self, t: TaskId) -> Vec<i32> {
        self.pids[t].numbers.iter().map(|(_, nr)| *nr).collect()
    }
}
