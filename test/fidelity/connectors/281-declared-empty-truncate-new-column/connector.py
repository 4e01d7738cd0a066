# A declared table created empty at the first checkpoint (no _fivetran_deleted); the next checkpoint truncates it,
# holds an update back from an early write, then upserts a row with a new column.
from fivetran_connector_sdk import Connector, Operations as op
def schema(configuration):
    return [{"table": "d", "primary_key": ["id"], "columns": {"id": "INT", "v": "STRING"}}]
def update(configuration, state):
    op.upsert("o", {"id": -1})
    op.checkpoint({"c": 1})
    op.update("d", {"id": 1, "v": "update of 1"})
    op.truncate("d")
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("d", {"id": 1, "v": "upsert of 1", "extra": 1.5})
    op.upsert("d", {"id": 2, "v": "upsert of 2"})
    op.checkpoint({"c": 2})
connector = Connector(update=update, schema=schema)
