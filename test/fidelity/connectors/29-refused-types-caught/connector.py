# Each declared type refusing a value it cannot take, caught by update(): BOOLEAN "yes", DECIMAL float, XML int,
# BINARY str, LONG out of range, INT float with a fraction, UTC_DATETIME naive string, NAIVE_DATE garbage.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {
        "id": "INT", "b": "BOOLEAN", "d": {"type": "DECIMAL", "precision": 10, "scale": 2}, "x": "XML",
        "bin": "BINARY", "l": "LONG", "i": "INT", "u": "UTC_DATETIME", "nd": "NAIVE_DATE"}}]


def update(configuration, state):
    bad = [("b", "yes"), ("d", 1.5), ("x", 7), ("bin", "text"), ("l", 2 ** 63), ("i", 2.5), ("u", "2024-01-01T00:00:00"),
           ("nd", "01/02/2024"), ("i", 2 ** 31), ("d", True), ("b", None), ("l", 1e30), ("i", "1.5")]
    n = 0
    for column, value in bad:
        n += 1
        try:
            op.upsert("t", {"id": n, column: value})
            log.info("accepted %s" % column)
        except (TypeError, ValueError) as e:
            log.info("refused %s: %s" % (column, type(e).__name__))
    op.upsert("t", {"id": 100, "b": True, "d": 3, "x": "<a/>", "bin": bytearray(b"\x00\x01"), "l": -2 ** 63, "i": 7.0,
                    "u": "2024-01-01T00:00:00Z", "nd": "2024-1-5"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
