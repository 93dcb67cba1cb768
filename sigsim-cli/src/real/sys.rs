//! Thin wrappers over the raw system calls, shared by the controller and the
//! scenario processes. Everything here is async-signal-safe and
//! allocation-free: scenario processes are made with a raw `clone` from a
//! runner that may be multi-threaded (a test harness), so afterwards they
//! may only make system calls — a lock another thread held at the fork
//! (malloc's, stdio's) would never be released in the copy. Raw syscalls
//! also sidestep glibc, whose `sigaction` refuses signals 32 and 33 and
//! whose `sigprocmask` silently strips them.

use libc::{c_int, c_long, c_ulong, c_void};
use std::ffi::CStr;

/// `Err(errno)` on failure.
pub type SysResult<T> = Result<T, i32>;

fn errno() -> i32 {
    // SAFETY: glibc's per-thread errno slot is always valid to read.
    unsafe { *libc::__errno_location() }
}

fn check(r: c_long) -> SysResult<c_long> {
    if r < 0 {
        Err(errno())
    } else {
        Ok(r)
    }
}

pub fn kill(pid: i32, sig: i32) -> SysResult<()> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe { libc::syscall(libc::SYS_kill, pid as c_long, sig as c_long) }).map(|_| ())
}

pub fn tgkill(tgid: i32, tid: i32, sig: i32) -> SysResult<()> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe {
        libc::syscall(
            libc::SYS_tgkill,
            tgid as c_long,
            tid as c_long,
            sig as c_long,
        )
    })
    .map(|_| ())
}

/// The kernel's `siginfo_t` (128 bytes on x86-64) with the `_rt` layout
/// that `sigqueue(3)` fills in.
#[repr(C)]
pub struct RawSiginfo {
    pub signo: i32,
    pub errno: i32,
    pub code: i32,
    pub pad0: i32,
    pub pid: i32,
    pub uid: u32,
    pub value: u64,
    pub rest: [u64; 12],
}

pub fn rt_sigqueueinfo(pid: i32, sig: i32, info: &RawSiginfo) -> SysResult<()> {
    // SAFETY: `info` points to a full 128-byte siginfo.
    check(unsafe {
        libc::syscall(
            libc::SYS_rt_sigqueueinfo,
            pid as c_long,
            sig as c_long,
            info as *const RawSiginfo,
        )
    })
    .map(|_| ())
}

pub fn pidfd_open(pid: i32) -> SysResult<c_int> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe { libc::syscall(libc::SYS_pidfd_open, pid as c_long, 0 as c_long) })
        .map(|fd| fd as c_int)
}

/// `pidfd_send_signal(fd, sig, NULL, 0)`.
pub fn pidfd_send_signal(fd: c_int, sig: i32) -> SysResult<()> {
    // SAFETY: a NULL siginfo is allowed (the kernel builds an SI_USER one).
    check(unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            fd as c_long,
            sig as c_long,
            std::ptr::null::<c_void>(),
            0 as c_long,
        )
    })
    .map(|_| ())
}

/// The kernel's `struct sigaction` for `rt_sigaction` on x86-64.
#[repr(C)]
struct KernelSigaction {
    handler: usize,
    flags: c_ulong,
    restorer: usize,
    mask: u64,
}

const SA_RESTORER: c_ulong = 0x0400_0000;

// x86-64 delivers a handler only if the action names a restorer that calls
// rt_sigreturn (the kernel does not provide one); glibc's `__restore_rt` is
// not exported, so this is ours: exactly what glibc's does.
#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".pushsection .text.sigscope_real_restore_rt,\"ax\",@progbits",
    ".globl sigscope_real_restore_rt",
    ".hidden sigscope_real_restore_rt",
    ".type sigscope_real_restore_rt,@function",
    "sigscope_real_restore_rt:",
    "    mov eax, 15",
    "    syscall",
    ".size sigscope_real_restore_rt, . - sigscope_real_restore_rt",
    ".popsection",
);

#[cfg(target_arch = "x86_64")]
extern "C" {
    fn sigscope_real_restore_rt();
}

/// Sets one disposition with the raw syscall. `handler` is `SIG_DFL`,
/// `SIG_IGN` or a function address; `flags` adds e.g. `SA_SIGINFO`. The
/// handler's own mask is empty (only the signal itself is blocked while it
/// runs, the default).
pub fn rt_sigaction(sig: i32, handler: usize, flags: c_ulong) -> SysResult<()> {
    let act = KernelSigaction {
        handler,
        flags: flags | SA_RESTORER,
        restorer: sigscope_real_restore_rt as *const () as usize,
        mask: 0,
    };
    // SAFETY: `act` is a valid kernel sigaction; the old action is not asked for.
    check(unsafe {
        libc::syscall(
            libc::SYS_rt_sigaction,
            sig as c_long,
            &act as *const KernelSigaction,
            std::ptr::null_mut::<KernelSigaction>(),
            8 as c_long,
        )
    })
    .map(|_| ())
}

