# Many checkpoints in the stream, each with a richer state; the final state.json is the last one.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "pages", "primary_key": ["page", "item"]}]


def update(configuration, state):
    cursor = state.get("cursor", 0)
    for page in range(5):
        for item in range(8):
            op.upsert("pages", {"page": page, "item": item, "value": page * 100 + item, "cursor_at_start": cursor})
        op.checkpoint({"cursor": cursor + (page + 1) * 8, "pages_done": list(range(page + 1)), "meta": {"last": f"p{page}", "ratio": 0.5}})
    op.checkpoint({"cursor": cursor + 40, "complete": True, "unicode": "žluťoučký"})


connector = Connector(update=update, schema=schema)
