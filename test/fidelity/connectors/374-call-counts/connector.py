# How often the connector's code runs: a counter kept in builtins (survives a second import of connector.py), bumped
# at import, in schema() and in update(); update() stores the counts and the objects' identities as seen.
import builtins

builtins.__dict__.setdefault("_probe_counts", {"import": 0, "schema": 0, "update": 0})
builtins._probe_counts["import"] += 1

from fivetran_connector_sdk import Connector, Operations as op  # noqa: E402

SEEN = {}


def schema(configuration: dict):
    builtins._probe_counts["schema"] += 1
    SEEN["schema_config"] = configuration
    return [{"table": "counts", "primary_key": ["what"]}]


def update(configuration: dict, state: dict):
    builtins._probe_counts["update"] += 1
    for what, n in builtins._probe_counts.items():
        op.upsert("counts", {"what": what, "n": n})
    op.upsert("counts", {"what": "same configuration object", "n": int(SEEN.get("schema_config") is configuration)})
    op.upsert("counts", {"what": "configuration type", "n": 0, "text": type(configuration).__name__})
    op.upsert("counts", {"what": "state type", "n": len(state), "text": type(state).__name__})
    op.checkpoint({"ok": True})


connector = Connector(update=update, schema=schema)