/// `rt_sigprocmask(how, &set, NULL, 8)`; bit n-1 is signal n.
pub fn rt_sigprocmask(how: i32, set: u64) -> SysResult<()> {
    // SAFETY: `set` is an 8-byte kernel sigset.
    check(unsafe {
        libc::syscall(
            libc::SYS_rt_sigprocmask,
            how as c_long,
            &set as *const u64,
            std::ptr::null_mut::<u64>(),
            8 as c_long,
        )
    })
    .map(|_| ())
}

/// `setresuid(uid, uid, uid)` for this thread only — the agents have one
/// thread, so the raw syscall (not glibc's all-threads broadcast) is right.
pub fn setresuid(uid: u32) -> SysResult<()> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe {
        libc::syscall(
            libc::SYS_setresuid,
            uid as c_long,
            uid as c_long,
            uid as c_long,
        )
    })
    .map(|_| ())
}

pub fn geteuid() -> u32 {
    // SAFETY: cannot fail.
    unsafe { libc::syscall(libc::SYS_geteuid) as u32 }
}

pub fn getuid() -> u32 {
    // SAFETY: cannot fail.
    unsafe { libc::syscall(libc::SYS_getuid) as u32 }
}

pub fn getpid() -> i32 {
    // SAFETY: cannot fail.
    unsafe { libc::syscall(libc::SYS_getpid) as i32 }
}

pub fn setsid() -> SysResult<()> {
    // SAFETY: plain syscall.
    check(unsafe { libc::syscall(libc::SYS_setsid) }).map(|_| ())
}

pub fn setpgid_self() -> SysResult<()> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe { libc::syscall(libc::SYS_setpgid, 0 as c_long, 0 as c_long) }).map(|_| ())
}

/// A fork made with the raw `clone` syscall (no new stack: the child
/// continues on a copy of the caller's, exactly like `fork`). glibc's `fork`
/// is avoided on purpose: it runs atfork handlers and takes malloc's locks,
/// which may be held by another thread of a multi-threaded runner.
/// `pidfd`, if given, receives a pidfd of the child (`CLONE_PIDFD`).
///
/// # Safety
/// In the child (return value 0) the caller must only run async-signal-safe,
/// allocation-free code and must end with [`exit_group`], never return into
/// code that assumes it is the original process.
pub unsafe fn clone_fork(flags: u64, pidfd: Option<&mut c_int>) -> SysResult<i32> {
    let (flags, ptid) = match pidfd {
        Some(p) => (flags | libc::CLONE_PIDFD as u64, p as *mut c_int),
        None => (flags, std::ptr::null_mut()),
    };
    // x86-64 argument order: flags, stack, parent_tid, child_tid, tls.
    check(libc::syscall(
        libc::SYS_clone,
        flags as c_long,
        0 as c_long,
        ptid,
        0 as c_long,
        0 as c_long,
    ))
    .map(|p| p as i32)
}

pub fn setns(fd: c_int, nstype: c_int) -> SysResult<()> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe { libc::syscall(libc::SYS_setns, fd as c_long, nstype as c_long) }).map(|_| ())
}

pub fn close(fd: c_int) {
    // SAFETY: closing a descriptor this process owns (or EBADF, ignored).
    unsafe {
        libc::syscall(libc::SYS_close, fd as c_long);
    }
}

pub fn close_range(first: u32, last: u32) -> SysResult<()> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe {
        libc::syscall(
            libc::SYS_close_range,
            first as c_long,
            last as c_long,
            0 as c_long,
        )
    })
    .map(|_| ())
}

pub fn open(path: &CStr, flags: c_int) -> SysResult<c_int> {
    // SAFETY: `path` is NUL-terminated.
    check(unsafe {
        libc::syscall(
            libc::SYS_openat,
            libc::AT_FDCWD as c_long,
            path.as_ptr(),
            flags as c_long,
            0 as c_long,
        )
    })
    .map(|fd| fd as c_int)
}

/// `acct(path)`: BSD process accounting for the caller's PID namespace
/// (and those below it), written to `path`.
pub fn acct(path: &CStr) -> SysResult<()> {
    // SAFETY: `path` is NUL-terminated.
    check(unsafe { libc::syscall(libc::SYS_acct, path.as_ptr()) }).map(|_| ())
}

pub fn prctl(option: c_int, arg: c_ulong) -> SysResult<()> {
    // SAFETY: plain syscall with integer arguments.
    check(unsafe {
        libc::syscall(
            libc::SYS_prctl,
            option as c_long,
            arg,
            0 as c_long,
            0 as c_long,
            0 as c_long,
        )
    })
    .map(|_| ())
}

pub fn setrlimit(resource: u32, value: u64) -> SysResult<()> {
    let lim = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: `lim` is a valid rlimit; no old value asked for.
    check(unsafe {
        libc::syscall(
            libc::SYS_prlimit64,
            0 as c_long,
            resource as c_long,
            &lim as *const libc::rlimit,
            std::ptr::null_mut::<libc::rlimit>(),
        )
    })
    .map(|_| ())
}

