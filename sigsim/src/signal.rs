//! `kernel/signal.c`: from the syscalls that send a signal to the receiver
//! dequeuing it. Functions keep their upstream names and branch order; a
//! reader can hold this file beside `kernel/signal.c` of 4.19.48, 5.10.262
//! or 6.18. Where a rule differs between them, the branch on
//! [`KernelVersion`] sits in that one place with the change that made it.
//!
//! Not modelled, because no scenario can reach them: threads (every process
//! has one), ptrace, kernel threads (`PF_KTHREAD`, `SIG_KTHREAD_KERNEL`),
//! security modules and audit, coredumps (RLIMIT_CORE is 0), the
//! RLIMIT_SIGPENDING limit (never reached by a scenario), user namespaces.

use crate::cred::Capability;
use crate::outcome::{Errno, Handled, SiCode};
use crate::sched::*;
use crate::signum::{SigSet, Signal, NSIG};
use crate::trace::{call, trace, Verdict};
use crate::version::{Func, KernelVersion};

pub type KResult = Result<(), Errno>;

fn ret_str(r: KResult) -> &'static str {
    match r {
        Ok(()) => "0",
        Err(e) => e.name(),
    }
}

impl Kernel {
    // ------------------------------------------------------------------
    // Entry points
    // ------------------------------------------------------------------

    /// `SYSCALL_DEFINE2(kill, pid, sig)` (4.19, 5.10, 6.18). Builds an
    /// SI_USER siginfo naming the caller as its own namespace sees it; the
    /// signal number is not checked here, only once a target is found.
    pub fn sys_kill(&mut self, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        trace!(self, "kill", Some(me), None,
            format!("{} calls kill({pid}, {sig})", self.tasks[me].name),
            "pid" => pid, "sig" => sig_name(sig));
        let mut info = call!(self, self.prepare_kill_siginfo(sig, PidType::Tgid));
        let r = call!(self, self.kill_something_info(sig, &mut info, pid));
        trace!(self, "kill", Some(me), None, format!("kill returns {}", ret_str(r)), "ret" => ret_str(r));
        r
    }

    /// `prepare_kill_siginfo(sig, info[, type])` (5.x: two arguments; 6.9+
    /// takes the type and uses SI_TKILL for a thread-directed send; 4.19
    /// built the same siginfo inline in `sys_kill`).
    pub fn prepare_kill_siginfo(&mut self, sig: i32, ty: PidType) -> SigInfo {
        let me = self.current;
        let code = if ty == PidType::Pid {
            SiCode::SI_TKILL
        } else {
            SiCode::SI_USER
        };
        let info = SigInfo {
            signo: sig,
            code,
            pid: self.task_pid_vnr(me),
            uid: self.tasks[me].cred.uid,
        };
        let func = if self.version == KernelVersion::V4_19 {
            "kill"
        } else {
            "prepare_kill_siginfo"
        };
        trace!(self, func, Some(me), None,
            format!("siginfo: si_code {}, si_pid {} — the sender's PID in its own namespace", code.name(), info.pid),
            "si_code" => code.name(), "si_pid" => info.pid, "si_uid" => info.uid);
        info
    }

    /// `kill_something_info(sig, info, pid)` (4.19, 5.10, 6.18): what the
    /// pid argument means. kill(-1) counts its candidates and swallows
    /// EPERM; kill(0) and kill(-pgid) walk a process group with no regard
    /// for namespaces.
    pub fn kill_something_info(&mut self, sig: i32, info: &mut SigInfo, pid: i32) -> KResult {
        let me = self.current;
        if pid > 0 {
            // 5.10 (and 6.18) go through kill_proc_info; 4.19 called
            // kill_pid_info(find_vpid(pid)) here directly. Same behaviour.
            if self.version >= KernelVersion::V5_10 {
                trace!(self, "kill_something_info", Some(me), None, "pid > 0: one process, looked up in the caller's namespace", "pid" => pid);
                return call!(self, self.kill_proc_info(sig, Info::Real(info), pid));
            }
            let found = self.find_vpid(pid);
            trace!(self, "kill_something_info", Some(me), None,
                format!("pid > 0: find_vpid({pid}) in namespace {} {}", self.ns_name(me), found_str(found)),
                "pid" => pid, "namespace" => self.ns_name(me));
            return call!(self, self.kill_pid_info(sig, Info::Real(info), found));
        }
        // INT_MIN cannot be negated (CVE-2018-10124, 4ea77014af0d; in all three trees).
        if pid == i32::MIN {
            trace!(self, "kill_something_info", Some(me), Some(Verdict::Fails(Errno::ESRCH)), "pid is INT_MIN, which cannot be negated: ESRCH", "pid" => pid);
            return Err(Errno::ESRCH);
        }
        if pid != -1 {
            let pgrp = if pid == 0 {
                Some(self.tasks[me].pgrp)
            } else {
                self.find_vpid(-pid)
            };
            let reason = if pid == 0 {
                format!(
                    "pid 0: the caller's own process group (led by {}), wherever its members live",
                    self.tasks[pgrp.unwrap()].name
                )
            } else {
                format!(
                    "pid < -1: process group {} in the caller's namespace {}",
                    -pid,
                    found_str(pgrp)
                )
            };
            trace!(self, "kill_something_info", Some(me), None, reason, "pid" => pid);
            return call!(self, self.__kill_pgrp_info(sig, Info::Real(info), pgrp));
        }
        trace!(self, "kill_something_info", Some(me), None,
            format!("pid -1: every process whose PID in namespace {} is greater than 1, except the caller", self.ns_name(me)),
            "pid" => pid, "namespace" => self.ns_name(me));
        let mut retval: KResult = Ok(());
        let mut count = 0;
        for p in 0..self.tasks.len() {
            if !self.tasks[p].is_hashed() {
                continue;
            }
            let vnr = self.task_pid_vnr(p);
            if vnr > 1 && p != me {
                let err = call!(
                    self,
                    self.group_send_sig_info(sig, Info::Real(info), p, PidType::Max)
                );
                count += 1;
                if err != Err(Errno::EPERM) {
                    retval = err;
                }
            }
        }
        let r = if count > 0 { retval } else { Err(Errno::ESRCH) };
        let verdict = r.err().map(Verdict::Fails);
        trace!(self, "kill_something_info", Some(me), verdict,
            if count == 0 { "no candidate is visible: ESRCH".to_string() }
            else { format!("{count} candidates; EPERM from any of them is not reported, so the call returns {}", ret_str(r)) },
            "candidates" => count, "ret" => ret_str(r));
        r
    }

    /// `kill_proc_info(sig, info, pid)` (5.10, 6.18; 4.19 only for
    /// rt_sigqueueinfo): `find_vpid` under RCU, then `kill_pid_info`.
    pub fn kill_proc_info(&mut self, sig: i32, info: Info, pid: i32) -> KResult {
        let me = self.current;
        let found = self.find_vpid(pid);
        trace!(self, "kill_proc_info", Some(me), None,
            format!("find_vpid({pid}) in namespace {} {}", self.ns_name(me), found_str(found)),
            "pid" => pid, "namespace" => self.ns_name(me));
        call!(self, self.kill_pid_info(sig, info, found))
    }

