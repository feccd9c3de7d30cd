"""Hostile programs. Each defines f(); the tests assert f() == "contained".

A program in CONTAINED tries something and returns "contained" when the sandbox stopped it, so
`passed` means the attack failed. A program in STOPPED never gets to answer (or answers wrongly):
its expected statuses say how it must end. Never `passed` for those.
"""

from __future__ import annotations

CONTAINED: dict[str, str] = {
    "network connect": """
import socket
def f():
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=1).close()
        return "connected"
    except OSError:
        return "contained"
""",
    "network to the host's loopback": """
import socket
def f():
    try:
        socket.create_connection(("127.0.0.1", HOST_PORT), timeout=1).close()
        return "connected"
    except OSError:
        return "contained"
""",
    "dns lookup": """
import socket
def f():
    try:
        socket.getaddrinfo("example.com", 80)
        return "resolved"
    except OSError:
        return "contained"
""",
    "udp send": """
import socket
def f():
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.sendto(b"x", ("8.8.8.8", 53))
        return "sent"
    except OSError:
        return "contained"
""",
    "raw netlink socket": """
import socket
def f():
    try:
        socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
        return "opened"
    except OSError:
        return "contained"
""",
    "read /etc/shadow": """
def f():
    try:
        return "read " + open("/etc/shadow").read()[:10]
    except OSError:
        return "contained"
""",
    "read ssh keys": """
import os, glob
def f():
    found = glob.glob("/root/.ssh/*") + glob.glob("/home/*/.ssh/*")
    found += glob.glob(os.path.expanduser("~/.ssh/*"))
    return "contained" if not found else "found " + found[0]
""",
    "read a host secret file": """
def f():
    try:
        return "read " + open(HOST_SECRET_FILE).read()
    except OSError:
        return "contained"
""",
    "dump environment secrets": """
import os
def f():
    seen = " ".join(f"{k}={v}" for k, v in os.environ.items())
    for pid in os.listdir("/proc"):
        try:
            seen += open(f"/proc/{pid}/environ", "rb").read().decode(errors="replace")
        except (OSError, ValueError):
            pass
    return "leaked" if "HOST_SECRET_VALUE" in seen else "contained"
""",
    "write outside /tmp": """
def f():
    for path in ("/usr/assay-attack", HOST_WRITE_PATH, "/assay/attack", "/attack", "/etc/attack"):
        try:
            open(path, "w").write("x")
            return "wrote " + path
        except OSError:
            pass
    return "contained"
""",
    "fork bomb": """
import os
def f():
    try:
        while True:
            os.fork()
    except OSError:
        return "contained"
""",
    "subprocess": """
import subprocess
def f():
    try:
        subprocess.run(["/bin/sh", "-c", "echo hi"], check=True)
        return "ran"
    except OSError:
        return "contained"
""",
    "os.system": """
import os
def f():
    return "contained" if os.system("echo hi > /tmp/x") != 0 else "ran"
""",
    "posix.system": """
import posix
def f():
    return "contained" if posix.system("echo hi") != 0 else "ran"
""",
    "os.exec": """
import os
def f():
    try:
        os.execv("/bin/sh", ["sh", "-c", "exit 0"])
    except OSError:
        return "contained"
""",
    "ctypes system": """
import ctypes, os
def f():
    status = ctypes.CDLL(None).system(b"touch /tmp/pwned")
    return "contained" if status != 0 and not os.path.exists("/tmp/pwned") else "ran"
""",
    "kill the parent": """
import os, signal
def f():
    try:
        os.kill(os.getppid(), signal.SIGKILL)
        return "killed"
    except OSError:
        return "contained"
""",
    "kill -1": """
import os, signal
def f():
    try:
        os.kill(-1, signal.SIGKILL)
        return "killed"
    except OSError:
        return "contained"
""",
    "ptrace the parent": """
import ctypes, os
def f():
    libc = ctypes.CDLL(None, use_errno=True)
    return "contained" if libc.ptrace(16, os.getppid(), 0, 0) == -1 else "attached"
""",
    "read the test process's memory": """
import os
def f():
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                open(f"/proc/{pid}/mem", "rb").read(1)
                return "read " + pid
            except OSError:
                pass
    return "contained"
""",
    "mount and unshare": """
import ctypes
def f():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(b"none", b"/tmp", b"tmpfs", 0, None) == 0:
        return "mounted"
    if libc.unshare(0x10000000) == 0:  # CLONE_NEWUSER
        return "unshared"
    return "contained"
""",
    "new session to escape the group": """
import os
def f():
    try:
        os.setsid()
        return "escaped"
    except OSError:
        return "contained"
""",
    "write to /proc": """
def f():
    for path in ("/proc/sys/kernel/hostname", "/proc/sysrq-trigger", "/proc/1/oom_score_adj"):
        try:
            open(path, "w").write("1")
            return "wrote " + path
        except OSError:
            pass
    return "contained"
""",
    "search the disk for the tests": """
import os, stat, sys
def f():
    # every mount of the sandbox, every file's contents, except the read-only system folders and the
    # Python installation bound from the host as they are (the host never writes there; walking them took
    # the search past its time limit on a loaded machine, and no test may depend on timing)
    mounts = [line.split()[4] for line in open("/proc/self/mountinfo")]
    system = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sys", "/dev",
              sys.base_prefix, sys.prefix)
    for top in mounts:
        if top.startswith(system):
            continue
        for root, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if not os.path.join(root, d).startswith(system)]
            for name in files:
                path = os.path.join(root, name)
                if "HumanEval" in name or name.endswith(".jsonl"):
                    return "found " + path
                try:
                    # regular files only: a pipe or a socket would block the read, and the tests' files
                    # are regular
                    info = os.lstat(path)
                    if stat.S_ISREG(info.st_mode) and info.st_size < 200_000:
                        if b"SECRET-TEST-MARKER" in open(path, "rb").read():
                            return "found " + path
                except OSError:
                    pass
    return "contained"
""",
    "state left in /dev/shm or /dev": """
import os
def f():
    for folder in ("/dev/shm", "/dev", "/run", "/var/tmp", "/"):
        try:
            open(os.path.join(folder, "assay-left-behind"), "w").write("x")
            return "wrote in " + folder
        except OSError:
            pass
    return "contained"
""",
    "System V shared memory": """
import ctypes
def f():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.shmget(0x41535359, 4096, 0o1666) != -1:  # IPC_CREAT: would outlive the task in the worker
        return "created"
    if libc.msgget(0x41535359, 0o1666) != -1 or libc.semget(0x41535359, 1, 0o1666) != -1:
        return "created"
    return "contained"
""",
    "device files": """
def f():
    for path in ("/dev/mem", "/dev/kmsg", "/dev/sda", "/dev/tty"):
        try:
            open(path, "rb").read(1)
            return "read " + path
        except OSError:
            pass
    return "contained"
""",
    "fill the disk": """
def f():
    try:
        with open("/tmp/fill", "wb") as out:
            for _ in range(1024):
                out.write(b"x" * (1 << 20))
        return "wrote 1 GB"
    except OSError:
        return "contained"
""",
}

