# A noisy client's output captured with contextlib.redirect_stdout(io.StringIO()) while the connector logs names
# holding a lone surrogate: the log lines go to the StringIO too, which takes them; after the block, the same log
# fails the sync.
import contextlib
import io
import json

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration: dict, state: dict):
    names = json.loads('["Ann \\ud83d", "Bob"]')
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        for i, name in enumerate(names):
            print("client: fetched", name)
            log.info(f"syncing {name}")
            op.upsert("users", {"id": i, "len": len(name)})
    op.upsert("captured", {"id": 1, "lines": len(captured.getvalue().splitlines())})
    op.checkpoint({"n": len(names)})
    log.info(f"done: {names[0]}")


connector = Connector(update=update)
