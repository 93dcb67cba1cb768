//! `kernel/signal.c`: from the syscalls that send a signal to the receiver
//! dequeuing it. Functions keep their upstream names and branch order; a
//! reader can hold this file beside `kernel/signal.c` of 4.19.48, 5.10.262,
//! 6.1.192, 6.12.118, 6.18.44 or 7.2.13. Where a rule differs between them, the branch on
//! [`KernelVersion`] sits in that one place and cites the change that made
//! it by its id in [`crate::version::CHANGES`].
//!
//! Not modelled, because no scenario can reach them: threads (every process
//! has one), ptrace, kernel threads (`PF_KTHREAD`, `SIG_KTHREAD_KERNEL`),
//! security modules and audit, coredumps (RLIMIT_CORE is 0), the
//! RLIMIT_SIGPENDING limit (never reached by a scenario), user namespaces,
//! the order `for_each_process` visits processes in. Each has a
//! `// Not modelled:` line where its upstream branch would be.

use crate::cred::Capability;
use crate::sched::*;
use crate::signum::{SigSet, Signal, NSIG};
use crate::trace::{call, trace, Fact, InfoArg, Levels, TaskIgnored, Unwanted};
use crate::uapi::{Errno, Handled, MaskHow, SiCode};
use crate::version::{Func, KernelVersion};

pub type KResult = Result<(), Errno>;

impl Kernel {
    // ------------------------------------------------------------------
    // Entry points
    // ------------------------------------------------------------------

    /// `SYSCALL_DEFINE2(kill, pid, sig)` (every version followed). Builds an
    /// SI_USER siginfo naming the caller as its own namespace sees it; the
    /// signal number is not checked here, only once a target is found.
    pub fn sys_kill(&mut self, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        trace!(self; Func::Kill, Some(me), Fact::KillCalled { pid, sig });
        let mut info = call!(self, self.prepare_kill_siginfo(sig, PidType::Tgid));
        let r = call!(self, self.kill_something_info(sig, &mut info, pid));
        trace!(self; Func::Kill, Some(me), Fact::Returns { ret: r.err() });
        r
    }

