# The common "log everything" re-raise: the message carries traceback.format_exc() of the error it wraps.
import traceback

from fivetran_connector_sdk import Connector, Operations as op


def fetch(page):
    return {"items": []}["next"]


def update(configuration: dict, state: dict):
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})
    try:
        fetch(2)
    except Exception:
        raise RuntimeError(f"sync failed on page 2:\n{traceback.format_exc()}")


connector = Connector(update=update)
