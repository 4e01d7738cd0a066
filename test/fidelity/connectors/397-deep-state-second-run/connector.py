# Two runs. The recursion limit raised at import; the first run checkpoints a state nested 1,500 deep (a category
# tree as the cursor), the second reads it from files/state.json, measures it and checkpoints a shallow one.
import sys

from fivetran_connector_sdk import Connector, Operations as op

sys.setrecursionlimit(20000)


def depth(v):
    d = 0
    while isinstance(v, dict) and v.get("child") is not None:
        v = v["child"]
        d += 1
    return d


def update(configuration: dict, state: dict):
    if not state:
        node = {"leaf": True, "child": None}
        for i in range(1500):
            node = {"level": i, "child": node}
        op.upsert("runs", {"run": 1, "depth": 0})
        op.checkpoint({"tree": node})
        return
    op.upsert("runs", {"run": 2, "depth": depth(state["tree"])})
    op.checkpoint({"cursor": "flat"})


connector = Connector(update=update)
