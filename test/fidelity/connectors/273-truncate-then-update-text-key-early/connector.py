from fivetran_connector_sdk import Connector, Operations as op
def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "o", "primary_key": ["id"]}]
def update(configuration, state):
    for i in range(20):
        op.upsert("t", {"id": i, "v": "first"})
    op.checkpoint({"c": 1})
    op.truncate("t")
    op.update("t", {"id": "w5", "v": "update of w5"})
    op.update("t", {"id": "5", "v": "update of 5"})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("t", {"id": "x", "v": "upsert of x"})
    op.checkpoint({"c": 2})
connector = Connector(update=update, schema=schema)
