# Checkpoint, truncate and delete calls a newcomer gets wrong, each caught and recorded: states with a set, a
# tuple key, bytes and a Decimal nested deep; `state=` by keyword; an OrderedDict; truncate of None, "", a table
# given with its schema by position and by keyword; a delete with a column besides the key. schema() also tries a
# checkpoint of a datetime and rows with an int column name and a lone surrogate, before the sync can take any:
# the SDK refuses the state and the row first, then `no runner is installed`.
from collections import OrderedDict
from datetime import datetime
from decimal import Decimal

from fivetran_connector_sdk import Connector, Operations as op


IN_SCHEMA = [
    ("schema checkpoint datetime", lambda: op.checkpoint({"at": datetime(2024, 1, 1)})),
    ("schema checkpoint plain", lambda: op.checkpoint({"at": "2024-01-01"})),
    ("schema upsert int column", lambda: op.upsert("lines", {"order_id": 1, 2024: "x"})),
    ("schema upsert surrogate", lambda: op.upsert("lines", {"order_id": 1, "note": "bad \ud800"})),
    ("schema upsert plain", lambda: op.upsert("lines", {"order_id": 1, "line": 9})),
    ("schema delete list", lambda: op.delete("lines", [1, 9])),
]
SCHEMA_OUTCOMES = []


def schema(configuration):
    for name, call in IN_SCHEMA:
        try:
            call()
            outcome = "ran"
        except Exception as e:
            outcome = f"{type(e).__name__}: {e}"
        SCHEMA_OUTCOMES.append((name, outcome))
    return [{"table": "lines", "primary_key": ["order_id", "line"]}]


CALLS = [
    ("checkpoint nested set", lambda: op.checkpoint({"seen": {"ids": {1, 2}}})),
    ("checkpoint tuple key", lambda: op.checkpoint({("a", 1): "x"})),
    ("checkpoint nested bytes", lambda: op.checkpoint({"cursor": [{"token": b"abc"}]})),
    ("checkpoint nested decimal", lambda: op.checkpoint({"totals": {"eu": Decimal("1.5")}})),
    ("checkpoint state kw", lambda: op.checkpoint(state={"cursor": "kw"})),
    ("checkpoint ordered", lambda: op.checkpoint(OrderedDict([("z", 1), ("a", 2)]))),
    ("truncate None", lambda: op.truncate(None)),
    ("truncate empty", lambda: op.truncate("")),
    ("truncate schema positional", lambda: op.truncate("lines", "sales")),
    ("truncate schema kw", lambda: op.truncate(table="archive", schema="sales")),
    ("delete extra columns", lambda: op.delete("lines", {"order_id": 1, "line": 1, "qty": 5})),
]


def update(configuration, state):
    op.upsert("lines", {"order_id": 1, "line": 1, "qty": 2})
    op.upsert("lines", {"order_id": 1, "line": 2, "qty": 3})
    op.upsert("archive", {"id": 1}, schema="sales")
    outcomes = []
    for n, (name, call) in enumerate(CALLS):
        try:
            call()
            outcome = "ran"
        except Exception as e:
            outcome = f"{type(e).__name__}: {e}"
        outcomes.append({"n": n, "call": name, "outcome": outcome})
    for name, outcome in SCHEMA_OUTCOMES:
        outcomes.append({"n": len(outcomes), "call": name, "outcome": outcome})
    op.checkpoint({"after": "calls"})
    for row in outcomes:
        op.upsert("calls", row)
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
