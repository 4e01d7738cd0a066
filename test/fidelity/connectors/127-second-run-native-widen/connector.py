# Two runs. The first leaves undeclared columns as BOOLEAN, BIGINT, DOUBLE, DATE and TIMESTAMP; the second writes into
# them values of a wider type (ints into BOOLEAN, floats and words into BIGINT, timestamps into DATE, aware into naive),
# to keys of the first run and new ones.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}]


def update(configuration, state):
    second = bool(state.get("first"))
    base = 10 if second else 0
    for i in range(3):
        if not second:
            row = {"b": i % 2 == 0, "n": i, "d": i + 0.5, "day": "2024-01-0%d" % (i + 1), "ts": "2024-01-01 10:00:0%d" % i}
        else:
            row = {"b": i, "n": [1.5, "t", 2**62][i], "d": ["1", True, -0.0][i], "day": "2024-01-01 10:00:00",
                   "ts": "2024-01-01T10:00:00Z"}
        op.upsert("t", dict(row, id=i))
        op.upsert("t", dict(row, id=base + i + 100))
    op.checkpoint({"first": True, "second": second})


connector = Connector(update=update, schema=schema)
