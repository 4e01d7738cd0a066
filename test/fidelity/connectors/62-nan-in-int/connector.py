# NaN and infinity in INT and LONG columns, and NaN strings in DOUBLE: refused at the call or stored as NULL.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "i": "INT", "l": "LONG", "d": "DOUBLE"}}]


def update(configuration, state):
    for n, row in enumerate([{"i": float("nan")}, {"l": float("inf")}, {"d": "NaN"}, {"d": "Infinity"}, {"d": float("-inf")},
                             {"i": 1e3}, {"l": -0.0}]):
        try:
            op.upsert("t", dict(row, id=n))
        except (TypeError, ValueError, OverflowError) as e:
            log.info("refused %d %s" % (n, type(e).__name__))
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
