# Runtime knobs a connector author reaches for when a sync is slow or deep: a higher recursion limit for a
# recursive flattener, gc disabled and frozen around a big batch, tracemalloc started at import to find a leak,
# faulthandler enabled into a file in files/. The connector stores what it can compare: the flattened rows,
# whether tracemalloc traced the batch, the gc state it set, and the limits it reads back.
import faulthandler
import gc
import os
import sys
import tracemalloc

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
os.makedirs(FILES, exist_ok=True)
FAULTS = open(os.path.join(FILES, "faults.log"), "w")
faulthandler.enable(file=FAULTS, all_threads=True)
tracemalloc.start(5)
sys.setrecursionlimit(5000)


def nest(depth):
    node = {"leaf": depth}
    for d in range(depth):
        node = {"level": d, "child": node}
    return node


def flatten(node, prefix="", out=None):
    out = {} if out is None else out
    for k, v in node.items():
        key = f"{prefix}_{k}" if prefix else k
        if isinstance(v, dict):
            flatten(v, key[-40:], out)
        else:
            out[key] = v
    return out


def update(configuration, state):
    facts = {"recursion_limit": sys.getrecursionlimit(), "tracing_at_update": tracemalloc.is_tracing(),
             "faulthandler": faulthandler.is_enabled()}
    gc.disable()
    gc.freeze()
    snapshot_before = tracemalloc.take_snapshot()
    for i in range(12):
        op.upsert("flat", {"id": i, **{k: v for k, v in list(flatten(nest(200 + i * 150)).items())[:5]}})
    op.checkpoint({"batch": 1})
    snapshot_after = tracemalloc.take_snapshot()
    facts["snapshot_grew"] = len(snapshot_after.traces) > 0 and len(snapshot_before.traces) > 0
    facts["gc_enabled"] = gc.isenabled()
    facts["gc_frozen_nonzero"] = gc.get_freeze_count() > 0
    gc.unfreeze()
    gc.enable()
    collected = gc.collect()
    facts["collect_is_int"] = isinstance(collected, int)
    current, peak = tracemalloc.get_traced_memory()
    facts["peak_at_least_current"] = peak >= current
    tracemalloc.stop()
    facts["tracing_after_stop"] = tracemalloc.is_tracing()
    deep = nest(3000)
    try:
        depth = 0
        node = deep
        def walk(n):
            return 1 + walk(n["child"]) if "child" in n else 1
        depth = walk(deep)
    except RecursionError as e:
        depth = -1
        log.warning(f"recursion error: {e}")
    facts["walk_depth"] = depth
    for k, v in facts.items():
        op.upsert("facts", {"name": k, "value": str(v)})
    op.checkpoint({"batch": 2})


connector = Connector(update=update, schema=lambda c: [{"table": "facts", "primary_key": ["name"]}])
