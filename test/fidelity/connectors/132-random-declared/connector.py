# Seeded random values of every kind into columns of every declared type, one value a row, in rows of one shape (the
# fast path's conversions by position): a refused value is recorded with its exception type instead. The seed is the
# configuration's.
import datetime
import decimal
import random

from fivetran_connector_sdk import Connector, Operations as op

TYPES = ["BOOLEAN", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "STRING", "NAIVE_DATE", "NAIVE_DATETIME", "UTC_DATETIME",
         "JSON", "BINARY", "XML"]
UTC = datetime.timezone.utc
POOL = [None, True, False, 0, 1, -1, 7, 32767, -32768, 2**53 + 1, 0.0, -0.0, 2.5, 3.0, 1e16, 5e-324, float("nan"),
        "", "1", "0", "2.5", " 7 ", "1e3", "abc", "2024-01-02", "2024-01-02T03:04:05", "2024-01-02T03:04:05.5Z",
        "2024-01-02 03:04:05+01:00", "0999-12-31", b"\x00\x01", {"a": [1, 2.0]}, [None], datetime.date(2024, 2, 29),
        datetime.datetime(2024, 1, 2, 3, 4, 5, 600), datetime.datetime(999, 1, 2, tzinfo=UTC), decimal.Decimal("1.10")]


def schema(configuration):
    return [{"table": "typed", "primary_key": ["id"], "columns": dict({"id": "INT"}, **{t.lower(): t for t in TYPES})}]


def update(configuration, state):
    rnd = random.Random(int(configuration["seed"]))
    for i in range(120):
        row = {"id": i}
        for k, t in enumerate(TYPES):
            value = rnd.choice(POOL)
            try:
                # Alone first: a refused value is recorded, and None goes into the full row instead.
                op.upsert("typed", {"id": 1000 + i * 20 + k, t.lower(): value})
                row[t.lower()] = value
            except Exception as e:  # noqa: BLE001 - each refusal is recorded, whatever its type
                # The built-in exception class: the harness raises a TypeError subclass of its own for a value
                # json.dumps refuses, where the SDK raises TypeError (133, a known difference).
                base = next(c for c in type(e).__mro__ if c.__module__ == "builtins")
                op.upsert("refused", {"id": i, "type": t, "error": base.__name__})
                row[t.lower()] = None
        op.upsert("typed", row)
        if i % 30 == 29:
            op.checkpoint({"i": i})


connector = Connector(update=update, schema=schema)
