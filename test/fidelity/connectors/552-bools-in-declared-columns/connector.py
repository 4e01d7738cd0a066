# Flags from an API that sends true/false where the schema says numbers: bool (and numpy-style int-like flags as
# IntEnum) in every declared type; an INT key fed True, 1, 1.0 and "1"; a LONG key fed False and 0; updates and
# deletes by the other spelling; refusals kept.
import enum

from fivetran_connector_sdk import Connector, Operations as op


class YesNo(enum.IntEnum):
    NO = 0
    YES = 1


COLUMNS = {"b": "BOOLEAN", "i": "INT", "s16": "SHORT", "l": "LONG", "f": "FLOAT", "dbl": "DOUBLE",
           "dec": {"type": "DECIMAL", "precision": 5, "scale": 2}, "s": "STRING", "x": "XML", "j": "JSON",
           "bin": "BINARY", "d": "NAIVE_DATE", "dt": "NAIVE_DATETIME", "u": "UTC_DATETIME"}


def update(configuration, state):
    outcomes = []
    n = 0
    for value in (True, False, YesNo.YES, YesNo.NO):
        for column in COLUMNS:
            n += 1
            try:
                op.upsert("flags", {"id": n, "value": repr(value), "column": column, column: value})
                outcomes.append("ok")
            except Exception as e:
                outcomes.append("%r %s: %s: %s" % (value, column, type(e).__name__, e))
    op.checkpoint({"flags": n})
    for i, key in enumerate([True, 1, 1.0, "1", YesNo.YES]):
        op.upsert("by_int", {"k": key, "seen": i})
    for i, key in enumerate([False, 0, 0.0, "0", YesNo.NO, -0.0]):
        op.upsert("by_long", {"k": key, "seen": i})
    op.update("by_int", {"k": YesNo.YES, "note": "updated by enum"})
    op.delete("by_long", {"k": False})
    op.upsert("by_long", {"k": 2, "seen": 9})
    op.update("by_long", {"k": 2.0, "note": "updated by float"})
    op.checkpoint({"flags": n, "keys": True})
    # A declared table whose first operation is an update of a key no upsert wrote: its column comes all the same.
    op.update("by_short", {"k": True, "note": "before any upsert"})
    op.update("by_short", {"k": 5, "other": False})
    op.upsert("by_short", {"k": 1, "seen": True})
    op.upsert("by_short", {"k": 2, "seen": False})
    op.upsert("by_short", {"k": 3, "late": YesNo.YES})
    # A declared table without a key, first written here: its _fivetran_id and columns come in this checkpoint.
    op.upsert("flag_log", {"b": True, "n": 1})
    op.upsert("flag_log", {"b": False, "n": 2})
    op.upsert("flag_log", {"b": YesNo.YES, "n": 3, "source": "enum"})
    op.upsert("flag_log", {"b": 1, "n": 4, "source": "int", "extra": 0.5})
    for i, o in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": o})


def schema(configuration):
    return [
        {"table": "flags", "primary_key": ["id"], "columns": COLUMNS},
        {"table": "by_int", "primary_key": ["k"], "columns": {"k": "INT"}},
        {"table": "by_long", "primary_key": ["k"], "columns": {"k": "LONG"}},
        {"table": "by_short", "primary_key": ["k"], "columns": {"k": "SHORT"}},
        {"table": "flag_log", "columns": {"b": "BOOLEAN"}},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
