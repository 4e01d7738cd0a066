"""Contains a child's whole process tree for fivetran-connector-mcp (Linux; elsewhere it only runs the child).

Started by src/exec/child.ts as `python3 -I -S ftmcp_supervise.py [--pidns] PROGRAM ARGS...` in a process group of
its own. A process group is not enough: a connector that double-forks and calls setsid() leaves the group, and a kill
of the group misses it.

With --pidns (src/exec/child.ts passes it once `--probe` showed the kernel allows it) the child runs in a PID
namespace of its own, with its own /proc, inside a user namespace: this process forks the namespace's init (pid 1),
which mounts a fresh /proc, locks it under a second user namespace, and runs the child as pid 2. The child and
everything it starts can then name no process outside the tree (not the server, whose /proc/PID/environ holds its
secrets), cannot signal or ptrace anything outside it, and all of them die when init exits (the kernel kills every
process of a namespace whose init ends): init exits as soon as the child does, or when this process dies
(PR_SET_PDEATHSIG SIGKILL). The user namespace maps our own uid and gid only, so files are written as before.

Without --pidns, this process becomes a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so every orphan of the tree
is re-parented to it instead of to init, and it can find and kill them all:

- when the child exits, every process left in the tree is killed (SIGKILL), then this process exits with the
  child's status (a signal death is repeated on itself, so the Node side sees the same signal);
- on SIGTERM/SIGINT/SIGHUP (cancel, timeout, the server stopping) the processes that left the group are killed at
  once and the child gets SIGTERM; the rest follows when the child exits;
- if the Node side dies, PR_SET_PDEATHSIG sends SIGTERM here, and the same happens.

Standard library only; it never reads or changes the child's stdin, stdout, stderr or fd 3.
"""
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REC = 16384
MS_PRIVATE = 1 << 18
# Exit code of a --pidns supervisor that could not set up the namespace (the child never ran).
SETUP_FAILED = 125
# The namespace was there when the server asked (--probe) and is not now (a limit on namespaces was reached): the
# run fails rather than run uncontained while claiming otherwise.
_NO_NAMESPACE_HINT = " (set FIVETRAN_CONNECTOR_MCP_CONTAINMENT=subreaper for the server to run without one)"

_libc_handle = None


def _libc():
    global _libc_handle
    if _libc_handle is None:
        import ctypes
        _libc_handle = ctypes.CDLL(None, use_errno=True)
    return _libc_handle


def _prctl(option, arg):
    try:
        return _libc().prctl(option, arg, 0, 0, 0) == 0
    except Exception:
        return False


def _check(rc, what):
    if rc != 0:
        import ctypes
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def _new_user_ns(extra_flags):
    """unshare() a user namespace (with extra_flags) that maps only our own uid and gid onto themselves."""
    uid, gid = os.geteuid(), os.getegid()
    _check(_libc().unshare(CLONE_NEWUSER | extra_flags), "unshare")
    _write("/proc/self/uid_map", "%d %d 1" % (uid, uid))
    try:
        _write("/proc/self/setgroups", "deny")
    except FileNotFoundError:
        pass  # kernels before 3.19 have no setgroups file and need none
    _write("/proc/self/gid_map", "%d %d 1" % (gid, gid))


def _init_setup():
    """In the namespace's init: a /proc of this PID namespace, locked so that nothing below can unmount it."""
    import ctypes
    libc = _libc()
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]
    # Security: private first, so the new /proc never propagates to the mount namespace of the server.
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    _check(libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None), "mount proc")
    # Security: the mounts just made become locked in a namespace owned by a less privileged user namespace: a
    # connector running as root inside cannot unmount this /proc to uncover the server's.
    _new_user_ns(CLONE_NEWNS)


def _descendants(root):
    """Pids below root, from /proc (ppid is the 4th field of /proc/PID/stat, after the parenthesised name)."""
    parents = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(name))
    out, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _kill_tree(sig, only_outside_group=False):
    me = os.getpid()
    group = os.getpgrp()
    killed = 0
    for pid in _descendants(me):
        try:
            if only_outside_group and os.getpgid(pid) == group:
                continue
            os.kill(pid, sig)
            killed += 1
        except OSError:
            pass
    return killed


def _reap_all():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            return False


def _exec_child(argv):
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
    try:
        os.execvp(argv[0], argv)
    except OSError as e:
        sys.stderr.write("ftmcp_supervise: cannot start %s: %s\n" % (argv[0], e.strerror))
        os._exit(127)


def _on_signal_for(child):
    def on_signal(_signum, _frame):
        # Security: processes that left the group (setsid) are out of reach of the group kill: end them now.
        _kill_tree(signal.SIGKILL, only_outside_group=True)
        try:
            os.kill(child, signal.SIGTERM)
        except OSError:
            pass
    return on_signal


def _wait_for(child):
    """Reaps every child until `child` exits; returns its wait status (None if it was never seen)."""
    while True:
        try:
            pid, st = os.waitpid(-1, 0)
        except ChildProcessError:
            return None
        except InterruptedError:
            continue
        if pid == child:
            return st


def _start_child(argv):
    """Forks the program and passes the signals that stop a run on to it; returns its pid and the handler."""
    child = os.fork()
    if child == 0:
        _exec_child(argv)
    on_signal = _on_signal_for(child)
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_signal)
    return child, on_signal