    /// `kill_pid_info(sig, info, pid)` (4.19, 5.10) and, from 6.9,
    /// `kill_pid_info_type(sig, info, pid, PIDTYPE_TGID)` behind a
    /// `kill_pid_info` wrapper. ESRCH when no task has that pid. (The
    /// kernel retries on ESRCH for a task unhashed mid-call; nothing here races.)
    pub fn kill_pid_info(&mut self, sig: i32, info: Info, pid: Option<PidId>) -> KResult {
        if self.version == KernelVersion::V6_18 {
            trace!(
                self,
                "kill_pid_info",
                None,
                None,
                "a wrapper since 6.9: kill_pid_info_type(…, PIDTYPE_TGID)"
            );
            return call!(self, self.kill_pid_info_type(sig, info, pid, PidType::Tgid));
        }
        self.kill_pid_info_type(sig, info, pid, PidType::Tgid)
    }

    /// The body of `kill_pid_info`; a function of its own, named so in the
    /// trace, since 6.9 (pidfd_send_signal calls it directly).
    pub fn kill_pid_info_type(
        &mut self,
        sig: i32,
        info: Info,
        pid: Option<PidId>,
        ty: PidType,
    ) -> KResult {
        let name = self.version.name(Func::KillPidInfo);
        let task = pid.and_then(|p| self.pid_task(p));
        match task {
            None => {
                trace!(
                    self,
                    name,
                    None,
                    Some(Verdict::Fails(Errno::ESRCH)),
                    "pid_task finds no process with that PID: ESRCH"
                );
                Err(Errno::ESRCH)
            }
            Some(p) => {
                trace!(self, name, Some(p), None, format!("pid_task: {}", self.tasks[p].name), "type" => ty.name());
                call!(self, self.group_send_sig_info(sig, info, p, ty))
            }
        }
    }

    /// `__kill_pgrp_info(sig, info, pgrp)` (4.19, 5.10, 6.18): every member
    /// of the group, newest first; 0 if any send succeeded, else the last
    /// error, ESRCH for an empty or unknown group.
    #[allow(non_snake_case)]
    pub fn __kill_pgrp_info(&mut self, sig: i32, mut info: Info, pgrp: Option<PidId>) -> KResult {
        let members = pgrp.map(|g| self.pgrp_members(g)).unwrap_or_default();
        if let Some(g) = pgrp {
            trace!(self, "__kill_pgrp_info", Some(g), None,
                format!("every member of the process group led by {}, newest first, whatever its namespace", self.tasks[g].name),
                "members" => members.len());
        }
        let mut success = false;
        let mut retval: KResult = Err(Errno::ESRCH);
        for p in &members {
            let err = call!(
                self,
                self.group_send_sig_info(sig, info.reborrow(), *p, PidType::Pgid)
            );
            success |= err.is_ok();
            retval = err;
        }
        let r = if success { Ok(()) } else { retval };
        trace!(self, "__kill_pgrp_info", None, r.err().map(Verdict::Fails),
            if members.is_empty() { "no process is in that group: ESRCH".to_string() }
            else { format!("{} members; the call returns {}", members.len(), ret_str(r)) },
            "members" => members.iter().map(|m| self.tasks[*m].name.as_str()).collect::<Vec<_>>().join(", "));
        r
    }

    /// `group_send_sig_info(sig, info, p, type)` (4.19, 5.10, 6.18):
    /// permission first; sig 0 stops there.
    pub fn group_send_sig_info(
        &mut self,
        sig: i32,
        mut info: Info,
        p: TaskId,
        ty: PidType,
    ) -> KResult {
        trace!(self, "group_send_sig_info", Some(p), None,
            format!("to {}: check_kill_permission first, then send unless sig is 0", self.tasks[p].name), "sig" => sig_name(sig));
        let perm = call!(self, self.check_kill_permission(sig, info.reborrow(), p));
        perm?;
        if sig == 0 {
            trace!(
                self,
                "group_send_sig_info",
                Some(p),
                Some(Verdict::Probe),
                "sig 0: the target exists and may be signalled; nothing is sent"
            );
            return Ok(());
        }
        let sig = Signal::new(sig as i64).expect("check_kill_permission validated it");
        call!(self, self.do_send_sig_info(sig, info, p, ty))
    }

    /// `check_kill_permission(sig, info, t)` (4.19, 5.10, 6.18): the signal
    /// number, then whether the sender is the kernel, then credentials with
    /// SIGCONT's same-session exception. PID namespaces play no part here.
    pub fn check_kill_permission(&mut self, sig: i32, info: Info, t: TaskId) -> KResult {
        // valid_signal() compares as unsigned long: negatives fail too.
        if !(0..=NSIG as i32).contains(&sig) {
            trace!(self, "check_kill_permission", Some(t), Some(Verdict::Fails(Errno::EINVAL)),
                format!("{sig} is not a valid signal (valid_signal: 0..64): EINVAL"), "sig" => sig);
            return Err(Errno::EINVAL);
        }
        if !si_fromuser(&info) {
            trace!(self, "check_kill_permission", Some(t), None,
                format!("{} comes from the kernel: no permission check", info.describe()), "info" => info.describe());
            return Ok(());
        }
        let me = self.current;
        if me != t {
            trace!(self, "check_kill_permission", Some(t), None,
                format!("{sig} is valid and comes from user space; {} is not the target, so credentials decide", self.tasks[me].name),
                "sig" => sig_name(sig));
        }
        if me != t && !call!(self, self.kill_ok_by_cred(t)) {
            let s = Signal::new(sig as i64);
            if s == Some(Signal::CONT) && self.tasks[t].session == self.tasks[me].session {
                trace!(self, "check_kill_permission", Some(t), None,
                    "credentials do not match, but SIGCONT within the sender's own session is allowed",
                    "sig" => sig_name(sig));
                return Ok(());
            }
            trace!(self, "check_kill_permission", Some(t), Some(Verdict::Fails(Errno::EPERM)),
                format!("{} (uid {}) may not signal {} (uid {}) and lacks CAP_KILL: EPERM",
                    self.tasks[me].name, self.tasks[me].cred.uid, self.tasks[t].name, self.tasks[t].cred.uid),
                "sender uid" => self.tasks[me].cred.uid, "target uid" => self.tasks[t].cred.uid);
            return Err(Errno::EPERM);
        }
        trace!(self, "check_kill_permission", Some(t), None,
            if me == t { "a process may always signal itself" } else { "permitted" }, "sig" => sig_name(sig));
        Ok(())
    }

    /// `kill_ok_by_cred(t)` (all versions): the sender's real or effective
    /// uid matches the target's real or saved uid, or it has CAP_KILL.
    pub fn kill_ok_by_cred(&mut self, t: TaskId) -> bool {
        let me = self.current;
        let (c, tc) = (self.tasks[me].cred, self.tasks[t].cred);
        let by_uid = c.euid == tc.suid || c.euid == tc.uid || c.uid == tc.suid || c.uid == tc.uid;
        let cap = self.capable(me, Capability::Kill);
        trace!(self, "kill_ok_by_cred", Some(t), None,
            if by_uid { "the uids match".to_string() } else if cap { "uids differ, but the sender holds CAP_KILL".to_string() } else { "uids differ and no CAP_KILL".to_string() },
            "sender uid/euid" => format!("{}/{}", c.uid, c.euid), "target uid/suid" => format!("{}/{}", tc.uid, tc.suid), "CAP_KILL" => cap);
        by_uid || cap
    }

