# API objects with back-references (a child pointing at its parent, a list holding itself) sent as JSON values,
# each refusal recorded; then the same objects with the references cut.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"doc": "JSON"}}]


def attempt(i, label, fn):
    try:
        fn()
        op.upsert("outcomes", {"id": i, "label": label, "ok": True})
    except BaseException as e:
        op.upsert("outcomes", {"id": i, "label": label, "ok": False, "error": f"{type(e).__name__}: {e}"})


def update(configuration: dict, state: dict):
    parent = {"name": "root", "children": []}
    child = {"name": "leaf", "parent": parent}
    parent["children"].append(child)
    loop = [1, 2]
    loop.append(loop)
    attempt(1, "declared dict", lambda: op.upsert("declared", {"id": 1, "doc": parent}))
    attempt(2, "declared list", lambda: op.upsert("declared", {"id": 2, "doc": loop}))
    attempt(3, "inferred dict", lambda: op.upsert("inferred", {"id": 3, "doc": child}))
    attempt(4, "inferred list", lambda: op.upsert("inferred", {"id": 4, "doc": loop}))
    attempt(5, "keyless", lambda: op.upsert("keyless", {"doc": parent}))
    attempt(6, "state", lambda: op.checkpoint({"tree": parent}))
    attempt(7, "update", lambda: op.update("inferred", {"id": 3, "doc": loop}))
    child["parent"] = parent["name"]
    loop.pop()
    op.upsert("declared", {"id": 1, "doc": parent})
    op.upsert("inferred", {"id": 4, "doc": loop})
    op.checkpoint({"tree": parent})


connector = Connector(update=update, schema=schema)
