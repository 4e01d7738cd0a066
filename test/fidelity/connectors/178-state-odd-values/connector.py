# A state with odd content: nested big ints, 1e-7 and other floats, unicode and empty keys, a 200 KB string, the
# same state checkpointed twice, and a state mutated after its checkpoint (the last checkpoint is what stays).
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    s = {"nested": {"deep": [2 ** 70, -(2 ** 63), {"x": 10 ** 30}]}, "tiny": 1e-7, "big": 1e300, "third": 1 / 3,
         "neg": -1e-310, "ключ": "значение", "": "empty key", "🎉": ["é", "\u2028", "\t"], "blob": "x" * 200_000}
    op.upsert("t", {"id": 1})
    op.checkpoint(s)
    op.checkpoint(s)
    s["tiny"] = "changed after checkpoint"
    s["added"] = True
    op.upsert("t", {"id": 2})
    op.checkpoint({"keep": s["nested"], "tiny": 1e-7, "order": {"b": 1, "a": 2, "10": 3, "2": 4}})
    s["nested"]["deep"].append("mutated after the last checkpoint")


connector = Connector(update=update)