    /// `do_send_sig_info(sig, info, p, type)` (4.19, 5.10, 6.18): take the
    /// target's sighand lock — impossible once it was released: ESRCH.
    pub fn do_send_sig_info(&mut self, sig: Signal, info: Info, p: TaskId, ty: PidType) -> KResult {
        if !self.tasks[p].is_hashed() {
            trace!(
                self,
                "do_send_sig_info",
                Some(p),
                Some(Verdict::Fails(Errno::ESRCH)),
                "lock_task_sighand fails: the process was reaped: ESRCH"
            );
            return Err(Errno::ESRCH);
        }
        trace!(self, "do_send_sig_info", Some(p), None, "lock_task_sighand succeeds", "sig" => sig);
        call!(self, self.send_signal(sig, info, p, ty))
    }

    /// `send_sig_info(sig, info, p)` (all versions): no permission check,
    /// the private queue. Only the 4.19 namespace zap uses it here.
    pub fn send_sig_info(&mut self, sig: Signal, info: Info, p: TaskId) -> KResult {
        trace!(
            self,
            "send_sig_info",
            Some(p),
            None,
            "a kernel send to one task: no permission check"
        );
        call!(self, self.do_send_sig_info(sig, info, p, PidType::Pid))
    }

    /// `send_signal` (4.19, 5.10) / `send_signal_locked` (6.18): decides
    /// `force` — may this signal override SIGNAL_UNKILLABLE? — and hides the
    /// sender from a receiver in a namespace below it (si_pid 0).
    ///
    /// 4.19 computes `from_ancestor_ns` instead and zeroes si_pid on the
    /// queued copy in `__send_signal`; "signal: Move the computation of force
    /// into send_signal and correct it" (5.3) and 7a0cf094944e ("signal:
    /// Correct namespace fixups of si_pid and si_uid") made it this shape.
    /// The rewrite is made in place, on the caller's siginfo: kill(0),
    /// kill(-pgid) and kill(-1) pass one siginfo to every recipient, so once
    /// a recipient in a namespace below the sender zeroes si_pid, every later
    /// recipient of the same call sees si_pid 0 too. "signal: avoid shared
    /// siginfo namespace rewrites" (posted 2026-06, Cc stable) copies it
    /// first; our notes found the copy in 6.1.192, 6.12.117 and 7.2.13, but
    /// this machine's 6.18.44 still rewrites in place (seen on the real
    /// kernel: random seed 162), so 6.18 here follows 5.10.
    pub fn send_signal(&mut self, sig: Signal, info: Info, t: TaskId, ty: PidType) -> KResult {
        let name = self.version.name(Func::SendSignal);
        let me = self.current;
        let t_ns = self.tasks[t].ns;
        let seen = self.task_pid_nr_ns(me, t_ns);
        let levels = self.levels_str(me, t);
        if self.version.has_from_ancestor_ns() {
            let from_ancestor_ns = si_fromuser(&info) && seen == 0;
            trace!(self, name, Some(t), None,
                if from_ancestor_ns { format!("{} has no PID in the target's namespace: it is an ancestor, from_ancestor_ns = 1", self.tasks[me].name) }
                else { "from_ancestor_ns = 0".to_string() },
                "task_pid_nr_ns(current, target ns)" => seen, "levels" => levels, "from_ancestor_ns" => from_ancestor_ns);
            return call!(self, self.__send_signal(sig, info, t, ty, from_ancestor_ns));
        }
        let (force, info) = match info {
            Info::NoInfo => (seen == 0, Info::NoInfo),
            Info::Priv => (true, Info::Priv),
            Info::Forced => unreachable!("SEND_SIG_FORCED is gone since 4.20"),
            Info::Real(i) => {
                // has_si_pid_and_uid: every siginfo modelled here carries ids.
                let target: &mut SigInfo = i;
                let mut force = target.code == SiCode::SI_KERNEL;
                if seen == 0 {
                    target.pid = 0;
                    force = true;
                }
                (force, Info::Real(target))
            }
        };
        trace!(self, name, Some(t), None,
            match (&info, seen) {
                (Info::Priv, _) => "SEND_SIG_PRIV: the kernel's own signal is always forced".to_string(),
                (_, 0) => format!("{} has no PID in {}'s namespace, so it is in an ancestor namespace: force = true, si_pid = 0", self.tasks[me].name, self.tasks[t].name),
                _ => format!("{} is visible in {}'s namespace as {seen}: force = false", self.tasks[me].name, self.tasks[t].name),
            },
            "task_pid_nr_ns(current, target ns)" => seen, "levels" => levels, "force" => force, "si_pid" => si_pid_str(&info));
        call!(self, self.__send_signal(sig, info, t, ty, force))
    }

    /// `__send_signal` (4.19, 5.10) / `__send_signal_locked` (6.18): the
    /// generation-time decision, the queue, and `complete_signal`.
    #[allow(non_snake_case)]
    pub fn __send_signal(
        &mut self,
        sig: Signal,
        info: Info,
        t: TaskId,
        ty: PidType,
        force: bool,
    ) -> KResult {
        let name = self.version.name(Func::SendSignalInner);
        // 4.19: prepare_signal(sig, t, from_ancestor_ns || PRIV || FORCED).
        let force = force
            || (self.version.has_from_ancestor_ns() && matches!(info, Info::Priv | Info::Forced));
        trace!(self, name, Some(t), None, "prepare_signal decides whether the signal is generated at all", "force" => force);
        if !call!(self, self.prepare_signal(sig, t, force)) {
            trace!(
                self,
                name,
                Some(t),
                Some(Verdict::Dropped),
                format!("prepare_signal said no: {sig} is dropped and the sender still gets 0")
            );
            return Ok(());
        }
        let private = ty == PidType::Pid;
        let pending = if private {
            &self.tasks[t].pending
        } else {
            &self.tasks[t].shared_pending
        };
        if call!(self, self.legacy_queue(pending.signal, sig, t)) {
            trace!(
                self,
                name,
                Some(t),
                Some(Verdict::Coalesced),
                format!("{sig} is already pending and legacy signals do not queue twice")
            );
            return Ok(());
        }
        let me = self.current;
        // SIGKILL gets no siginfo record (5.0+); 4.19 skipped it only for SEND_SIG_FORCED.
        let skip_record = matches!(info, Info::Forced)
            || (!self.version.has_from_ancestor_ns() && sig == Signal::KILL);
        let record = if skip_record {
            None
        } else {
            Some(match info {
                Info::NoInfo => SigInfo {
                    signo: sig.nr() as i32,
                    code: SiCode::SI_USER,
                    pid: self.task_pid_nr_ns(me, self.tasks[t].ns),
                    uid: self.tasks[me].cred.uid,
                },
                Info::Priv | Info::Forced => SigInfo {
                    signo: sig.nr() as i32,
                    code: SiCode::SI_KERNEL,
                    pid: 0,
                    uid: 0,
                },
                Info::Real(i) => {
                    let mut q = *i;
                    // 4.19: the copy's si_pid is zeroed for a sender in an ancestor namespace.
                    if self.version.has_from_ancestor_ns() && force && si_fromuser(&Info::Real(i)) {
                        q.pid = 0;
                    }
                    q
                }
            })
        };
        let task = &mut self.tasks[t];
        let pending = if private {
            &mut task.pending
        } else {
            &mut task.shared_pending
        };
        pending.list.push(SigQueue { sig, info: record });
        pending.signal.add(sig);
        trace!(self, name, Some(t), Some(Verdict::Queued),
            format!("{sig} is queued on {}'s {} queue{}", self.tasks[t].name,
                if private { "private" } else { "shared" },
                record.map(|r| format!(" with si_pid {} ({})", r.pid, r.code.name())).unwrap_or_default()),
            "queue" => if private { "pending" } else { "shared_pending" });
        call!(self, self.complete_signal(sig, t, ty));
        Ok(())
    }

