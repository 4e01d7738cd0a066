# Windows-1252 for the legacy export tool's output: set PYTHONIOENCODING for it, and for ourselves.
import os
import subprocess
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

os.environ["PYTHONIOENCODING"] = "cp1252"


def update(configuration, state):
    out = subprocess.run([sys.executable, "-c", "import sys; print('Zoë €5', sys.stdout.encoding, sys.stdout.errors)"],
                         capture_output=True)
    op.upsert("export", {"id": 1, "raw": out.stdout.hex(), "rc": out.returncode})
    out = subprocess.run([sys.executable, "-c", "print('\u4e2d')"], capture_output=True)
    op.upsert("export", {"id": 2, "raw": out.stdout.hex(), "rc": out.returncode})
    log.info("child ran with " + os.environ["PYTHONIOENCODING"])
    print("parent stdout:", sys.stdout.encoding, sys.stdout.errors)
    op.upsert("export", {"id": 3, "raw": sys.stdout.encoding + ":" + sys.stdout.errors, "rc": 0})
    op.checkpoint({"ok": 1})


connector = Connector(update=update)
