"""Compiles the local driver's seccomp filter (classic BPF, as bwrap --seccomp reads it) to the file argv[1].

Run once per worker with Debian's python3 and libseccomp's bindings (python3-seccomp). Default allow, and EPERM for
what a student program never needs and what kernel escapes go through: the kernel keyring, eBPF, perf events,
userfaultfd, io_uring, mounts and namespaces, ptrace and other processes' memory, modules, kexec, clocks, swap,
reboot. The namespaces also hold without it; this is the second wall Docker's default profile gives the Docker
driver. Syscalls of another architecture (32-bit int 0x80) kill the process: libseccomp's default for a foreign arch.
"""
import errno
import sys

import seccomp

DENIED = [
    # kernel keyring, eBPF, perf, userfaultfd, io_uring: frequent kernel-exploit entry points
    "add_key", "keyctl", "request_key", "bpf", "perf_event_open", "userfaultfd",
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    # mounts, namespaces, root changes
    "mount", "umount2", "pivot_root", "chroot", "unshare", "setns",
    "fsopen", "fsconfig", "fsmount", "fspick", "move_mount", "open_tree", "mount_setattr",
    "name_to_handle_at", "open_by_handle_at",
    # other processes
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    # the machine
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "syslog", "settimeofday", "clock_settime", "clock_adjtime",
    "adjtimex", "iopl", "ioperm", "uselib", "vhangup", "lookup_dcookie", "personality",
]

# clone() with a namespace flag: a new namespace is never a program's business.
CLONE_NEW = {"CLONE_NEWNS": 0x00020000, "CLONE_NEWCGROUP": 0x02000000, "CLONE_NEWUTS": 0x04000000,
             "CLONE_NEWIPC": 0x08000000, "CLONE_NEWUSER": 0x10000000, "CLONE_NEWPID": 0x20000000,
             "CLONE_NEWNET": 0x40000000}


def build(path):
    f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            f.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except (RuntimeError, ValueError, OSError):
            pass  # a name this libseccomp or architecture does not know
    for flag in CLONE_NEW.values():
        f.add_rule(seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    # clone3 passes its flags in memory, out of a filter's reach: ENOSYS makes libc fall back to clone().
    f.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    with open(path, "wb") as out:
        f.export_bpf(out)


if __name__ == "__main__":
    build(sys.argv[1])
