# A declared table created empty at the first checkpoint (no _fivetran_deleted); the next checkpoint truncates it,
# writes 4,200 rows of another table (an early write), then upserts a row with a new column. No row is held back.
from fivetran_connector_sdk import Connector, Operations as op
def schema(configuration):
    return [{"table": "d", "primary_key": ["id"], "columns": {"id": "INT", "v": "STRING"}}]
def update(configuration, state):
    op.upsert("o", {"id": -1})
    op.checkpoint({"c": 1})
    op.truncate("d")
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("d", {"id": 1, "v": "upsert of 1", "extra": 1.5})
    op.checkpoint({"c": 2})
connector = Connector(update=update, schema=schema)
