# Two runs of a dimension table with the warehouse convention of sentinel rows: -1 "Unknown" and -2 "Not applicable".
# The second run refreshes -1 with an upsert, then clears notes with op.update and an empty string: on -2 (not upserted
# this run), on 3 (not upserted) and on 4 (upserted this run), and on 5 spelled 5.0 after an upsert of 5.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "customers", "primary_key": ["id"]}]


def update(configuration, state):
    run = state.get("run", 0) + 1
    if run == 1:
        op.upsert("customers", {"id": -1, "name": "Unknown", "note": "seed"})
        op.upsert("customers", {"id": -2, "name": "Not applicable", "note": "seed"})
        for i in range(1, 6):
            op.upsert("customers", {"id": i, "name": f"customer {i}", "note": f"note {i}"})
    else:
        op.upsert("customers", {"id": -1, "name": "Unknown", "note": "refreshed"})
        op.upsert("customers", {"id": 4, "name": "customer 4", "note": "upserted"})
        op.upsert("customers", {"id": 5, "name": "customer 5", "note": "upserted"})
        op.checkpoint({"run": run, "phase": "upserts"})
        op.update("customers", {"id": -2, "note": ""})
        op.update("customers", {"id": 3, "note": ""})
        op.update("customers", {"id": 4, "note": ""})
        op.update("customers", {"id": 5.0, "name": ""})
    op.checkpoint({"run": run})


connector = Connector(update=update, schema=schema)
