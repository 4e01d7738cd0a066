# JSON documents built from lookup tables keyed by enums and numbers: IntEnum and StrEnum keys, a (str, Enum) key,
# float keys (1e16, NaN, -0.0, 5e-324), True beside 1, None beside "null", keys refused (a tuple, a Decimal, a
# frozenset); a wide document (3,000 keys), a long array (20,000 numbers), one nested 400 deep; declared JSON,
# undeclared and key-less; one as the state.
import decimal
import enum

from fivetran_connector_sdk import Connector, Operations as op


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Region(enum.StrEnum):
    EU = "eu"
    US = "us"


class Tier(str, enum.Enum):
    GOLD = "gold"


def nested(depth):
    doc = {"leaf": True}
    for i in range(depth):
        doc = {str(i): doc} if i % 2 else [doc]
    return doc


DOCS = {
    "int_enum": {Level.LOW: "low", Level.HIGH: "high", 3: "three"},
    "str_enum": {Region.EU: 1, Region.US: 2},
    "mixin_enum": {Tier.GOLD: {"nested": Tier.GOLD}},
    "floats": {1e16: "a", float("nan"): "b", -0.0: "c", 5e-324: "d", 1.5: "e", float("inf"): "f"},
    "collide": {True: "bool", 1: "int", "1": "str", None: "none", "null": "text", False: 0},
    "values": [Level.HIGH, Region.EU, Tier.GOLD, {"x": Level.LOW}],
    "wide": {("k%04d" % i): i for i in range(3000)},
    "long": list(range(20000)),
    "deep": nested(400),
    "tuple_key": {(1, 2): "t"},
    "decimal_key": {decimal.Decimal("1.5"): "d"},
    "frozenset_key": {frozenset(): "f"},
}


def update(configuration, state):
    for name, doc in DOCS.items():
        for table, row in (("declared", {"name": name, "doc": doc}), ("undeclared", {"name": name, "doc": doc}),
                           ("keyless", {"doc": doc})):
            try:
                op.upsert(table, row)
                outcome = "ok"
            except Exception as e:
                outcome = "%s: %s" % (type(e).__name__, e)
            op.upsert("outcomes", {"name": name, "table": table, "outcome": outcome})
    op.checkpoint({"levels": {Level.LOW: Region.EU, 1e16: True}, "regions": list(Region)})


def schema(configuration):
    return [
        {"table": "declared", "primary_key": ["name"], "columns": {"doc": "JSON"}},
        {"table": "undeclared", "primary_key": ["name"]},
        {"table": "outcomes", "primary_key": ["name", "table"]},
    ]


connector = Connector(update=update, schema=schema)
