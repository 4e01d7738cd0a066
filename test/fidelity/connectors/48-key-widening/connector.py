# A key column without a type that widens from BIGINT to FLOAT: 1 and 1.0 land on one key.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["k"]}]


def update(configuration, state):
    op.upsert("t", {"k": 1, "v": "int"})
    op.upsert("t", {"k": 2, "v": "int two"})
    op.checkpoint({"step": 1})
    op.upsert("t", {"k": 1.0, "v": "float"})
    op.upsert("t", {"k": 2.5, "v": "float two and a half"})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
