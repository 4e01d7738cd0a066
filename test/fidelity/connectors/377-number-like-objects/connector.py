# Values that are numbers without being int or float (Fraction, IntFlag, an object with __int__/__float__/__index__,
# a bool, a complex) in declared INT, LONG, SHORT, FLOAT, DOUBLE, DECIMAL, BOOLEAN and STRING columns; refusals
# recorded.
import enum
from fractions import Fraction

from fivetran_connector_sdk import Connector, Operations as op


class Perm(enum.IntFlag):
    READ = 1
    WRITE = 2


class Money:
    def __int__(self):
        return 12

    def __float__(self):
        return 12.5

    def __index__(self):
        return 12

    def __str__(self):
        return "12.50 USD"


COLUMNS = {"i": "INT", "l": "LONG", "s": "SHORT", "f": "FLOAT", "d": "DOUBLE", "dec": {"type": "DECIMAL", "precision": 10, "scale": 3}, "b": "BOOLEAN", "t": "STRING"}


def schema(configuration: dict):
    return [{"table": "nums", "primary_key": ["id"], "columns": {"id": "INT", **COLUMNS}}]


def update(configuration: dict, state: dict):
    values = [Fraction(1, 3), Fraction(4, 2), Perm.READ | Perm.WRITE, Perm(0), Money(), complex(1, 2)]
    n = 0
    for v in values:
        for col in list(COLUMNS) + ["inferred"]:
            n += 1
            try:
                op.upsert("nums", {"id": n, col: v})
            except Exception as e:
                op.upsert("refusals", {"id": n, "col": col, "value": type(v).__name__, "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"n": n})


connector = Connector(update=update, schema=schema)
