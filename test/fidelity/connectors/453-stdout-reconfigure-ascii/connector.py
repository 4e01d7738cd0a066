# An agent's "fix" for mojibake in CI logs: force stdout to ASCII with backslash escapes.
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

sys.stdout.reconfigure(encoding="ascii", errors="backslashreplace")


def update(configuration, state):
    print("syncing Zoë ✓")
    log.info("café")
    log.warning("naïve \udce9")
    op.upsert("t", {"id": 1, "name": "Zoë", "enc": sys.stdout.encoding})
    op.checkpoint({"ok": 1})


connector = Connector(update=update)
