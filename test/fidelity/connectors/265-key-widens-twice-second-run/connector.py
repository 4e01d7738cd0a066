# Run 1 upserts 50 whole-number keys. Run 2, in one checkpoint, upserts 4,200 keys with a fraction (written early,
# past 4,096 operations; the column becomes FLOAT), then a word (the column becomes VARCHAR): the keys of run 1 are
# converted once, from BIGINT to VARCHAR, and read "7", not "7.0".
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration, state):
    run = state.get("run", 0) + 1
    if run == 1:
        for i in range(50):
            op.upsert("items", {"id": i, "v": "run 1"})
    else:
        for i in range(100, 4300):
            op.upsert("items", {"id": i + 0.5, "v": "fraction"})
        op.upsert("items", {"id": "word", "v": "text"})
    op.checkpoint({"run": run})


connector = Connector(update=update, schema=schema)
