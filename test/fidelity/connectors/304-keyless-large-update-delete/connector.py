# A key-less table (no schema()) of event rows, where the newcomer then calls op.update and op.delete with the full
# row, with a row that never existed, and with only some columns; floats, None and nested values in the rows.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    rows = [{"user": "a", "score": 1.5, "tags": ["x"], "note": None}, {"user": "b", "score": 2, "tags": [], "note": "n"},
            {"user": "c", "score": 1e-7, "tags": {"k": [1, None]}, "note": ""}]
    for r in rows:
        op.upsert("events", r)
    op.checkpoint({"s": 1})
    op.update("events", {"user": "a", "score": 1.5, "tags": ["x"], "note": "updated"})
    op.update("events", {"user": "b", "score": 2})
    op.delete("events", {"user": "c", "score": 1e-7, "tags": {"k": [1, None]}, "note": ""})
    op.delete("events", {"user": "zzz"})
    op.delete("events", {"user": "b", "score": 2.0, "tags": [], "note": "n"})
    op.checkpoint({"s": 2})


connector = Connector(update=update)
