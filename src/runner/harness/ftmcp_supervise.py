"""Contains a child's whole process tree for fivetran-connector-mcp (Linux; elsewhere it only runs the child).

Started by src/runner/process.ts as `python3 -I ftmcp_supervise.py PROGRAM ARGS...` in a process group of its own.
A process group is not enough: a connector that double-forks and calls setsid() leaves the group, and a kill of the
group misses it. This process becomes a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so every orphan of the tree
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


def _prctl(option, arg):
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, arg, 0, 0, 0) == 0
    except Exception:
        return False


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


def main():
    argv = sys.argv[1:]
    if not argv:
        sys.stderr.write("ftmcp_supervise: no program given\n")
        return 2
    contained = sys.platform.startswith("linux") and _prctl(PR_SET_CHILD_SUBREAPER, 1)
    if contained:
        _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    parent = os.getppid()
    child = os.fork()
    if child == 0:
        for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(s, signal.SIG_DFL)
        try:
            os.execvp(argv[0], argv)
        except OSError as e:
            sys.stderr.write("ftmcp_supervise: cannot start %s: %s\n" % (argv[0], e.strerror))
            os._exit(127)

    def on_signal(signum, _frame):
        # Security: processes that left the group (setsid) are out of reach of the group kill: end them now.
        _kill_tree(signal.SIGKILL, only_outside_group=True)
        try:
            os.kill(child, signal.SIGTERM)
        except OSError:
            pass

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_signal)
    if contained and os.getppid() != parent:
        on_signal(signal.SIGTERM, None)

    status = None
    while status is None:
        try:
            pid, st = os.waitpid(-1, 0)
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        if pid == child:
            status = st
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
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        return 128 + sig
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
