# A tree API (comments replying to comments) nested 3,000 deep, with the recursion limit raised to 20,000 so that
# json.dumps can write it: in a declared JSON column, an inferred one, and the state.
import sys

from fivetran_connector_sdk import Connector, Operations as op

sys.setrecursionlimit(20000)


def nest(depth):
    node = {"id": depth, "replies": []}
    for d in range(depth - 1, 0, -1):
        node = {"id": d, "replies": [node]}
    return node


def schema(configuration: dict):
    return [{"table": "threads", "primary_key": ["id"], "columns": {"tree": "JSON"}}]


def update(configuration: dict, state: dict):
    op.upsert("threads", {"id": 1, "tree": nest(3000)})
    op.upsert("inferred", {"id": 1, "tree": nest(2500)})
    lists = []
    for _ in range(3000):
        lists = [lists]
    op.upsert("inferred", {"id": 2, "tree": lists})
    op.checkpoint({"deep": nest(1500)})


connector = Connector(update=update, schema=schema)
