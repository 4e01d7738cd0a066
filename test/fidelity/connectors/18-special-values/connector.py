# Values at the edges: NaN and infinities, text with null characters and unicode, very long text,
# deeply nested JSON, integers beyond 64 bits, and booleans given to numeric columns.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {
            "table": "edges",
            "primary_key": ["id"],
            "columns": {"id": "INT", "d": "DOUBLE", "f": "FLOAT", "j": "JSON", "s": "STRING", "b": "BOOLEAN", "l": "LONG"},
        }
    ]


def update(configuration, state):
    rows = [
        {"id": 1, "d": float("nan"), "f": float("inf"), "j": [], "s": "tab\tnew\nline", "b": 0, "l": True},
        {"id": 2, "d": float("-inf"), "f": 1e-40, "j": {"a": {"b": {"c": [1, {"d": None}]}}}, "s": "nul\x00char", "b": 2.5, "l": 0},
        {"id": 3, "d": 1e308, "f": 3.4e38, "j": None, "s": "emoji 😀 and ñ", "b": "0", "l": -1},
        {"id": 4, "d": 0.1 + 0.2, "f": 0.1, "j": "plain", "s": "x" * 5000, "b": False, "l": 2**62},
        {"id": 5, "d": -0.0, "f": 16777217, "j": 12, "s": "", "b": True, "l": 1},
    ]
    for row in rows:
        op.upsert("edges", row)
    op.upsert("inferred_edges", {"n": float("nan"), "huge": 2**70, "neg_huge": -(2**70), "text": "a\x00b", "unicode": "日本語"})
    op.upsert("inferred_edges", {"n": float("inf"), "huge": 1, "neg_huge": 2, "text": "", "unicode": "ascii"})
    op.checkpoint({"edges": 5})


connector = Connector(update=update, schema=schema)
