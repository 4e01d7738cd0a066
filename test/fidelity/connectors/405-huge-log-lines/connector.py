# Debug logging of whole API responses: a 3 MB single-line log message, a 200,000-line message, and a warning
# holding 1 MB of JSON, between upserts.
import json

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration: dict, state: dict):
    body = json.dumps([{"id": i, "name": f"item {i}", "tags": ["a", "b"]} for i in range(60000)])
    log.info(f"response: {body}")
    op.upsert("rows", {"id": 1, "size": len(body)})
    log.fine("\n".join(f"line {i}" for i in range(200000)))
    op.upsert("rows", {"id": 2})
    log.warning(body[:1000000])
    op.checkpoint({"ok": True})


connector = Connector(update=update)
