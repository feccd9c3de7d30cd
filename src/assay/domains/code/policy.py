"""The seccomp filter every task process runs under, compiled once to BPF on the host.

Default allow, with a deny list aimed at what a program needs to get out or to get around the tests:
new processes (fork, vfork, clone without CLONE_THREAD; clone3 answers ENOSYS so threads fall back to
clone), exec, signals to other processes, network sockets (only AF_UNIX is allowed, and there is
nothing to connect to), ptrace and cross-process memory access, mounts and namespaces, new sessions
and process groups (which would escape the group the worker kills), and kernel surfaces a test never
needs (BPF, perf, keyrings, io_uring, modules, reboot, clock setting). Denied calls fail with EPERM,
so the program sees an ordinary error and the verdict records what it did.
"""

from __future__ import annotations

import errno
import functools
import socket
import tempfile

from assay.errors import AssayError

DENIED = (
    "execve",
    "execveat",
    "fork",
    "vfork",
    "kill",
    "tkill",
    "tgkill",
    "rt_sigqueueinfo",
    "rt_tgsigqueueinfo",
    "pidfd_open",
    "pidfd_send_signal",
    "pidfd_getfd",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "unshare",
    "setns",
    "open_tree",
    "move_mount",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    "setsid",
    "setpgid",
    "bpf",
    "perf_event_open",
    "keyctl",
    "add_key",
    "request_key",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "sethostname",
    "setdomainname",
    "open_by_handle_at",
    "name_to_handle_at",
    "quotactl",
    "syslog",
    "ioperm",
    "iopl",
)
CLONE_THREAD = 0x00010000


@functools.cache
def compiled_filter() -> bytes:
    """The filter as raw BPF for PR_SET_SECCOMP (built with libseccomp, so it fits this architecture)."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as exc:  # OSError: libseccomp.so.2 itself is missing
        raise AssayError(f"the code sandbox needs libseccomp and pyseccomp: {exc}") from exc
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except (RuntimeError, ValueError, OSError):
            continue  # a call this architecture does not have (e.g. fork on arm64)
    # new processes: clone is allowed only for threads
    rules.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    rules.add_rule(seccomp.ERRNO(errno.EPERM), "socket", seccomp.Arg(0, seccomp.NE, socket.AF_UNIX))
    with tempfile.TemporaryFile() as handle:
        rules.export_bpf(handle)
        handle.seek(0)
        return handle.read()