def _namespace_init(argv, alive_r, status_w):
    """pid 1 of the namespace: runs the child, reports its wait status, and ends (the kernel kills what is left)."""
    # Security: if the supervisor dies, so does init, and with it the whole namespace.
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    import select
    if select.select([alive_r], [], [], 0)[0]:
        return 1  # the supervisor died before PDEATHSIG was set
    # Security: a process group of the namespace's own. In the supervisor's group, kill(0, SIGSTOP) or
    # kill(0, SIGKILL) from the connector reached the supervisor, outside the namespace: it stopped (the run hung
    # until its timeout) or died. The server's group kill still reaches the supervisor, which passes it on to init;
    # if it is ever killed, init dies with it (PDEATHSIG) and the namespace with init.
    os.setpgid(0, 0)
    try:
        _init_setup()
    except OSError as e:
        sys.stderr.write("ftmcp_supervise: cannot set up the PID namespace: %s%s\n" % (e, _NO_NAMESPACE_HINT))
        os.write(status_w, b"x")
        return SETUP_FAILED
    child, _ = _start_child(argv)
    status = _wait_for(child)
    if status is not None:
        # pid 1 cannot die by a signal it sends itself, so the child's status travels to the supervisor as text.
        os.write(status_w, b"s%d" % os.WTERMSIG(status) if os.WIFSIGNALED(status) else b"e%d" % os.WEXITSTATUS(status))
    return 0


def _run_in_namespace(argv):
    """The supervisor's side of --pidns: creates the namespaces, forks init and waits for it."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    parent = os.getppid()
    try:
        _new_user_ns(CLONE_NEWPID | CLONE_NEWNS)
    except OSError as e:
        sys.stderr.write("ftmcp_supervise: cannot create the PID namespace: %s%s\n" % (e, _NO_NAMESPACE_HINT))
        return SETUP_FAILED
    alive_r, alive_w = os.pipe()
    status_r, status_w = os.pipe()
    init = os.fork()
    if init == 0:
        os.close(alive_w)
        os.close(status_r)
        code = 1
        try:
            code = _namespace_init(argv, alive_r, status_w)
        finally:
            os._exit(code)
    os.close(alive_r)
    os.close(status_w)

    def on_signal(_signum, _frame):
        try:
            os.kill(init, signal.SIGTERM)
        except OSError:
            pass

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_signal)
    if os.getppid() != parent:
        on_signal(signal.SIGTERM, None)
    status = _wait_for(init)
    report = b""
    while True:
        try:
            chunk = os.read(status_r, 64)
        except InterruptedError:
            continue
        if not chunk:
            break
        report += chunk
    if report.startswith(b"s"):
        return _exit_status_of(signal_=int(report[1:]))
    if report.startswith(b"e"):
        return int(report[1:])
    if report == b"x":
        return SETUP_FAILED
    # init itself was killed (the server's group kill): the child went with it.
    return _exit_status(status)


# Run as the namespace's child by --probe: it must be pid 2 and see only pid 1 and itself in /proc.
_PROBE = "import os, sys\nseen = sorted(n for n in os.listdir('/proc') if n.isdigit())\nsys.exit(0 if os.getpid() == 2 and seen == ['1', '2'] else 3)\n"


def main():
    argv = sys.argv[1:]
    if argv[:1] == ["--probe"]:
        return _run_in_namespace([sys.executable, "-I", "-S", "-c", _PROBE])
    if argv[:1] == ["--pidns"]:
        if len(argv) < 2:
            sys.stderr.write("ftmcp_supervise: no program given\n")
            return 2
        return _run_in_namespace(argv[1:])
    if not argv:
        sys.stderr.write("ftmcp_supervise: no program given\n")
        return 2
    contained = sys.platform.startswith("linux") and _prctl(PR_SET_CHILD_SUBREAPER, 1)
    if contained:
        _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    parent = os.getppid()
    child, on_signal = _start_child(argv)
    if contained and os.getppid() != parent:
        on_signal(signal.SIGTERM, None)

    status = _wait_for(child)
    # With the subreaper set, every process left of the tree is a child of ours (orphans are re-parented here) or
    # below one; no child at all means nothing is left, and the /proc scans are skipped.
    if contained and _reap_all():
        return _exit_status(status)
    # Security: nothing the child started outlives it, in the group or not.
    for _ in range(200):
        _kill_tree(signal.SIGKILL)
        if _reap_all() and not _descendants(os.getpid()):
            break
        import time
        time.sleep(0.01)
    return _exit_status(status)


def _exit_status(status):
    if status is None:
        return 1
    if os.WIFSIGNALED(status):
        return _exit_status_of(signal_=os.WTERMSIG(status))
    return os.WEXITSTATUS(status)


def _exit_status_of(signal_):
    """Dies of the child's signal, so the Node side sees the same death."""
    if signal_ != signal.SIGKILL:
        # SIGKILL (the out-of-memory killer's) has no handler to reset: signal.signal() refuses it (EINVAL), and
        # the supervisor then died of that error with code 1 instead of the child's SIGKILL.
        signal.signal(signal_, signal.SIG_DFL)
    os.kill(os.getpid(), signal_)
    return 128 + signal_


if __name__ == "__main__":
    sys.exit(main())