    /// `prepare_signal(sig, p, force)` (4.19, 5.10, 6.18): runs at
    /// generation time whatever the mask or handler. A stop signal flushes
    /// SIGCONT; SIGCONT flushes stop signals and resumes a stopped process
    /// (even if SIGCONT itself is then dropped). Then: is it ignored?
    pub fn prepare_signal(&mut self, sig: Signal, p: TaskId, force: bool) -> bool {
        let flags = self.tasks[p].flags;
        if flags & SIGNAL_GROUP_EXIT != 0 {
            // 6.1, "signal: Drop signals received after a fatal signal has
            // been processed": a dying process takes nothing more. Before it
            // (4.19, 5.10) the signal went on to the ignore test and could
            // still be queued on the dying process.
            if self.version == KernelVersion::V6_18 {
                trace!(
                    self,
                    "prepare_signal",
                    Some(p),
                    Some(Verdict::Dropped),
                    format!(
                        "{} is already exiting (SIGNAL_GROUP_EXIT): the signal is dropped",
                        self.tasks[p].name
                    )
                );
                return false;
            }
            trace!(
                self,
                "prepare_signal",
                Some(p),
                None,
                "the process is exiting (SIGNAL_GROUP_EXIT); before 6.1 that drops nothing here"
            );
        } else if sig.kernel_stop() {
            let task = &mut self.tasks[p];
            let mask: SigSet = [Signal::CONT].into_iter().collect();
            let had = task.shared_pending.signal.contains(Signal::CONT)
                || task.pending.signal.contains(Signal::CONT);
            task.shared_pending.flush_mask(mask);
            task.pending.flush_mask(mask);
            trace!(
                self,
                "prepare_signal",
                Some(p),
                None,
                if had {
                    format!("{sig} is a stop signal: the pending SIGCONT is flushed")
                } else {
                    format!("{sig} is a stop signal: any pending SIGCONT would be flushed")
                }
            );
        } else if sig == Signal::CONT {
            let task = &mut self.tasks[p];
            let stops: SigSet = Signal::all().filter(|s| s.kernel_stop()).collect();
            task.shared_pending.flush_mask(stops);
            task.pending.flush_mask(stops);
            task.stop_dequeued = false;
            let was_stopped = task.stopped;
            task.stopped = false;
            let mut why = 0;
            if task.flags & SIGNAL_STOP_STOPPED != 0 {
                why |= SIGNAL_CLD_CONTINUED;
            } else if task.group_stop_count > 0 {
                why |= SIGNAL_CLD_STOPPED;
            }
            if why != 0 {
                // signal_set_stop_flags()
                task.flags = (task.flags & !SIGNAL_STOP_MASK) | why | SIGNAL_STOP_CONTINUED;
                task.group_stop_count = 0;
                task.group_exit_code = 0;
            }
            if was_stopped {
                self.enqueue(p);
            }
            trace!(self, "prepare_signal", Some(p), if was_stopped { Some(Verdict::Continued) } else { None },
                if was_stopped { format!("SIGCONT: pending stop signals are flushed and {} resumes now, whatever SIGCONT's disposition; its parent will hear CLD_CONTINUED", self.tasks[p].name) }
                else { "SIGCONT: pending stop signals are flushed".to_string() },
                "was stopped" => was_stopped);
        } else {
            trace!(self, "prepare_signal", Some(p), None,
                format!("{} is not exiting and {sig} is neither a stop signal nor SIGCONT: is it ignored?", self.tasks[p].name));
        }
        let ignored = call!(self, self.sig_ignored(p, sig, force));
        trace!(self, "prepare_signal", Some(p), None,
            if ignored { "sig_ignored says yes: do not generate it" } else { "sig_ignored says no: generate it" },
            "ignored" => ignored);
        !ignored
    }

    /// `sig_ignored(t, sig, force)` (4.19, 5.10, 6.18): a blocked signal is
    /// never ignored — its handler may change before it is unblocked — which
    /// is why a blocked SIG_DFL signal does reach a namespace init's queue.
    pub fn sig_ignored(&mut self, t: TaskId, sig: Signal, force: bool) -> bool {
        let task = &self.tasks[t];
        if task.blocked.contains(sig) {
            trace!(self, "sig_ignored", Some(t), None,
                format!("{sig} is blocked by {}: never ignored while blocked", self.tasks[t].name), "blocked" => true);
            return false;
        }
        // (t->ptrace && sig != SIGKILL): ptrace is not modelled.
        trace!(self, "sig_ignored", Some(t), None, format!("{sig} is not blocked: sig_task_ignored decides"), "blocked" => false);
        call!(self, self.sig_task_ignored(t, sig, force))
    }

    /// `sig_task_ignored(t, sig, force)`: the rule the blog post is about.
    ///
    /// 5.10 and 6.18: the global init never takes SIGKILL or SIGSTOP
    /// (86989c41b5ea: mainline 4.20, taken into 4.19.y between .79 and .90,
    /// so not in the 4.19.48 followed here); a task with SIGNAL_UNKILLABLE
    /// (any namespace init) drops a SIG_DFL signal unless it is SIGKILL or
    /// SIGSTOP *and* forced; then the handler decides.
    pub fn sig_task_ignored(&mut self, t: TaskId, sig: Signal, force: bool) -> bool {
        let handler = self.tasks[t].handler(sig);
        let unkillable = self.tasks[t].flags & SIGNAL_UNKILLABLE != 0;
        if self.version >= KernelVersion::V5_10 && self.is_global_init(t) && sig.kernel_only() {
            trace!(self, "sig_task_ignored", Some(t), Some(Verdict::Dropped),
                format!("{} is the global init and {sig} may never reach it", self.tasks[t].name),
                "is_global_init" => true, "sig" => sig);
            return true;
        }
        if unkillable && handler == Handler::Dfl && !(force && sig.kernel_only()) {
            trace!(self, "sig_task_ignored", Some(t), Some(Verdict::Dropped),
                if sig.kernel_only() {
                    format!("{} is a namespace init (SIGNAL_UNKILLABLE) with the default {sig} action, and a sender in its own namespace is not forced", self.tasks[t].name)
                } else {
                    format!("{} is a namespace init (SIGNAL_UNKILLABLE) with no {sig} handler; only SIGKILL and SIGSTOP can be forced on it", self.tasks[t].name)
                },
                "SIGNAL_UNKILLABLE" => true, "handler" => handler.describe(), "force" => force, "sig" => sig);
            return true;
        }
        trace!(self, "sig_task_ignored", Some(t), None,
            if unkillable && handler == Handler::Dfl { format!("a namespace init, but {sig} is forced: it passes") }
            else if unkillable { format!("a namespace init, but it has a {sig} handler: it passes") }
            else { "not a namespace init: the handler decides".to_string() },
            "SIGNAL_UNKILLABLE" => unkillable, "handler" => handler.describe(), "force" => force);
        call!(self, self.sig_handler_ignored(t, handler, sig))
    }

