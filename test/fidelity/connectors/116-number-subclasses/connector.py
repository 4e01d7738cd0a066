# int, float, str and dict subclasses (IntEnum, a float subclass, a str Enum, OrderedDict) in rows of a shape first seen
# with plain values, in undeclared and declared columns, keyed and key-less.
import collections
import enum

from fivetran_connector_sdk import Connector, Operations as op


class Level(enum.IntEnum):
    LOW = 1
    HUGE = 2**60


class Money(float):
    def __repr__(self):
        return "Money(%s)" % float.__repr__(self)


class Code(str, enum.Enum):
    A = "a\x00b"
    B = "b"


def schema(configuration):
    return [{"table": "typed", "primary_key": ["id"], "columns": {"n": "LONG", "f": "DOUBLE", "s": "STRING", "j": "JSON"}}]


def update(configuration, state):
    rows = [(1, 2.5, "x", {"k": 1}), (Level.LOW, Money(2.5), Code.B, collections.OrderedDict(k=1)),
            (Level.HUGE, Money(3.0), Code.A, {"k": Level.HUGE}), (True, Money(-0.0), "y", [Money(1.0)]),
            (7, float("nan"), "z", {"k": Money(1e16)})]
    for i, (n, f, s, j) in enumerate(rows):
        for table in ("inferred", "typed"):
            op.upsert(table, {"id": i, "n": n, "f": f, "s": s, "j": j})
        op.upsert("keyless", {"n": n, "f": f, "s": s, "j": j})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
