//! Reading a scenario process from the controller: `/proc/<pid>/stat` and
//! `status` through a `/proc/<pid>` directory fd held since its creation (so
//! a reused PID can never be read by mistake: once the process is reaped
//! the fd's files are gone), and the exit status of a reaped process from
//! its BSD process-accounting record (`struct acct_v3`, any kernel with
//! `CONFIG_BSD_PROCESS_ACCT_V3`) — cross-checked, where the kernel has it
//! (6.15+), against its pidfd (`PIDFD_GET_INFO` with `PIDFD_INFO_EXIT`).

use std::ffi::CStr;
use std::io::Read;
use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd, OwnedFd};

/// `PF_EXITING` in `task->flags` (field 9 of stat): set at the start of
/// `do_exit`, so it marks a process that is dying but not yet a zombie —
/// e.g. a namespace init waiting in `zap_pid_ns_processes`.
pub const PF_EXITING: u64 = 0x0000_0004;

/// The fields of `/proc/<pid>/stat` the runner uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stat {
    /// R, S, D, T, t, Z, X, I, …
    pub state: u8,
    /// Process group, as a PID of the namespace /proc belongs to.
    pub pgrp: i32,
    pub flags: u64,
    /// Field 52: the wait status once the process is exiting.
    pub exit_code: i32,
}

/// The lines of `/proc/<pid>/status` the runner uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub sig_pnd: u64,
    pub shd_pnd: u64,
    pub sig_blk: u64,
    /// PIDs from /proc's namespace down to the process's own.
    pub nspid: Vec<i32>,
}

fn gone(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ESRCH) | Some(libc::ENOENT))
}

/// Reads a file under a `/proc/<pid>` directory fd; `None` once the process
/// has been reaped.
fn read_at(dir: BorrowedFd<'_>, name: &CStr) -> std::io::Result<Option<Vec<u8>>> {
    // SAFETY: plain openat on a directory fd we hold, NUL-terminated name.
    let fd = unsafe {
        libc::openat(
            dir.as_raw_fd(),
            name.as_ptr(),
            libc::O_RDONLY | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        let e = std::io::Error::last_os_error();
        return if gone(&e) { Ok(None) } else { Err(e) };
    }
    // SAFETY: `fd` was just opened and is owned by nobody else.
    let mut f = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(fd) });
    let mut buf = Vec::with_capacity(2048);
    match f.read_to_end(&mut buf) {
        Ok(_) => Ok(Some(buf)),
        Err(e) if gone(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn parse_stat(text: &[u8]) -> Option<Stat> {
    let text = std::str::from_utf8(text).ok()?;
    // The command name is in parentheses and may itself hold spaces and
    // parentheses: the fields start after the last ')'.
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_ascii_whitespace().collect();
    // fields[0] is field 3 (state); field N is fields[N - 3].
    Some(Stat {
        state: *fields.first()?.as_bytes().first()?,
        pgrp: fields.get(2)?.parse().ok()?,
        flags: fields.get(6)?.parse().ok()?,
        exit_code: fields.get(49)?.parse().ok()?,
    })
}

pub fn read_stat(dir: BorrowedFd<'_>) -> std::io::Result<Option<Stat>> {
    match read_at(dir, c"stat")? {
        None => Ok(None),
        Some(b) => parse_stat(&b).map(Some).ok_or_else(|| {
            std::io::Error::other(format!(
                "unparsable stat: {:?}",
                String::from_utf8_lossy(&b)
            ))
        }),
    }
}

pub fn parse_status(text: &[u8]) -> Option<Status> {
    let text = std::str::from_utf8(text).ok()?;
    let mut s = Status::default();
    let (mut pnd, mut shd, mut blk, mut ns) = (false, false, false, false);
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key {
            "SigPnd" => (s.sig_pnd, pnd) = (u64::from_str_radix(value, 16).ok()?, true),
            "ShdPnd" => (s.shd_pnd, shd) = (u64::from_str_radix(value, 16).ok()?, true),
            "SigBlk" => (s.sig_blk, blk) = (u64::from_str_radix(value, 16).ok()?, true),
            "NSpid" => {
                s.nspid = value
                    .split_ascii_whitespace()
                    .map(|n| n.parse().ok())
                    .collect::<Option<Vec<i32>>>()?;
                ns = true;
            }
            _ => {}
        }
    }
    (pnd && shd && blk && ns).then_some(s)
}

pub fn read_status(dir: BorrowedFd<'_>) -> std::io::Result<Option<Status>> {
    match read_at(dir, c"status")? {
        None => Ok(None),
        Some(b) => parse_status(&b)
            .map(Some)
            .ok_or_else(|| std::io::Error::other("unparsable /proc/<pid>/status")),
    }
}

/// One `struct acct_v3` record (`include/uapi/linux/acct.h`): 64 bytes.
pub const ACCT_V3_SIZE: usize = 64;

/// What the runner reads of one accounting record: the process's PID in
/// the namespace accounting was turned on in (`ac_pid`,
/// `task_tgid_nr_ns(current, acct->ns)`) and its exit code (`ac_exitcode`:
/// the `code` `do_exit` was called with, which is the wait status — the
/// signal that killed it, or the exit status shifted left by 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AcctExit {
    pub pid: i32,
    pub status: i32,
}

