# Six runs; files/state.json is saved by hand otherwise than as plain UTF-8 before runs 2-4 (`beforeRun` in
# cases.ts): as Latin-1, as UTF-16 with its byte order mark, with a lone surrogate encoded in UTF-8 bytes (as a
# CESU-8 or WTF-8 writer leaves it); before run 5 with CRLF line ends and a trailing comma (the SDK reads the file
# with universal newlines: the error's line and character count LF only); then as UTF-8 with an escaped surrogate
# pair, which runs.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    log.info(f"state {state!r}")
    cursor = state.get("cursor", 0)
    op.upsert("t", {"id": cursor, "state": repr(state)})
    op.checkpoint({"cursor": cursor + 1})


connector = Connector(update=update)
