# Key-less tables (rows hashed into _fivetran_id): updates and deletes by all values around a truncate, an early
# write, upserts of the same values after it, and a row with "" in a column not typed yet.
from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    for i in range(10):
        op.upsert("k", {"a": i, "b": f"b{i}"})
    op.checkpoint({"c": 1})
    op.update("k", {"a": 1, "b": "b1"})
    op.delete("k", {"a": 2, "b": "b2"})
    op.upsert("k", {"a": 100, "b": "new before", "x": ""})
    op.truncate("k")
    op.delete("k", {"a": 3, "b": "b3"})
    op.update("k", {"a": 4, "b": "b4"})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("k", {"a": 2, "b": "b2"})
    op.update("k", {"a": 5, "b": "b5"})
    op.upsert("k", {"a": 101, "b": "new after", "x": "typed"})
    op.checkpoint({"c": 2})
connector = Connector(update=update)
