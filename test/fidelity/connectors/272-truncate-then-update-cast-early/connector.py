from fivetran_connector_sdk import Connector, Operations as op
def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "o", "primary_key": ["id"]}]
def update(configuration, state):
    for i in range(20):
        op.upsert("t", {"id": i, "v": "first"})
    op.checkpoint({"c": 1})
    op.truncate("t")
    op.update("t", {"id": 9, "v": "update of 9"})
    op.delete("t", {"id": 5})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("t", {"id": 9.0, "v": "upsert of 9.0", "f": 1.5})
    op.upsert("t", {"id": 5.0, "v": "upsert of 5.0", "f": 1.5})
    op.checkpoint({"c": 2})
connector = Connector(update=update, schema=schema)
