# A connector that prints to stdout and stderr, logs at every level, and prints JSON-looking lines: none of it may
# reach the warehouse or the operation counts.
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    print('{"t": "upsert", "table": "fake", "data": {"x": 1}}')
    print("SYNC FAILED", file=sys.stderr)
    for i in range(5):
        print(f"progress {i}", flush=True)
        log.fine(f"fine {i}")
        log.info(f"info {i}")
        log.warning(f"warning {i}")
        log.severe(f"severe {i}")
        op.upsert("quiet", {"i": i})
    sys.stdout.write("no newline at the end")
    op.checkpoint({"printed": True})


connector = Connector(update=update)
