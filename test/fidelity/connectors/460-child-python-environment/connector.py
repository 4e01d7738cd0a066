# A helper script run with the same interpreter, which imports the SDK too (for its logging) and reports its runtime.
import subprocess
import sys

from fivetran_connector_sdk import Connector, Operations as op

CHILD = r'''
import sys, locale
try:
    import fivetran_connector_sdk as sdk
    print("sdk", sdk.__version__, hasattr(sdk, "Connector"), hasattr(sdk, "Operations"))
except Exception as e:
    print("sdk import failed", type(e).__name__)
print("utf8", sys.flags.utf8_mode, locale.getpreferredencoding(False))
print("stdout", sys.stdout.encoding, sys.stdout.errors)
print("path has harness", any("harness" in p for p in sys.path))
'''


def update(configuration, state):
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True)
    for i, line in enumerate(out.stdout.splitlines()):
        op.upsert("child", {"line": i, "text": line})
    op.upsert("child", {"line": 99, "text": "rc %d" % out.returncode})
    op.checkpoint({"ok": 1})


connector = Connector(update=update)