/// Parses one `acct_v3` record; `None` if it is not one (`ac_version`,
/// without the big-endian flag 0x80, must be 3).
pub fn parse_acct_v3(rec: &[u8]) -> Option<AcctExit> {
    if rec.len() != ACCT_V3_SIZE || rec[1] & 0x7f != 3 {
        return None;
    }
    let u32_at = |o: usize| u32::from_le_bytes(rec[o..o + 4].try_into().expect("4 bytes"));
    // ac_flag, ac_version (1 byte each), ac_tty (2), ac_exitcode (4), ac_uid,
    // ac_gid, ac_pid (4 each).
    Some(AcctExit {
        pid: u32_at(16) as i32,
        status: u32_at(4) as i32,
    })
}

/// `struct pidfd_info`, first version (PIDFD_INFO_SIZE_VER0 = 64 bytes).
#[repr(C)]
#[derive(Default)]
struct PidfdInfo {
    mask: u64,
    cgroupid: u64,
    pid: u32,
    tgid: u32,
    ppid: u32,
    ruid: u32,
    rgid: u32,
    euid: u32,
    egid: u32,
    suid: u32,
    sgid: u32,
    fsuid: u32,
    fsgid: u32,
    exit_code: i32,
}

/// `_IOWR(PIDFS_IOCTL_MAGIC = 0xFF, 11, struct pidfd_info)` with the 64-byte struct.
const PIDFD_GET_INFO: libc::c_ulong = 0xC040_FF0B;
const PIDFD_INFO_EXIT: u64 = 1 << 3;

/// The wait status of a process, through its pidfd. On 6.18 the kernel
/// fills it in only once the process has been *reaped*: `Ok(None)` before.
pub fn pidfd_exit_status(pidfd: BorrowedFd<'_>) -> std::io::Result<Option<i32>> {
    let mut info = PidfdInfo {
        mask: PIDFD_INFO_EXIT,
        ..Default::default()
    };
    // SAFETY: `info` is a writable 64-byte pidfd_info, as the ioctl number says.
    let r = unsafe {
        libc::ioctl(
            pidfd.as_raw_fd(),
            PIDFD_GET_INFO as _,
            &mut info as *mut PidfdInfo,
        )
    };
    if r < 0 {
        let e = std::io::Error::last_os_error();
        // ESRCH: not reaped yet and nothing else was asked for.
        return if e.raw_os_error() == Some(libc::ESRCH) {
            Ok(None)
        } else {
            Err(e)
        };
    }
    Ok((info.mask & PIDFD_INFO_EXIT != 0).then_some(info.exit_code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_with_awkward_comm() {
        let mut line = String::from("123 (a) b) (c) S 1 77 77 0 -1 4194624");
        for _ in 10..52 {
            line.push_str(" 0");
        }
        line.push_str(" 9\n");
        // fields 10..51 are 42 zeros, then field 52 = 9.
        let s = parse_stat(line.as_bytes()).unwrap();
        assert_eq!(s.state, b'S');
        assert_eq!(s.pgrp, 77);
        assert_eq!(s.flags, 4194624);
        assert_eq!(s.exit_code, 9);
    }

    #[test]
    fn acct_v3_record() {
        let mut rec = [0u8; ACCT_V3_SIZE];
        rec[1] = 3;
        rec[4..8].copy_from_slice(&0x0900u32.to_le_bytes());
        rec[16..20].copy_from_slice(&7u32.to_le_bytes());
        rec[20..24].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(
            parse_acct_v3(&rec),
            Some(AcctExit {
                pid: 7,
                status: 0x900
            })
        );
        rec[1] = 2;
        assert_eq!(parse_acct_v3(&rec), None);
    }

    #[test]
    fn status_lines() {
        let t = "Name:\tx\nNSpid:\t100\t3\t1\nSigPnd:\t0000000000000200\nShdPnd:\t0000000000004000\nSigBlk:\t0000000000000001\n";
        let s = parse_status(t.as_bytes()).unwrap();
        assert_eq!(s.nspid, vec![100, 3, 1]);
        assert_eq!(s.sig_pnd, 0x200);
        assert_eq!(s.shd_pnd, 0x4000);
        assert_eq!(s.sig_blk, 1);
    }
}