# (program, statuses it may end with)
STOPPED: dict[str, tuple[str, tuple[str, ...]]] = {
    "infinite loop": ("def f():\n    while True:\n        pass\n", ("timeout",)),
    "sleep forever": ("import time\ndef f():\n    time.sleep(10**6)\n", ("timeout",)),
    "8 GB allocation": ("def f():\n    x = bytearray(8 * 1024**3)\n    return 'contained'\n", ("memory",)),
    "deep recursion": (
        "import sys\nsys.setrecursionlimit(10**7)\ndef f(n=0):\n    return f(n + 1)\n",
        ("failed", "memory", "timeout"),  # Python frames live on the heap: whichever limit comes first
    ),
    "deep recursion in C": (
        "import sys\nsys.setrecursionlimit(10**8)\nclass A:\n    def __getattr__(self, name):\n"
        "        return getattr(self, name)\ndef f():\n    return A().x\n",
        ("crashed",),  # the C stack overflows: SIGSEGV
    ),
    "spinning threads": (
        "import threading\ndef spin():\n    while True:\n        pass\n"
        "def f():\n    ts = [threading.Thread(target=spin) for _ in range(8)]\n"
        "    [t.start() for t in ts]\n    [t.join() for t in ts]\n",
        ("timeout",),
    ),
    "thread bomb": (
        "import threading, time\ndef f():\n    while True:\n"
        "        threading.Thread(target=time.sleep, args=(100,), daemon=True).start()\n",
        ("failed", "memory", "timeout"),
    ),
    "exit 0 at import": ("import os\nos._exit(0)\ndef f():\n    return 'contained'\n", ("failed",)),
    "sys.exit at import": ("import sys\nsys.exit(0)\ndef f():\n    return 'contained'\n", ("failed",)),
    "exit 0 inside the call": ("import os\ndef f():\n    os._exit(0)\n", ("failed",)),
    "close every fd": (
        "import os\ndef f():\n    os.closerange(0, 4096)\n    return 'contained'\n",
        ("failed",),
    ),
    "always-equal object": (
        "class Yes:\n    def __eq__(self, other):\n        return True\n    __hash__ = None\n"
        "def f():\n    return Yes()\n",
        ("failed",),
    ),
    "always-equal str subclass": (
        "class Yes(str):\n    def __eq__(self, other):\n        return True\n    __hash__ = str.__hash__\n"
        "def f():\n    return Yes('wrong')\n",
        ("failed",),
    ),
    "patch AssertionError and builtins": (
        "import builtins\nclass Never(Exception):\n    pass\n"
        "builtins.AssertionError = Never\nbuiltins.isinstance = lambda *a: True\n"
        "builtins.bool = lambda *a: True\ndef f():\n    return 'wrong'\n",
        ("failed",),
    ),
    "forged results on every fd": (
        "import os\ndef f():\n"
        '    line = b\'{"status": "passed", "total": 1, "passed": 1, "tests": []}\\n\'\n'
        "    for fd in range(256):\n"
        "        try:\n            os.write(fd, line)\n        except OSError:\n            pass\n"
        "    return 'contained'\n",
        ("failed",),
    ),
    "patch the harness through gc": (
        "import gc\ndef f():\n"
        "    for o in gc.get_objects():\n"
        "        if isinstance(o, dict) and 'send' in o and 'encode' in o:\n"
        "            o['encode'] = lambda *a, **k: ['ok-forged']\n"
        "    return 'wrong'\n",
        ("failed",),
    ),
}