    /// `sig_handler_ignored(handler, sig)` (all versions): SIG_IGN, or
    /// SIG_DFL for a signal whose default is to ignore it.
    pub fn sig_handler_ignored(&mut self, t: TaskId, handler: Handler, sig: Signal) -> bool {
        let ignored = handler == Handler::Ign || (handler == Handler::Dfl && sig.kernel_ignore());
        trace!(self, "sig_handler_ignored", Some(t), if ignored { Some(Verdict::Dropped) } else { None },
            match (handler, ignored) {
                (Handler::Ign, _) => format!("{sig} is set to SIG_IGN: dropped"),
                (Handler::Dfl, true) => format!("{sig}'s default action is to ignore it: dropped"),
                (Handler::Dfl, false) => format!("{sig}'s default action is to {}: not ignored", sig.default_action().describe()),
                (Handler::User, _) => format!("{sig} has a handler: not ignored"),
            },
            "handler" => handler.describe(), "default" => sig.default_action().describe());
        ignored
    }

    /// `legacy_queue(signals, sig)` (all versions): a signal below SIGRTMIN
    /// that is already pending in that queue is not queued again.
    pub fn legacy_queue(&mut self, pending: SigSet, sig: Signal, t: TaskId) -> bool {
        let coalesce = sig.is_legacy() && pending.contains(sig);
        trace!(self, "legacy_queue", Some(t), None,
            if coalesce { format!("{sig} is already pending") } else if sig.is_legacy() { format!("{sig} is not pending yet") } else { format!("{sig} is a real-time signal: every instance queues") },
            "already pending" => coalesce);
        coalesce
    }

    /// `wants_signal(sig, p)` (all versions): may `p` be woken for it now?
    fn wants_signal(&self, sig: Signal, p: TaskId) -> bool {
        let t = &self.tasks[p];
        if t.blocked.contains(sig) || !t.is_alive() {
            return false;
        }
        if sig == Signal::KILL {
            return true;
        }
        if t.stopped {
            return false;
        }
        p == self.current || !t.sigpending
    }

    /// `complete_signal(sig, p, type)` (4.19, 5.10, 6.18): find a thread to
    /// wake and, if the signal will be fatal anyway, start the group exit
    /// now. A stopped process takes only SIGKILL here; the rest waits.
    pub fn complete_signal(&mut self, sig: Signal, p: TaskId, _ty: PidType) {
        if !self.wants_signal(sig, p) {
            let t = &self.tasks[p];
            let why = if t.blocked.contains(sig) {
                "it is blocked"
            } else if t.stopped {
                "the process is stopped"
            } else if !t.is_alive() {
                "the process is exiting"
            } else {
                "a signal is already waking it"
            };
            trace!(
                self,
                "complete_signal",
                Some(p),
                None,
                format!("nobody is woken for {sig}: {why}; it stays pending")
            );
            return;
        }
        let t = &self.tasks[p];
        // sig_fatal(): not ignore- or stop-by-default, and SIG_DFL. The
        // "not already exiting" test: 6.18 also lets a coredump through (never here).
        let fatal = !sig.kernel_ignore()
            && !sig.kernel_stop()
            && t.handler(sig) == Handler::Dfl
            && t.flags & SIGNAL_GROUP_EXIT == 0;
        if fatal && !sig.kernel_coredump() {
            let task = &mut self.tasks[p];
            task.flags = SIGNAL_GROUP_EXIT;
            task.group_exit_code = sig.nr() as i32;
            task.group_stop_count = 0;
            task.stop_dequeued = false;
            task.pending.signal.add(Signal::KILL);
            trace!(self, "complete_signal", Some(p), Some(Verdict::Fatal),
                format!("{sig} with SIG_DFL is fatal: the whole group exits now (SIGNAL_GROUP_EXIT, SIGKILL added, woken)"),
                "group_exit_code" => sig);
            self.signal_wake_up(p, true);
            return;
        }
        trace!(
            self,
            "complete_signal",
            Some(p),
            None,
            format!(
                "{} is woken to take {sig} off the queue",
                self.tasks[p].name
            )
        );
        self.signal_wake_up(p, sig == Signal::KILL);
    }

    /// `signal_wake_up(t, fatal)`: set TIF_SIGPENDING and wake it; a fatal
    /// wake also ends TASK_STOPPED.
    pub fn signal_wake_up(&mut self, t: TaskId, fatal: bool) {
        let task = &mut self.tasks[t];
        task.sigpending = true;
        if fatal {
            task.stopped = false;
        }
        if !task.stopped {
            self.enqueue(t);
        }
    }

    /// `recalc_sigpending()`: TIF_SIGPENDING iff an unblocked signal is pending.
    pub fn recalc_sigpending(&mut self, t: TaskId) {
        let task = &mut self.tasks[t];
        let pending = task.pending.signal.union(task.shared_pending.signal);
        task.sigpending = pending.0 & !task.blocked.0 != 0
            || task.flags & (SIGNAL_CLD_MASK | SIGNAL_GROUP_EXIT) != 0;
    }

    // ------------------------------------------------------------------
    // Other senders
    // ------------------------------------------------------------------

    /// `SYSCALL_DEFINE3(tgkill, tgid, pid, sig)` → `do_tkill` →
    /// `do_send_specific` (4.19, 5.10, 6.18): one thread, SI_TKILL, the
    /// private queue; a target reaped under our feet counts as success.
    pub fn sys_tgkill(&mut self, tgid: i32, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        if pid <= 0 || tgid <= 0 {
            trace!(self, "tgkill", Some(me), Some(Verdict::Fails(Errno::EINVAL)),
                "a thread id must be positive: EINVAL", "tgid" => tgid, "pid" => pid);
            return Err(Errno::EINVAL);
        }
        trace!(self, "tgkill", Some(me), None, format!("{} calls tgkill({tgid}, {pid}, {sig})", self.tasks[me].name),
            "tgid" => tgid, "pid" => pid, "sig" => sig_name(sig));
        call!(self, self.do_tkill(tgid, pid, sig))
    }

