# A schema() that waits for a slow metadata endpoint and is stopped by a KeyboardInterrupt (raised here, as Ctrl-C
# would): nothing in `fivetran debug` catches it, and the process ends by SIGINT before update() runs.
import time

from fivetran_connector_sdk import Connector, Operations as op


def wait_for_metadata(attempts):
    for attempt in range(attempts):
        time.sleep(0.01)
        if attempt == 2:
            raise KeyboardInterrupt()
    return []


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}] + wait_for_metadata(5)


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})


connector = Connector(update=update, schema=schema)
