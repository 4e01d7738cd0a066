# Updates and deletes of keys never upserted, before and after the upserts, in one checkpoint and the next: an
# update of a missing row, a delete of a missing row, a delete then an upsert that brings the row back, an update
# of a row deleted in the same checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"], "columns": {"id": "INT", "status": "STRING", "prio": "INT"}}]


def update(configuration, state):
    op.update("tickets", {"id": 99, "status": "ghost"})
    op.delete("tickets", {"id": 98})
    op.upsert("tickets", {"id": 1, "status": "open", "prio": 1})
    op.upsert("tickets", {"id": 2, "status": "open", "prio": 2})
    op.delete("tickets", {"id": 2})
    op.update("tickets", {"id": 2, "status": "reopened"})
    op.upsert("tickets", {"id": 3, "status": "open", "prio": 3})
    op.delete("tickets", {"id": 3})
    op.upsert("tickets", {"id": 3, "status": "back", "prio": 30})
    op.checkpoint({"step": 1})
    op.update("tickets", {"id": 1, "prio": None})
    op.delete("tickets", {"id": 1})
    op.update("tickets", {"id": 1, "status": "after delete"})
    op.update("tickets", {"id": 4, "status": "never"})
    op.upsert("tickets", {"id": 4, "prio": 4})
    op.update("tickets", {"id": 3, "prio": 31})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
