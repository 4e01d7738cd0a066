# A declared primary key column that the rows never send ("tenant"), beside one that they do; the key is
# composite, so the rows' missing value is a null in a key column.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id", "tenant"], "columns": {"id": "INT"}}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "v": "a"})
    op.checkpoint({"n": 1})


connector = Connector(update=update, schema=schema)
