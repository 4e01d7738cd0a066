# A connector that runs a vendor's Python export script as a child process (sys.executable) and keeps its combined
# output (stderr folded into stdout, as `2>&1`) line by line, with the Python settings it reports: the order of the
# warning lines among the data lines depends on the child's buffering.
import os
import subprocess
import sys

from fivetran_connector_sdk import Connector, Operations as op

SCRIPT = r"""
import os, sys
print("header,id,value")
print("warning: 2 rows skipped", file=sys.stderr)
for i in range(3):
    print(f"row,{i},{i * i}")
print("done", file=sys.stderr)
print("write_through", sys.stdout.write_through, file=sys.stderr)
print("env", sorted(k for k in os.environ if k.startswith("PYTHON")), file=sys.stderr)
"""


def update(configuration, state):
    out = subprocess.run([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         check=True).stdout
    for n, line in enumerate(out.splitlines()):
        op.upsert("export_log", {"n": n, "line": line})
    op.upsert("parent", {"id": 1, "python_env": repr(sorted(k for k in os.environ if k.startswith("PYTHON")))})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
