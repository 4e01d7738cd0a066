# How much recursion a connector has left where `fivetran debug` runs its code: a recursive walk of nested API data
# (comment threads, category trees) that catches RecursionError and keeps the depth it reached, at import, in
# schema() and in update(), with len(inspect.stack()) and len(traceback.extract_stack()) there, the deepest tree the
# walk takes in update() (from a helper), and one 493 levels deep that fits under `fivetran debug` and one 494 deep
# that does not (two frames a level: the walk and its generator expression). One row per fact.
import inspect
import sys
import traceback

from fivetran_connector_sdk import Connector, Operations as op


def headroom():
    def down(n):
        try:
            return down(n + 1)
        except RecursionError:
            return n

    return down(0)


def nested(depth):
    node = {"id": depth, "children": []}
    for i in range(depth - 1, 0, -1):
        node = {"id": i, "children": [node]}
    return node


def walk(node):
    return 1 + sum(walk(c) for c in node["children"])


def deepest_walk():
    lo, hi = 1, sys.getrecursionlimit()
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if isinstance(try_walk(mid), int):
            lo = mid
        else:
            hi = mid - 1
    return lo


def try_walk(depth):
    try:
        return walk(nested(depth))
    except RecursionError as e:
        return "RecursionError: " + str(e)


FACTS = {
    "import headroom": headroom(),
    "import stack": len(inspect.stack()),
    "import extract_stack": len(traceback.extract_stack()),
    "recursion limit": sys.getrecursionlimit(),
}


def schema(configuration):
    FACTS["schema headroom"] = headroom()
    FACTS["schema stack"] = len(inspect.stack())
    FACTS["schema extract_stack"] = len(traceback.extract_stack())
    return [{"table": "depth_facts", "primary_key": ["fact"]}]


def update(configuration, state):
    FACTS["update headroom"] = headroom()
    FACTS["update stack"] = len(inspect.stack())
    FACTS["update extract_stack"] = len(traceback.extract_stack())
    FACTS["deepest walk"] = deepest_walk()
    FACTS["walk 493"] = try_walk(493)
    FACTS["walk 494"] = try_walk(494)
    for fact, value in FACTS.items():
        op.upsert("depth_facts", {"fact": fact, "value": str(value)})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
