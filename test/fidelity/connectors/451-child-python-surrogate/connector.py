# Files are converted by a helper script run in a child Python; its output (names with odd bytes) is logged.
import os
import subprocess
import sys
import tempfile

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

HELPER = r'''
import os, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    print("converted", name)
print("stdout errors:", sys.stdout.errors)
'''


def update(configuration, state):
    folder = tempfile.mkdtemp()
    for raw in (b"report-\xe9t\xe9.csv", b"plain.csv"):
        with open(os.path.join(os.fsencode(folder), raw), "wb") as f:
            f.write(b"x\n")
    proc = subprocess.run([sys.executable, "-c", HELPER, folder], capture_output=True)
    op.upsert("runs", {"id": 1, "rc": proc.returncode, "stdout": proc.stdout.decode("utf-8", "backslashreplace"),
                       "stderr_tail": proc.stderr.decode("utf-8", "backslashreplace").strip().splitlines()[-1:] and proc.stderr.decode("utf-8", "backslashreplace").strip().splitlines()[-1] or ""})
    # and the same with output inherited (not captured): goes to our stdout
    rc = subprocess.call([sys.executable, "-c", HELPER, folder])
    op.upsert("runs", {"id": 2, "rc": rc, "stdout": "", "stderr_tail": ""})
    op.checkpoint({"done": 1})


connector = Connector(update=update)
