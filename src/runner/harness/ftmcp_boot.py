# The embedded engine's entry point (src/runner/embedded.ts starts `python -u ftmcp_boot.py`, not in UTF-8 mode: a connector
# sees the flags and encodings `fivetran debug` gives it, fidelity 440), with the same
# stdin, stdout, stderr and fd 3 as ftmcp_run.py, which it runs.
#
# Its first act is telling the runner which Python this is and where it is, as the channel's first line, so that the
# runner needs no separate start of the interpreter to ask (a pyenv or asdf shim costs ~300 ms a start). An
# interpreter older than 3.9 stops here, before anything of the connector runs; the runner reports it. This file is
# parsed by any Python, 2.7 included, which ftmcp_run.py would not be; keep it to syntax they all share.
import json
import os
import sys

# Only as the program itself: a worker process multiprocessing starts with "spawn" or "forkserver" runs this file again
# as `__mp_main__` to rebuild the parent's main module, and must find nothing to do here (as `fivetran debug`'s own
# console script does nothing then); it would otherwise write to fd 3 and start a second harness (fidelity 307).
if __name__ == "__main__":
    # Where: when a version manager's shim (pyenv, asdf, mise) picked this interpreter, the runner keeps the answer and
    # the next run starts it directly (src/exec/python-path.ts).
    try:
        exe = json.dumps(sys.executable)
    except Exception:
        exe = "null"
    os.write(3, ('{"t": "python", "version": "%s", "executable": %s}\n' % (sys.version.split()[0], exe)).encode("ascii", "replace"))
    if sys.version_info < (3, 9):
        os._exit(3)

    import ftmcp_run  # noqa: E402 - only once the version is known to be usable

    ftmcp_run.main()
