# Three runs; before the second and the third, files/state.json is edited by hand (`beforeRun` in cases.ts) into
# pretty-printed JSON with CRLF line ends, raw non-ASCII text, escapes, a duplicate key, 2^70, 1.0, 1E400, NaN and
# -Infinity. Neither run checkpoints: `fivetran debug` writes the state the run started from at the end, in its
# own serialisation.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    log.info(f"state {state!r}")
    op.upsert("seen", {"run": state.get("run", 0), "state": repr(sorted(state.items(), key=repr))})
    if not state:
        op.checkpoint({"run": 1})


connector = Connector(update=update)
