# Integers past Python's 4,300-digit limit for text (a factorial, a big power): in an undeclared column, a STRING,
# a JSON value and the state, each caught and recorded; then the limit lifted with sys.set_int_max_str_digits(0).
import math
import sys

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "big", "primary_key": ["id"], "columns": {"text": "STRING", "doc": "JSON", "n": "LONG", "d": {"type": "DECIMAL", "precision": 38, "scale": 0}}}]


def attempt(i, label, fn):
    try:
        fn()
        op.upsert("outcomes", {"id": i, "label": label, "ok": True})
    except BaseException as e:
        op.upsert("outcomes", {"id": i, "label": label, "ok": False, "error": f"{type(e).__name__}: {e}"})


def update(configuration: dict, state: dict):
    huge = math.factorial(2000)  # 5,736 digits
    attempt(1, "inferred", lambda: op.upsert("big", {"id": 1, "inferred": huge}))
    attempt(2, "string", lambda: op.upsert("big", {"id": 2, "text": huge}))
    attempt(3, "json", lambda: op.upsert("big", {"id": 3, "doc": {"n": huge}}))
    attempt(4, "long", lambda: op.upsert("big", {"id": 4, "n": huge}))
    attempt(5, "decimal", lambda: op.upsert("big", {"id": 5, "d": huge}))
    attempt(6, "state", lambda: op.checkpoint({"cursor": huge}))
    attempt(7, "key", lambda: op.upsert("bigkey", {"k": huge}))
    op.checkpoint({"phase": 1})
    sys.set_int_max_str_digits(0)
    attempt(11, "inferred", lambda: op.upsert("big", {"id": 11, "inferred": 10**4400}))
    attempt(12, "string", lambda: op.upsert("big", {"id": 12, "text": 10**4400}))
    attempt(13, "json", lambda: op.upsert("big", {"id": 13, "doc": [10**4400]}))
    attempt(16, "state", lambda: op.checkpoint({"cursor": 10**4400}))


connector = Connector(update=update, schema=schema)
