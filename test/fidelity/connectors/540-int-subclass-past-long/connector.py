# Ids from an API wrapped in an int subclass (a "Snowflake" id type), and an IntEnum of flag masks, some past a
# Java long: without a type the SDK sends such a value as a float, as it does a plain int that big; with LONG it
# refuses it; in STRING, DECIMAL and JSON it is its text. Keyed, key-less, updated and deleted by the same values.
import enum
from fivetran_connector_sdk import Connector, Operations as op


class Snowflake(int):
    """An id as the API documents it: an unsigned 64-bit integer."""


class Mask(enum.IntEnum):
    NONE = 0
    LOW = 1
    HIGH = 1 << 63
    ALL = (1 << 64) - 1
    HUGE = 1 << 80
    NEG = -(1 << 70)


IDS = [Snowflake(5), Snowflake((1 << 63) - 1), Snowflake(1 << 63), Snowflake((1 << 64) - 1), Snowflake(-(1 << 63)),
       Snowflake(-(1 << 63) - 1), Snowflake(10**30)]


def record(table, kind, row):
    try:
        getattr(op, kind)(table, row)
        return "ok"
    except Exception as e:  # the SDK refuses some at the call
        return "%s: %s" % (type(e).__name__, e)


def update(configuration, state):
    outcomes = []
    for i, sid in enumerate(IDS):
        outcomes.append(record("users", "upsert", {"id": i, "snowflake": sid, "plain": int(sid)}))
        outcomes.append(record("events", "upsert", {"snowflake": sid, "n": i}))
        outcomes.append(record("typed", "upsert", {"id": i, "as_long": sid}))
        outcomes.append(record("typed", "upsert", {"id": 100 + i, "as_string": sid, "as_decimal": sid, "as_json": {"v": sid}, "as_float": sid}))
    op.checkpoint({"after": "ids"})
    for m in Mask:
        outcomes.append(record("masks", "upsert", {"mask": m, "name": m.name}))
        outcomes.append(record("flags", "upsert", {"mask": m, "name": m.name}))
    op.checkpoint({"after": "masks"})
    # Keys given back as the same objects and as plain ints.
    outcomes.append(record("masks", "update", {"mask": Mask.HUGE, "name": "huge again"}))
    outcomes.append(record("masks", "update", {"mask": 1 << 80, "name": "huge as int"}))
    outcomes.append(record("masks", "delete", {"mask": Mask.NEG}))
    outcomes.append(record("masks", "delete", {"mask": Mask.LOW}))
    outcomes.append(record("flags", "upsert", {"mask": Mask.ALL, "name": "ALL"}))
    for i, text in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": text})
    op.checkpoint({"after": "all", "last": Mask.HUGE, "ids": IDS[:3]})


def schema(configuration):
    return [
        {"table": "users", "primary_key": ["id"]},
        {"table": "typed", "primary_key": ["id"],
         "columns": {"as_long": "LONG", "as_string": "STRING", "as_decimal": {"type": "DECIMAL", "precision": 38, "scale": 0},
                     "as_json": "JSON", "as_float": "DOUBLE"}},
        {"table": "masks", "primary_key": ["mask"]},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
