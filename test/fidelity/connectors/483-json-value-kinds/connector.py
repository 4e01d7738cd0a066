# JSON columns as people fill them: JSON text, text that is not JSON, lists, dicts, numbers, bools, None, Decimals
# nested in dicts, tuples, a datetime inside a dict, float specials. Refusals are caught and kept in `refused`.
import datetime as dt
from decimal import Decimal

from fivetran_connector_sdk import Connector, Operations as op

VALUES = [
    '{"a": 1, "b": [true, null]}', "not json at all", "[1, 2", '"quoted"', "123", "", [1, "two", None, 3.5],
    {"z": 1, "a": {"nested": [1, {"deep": True}]}}, 42, -0.0, 3.14159, 2 ** 70, True, False, None,
    {"price": Decimal("19.990"), "tax": [Decimal("0.1"), Decimal("1E+2")]}, Decimal("12.50"), (1, 2, "three"),
    {"when": dt.datetime(2024, 1, 1, 12, 0)}, {"ratio": float("nan")}, {"é": "ü", "emoji": "🎉"}, {1: "int key"},
]


def schema(configuration):
    return [{"table": "docs", "primary_key": ["n"], "columns": {"n": "INT", "body": "JSON"}},
            {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    for n, value in enumerate(VALUES):
        try:
            op.upsert("docs", {"n": n, "body": value, "kind": type(value).__name__})
        except Exception as e:
            op.upsert("refused", {"n": n, "kind": type(value).__name__, "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
