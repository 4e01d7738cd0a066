# Three runs of a full-refresh table done with op.truncate: each run truncates `inventory`, then upserts what the API
# has now. Run 2 drops one item and adds one; run 3 truncates, upserts a revived item, updates one that it did not
# upsert (deleted by the truncate) and deletes one it did.
from fivetran_connector_sdk import Connector, Operations as op

ITEMS = {1: ["apple", "pear", "plum"], 2: ["apple", "plum", "kiwi"], 3: ["pear", "kiwi"]}


def schema(configuration):
    return [{"table": "inventory", "primary_key": ["name"], "columns": {"name": "STRING", "qty": "INT"}}]


def update(configuration, state):
    run = state.get("run", 0) + 1
    op.truncate("inventory")
    for n, name in enumerate(ITEMS[run]):
        op.upsert("inventory", {"name": name, "qty": n + run * 10})
    if run == 3:
        op.update("inventory", {"name": "apple", "qty": 0})
        op.delete("inventory", {"name": "kiwi"})
    op.checkpoint({"run": run})


connector = Connector(update=update, schema=schema)
