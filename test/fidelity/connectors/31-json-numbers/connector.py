# JSON values with numbers JavaScript would change: 1.0, -0.0, integers past 2^53 and 2^64, exponents, NaN and
# Infinity, in a declared JSON column and in an inferred dict/list column.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "doc": "JSON"}}]


def update(configuration, state):
    docs = [
        {"one": 1.0, "negzero": -0.0, "big": 2 ** 53 + 1, "huge": 12345678901234567890123, "tiny": 1e-7, "e": 1e22},
        [1.0, 2.50, -0.0, 10 ** 20, 0.1 + 0.2],
        {"nan": float("nan"), "inf": float("inf")},
        {"cursor": 1234567890123456789},
        3.0,
        "text",
    ]
    for i, doc in enumerate(docs):
        op.upsert("declared", {"id": i, "doc": doc})
        if isinstance(doc, (dict, list)):
            op.upsert("inferred", {"id": i, "doc": doc})
    op.checkpoint({"ok": 1})


connector = Connector(update=update, schema=schema)