pub fn exit_group(code: i32) -> ! {
    // SAFETY: ends the process; nothing after it runs.
    unsafe {
        libc::syscall(libc::SYS_exit_group, code as c_long);
    }
    // exit_group cannot return; spin rather than fall into undefined ground.
    #[allow(clippy::empty_loop)]
    loop {}
}

/// Sends one record. `nowait` for a signal handler, which must never block.
/// MSG_NOSIGNAL always: a SIGPIPE here would be a signal the scenario never sent.
pub fn send_bytes(fd: c_int, buf: &[u8], nowait: bool) -> SysResult<()> {
    let flags = libc::MSG_NOSIGNAL | if nowait { libc::MSG_DONTWAIT } else { 0 };
    // SAFETY: `buf` is valid for its length.
    check(unsafe {
        libc::syscall(
            libc::SYS_sendto,
            fd as c_long,
            buf.as_ptr(),
            buf.len() as c_long,
            flags as c_long,
            std::ptr::null::<c_void>(),
            0 as c_long,
        )
    })
    .map(|_| ())
}

/// Receives one record into `buf` and, if one came along, one descriptor
/// passed with SCM_RIGHTS (else -1). Returns the record's length (0 = the
/// other end is gone).
pub fn recv_with_fd(fd: c_int, buf: &mut [u8], got_fd: &mut c_int) -> SysResult<usize> {
    *got_fd = -1;
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr() as *mut c_void,
        iov_len: buf.len(),
    };
    let mut cbuf = [0u64; 8];
    // SAFETY: msghdr is plain data; every pointer set below outlives the call.
    let mut mh: libc::msghdr = unsafe { std::mem::zeroed() };
    mh.msg_iov = &mut iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cbuf.as_mut_ptr() as *mut c_void;
    mh.msg_controllen = std::mem::size_of_val(&cbuf);
    // SAFETY: `mh` describes valid buffers.
    let n = check(unsafe {
        libc::syscall(
            libc::SYS_recvmsg,
            fd as c_long,
            &mut mh as *mut libc::msghdr,
            libc::MSG_CMSG_CLOEXEC as c_long,
        )
    })?;
    // SAFETY: the CMSG_* helpers only walk the control buffer the kernel filled.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(&mh);
        while !c.is_null() {
            if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(c) as *const c_int;
                let count =
                    ((*c).cmsg_len - libc::CMSG_LEN(0) as usize) / std::mem::size_of::<c_int>();
                for i in 0..count {
                    let f = std::ptr::read_unaligned(data.add(i));
                    if *got_fd < 0 {
                        *got_fd = f;
                    } else {
                        close(f);
                    }
                }
            }
            c = libc::CMSG_NXTHDR(&mh, c);
        }
    }
    Ok(n as usize)
}

/// A message that travels as its own bytes: [`as_bytes`] reads it as a
/// byte slice (to send it) and [`as_bytes_mut`] lets a `recv` overwrite it
/// with whatever bytes arrived.
///
/// # Safety
/// Implement it only for a `#[repr(C)]` struct that
/// - has no padding (every byte belongs to a field, so reading all of its
///   bytes never reads uninitialised memory), and
/// - is valid for every bit pattern (only integer fields and arrays of them:
///   no `bool`, `char`, enum, reference, pointer or `NonZero*`).
///
/// An implementation should sit beside the struct, with an assertion that
/// its size is the sum of its fields' sizes.
pub unsafe trait Pod: Copy {}

/// Views a message as bytes.
pub fn as_bytes<T: Pod>(v: &T) -> &[u8] {
    // SAFETY: `T: Pod` has no padding, so all `size_of::<T>()` bytes behind
    // `v` are initialised; the slice borrows `v`.
    unsafe { std::slice::from_raw_parts(v as *const T as *const u8, std::mem::size_of::<T>()) }
}

/// Views a message as mutable bytes, for a `recv` to fill in.
pub fn as_bytes_mut<T: Pod>(v: &mut T) -> &mut [u8] {
    // SAFETY: `T: Pod` is valid for every bit pattern and has no padding,
    // so any bytes written through the slice leave a valid `T`; the slice
    // borrows `v` exclusively.
    unsafe { std::slice::from_raw_parts_mut(v as *mut T as *mut u8, std::mem::size_of::<T>()) }
}

/// Confines the calling thread (and so every process it creates from now
/// on) to the CPU it is running on; restores the old affinity when dropped.
pub struct PinnedToOneCpu {
    old: libc::cpu_set_t,
}

impl PinnedToOneCpu {
    pub fn new() -> PinnedToOneCpu {
        // SAFETY: plain affinity calls on the calling thread with
        // properly sized, zero-initialised cpu sets.
        unsafe {
            let mut old: libc::cpu_set_t = std::mem::zeroed();
            libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut old);
            let cpu = libc::sched_getcpu().max(0) as usize;
            let mut one: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu, &mut one);
            libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &one);
            PinnedToOneCpu { old }
        }
    }
}

impl Drop for PinnedToOneCpu {
    fn drop(&mut self) {
        // SAFETY: restores the set saved in `new`.
        unsafe {
            libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &self.old);
        }
    }
}