    /// `do_tkill(tgid, pid, sig)`: an SI_TKILL siginfo naming the caller —
    /// built here until 6.9, by `prepare_kill_siginfo(…, PIDTYPE_PID)` since.
    pub fn do_tkill(&mut self, tgid: i32, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        let mut info = if self.version == KernelVersion::V6_18 {
            trace!(
                self,
                "do_tkill",
                Some(me),
                None,
                "prepare_kill_siginfo(sig, &info, PIDTYPE_PID): a thread-directed send"
            );
            call!(self, self.prepare_kill_siginfo(sig, PidType::Pid))
        } else {
            let info = SigInfo {
                signo: sig,
                code: SiCode::SI_TKILL,
                pid: self.task_pid_vnr(me),
                uid: self.tasks[me].cred.uid,
            };
            trace!(self, "do_tkill", Some(me), None,
                format!("siginfo: si_code SI_TKILL, si_pid {} — the sender's PID in its own namespace", info.pid),
                "si_code" => "SI_TKILL", "si_pid" => info.pid);
            info
        };
        call!(self, self.do_send_specific(tgid, pid, sig, &mut info))
    }

    /// `do_send_specific(tgid, pid, sig, info)`.
    pub fn do_send_specific(
        &mut self,
        tgid: i32,
        pid: i32,
        sig: i32,
        info: &mut SigInfo,
    ) -> KResult {
        let p = self.find_vpid(pid).and_then(|x| self.pid_task(x));
        let p = match p {
            Some(p) if tgid <= 0 || self.task_pid_vnr(p) == tgid => p,
            _ => {
                trace!(self, "do_send_specific", None, Some(Verdict::Fails(Errno::ESRCH)),
                    format!("find_task_by_vpid({pid}) finds no such thread in thread group {tgid}: ESRCH"));
                return Err(Errno::ESRCH);
            }
        };
        trace!(
            self,
            "do_send_specific",
            Some(p),
            None,
            format!("thread {pid} is {}", self.tasks[p].name)
        );
        call!(self, self.check_kill_permission(sig, Info::Real(info), p))?;
        if sig == 0 {
            trace!(
                self,
                "do_send_specific",
                Some(p),
                Some(Verdict::Probe),
                "sig 0: nothing is sent"
            );
            return Ok(());
        }
        let s = Signal::new(sig as i64).expect("validated");
        match call!(
            self,
            self.do_send_sig_info(s, Info::Real(info), p, PidType::Pid)
        ) {
            Err(Errno::ESRCH) => Ok(()),
            r => r,
        }
    }

    /// `sigqueue(3)`: glibc fills an SI_QUEUE siginfo with its own PID and
    /// calls `rt_sigqueueinfo` → `do_rt_sigqueueinfo` → `kill_proc_info`
    /// (4.19, 5.10, 6.18). No pid <= 0 meanings, and a code >= 0 would be EPERM.
    pub fn sys_rt_sigqueueinfo(&mut self, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        let mut info = SigInfo {
            signo: sig,
            code: SiCode::SI_QUEUE,
            pid: self.task_pid_vnr(me),
            uid: self.tasks[me].cred.uid,
        };
        trace!(self, "rt_sigqueueinfo", Some(me), None,
            format!("{} calls sigqueue({pid}, {sig}): si_code SI_QUEUE, si_pid {} from user space", self.tasks[me].name, info.pid),
            "pid" => pid, "sig" => sig_name(sig), "si_code" => "SI_QUEUE");
        trace!(self, "do_rt_sigqueueinfo", Some(me), None, "si_code < 0: user space may send it", "si_code" => info.code.raw());
        call!(self, self.kill_proc_info(sig, Info::Real(&mut info), pid))
    }

    /// `pidfd_open(pid, 0)` (5.3+; absent in 4.19: ENOSYS): the pid in the
    /// caller's namespace, which must still belong to a process.
    pub fn sys_pidfd_open(&mut self, pid: i32) -> Result<PidId, Errno> {
        let me = self.current;
        if self.version < KernelVersion::V5_10 {
            trace!(
                self,
                "pidfd_open",
                Some(me),
                Some(Verdict::Fails(Errno::ENOSYS)),
                "4.19 has no pidfd_open (5.3): ENOSYS"
            );
            return Err(Errno::ENOSYS);
        }
        let found = if pid > 0 { self.find_vpid(pid) } else { None };
        let r = match found {
            None => Err(Errno::ESRCH),
            Some(p) if self.pid_task(p).is_none() => Err(Errno::EINVAL),
            Some(p) => Ok(p),
        };
        trace!(self, "pidfd_open", Some(me), r.err().map(Verdict::Fails),
            match r {
                Ok(p) => format!("find_get_pid({pid}) in namespace {}: a pidfd for {}", self.ns_name(me), self.tasks[p].name),
                Err(Errno::ESRCH) => format!("no PID {pid} in namespace {}: ESRCH", self.ns_name(me)),
                Err(_) => format!("PID {pid} no longer belongs to a process: EINVAL"),
            },
            "pid" => pid);
        r
    }

    /// `SYSCALL_DEFINE4(pidfd_send_signal, pidfd, sig, NULL, 0)` (5.1+):
    /// the pidfd's namespace is a descendant of the caller's (it was opened
    /// there), so it goes on like kill(2) on that exact process.
    pub fn sys_pidfd_send_signal(&mut self, pidfd: PidId, sig: i32) -> KResult {
        let me = self.current;
        trace!(self, "pidfd_send_signal", Some(me), None, format!("{} sends {} through a pidfd", self.tasks[me].name, sig_name(sig)), "sig" => sig_name(sig));
        let mut info = call!(self, self.prepare_kill_siginfo(sig, PidType::Tgid));
        call!(
            self,
            self.kill_pid_info_type(sig, Info::Real(&mut info), Some(pidfd), PidType::Tgid)
        )
    }

    /// What the OOM killer does (`mm/oom_kill.c`): `do_send_sig_info(sig,
    /// SEND_SIG_PRIV, p, PIDTYPE_TGID)` with no permission check.
    pub fn kernel_send(&mut self, sig: Signal, p: TaskId) -> KResult {
        trace!(
            self,
            "do_send_sig_info",
            Some(p),
            None,
            format!("the kernel sends {sig} (SEND_SIG_PRIV, as the OOM killer does)")
        );
        call!(
            self,
            self.do_send_sig_info(sig, Info::Priv, p, PidType::Tgid)
        )
    }

    // ------------------------------------------------------------------
    // Dispositions and the mask
    // ------------------------------------------------------------------

    /// `do_sigaction(sig, act, NULL)` (4.19, 5.10, 6.18): SIGKILL and
    /// SIGSTOP take no action (EINVAL); making a signal ignored discards it
    /// from every queue, blocked or not (POSIX 3.3.1.3).
    pub fn do_sigaction(&mut self, sig: Signal, handler: Handler) -> KResult {
        let me = self.current;
        if sig.kernel_only() {
            trace!(self, "do_sigaction", Some(me), Some(Verdict::Fails(Errno::EINVAL)),
                format!("{sig} cannot be caught or ignored: EINVAL"), "sig" => sig);
            return Err(Errno::EINVAL);
        }
        self.tasks[me].set_handler(sig, handler);
        let ignored = handler == Handler::Ign || (handler == Handler::Dfl && sig.kernel_ignore());
        let mut flushed = false;
        if ignored {
            let mask: SigSet = [sig].into_iter().collect();
            let t = &mut self.tasks[me];
            flushed = t.pending.signal.contains(sig) || t.shared_pending.signal.contains(sig);
            t.pending.flush_mask(mask);
            t.shared_pending.flush_mask(mask);
        }
        trace!(self, "do_sigaction", Some(me), if flushed { Some(Verdict::Discarded) } else { None },
            if flushed { format!("{sig} is now {} and the pending one is discarded", handler.describe()) } else { format!("{sig} is now {}", handler.describe()) },
            "sig" => sig, "handler" => handler.describe());
        Ok(())
    }