    /// `prepare_kill_siginfo(sig, info[, type])`: two arguments when it
    /// came (see `version::CHANGES` `prepare_kill_siginfo`); with
    /// `kill_pid_info_type` it takes the type and uses SI_TKILL for a
    /// thread-directed send; 4.19 built the same siginfo inline in `sys_kill`.
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
            Func::Kill
        } else {
            Func::PrepareKillSiginfo
        };
        trace!(self; func, Some(me), Fact::SiginfoBuilt { si_code: code, si_pid: info.pid, si_uid: info.uid });
        info
    }

    /// `kill_something_info(sig, info, pid)` (every version followed): what the
    /// pid argument means. kill(-1) counts its candidates and swallows
    /// EPERM; kill(0) and kill(-pgid) walk a process group with no regard
    /// for namespaces.
    pub fn kill_something_info(&mut self, sig: i32, info: &mut SigInfo, pid: i32) -> KResult {
        let me = self.current;
        if pid > 0 {
            // 5.10 (and 6.18) go through kill_proc_info (see
            // `version::CHANGES` `kill_proc_info_hop`); 4.19 called
            // kill_pid_info(find_vpid(pid)) here directly. Same behaviour.
            if self.version >= KernelVersion::V5_10 {
                trace!(self; Func::KillSomethingInfo, Some(me), Fact::OneProcess { pid });
                return call!(self, self.kill_proc_info(sig, Info::Real(info), pid));
            }
            let found = self.find_vpid(pid);
            trace!(self; Func::KillSomethingInfo, Some(me), self.find_vpid_fact(pid, found));
            return call!(self, self.kill_pid_info(sig, Info::Real(info), found));
        }
        // INT_MIN cannot be negated (CVE-2018-10124, `version::CHANGES`
        // `kill_int_min`; in all three trees).
        if pid == i32::MIN {
            trace!(self; Func::KillSomethingInfo, Some(me), Fact::PidIntMin { pid });
            return Err(Errno::ESRCH);
        }
        if pid != -1 {
            let pgrp = if pid == 0 {
                Some(self.tasks[me].pgrp)
            } else {
                self.find_vpid(-pid)
            };
            match pgrp {
                Some(g) if pid == 0 => {
                    trace!(self; Func::KillSomethingInfo, Some(me), Fact::OwnGroup { leader: self.name(g) })
                }
                _ => {
                    trace!(self; Func::KillSomethingInfo, Some(me), Fact::OtherGroup { pgid: -pid, found: pgrp.is_some() })
                }
            }
            return call!(self, self.__kill_pgrp_info(sig, Info::Real(info), pgrp));
        }
        trace!(self; Func::KillSomethingInfo, Some(me), Fact::EveryProcess { ns: self.ns_name(me).to_string() });
        let mut retval: KResult = Ok(());
        let mut count = 0;
        // Not modelled: for_each_process order (the task list); here, creation order.
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
        trace!(self; Func::KillSomethingInfo, Some(me), Fact::EveryProcessDone { candidates: count, ret: r.err() });
        r
    }

    /// `kill_proc_info(sig, info, pid)` (5.10, 6.18; 4.19 only for
    /// rt_sigqueueinfo): `find_vpid` under RCU, then `kill_pid_info`.
    pub fn kill_proc_info(&mut self, sig: i32, info: Info, pid: i32) -> KResult {
        let me = self.current;
        let found = self.find_vpid(pid);
        trace!(self; Func::KillProcInfo, Some(me), self.find_vpid_fact(pid, found));
        call!(self, self.kill_pid_info(sig, info, found))
    }

    /// `kill_pid_info(sig, info, pid)` (4.19, 5.10, 6.1) and, since 6.12 (see
    /// `version::CHANGES` `kill_pid_info_type`),
    /// `kill_pid_info_type(sig, info, pid, PIDTYPE_TGID)` behind a
    /// `kill_pid_info` wrapper. ESRCH when no task has that pid. (The
    /// kernel retries on ESRCH for a task unhashed mid-call; nothing here races.)
    pub fn kill_pid_info(&mut self, sig: i32, info: Info, pid: Option<PidId>) -> KResult {
        if self.version.has_kill_pid_info_type() {
            trace!(self; Func::KillPidInfo, None, Fact::TgidWrapper);
            return call!(self, self.kill_pid_info_type(sig, info, pid, PidType::Tgid));
        }
        self.kill_pid_info_type(sig, info, pid, PidType::Tgid)
    }

    /// The body of `kill_pid_info`; a function of its own, named so in the
    /// trace, since 6.12 (`version::CHANGES` `kill_pid_info_type`;
    /// pidfd_send_signal calls it directly).
    pub fn kill_pid_info_type(
        &mut self,
        sig: i32,
        info: Info,
        pid: Option<PidId>,
        ty: PidType,
    ) -> KResult {
        // The body was kill_pid_info's own before `kill_pid_info_type`.
        let func = if self.version.has_kill_pid_info_type() {
            Func::KillPidInfoType
        } else {
            Func::KillPidInfo
        };
        let task = pid.and_then(|p| self.pid_task(p));
        match task {
            None => {
                trace!(self; func, None, Fact::NoTask);
                Err(Errno::ESRCH)
            }
            Some(p) => {
                trace!(self; func, Some(p), Fact::TaskFound { pid_type: ty });
                call!(self, self.group_send_sig_info(sig, info, p, ty))
            }
        }
    }

    /// `__kill_pgrp_info(sig, info, pgrp)` (every version followed): every member
    /// of the group, newest first; 0 if any send succeeded, else the last
    /// error, ESRCH for an empty or unknown group.
    #[allow(non_snake_case)]
    pub fn __kill_pgrp_info(&mut self, sig: i32, mut info: Info, pgrp: Option<PidId>) -> KResult {
        let members = pgrp.map(|g| self.pgrp_members(g)).unwrap_or_default();
        if let Some(g) = pgrp {
            trace!(self; Func::KillPgrpInfo, Some(g), Fact::GroupMembers { members: members.len() as u32 });
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
        trace!(self; Func::KillPgrpInfo, None, Fact::GroupDone { members: self.names(&members), ret: r.err() });
        r
    }

    /// `group_send_sig_info(sig, info, p, type)` (every version followed):
    /// permission first; sig 0 stops there.
    pub fn group_send_sig_info(
        &mut self,
        sig: i32,
        mut info: Info,
        p: TaskId,
        ty: PidType,
    ) -> KResult {
        trace!(self; Func::GroupSendSigInfo, Some(p), Fact::PermissionFirst { sig });
        let perm = call!(self, self.check_kill_permission(sig, info.reborrow(), p));
        perm?;
        if sig == 0 {
            trace!(self; Func::GroupSendSigInfo, Some(p), Fact::Probe);
            return Ok(());
        }
        let sig = Signal::new(sig as i64).expect("check_kill_permission validated it");
        call!(self, self.do_send_sig_info(sig, info, p, ty))
    }

    /// `check_kill_permission(sig, info, t)` (every version followed): the signal
    /// number, then whether the sender is the kernel, then credentials with
    /// SIGCONT's same-session exception. PID namespaces play no part here.
    pub fn check_kill_permission(&mut self, sig: i32, info: Info, t: TaskId) -> KResult {
        // valid_signal() compares as unsigned long: negatives fail too.
        if !(0..=NSIG as i32).contains(&sig) {
            trace!(self; Func::CheckKillPermission, Some(t), Fact::InvalidSignal { sig });
            return Err(Errno::EINVAL);
        }
        if !si_fromuser(&info) {
            trace!(self; Func::CheckKillPermission, Some(t), Fact::FromKernel { info: info_arg(&info) });
            return Ok(());
        }
        // Not modelled: audit_signal_info(sig, t) (audit may refuse or record the send).
        let me = self.current;
        if me != t {
            trace!(self; Func::CheckKillPermission, Some(t), Fact::CredentialsDecide { sig, sender: self.name(me) });
        }
        if me != t && !call!(self, self.kill_ok_by_cred(t)) {
            let s = Signal::new(sig as i64);
            if s == Some(Signal::CONT) && self.tasks[t].session == self.tasks[me].session {
                trace!(self; Func::CheckKillPermission, Some(t), Fact::ContSameSession { sig });
                return Ok(());
            }
            trace!(self; Func::CheckKillPermission, Some(t), Fact::PermissionDenied { sender: self.name(me), sender_uid: self.tasks[me].cred.uid, target_uid: self.tasks[t].cred.uid });
            return Err(Errno::EPERM);
        }
        // Not modelled: security_task_kill(t, info, sig, NULL) (LSM hooks).
        trace!(self; Func::CheckKillPermission, Some(t), Fact::Permitted { sig, self_send: me == t });
        Ok(())
    }

    /// `kill_ok_by_cred(t)` (all versions): the sender's real or effective
    /// uid matches the target's real or saved uid, or it has CAP_KILL.
    pub fn kill_ok_by_cred(&mut self, t: TaskId) -> bool {
        let me = self.current;
        let (c, tc) = (self.tasks[me].cred, self.tasks[t].cred);
        let by_uid = c.euid == tc.suid || c.euid == tc.uid || c.uid == tc.suid || c.uid == tc.uid;
        let cap = self.capable(me, Capability::Kill);
        trace!(self; Func::KillOkByCred, Some(t), Fact::CredCheck { uid: c.uid, euid: c.euid, target_uid: tc.uid, target_suid: tc.suid, uid_match: by_uid, cap_kill: cap });
        by_uid || cap
    }

    /// `do_send_sig_info(sig, info, p, type)` (every version followed): take the
    /// target's sighand lock — impossible once it was released: ESRCH.
    pub fn do_send_sig_info(&mut self, sig: Signal, info: Info, p: TaskId, ty: PidType) -> KResult {
        if !self.tasks[p].is_hashed() {
            trace!(self; Func::DoSendSigInfo, Some(p), Fact::SighandGone);
            return Err(Errno::ESRCH);
        }
        trace!(self; Func::DoSendSigInfo, Some(p), Fact::SighandLocked { sig });
        call!(self, self.send_signal(sig, info, p, ty))
    }

    /// `send_sig_info(sig, info, p)` (all versions): no permission check,
    /// the private queue. Only the 4.19 namespace zap uses it here.
    pub fn send_sig_info(&mut self, sig: Signal, info: Info, p: TaskId) -> KResult {
        trace!(self; Func::SendSigInfo, Some(p), Fact::KernelSendOne);
        call!(self, self.do_send_sig_info(sig, info, p, PidType::Pid))
    }

    /// `send_signal` (4.19, 5.10) / `send_signal_locked` (6.1 on): decides
    /// `force` — may this signal override SIGNAL_UNKILLABLE? — and hides the
    /// sender from a receiver in a namespace below it (si_pid 0).
    ///
    /// 4.19 computes `from_ancestor_ns` instead and zeroes si_pid on the
    /// queued copy in `__send_signal`; `force` is computed here since
    /// `version::CHANGES` `force_in_send_signal`, and the si_pid fixup has
    /// this shape since `si_pid_fixups`.
    /// 5.10 and 6.18 make the rewrite in place, on the caller's siginfo:
    /// kill(0), kill(-pgid) and kill(-1) pass one siginfo to every
    /// recipient, so once a recipient in a namespace below the sender zeroes
    /// si_pid, every later recipient of the same call sees si_pid 0 too.
    /// `version::CHANGES` `no_shared_siginfo_rewrite` rewrites a copy
    /// instead; the stable releases followed for 6.1, 6.12 and 7.2 carry it,
    /// this machine's 6.18.44 does not (seen on the real kernels: corpus 135,
    /// 144, 145, random seed 162).
    pub fn send_signal(&mut self, sig: Signal, info: Info, t: TaskId, ty: PidType) -> KResult {
        let me = self.current;
        let t_ns = self.tasks[t].ns;
        let seen = self.task_pid_nr_ns(me, t_ns);
        if self.version.has_from_ancestor_ns() {
            let from_ancestor_ns = si_fromuser(&info) && seen == 0;
            trace!(self; Func::SendSignal, Some(t), Fact::FromAncestorNs { sender: self.name(me), seen, levels: self.levels(me, t), from_ancestor_ns });
            return call!(self, self.__send_signal(sig, info, t, ty, from_ancestor_ns));
        }
        // The copy `no_shared_siginfo_rewrite` hides the sender on; it must
        // outlive the call below, so it lives here.
        let mut private: SigInfo;
        let (force, info) = match info {
            Info::NoInfo => (seen == 0, Info::NoInfo),
            Info::Priv => (true, Info::Priv),
            // `version::CHANGES` `remove_send_sig_forced`.
            Info::Forced => unreachable!("SEND_SIG_FORCED exists only in 4.19"),
            Info::Real(i) => {
                // has_si_pid_and_uid: every siginfo modelled here carries ids.
                // Not modelled: the user-namespace si_uid rewrite (from_kuid_munged).
                let force = i.code == SiCode::SI_KERNEL || seen == 0;
                if seen != 0 {
                    (force, Info::Real(i))
                } else if self.version.copies_siginfo_before_rewrite() {
                    private = SigInfo { pid: 0, ..*i };
                    (force, Info::Real(&mut private))
                } else {
                    i.pid = 0;
                    (force, Info::Real(i))
                }
            }
        };
        let (kernel, si_pid) = (matches!(info, Info::Priv), info.si_pid());
        trace!(self; Func::SendSignal, Some(t), Fact::Force { sender: self.name(me), seen, levels: self.levels(me, t), kernel, force, si_pid });
        call!(self, self.__send_signal(sig, info, t, ty, force))
    }

    /// `__send_signal` (4.19, 5.10) / `__send_signal_locked` (6.1 on): the
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
        // 4.19: prepare_signal(sig, t, from_ancestor_ns || PRIV || FORCED).
        let force = force
            || (self.version.has_from_ancestor_ns() && matches!(info, Info::Priv | Info::Forced));
        trace!(self; Func::SendSignalInner, Some(t), Fact::AsksPrepareSignal { force });
        if !call!(self, self.prepare_signal(sig, t, force)) {
            trace!(self; Func::SendSignalInner, Some(t), Fact::NotGenerated { sig });
            return Ok(());
        }
        let private = ty == PidType::Pid;
        let pending = if private {
            &self.tasks[t].pending
        } else {
            &self.tasks[t].shared_pending
        };
        if call!(self, self.legacy_queue(pending.signal, sig, t)) {
            trace!(self; Func::SendSignalInner, Some(t), Fact::AlreadyPending { sig });
            return Ok(());
        }
        let me = self.current;
        // SIGKILL gets no siginfo record (`version::CHANGES`
        // `sigkill_no_siginfo`); 4.19 skipped it only for SEND_SIG_FORCED.
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
                    // Not modelled: userns_fixup_signal_uid (4.19) on the copy.
                    let mut q = *i;
                    // 4.19: the copy's si_pid is zeroed for a sender in an ancestor namespace.
                    if self.version.has_from_ancestor_ns() && force && si_fromuser(&Info::Real(i)) {
                        q.pid = 0;
                    }
                    q
                }
            })
        };
        // Not modelled: RLIMIT_SIGPENDING (__sigqueue_alloc failing, TRACE_SIGNAL_OVERFLOW_FAIL).
        let task = &mut self.tasks[t];
        let pending = if private {
            &mut task.pending
        } else {
            &mut task.shared_pending
        };
        pending.list.push(SigQueue { sig, info: record });
        pending.signal.add(sig);
        trace!(self; Func::SendSignalInner, Some(t), Fact::Queued { sig, private, si_pid: record.map(|r| r.pid), si_code: record.map(|r| r.code) });
        call!(self, self.complete_signal(sig, t, ty));
        Ok(())
    }

    /// `prepare_signal(sig, p, force)` (every version followed): runs at
    /// generation time whatever the mask or handler. A stop signal flushes
    /// SIGCONT; SIGCONT flushes stop signals and resumes a stopped process
    /// (even if SIGCONT itself is then dropped). Then: is it ignored?
    pub fn prepare_signal(&mut self, sig: Signal, p: TaskId, force: bool) -> bool {
        let flags = self.tasks[p].flags;
        // Not modelled: a coredump in progress (core_state / SIGNAL_GROUP_COREDUMP takes only SIGKILL).
        if flags & SIGNAL_GROUP_EXIT != 0 {
            // See `version::CHANGES` `drop_after_fatal`: a dying process
            // takes nothing more. Before it (4.19, 5.10) the signal went on
            // to the ignore test and could still be queued on the dying
            // process.
            if self.version.drops_after_fatal() {
                trace!(self; Func::PrepareSignal, Some(p), Fact::Exiting { drops: true });
                return false;
            }
            trace!(self; Func::PrepareSignal, Some(p), Fact::Exiting { drops: false });
        } else if sig.kernel_stop() {
            let task = &mut self.tasks[p];
            let mask: SigSet = [Signal::CONT].into_iter().collect();
            let had = task.shared_pending.signal.contains(Signal::CONT)
                || task.pending.signal.contains(Signal::CONT);
            task.shared_pending.flush_mask(mask);
            task.pending.flush_mask(mask);
            trace!(self; Func::PrepareSignal, Some(p), Fact::StopFlushesCont { sig, had_cont: had });
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
            trace!(self; Func::PrepareSignal, Some(p), Fact::ContFlushesStops { was_stopped });
        } else {
            trace!(self; Func::PrepareSignal, Some(p), Fact::NeitherStopNorCont { sig });
        }
        let ignored = call!(self, self.sig_ignored(p, sig, force));
        trace!(self; Func::PrepareSignal, Some(p), Fact::IgnoredAnswer { ignored });
        !ignored
    }

    /// `sig_ignored(t, sig, force)` (every version followed): a blocked signal is
    /// never ignored — its handler may change before it is unblocked — which
    /// is why a blocked SIG_DFL signal does reach a namespace init's queue.
    pub fn sig_ignored(&mut self, t: TaskId, sig: Signal, force: bool) -> bool {
        let task = &self.tasks[t];
        if task.blocked.contains(sig) {
            trace!(self; Func::SigIgnored, Some(t), Fact::BlockedCheck { sig, blocked: true });
            return false;
        }
        // Not modelled: ptrace (t->ptrace && sig != SIGKILL is never ignored).
        trace!(self; Func::SigIgnored, Some(t), Fact::BlockedCheck { sig, blocked: false });
        call!(self, self.sig_task_ignored(t, sig, force))
    }

    /// `sig_task_ignored(t, sig, force)`: the rule the blog post is about.
    ///
    /// 5.10 and 6.18: the global init never takes SIGKILL or SIGSTOP
    /// (`version::CHANGES` `global_init_immune`: not in the 4.19.48
    /// followed here); a task with SIGNAL_UNKILLABLE
    /// (any namespace init) drops a SIG_DFL signal unless it is SIGKILL or
    /// SIGSTOP *and* forced; then the handler decides.
    pub fn sig_task_ignored(&mut self, t: TaskId, sig: Signal, force: bool) -> bool {
        let handler = self.tasks[t].handler(sig);
        let unkillable = self.tasks[t].flags & SIGNAL_UNKILLABLE != 0;
        // Not modelled: kernel threads (SIGNAL_UNKILLABLE with PF_KTHREAD, SIG_KTHREAD_KERNEL).
        if self.version >= KernelVersion::V5_10 && self.is_global_init(t) && sig.kernel_only() {
            trace!(self; Func::SigTaskIgnored, Some(t), Fact::GlobalInitImmune { sig });
            return true;
        }
        let decision = if unkillable && handler == Handler::Dfl && !(force && sig.kernel_only()) {
            TaskIgnored::UnkillableInit
        } else {
            TaskIgnored::Passes
        };
        let global_init = self.is_global_init(t);
        trace!(self; Func::SigTaskIgnored, Some(t), Fact::SigTaskIgnored { sig, global_init, unkillable, handler, force, decision });
        if decision == TaskIgnored::UnkillableInit {
            return true;
        }
        call!(self, self.sig_handler_ignored(t, handler, sig))
    }

    /// `sig_handler_ignored(handler, sig)` (all versions): SIG_IGN, or
    /// SIG_DFL for a signal whose default is to ignore it.
    pub fn sig_handler_ignored(&mut self, t: TaskId, handler: Handler, sig: Signal) -> bool {
        let ignored = handler == Handler::Ign || (handler == Handler::Dfl && sig.kernel_ignore());
        trace!(self; Func::SigHandlerIgnored, Some(t), Fact::HandlerIgnored { sig, handler, default: sig.default_action(), ignored });
        ignored
    }

    /// `legacy_queue(signals, sig)` (all versions): a signal below SIGRTMIN
    /// that is already pending in that queue is not queued again.
    pub fn legacy_queue(&mut self, pending: SigSet, sig: Signal, t: TaskId) -> bool {
        let coalesce = sig.is_legacy() && pending.contains(sig);
        trace!(self; Func::LegacyQueue, Some(t), Fact::LegacyQueue { sig, legacy: sig.is_legacy(), pending: coalesce });
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

    /// `complete_signal(sig, p, type)` (every version followed): find a thread to
    /// wake and, if the signal will be fatal anyway, start the group exit
    /// now. A stopped process takes only SIGKILL here; the rest waits.
    pub fn complete_signal(&mut self, sig: Signal, p: TaskId, _ty: PidType) {
        if !self.wants_signal(sig, p) {
            let t = &self.tasks[p];
            let why = if t.blocked.contains(sig) {
                Unwanted::Blocked
            } else if t.stopped {
                Unwanted::Stopped
            } else if !t.is_alive() {
                Unwanted::Exiting
            } else {
                Unwanted::AlreadyWaking
            };
            trace!(self; Func::CompleteSignal, Some(p), Fact::NotWoken { sig, why });
            return;
        }
        let t = &self.tasks[p];
        // sig_fatal(): not ignore- or stop-by-default, and SIG_DFL, and not
        // already exiting.
        // Not modelled: coredumps (6.18's core_state exception here; a core signal goes to do_coredump).
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
            trace!(self; Func::CompleteSignal, Some(p), Fact::FatalToGroup { sig });
            self.signal_wake_up(p, true);
            return;
        }
        trace!(self; Func::CompleteSignal, Some(p), Fact::Woken { sig });
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
    /// `do_send_specific` (every version followed): one thread, SI_TKILL, the
    /// private queue; a target reaped under our feet counts as success.
    pub fn sys_tgkill(&mut self, tgid: i32, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        if pid <= 0 || tgid <= 0 {
            trace!(self; Func::TgKill, Some(me), Fact::BadThreadId { tgid, pid });
            return Err(Errno::EINVAL);
        }
        trace!(self; Func::TgKill, Some(me), Fact::TgkillCalled { tgid, pid, sig });
        call!(self, self.do_tkill(tgid, pid, sig))
    }

    /// `do_tkill(tgid, pid, sig)`: an SI_TKILL siginfo naming the caller —
    /// built here before `version::CHANGES` `kill_pid_info_type`, by
    /// `prepare_kill_siginfo(…, PIDTYPE_PID)` since.
    pub fn do_tkill(&mut self, tgid: i32, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        let mut info = if self.version.has_kill_pid_info_type() {
            trace!(self; Func::DoTkill, Some(me), Fact::ThreadDirected);
            call!(self, self.prepare_kill_siginfo(sig, PidType::Pid))
        } else {
            let info = SigInfo {
                signo: sig,
                code: SiCode::SI_TKILL,
                pid: self.task_pid_vnr(me),
                uid: self.tasks[me].cred.uid,
            };
            trace!(self; Func::DoTkill, Some(me), Fact::SiginfoBuilt { si_code: info.code, si_pid: info.pid, si_uid: info.uid });
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
                trace!(self; Func::DoSendSpecific, None, Fact::NoSuchThread { tgid, pid });
                return Err(Errno::ESRCH);
            }
        };
        trace!(self; Func::DoSendSpecific, Some(p), Fact::ThreadFound { pid });
        call!(self, self.check_kill_permission(sig, Info::Real(info), p))?;
        if sig == 0 {
            trace!(self; Func::DoSendSpecific, Some(p), Fact::Probe);
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
    /// (every version followed). No pid <= 0 meanings, and a code >= 0 would be EPERM.
    pub fn sys_rt_sigqueueinfo(&mut self, pid: i32, sig: i32) -> KResult {
        let me = self.current;
        let mut info = SigInfo {
            signo: sig,
            code: SiCode::SI_QUEUE,
            pid: self.task_pid_vnr(me),
            uid: self.tasks[me].cred.uid,
        };
        trace!(self; Func::RtSigqueueinfo, Some(me), Fact::SigqueueCalled { pid, sig, si_pid: info.pid });
        trace!(self; Func::DoRtSigqueueinfo, Some(me), Fact::UserSiCode { si_code: info.code.raw() });
        call!(self, self.kill_proc_info(sig, Info::Real(&mut info), pid))
    }

    /// `pidfd_open(pid, 0)` (5.3+; absent in 4.19: ENOSYS): the pid in the
    /// caller's namespace, which must still belong to a process.
    pub fn sys_pidfd_open(&mut self, pid: i32) -> Result<PidId, Errno> {
        let me = self.current;
        if self.version < KernelVersion::V5_10 {
            trace!(self; Func::PidfdOpen, Some(me), Fact::NoPidfdOpen);
            return Err(Errno::ENOSYS);
        }
        let found = if pid > 0 { self.find_vpid(pid) } else { None };
        let r = match found {
            None => Err(Errno::ESRCH),
            Some(p) if self.pid_task(p).is_none() => Err(Errno::EINVAL),
            Some(p) => Ok(p),
        };
        let (target, ret) = (r.ok(), r.err());
        trace!(self; Func::PidfdOpen, Some(me), Fact::PidfdOpen { pid, ns: self.ns_id(self.tasks[me].ns), target: target.map(|p| self.name(p)), ret });
        r
    }

    /// `SYSCALL_DEFINE4(pidfd_send_signal, pidfd, sig, NULL, 0)` (5.1+):
    /// the pidfd's namespace is a descendant of the caller's (it was opened
    /// there), so it goes on like kill(2) on that exact process.
    pub fn sys_pidfd_send_signal(&mut self, pidfd: PidId, sig: i32) -> KResult {
        let me = self.current;
        trace!(self; Func::PidfdSendSignal, Some(me), Fact::PidfdSendCalled { sig });
        let mut info = call!(self, self.prepare_kill_siginfo(sig, PidType::Tgid));
        call!(
            self,
            self.kill_pid_info_type(sig, Info::Real(&mut info), Some(pidfd), PidType::Tgid)
        )
    }

    /// What the OOM killer does (`mm/oom_kill.c`): `do_send_sig_info(sig,
    /// SEND_SIG_PRIV, p, PIDTYPE_TGID)` with no permission check.
    pub fn kernel_send(&mut self, sig: Signal, p: TaskId) -> KResult {
        trace!(self; Func::DoSendSigInfo, Some(p), Fact::KernelSends { sig });
        call!(
            self,
            self.do_send_sig_info(sig, Info::Priv, p, PidType::Tgid)
        )
    }

    // ------------------------------------------------------------------
    // Dispositions and the mask
    // ------------------------------------------------------------------

    /// `do_sigaction(sig, act, NULL)` (every version followed): SIGKILL and
    /// SIGSTOP take no action (EINVAL); making a signal ignored discards it
    /// from every queue, blocked or not (POSIX 3.3.1.3).
    pub fn do_sigaction(&mut self, sig: Signal, handler: Handler) -> KResult {
        let me = self.current;
        if sig.kernel_only() {
            trace!(self; Func::DoSigaction, Some(me), Fact::CannotCatch { sig });
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
        trace!(self; Func::DoSigaction, Some(me), Fact::DispositionSet { sig, handler, flushed });
        Ok(())
    }

    /// `sigprocmask(how, set)` → `__set_current_blocked` (all versions):
    /// SIGKILL and SIGSTOP are silently left out; what is pending and now
    /// unblocked is delivered on the way back to user space.
    pub fn sys_sigprocmask(&mut self, how: MaskHow, set: SigSet) -> KResult {
        use MaskHow::*;
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
        trace!(self; Func::Sigprocmask, Some(me), Fact::MaskChanged { old, new });
        Ok(())
    }

    // ------------------------------------------------------------------
    // The receiver
    // ------------------------------------------------------------------

    /// `get_signal(ksig)` (every version followed) for a process that runs again:
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
                trace!(self; Func::GetSignal, Some(t), Fact::ReportsToParent { why });
                call!(self, self.do_notify_parent_cldstop(t, why));
                continue;
            }
            if task.flags & SIGNAL_GROUP_EXIT != 0 {
                let code = task.group_exit_code;
                self.tasks[t].pending.signal.remove(Signal::KILL);
                trace!(self; Func::GetSignal, Some(t), Fact::MarkedForDeath { code });
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
                    trace!(self; Func::GetSignal, Some(t), Fact::DequeuedIgnored { sig });
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
                    trace!(self; Func::GetSignal, Some(t), Fact::DequeuedHandled { sig, si_pid: siginfo.pid, si_code: siginfo.code });
                    continue;
                }
                Handler::Dfl => {}
            }
            if sig.kernel_ignore() {
                trace!(self; Func::GetSignal, Some(t), Fact::DequeuedDefaultIgnore { sig });
                continue;
            }
            if self.tasks[t].flags & SIGNAL_UNKILLABLE != 0 && !sig.kernel_only() {
                trace!(self; Func::GetSignal, Some(t), Fact::DequeuedByInit { sig });
                continue;
            }
            if sig.kernel_stop() {
                if sig != Signal::STOP && self.will_become_orphaned_pgrp(self.tasks[t].pgrp, None) {
                    trace!(self; Func::GetSignal, Some(t), Fact::DequeuedOrphanedStop { sig });
                    continue;
                }
                trace!(self; Func::GetSignal, Some(t), Fact::DequeuedStop { sig });
                if call!(self, self.do_signal_stop(t, sig)) {
                    return;
                }
                continue;
            }
            trace!(self; Func::GetSignal, Some(t), Fact::DequeuedFatal { sig, action: sig.default_action() });
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
        trace!(self; Func::GetSignal, Some(t), Fact::RunsHandlers { count: frames.len() as u32 });
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
        trace!(self; Func::DoSignalStop, Some(t), Fact::Stops);
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
            trace!(self; Func::DoNotifyParentCldstop, Some(parent), Fact::NoStopNotice { why });
            return;
        }
        trace!(self; Func::DoNotifyParentCldstop, Some(parent), Fact::NotifyParent { si_code: why, si_pid: info.pid });
        let saved = self.current;
        self.current = t;
        let _ = call!(
            self,
            self.send_signal(Signal::CHLD, Info::Real(&mut info), parent, PidType::Tgid)
        );
        self.current = saved;
    }

    /// `do_notify_parent(tsk, SIGCHLD)` (every version followed) when a process
    /// dies: CLD_EXITED or CLD_KILLED with the child's PID in the parent's
    /// namespace. A parent that ignores SIGCHLD gets nothing and the child
    /// is reaped at once; returns whether to autoreap. 5.10 and 6.18 send it
    /// with `__send_signal(…, force = false)` (`version::CHANGES`
    /// `sigchld_via_send_signal`); 4.19 went
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
            trace!(self; Func::DoNotifyParent, Some(parent), Fact::AutoReap { child: self.name(t) });
            return true;
        }
        trace!(self; Func::DoNotifyParent, Some(parent), Fact::NotifyParent { si_code: code, si_pid: info.pid });
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

    /// The numbers the `pid_nr_ns` comparison in `send_signal` looks at,
    /// level by level.
    fn levels(&self, sender: TaskId, target: TaskId) -> Levels {
        let numbers = |t: TaskId| self.pids[t].numbers.iter().map(|(_, nr)| *nr).collect();
        Levels {
            sender: numbers(sender),
            target: numbers(target),
            target_level: self.namespaces[self.tasks[target].ns].level,
        }
    }

    fn find_vpid_fact(&self, pid: i32, found: Option<PidId>) -> Fact {
        Fact::FindVpid {
            pid,
            ns: self.ns_name(self.current).to_string(),
            found: found.is_some(),
        }
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

fn info_arg(info: &Info) -> InfoArg {
    match info {
        Info::NoInfo => InfoArg::NoInfo,
        Info::Priv => InfoArg::Priv,
        Info::Forced => InfoArg::Forced,
        Info::Real(i) => InfoArg::Real {
            si_code: i.code,
            si_pid: i.pid,
        },
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
