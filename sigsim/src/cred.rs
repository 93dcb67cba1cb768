//! Credentials (`include/linux/cred.h`, `kernel/capability.c`), cut down to
//! what the signal path reads. The format gives each process one uid, used
//! as real, effective and saved uid; uid 0 holds every capability and any
//! other uid none, and there is one user namespace.

use crate::sched::{Kernel, TaskId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cred {
    pub uid: u32,
    pub euid: u32,
    pub suid: u32,
}

impl Cred {
    pub fn new(uid: u32) -> Cred {
        Cred {
            uid,
            euid: uid,
            suid: uid,
        }
    }
}

/// The capabilities the modelled paths ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capability {
    /// Send signals regardless of uid (`kill_ok_by_cred`).
    Kill,
    /// Create or join a PID namespace (`create_pid_namespace`, `pidns_install`).
    SysAdmin,
    /// Give a child another uid (`setresuid`).
    Setuid,
}

impl Kernel {
    /// `ns_capable(ns, cap)` / `capable(cap)` for `task`: with one user
    /// namespace and no file capabilities, root's effective uid holds every
    /// capability and any other euid none (`cap_capable`, all versions).
    pub fn capable(&self, task: TaskId, _cap: Capability) -> bool {
        self.tasks[task].cred.euid == 0
    }
}