    /// `sigprocmask(how, set)` → `__set_current_blocked` (all versions):
    /// SIGKILL and SIGSTOP are silently left out; what is pending and now
    /// unblocked is delivered on the way back to user space.
    pub fn sys_sigprocmask(&mut self, how: crate::validate::MaskHow, set: SigSet) -> KResult {
        use crate::validate::MaskHow::*;
        let me = self.current;
        let old = self.tasks[me].blocked;
        let new = match how {
            Block => old.union(set),
            Unblock => SigSet(old.0 & !set.0),
            Set => set,
        }
        .without_kill_stop();
        self.tasks[me].blocked = new;
        self.recalc_sigpending(me);
        if self.tasks[me].sigpending {
            self.enqueue(me);
        }
        trace!(self, "sigprocmask", Some(me), None,
            format!("blocked: {} → {}", set_str(old), set_str(new)), "blocked" => set_str(new));
        Ok(())
    }

    // ------------------------------------------------------------------
    // The receiver
    // ------------------------------------------------------------------

    /// `get_signal(ksig)` (4.19, 5.10, 6.18) for a process that runs again:
    /// tell the parent about a stop or continue, honour a group exit, then
    /// dequeue one signal at a time until none is left, running handlers
    /// and default actions. Returns when nothing is left to do or the
    /// process stopped or died.
    pub fn get_signal(&mut self, t: TaskId) {
        self.current = t;
        loop {
            let task = &self.tasks[t];
            if !task.is_alive() || task.stopped {
                return;
            }
            if task.flags & SIGNAL_CLD_MASK != 0 {
                let why = if task.flags & SIGNAL_CLD_CONTINUED != 0 {
                    SiCode::CLD_CONTINUED
                } else {
                    SiCode::CLD_STOPPED
                };
                self.tasks[t].flags &= !SIGNAL_CLD_MASK;
                trace!(
                    self,
                    "get_signal",
                    Some(t),
                    None,
                    format!(
                        "{} runs again and reports {} to its parent",
                        self.tasks[t].name,
                        why.name()
                    )
                );
                call!(self, self.do_notify_parent_cldstop(t, why));
                continue;
            }
            if task.flags & SIGNAL_GROUP_EXIT != 0 {
                let code = task.group_exit_code;
                self.tasks[t].pending.signal.remove(Signal::KILL);
                trace!(
                    self,
                    "get_signal",
                    Some(t),
                    Some(Verdict::Killed),
                    format!(
                        "{} was marked for death: it exits with {}",
                        self.tasks[t].name,
                        sig_name(code)
                    )
                );
                call!(self, self.do_group_exit(code));
                return;
            }
            let Some((sig, info)) = self.dequeue_signal(t) else {
                self.recalc_sigpending(t);
                self.return_to_user(t);
                return;
            };
            let handler = self.tasks[t].handler(sig);
            let siginfo = info.unwrap_or(SigInfo {
                signo: sig.nr() as i32,
                code: SiCode::SI_USER,
                pid: 0,
                uid: 0,
            });
            match handler {
                Handler::Ign => {
                    trace!(
                        self,
                        "get_signal",
                        Some(t),
                        Some(Verdict::Discarded),
                        format!("dequeued {sig}: SIG_IGN, discarded")
                    );
                    continue;
                }
                Handler::User => {
                    let frame = Handled {
                        process: self.tasks[t].name.clone(),
                        sig,
                        si_pid: siginfo.pid,
                        si_code: siginfo.code,
                    };
                    self.tasks[t].frames.push(frame);
                    trace!(self, "get_signal", Some(t), Some(Verdict::Handled),
                        format!("dequeued {sig}: {}'s handler will run and see si_pid {}, {}", self.tasks[t].name, siginfo.pid, siginfo.code.name()),
                        "si_pid" => siginfo.pid, "si_code" => siginfo.code.name());
                    continue;
                }
                Handler::Dfl => {}
            }
            if sig.kernel_ignore() {
                trace!(
                    self,
                    "get_signal",
                    Some(t),
                    Some(Verdict::Discarded),
                    format!("dequeued {sig}: its default is to ignore it")
                );
                continue;
            }
            if self.tasks[t].flags & SIGNAL_UNKILLABLE != 0 && !sig.kernel_only() {
                trace!(self, "get_signal", Some(t), Some(Verdict::Discarded),
                    format!("dequeued {sig} with SIG_DFL, but {} is a namespace init (SIGNAL_UNKILLABLE): discarded", self.tasks[t].name),
                    "SIGNAL_UNKILLABLE" => true);
                continue;
            }
            if sig.kernel_stop() {
                if sig != Signal::STOP && self.will_become_orphaned_pgrp(self.tasks[t].pgrp, None) {
                    trace!(self, "get_signal", Some(t), Some(Verdict::Discarded),
                        format!("dequeued {sig}, but {}'s process group is orphaned: job-control stops do nothing", self.tasks[t].name),
                        "orphaned pgrp" => true);
                    continue;
                }
                trace!(
                    self,
                    "get_signal",
                    Some(t),
                    None,
                    format!("dequeued {sig}: the default action is to stop")
                );
                if call!(self, self.do_signal_stop(t, sig)) {
                    return;
                }
                continue;
            }
            trace!(
                self,
                "get_signal",
                Some(t),
                Some(Verdict::Killed),
                format!(
                    "dequeued {sig} with SIG_DFL: {} dies of it ({})",
                    self.tasks[t].name,
                    sig.default_action().describe()
                )
            );
            call!(self, self.do_group_exit(sig.nr() as i32));
            return;
        }
    }

    /// Back to user space with nothing left to dequeue: the handler frames
    /// set up on the way run now, innermost first.
    fn return_to_user(&mut self, t: TaskId) {
        let frames = std::mem::take(&mut self.tasks[t].frames);
        if frames.is_empty() {
            return;
        }
        trace!(
            self,
            "get_signal",
            Some(t),
            None,
            format!(
                "{} returns to user space and runs {} handler{}",
                self.tasks[t].name,
                frames.len(),
                if frames.len() == 1 { "" } else { "s" }
            )
        );
        self.handled.extend(frames.into_iter().rev());
    }

