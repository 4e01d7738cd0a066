# Seven runs; before each run after the first, files/state.json is edited by hand (`beforeRun` in cases.ts):
# truncated JSON, an empty file, a list, a UTF-8 byte order mark (as Notepad saves it), whitespace only, then
# pretty-printed JSON with CRLF line ends and a non-ASCII value. The runs that refuse the state leave it as it is.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    log.info(f"state {state!r}")
    cursor = state.get("cursor", 0)
    for i in range(cursor, cursor + 3):
        op.upsert("events", {"id": i, "state": repr(state)})
    op.checkpoint({"cursor": cursor + 3})


connector = Connector(update=update)
