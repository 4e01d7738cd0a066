# Key values at the edges: "" and whitespace keys, a key differing only by case, a unicode key, 0 and -1, a
# negative float key, a very long key; updates and deletes naming them.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": t, "primary_key": ["k"]} for t in ("text_keys", "int_keys", "float_keys")]


def update(configuration, state):
    for k in ("", " ", "a", "A", "\u00e9", "e\u0301", "x" * 300):
        op.upsert("text_keys", {"k": k, "v": len(k)})
    for k in (0, -1, 2**40):
        op.upsert("int_keys", {"k": k, "v": k})
    op.upsert("float_keys", {"k": -0.5, "v": 1})
    op.checkpoint({"step": 1})
    op.update("text_keys", {"k": "", "v": -1})
    op.delete("text_keys", {"k": " "})
    op.delete("text_keys", {"k": "A"})
    op.update("text_keys", {"k": "e\u0301", "v": 99})
    op.delete("int_keys", {"k": 0})
    op.update("int_keys", {"k": -1, "v": None})
    op.update("float_keys", {"k": -0.5, "v": 2})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