    /// `dequeue_signal` → `next_signal` (all versions): the private queue
    /// first, then the shared one; the synchronous signals first, then the
    /// lowest unblocked number; the oldest record of it.
    fn dequeue_signal(&mut self, t: TaskId) -> Option<(Signal, Option<SigInfo>)> {
        let task = &mut self.tasks[t];
        let blocked = task.blocked;
        for pending in [&mut task.pending, &mut task.shared_pending] {
            let ready = SigSet(pending.signal.0 & !blocked.0);
            if ready.is_empty() {
                continue;
            }
            let sig = ready
                .iter()
                .find(|s| s.synchronous())
                .unwrap_or_else(|| ready.iter().next().unwrap());
            let pos = pending.list.iter().position(|q| q.sig == sig);
            let info = pos.and_then(|i| pending.list.remove(i).info);
            if !pending.list.iter().any(|q| q.sig == sig) {
                pending.signal.remove(sig);
            }
            if sig.kernel_stop() {
                task.stop_dequeued = true;
            }
            return Some((sig, info));
        }
        None
    }

    /// `do_signal_stop(signr)` (all versions) for a one-thread process:
    /// it stops, and the parent hears CLD_STOPPED.
    fn do_signal_stop(&mut self, t: TaskId, sig: Signal) -> bool {
        let task = &mut self.tasks[t];
        if !task.stop_dequeued || task.flags & SIGNAL_GROUP_EXIT != 0 {
            return false;
        }
        if task.flags & SIGNAL_STOP_STOPPED == 0 {
            task.group_exit_code = sig.nr() as i32;
        }
        task.group_stop_count = 0;
        // task_participate_group_stop(): the last (only) thread completes the stop.
        task.flags = (task.flags & !SIGNAL_STOP_MASK) | SIGNAL_STOP_STOPPED;
        task.stopped = true;
        task.stop_dequeued = false;
        trace!(
            self,
            "do_signal_stop",
            Some(t),
            Some(Verdict::Stopped),
            format!("{} stops (TASK_STOPPED)", self.tasks[t].name)
        );
        call!(self, self.do_notify_parent_cldstop(t, SiCode::CLD_STOPPED));
        true
    }

    /// `do_notify_parent_cldstop(tsk, false, why)` (all versions): SIGCHLD
    /// to the parent unless it ignores SIGCHLD (SA_NOCLDSTOP is never set here).
    pub fn do_notify_parent_cldstop(&mut self, t: TaskId, why: SiCode) {
        let Some(parent) = self.tasks[t].real_parent else {
            return;
        };
        let mut info = SigInfo {
            signo: Signal::CHLD.nr() as i32,
            code: why,
            pid: self.task_pid_nr_ns(t, self.tasks[parent].ns),
            uid: self.tasks[t].cred.uid,
        };
        if self.tasks[parent].handler(Signal::CHLD) == Handler::Ign {
            trace!(
                self,
                "do_notify_parent_cldstop",
                Some(parent),
                None,
                format!(
                    "{} ignores SIGCHLD: no {} notification",
                    self.tasks[parent].name,
                    why.name()
                )
            );
            return;
        }
        trace!(self, "do_notify_parent_cldstop", Some(parent), None,
            format!("SIGCHLD {} to {}, naming the child as {}", why.name(), self.tasks[parent].name, info.pid),
            "si_code" => why.name(), "si_pid" => info.pid);
        let saved = self.current;
        self.current = t;
        let _ = call!(
            self,
            self.send_signal(Signal::CHLD, Info::Real(&mut info), parent, PidType::Tgid)
        );
        self.current = saved;
    }

    /// `do_notify_parent(tsk, SIGCHLD)` (4.19, 5.10, 6.18) when a process
    /// dies: CLD_EXITED or CLD_KILLED with the child's PID in the parent's
    /// namespace. A parent that ignores SIGCHLD gets nothing and the child
    /// is reaped at once; returns whether to autoreap. 5.10 and 6.18 send it
    /// with `__send_signal(…, force = false)` (61e713bdca36, 5.7, "signal:
    /// Avoid corrupting si_pid and si_uid in do_notify_parent"); 4.19 went
    /// through `__group_send_sig_info` → `send_signal`.
    pub fn do_notify_parent(&mut self, t: TaskId) -> bool {
        let Some(parent) = self.tasks[t].real_parent else {
            return false;
        };
        let status = self.tasks[t].exit_code;
        let code = if status & 0x80 != 0 {
            SiCode::CLD_DUMPED
        } else if status & 0x7f != 0 {
            SiCode::CLD_KILLED
        } else {
            SiCode::CLD_EXITED
        };
        let mut info = SigInfo {
            signo: Signal::CHLD.nr() as i32,
            code,
            pid: self.task_pid_nr_ns(t, self.tasks[parent].ns),
            uid: self.tasks[t].cred.uid,
        };
        if self.tasks[parent].handler(Signal::CHLD) == Handler::Ign {
            trace!(self, "do_notify_parent", Some(parent), None,
                format!("{} ignores SIGCHLD: no signal, and {} is reaped at once (autoreap)", self.tasks[parent].name, self.tasks[t].name),
                "autoreap" => true);
            return true;
        }
        trace!(self, "do_notify_parent", Some(parent), None,
            format!("SIGCHLD {} to {}, naming the child as {}", code.name(), self.tasks[parent].name, info.pid),
            "si_code" => code.name(), "si_pid" => info.pid);
        if self.version.has_from_ancestor_ns() {
            let _ = call!(
                self,
                self.send_signal(Signal::CHLD, Info::Real(&mut info), parent, PidType::Tgid)
            );
        } else {
            let _ = call!(
                self,
                self.__send_signal(
                    Signal::CHLD,
                    Info::Real(&mut info),
                    parent,
                    PidType::Tgid,
                    false
                )
            );
        }
        false
    }

    pub(crate) fn ns_name(&self, t: TaskId) -> &str {
        &self.namespaces[self.tasks[t].ns].name
    }

    /// The pid_nr_ns comparison `send_signal` makes, level by level:
    /// "sender 0:3 1:— · target 0:5 1:1".
    fn levels_str(&self, sender: TaskId, target: TaskId) -> String {
        let show = |t: TaskId| {
            self.pids[t]
                .numbers
                .iter()
                .enumerate()
                .map(|(l, (_, nr))| format!("L{l}:{nr}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        format!(
            "sender {} · target {} (target's namespace is level {})",
            show(sender),
            show(target),
            self.namespaces[self.tasks[target].ns].level
        )
    }
}

/// `si_fromuser(info)`: no siginfo, or a real one with si_code <= 0.
fn si_fromuser(info: &Info) -> bool {
    match info {
        Info::NoInfo => true,
        Info::Priv | Info::Forced => false,
        Info::Real(i) => i.code.raw() <= 0,
    }
}

fn si_pid_str(info: &Info) -> String {
    match info {
        Info::Real(i) => i.pid.to_string(),
        _ => "—".into(),
    }
}

fn found_str(p: Option<PidId>) -> &'static str {
    if p.is_some() {
        "finds it"
    } else {
        "finds nothing"
    }
}

/// A raw signal number as a name where it has one.
pub fn sig_name(sig: i32) -> String {
    if sig == 0 {
        return "0".into();
    }
    match Signal::new(sig as i64) {
        Some(s) => s.to_string(),
        None => sig.to_string(),
    }
}

fn set_str(s: SigSet) -> String {
    if s.is_empty() {
        "{}".into()
    } else {
        format!(
            "{{{}}}",
            s.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
