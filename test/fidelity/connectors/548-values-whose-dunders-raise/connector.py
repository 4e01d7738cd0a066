# API model objects whose text conversions fail: __str__ raising, __repr__ raising with no __str__ (str() falls back
# to it), __str__ returning a non-str, an int subclass whose __str__ raises (DECIMAL, undeclared), a float subclass
# whose __float__ raises (FLOAT), an int whose __bool__ raises (BOOLEAN); each caught, then one left uncaught after
# a checkpoint: the sync fails with its message.
from fivetran_connector_sdk import Connector, Operations as op


class Lazy:
    """A field not loaded yet."""

    def __str__(self):
        raise RuntimeError("field 'owner' was not loaded")


class BadRepr:
    def __repr__(self):
        raise ValueError("repr of BadRepr failed")


class NotText:
    def __str__(self):
        return 42


class Code(int):
    def __str__(self):
        raise LookupError("unknown code %d" % int(self))


class Reading(float):
    def __float__(self):
        raise ArithmeticError("sensor offline")


class Flag(int):
    def __bool__(self):
        raise TypeError("ambiguous flag")


CASES = [("undeclared", "v", Lazy()), ("string", "s", Lazy()), ("undeclared", "v", BadRepr()),
         ("string", "s", BadRepr()), ("undeclared", "v", NotText()), ("decimal", "dec", Code(7)),
         ("undeclared", "v", Code(8)), ("int", "i", Code(9)), ("float", "f", Reading(1.5)),
         ("undeclared", "v", Reading(2.5)), ("boolean", "b", Flag(1)), ("json", "j", Lazy()),
         ("json", "j", {"k": Code(3)}), ("string", "s", Code(4)), ("xml", "x", Lazy())]


def update(configuration, state):
    for i, (label, column, value) in enumerate(CASES):
        try:
            op.upsert("items", {"id": i, column: value})
            outcome = "ok"
        except BaseException as e:
            outcome = "%s: %s" % (type(e).__name__, e)
        op.upsert("outcomes", {"i": i, "label": label, "outcome": outcome})
        try:
            op.upsert("keyless", {"n": i, "value": value})
        except Exception as e:
            op.upsert("outcomes", {"i": 100 + i, "label": "keyless", "outcome": type(e).__name__})
    op.checkpoint({"done": len(CASES)})
    op.upsert("items", {"id": 99, "s": "after the checkpoint"})
    op.upsert("items", {"id": 100, "v": Lazy()})


def schema(configuration):
    return [
        {"table": "items", "primary_key": ["id"],
         "columns": {"s": "STRING", "dec": {"type": "DECIMAL", "precision": 10, "scale": 0}, "i": "INT", "f": "FLOAT",
                     "b": "BOOLEAN", "j": "JSON", "x": "XML"}},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
