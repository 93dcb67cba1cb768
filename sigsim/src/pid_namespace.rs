//! `kernel/pid_namespace.c`: what happens to a PID namespace when its init
//! dies. Creating one (`create_pid_namespace`) is folded into
//! [`crate::fork`], which is where the format's spawns ask for it.

use crate::sched::*;
use crate::signum::Signal;
use crate::trace::{call, trace, Fact};
use crate::version::Func;

impl Kernel {
    /// `disable_pid_allocation` (all versions): clear PIDNS_ADDING, so every
    /// later `alloc_pid` in this namespace fails with ENOMEM.
    pub fn disable_pid_allocation(&mut self, ns: NsId) {
        self.namespaces[ns].adding = false;
    }

    /// `zap_pid_ns_processes(pid_ns)` (4.19 … 7.2), the part before it
    /// sleeps: refuse new processes, make the dying init ignore SIGCHLD so
    /// its children autoreap, then SIGKILL every task that has a number >= 2
    /// in this namespace — nested namespaces included, since their tasks
    /// have numbers here too. The init then waits in the kernel until only
    /// its own pid is left; [`Kernel::zap_wait_done`] checks that.
    pub fn zap_pid_ns_processes(&mut self, ns: NsId) {
        let me = self.current;
        self.disable_pid_allocation(ns);
        self.tasks[me].set_handler(Signal::CHLD, Handler::Ign);
        let mut numbers: Vec<(i32, PidId)> = self.namespaces[ns]
            .idr
            .iter()
            .filter(|(nr, _)| **nr >= 2)
            .map(|(nr, p)| (*nr, *p))
            .collect();
        numbers.sort_unstable();
        trace!(self; Func::ZapPidNsProcesses, Some(me), Fact::ZapNamespace { ns: self.ns_id(ns), tasks: numbers.len() as u32 });
        for (_, pid) in numbers {
            let Some(task) = self.pid_task(pid) else {
                continue;
            };
            if self.fatal_signal_pending(task) {
                continue;
            }
            // 4.19's zap used send_sig_info(SEND_SIG_FORCED); later ones
            // SEND_SIG_PRIV (see `version::CHANGES` `remove_send_sig_forced`).
            if self.version.has_from_ancestor_ns() {
                let _ = call!(self, self.send_sig_info(Signal::KILL, Info::Forced, task));
            } else {
                let _ = call!(
                    self,
                    self.group_send_sig_info(
                        Signal::KILL.nr() as i32,
                        Info::Priv,
                        task,
                        PidType::Max
                    )
                );
            }
        }
        // kernel_wait4(-1, __WALL) until ECHILD: reap the zombies it already has.
        let zombies: Vec<TaskId> = self.tasks[me]
            .children
            .iter()
            .copied()
            .filter(|c| self.tasks[*c].exit_state == ExitState::Zombie)
            .collect();
        for z in zombies {
            self.release_task(z);
        }
    }

    /// The condition `zap_pid_ns_processes` sleeps on: `pid_allocated`
    /// back to 1, the init's own pid.
    pub fn zap_wait_done(&self, ns: NsId) -> bool {
        self.namespaces[ns].idr.len() <= 1
    }

    /// `__fatal_signal_pending`: SIGKILL in the private set.
    pub fn fatal_signal_pending(&self, t: TaskId) -> bool {
        self.tasks[t].pending.signal.contains(Signal::KILL)
    }
}
