# Rows and states that are mappings but not dicts (collections.UserDict, types.MappingProxyType, a ChainMap), each
# tried and the outcome recorded; then dicts made from them.
import collections
import types

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "INT", "doc": "JSON"}}]


def attempt(i, label, fn):
    try:
        fn()
        op.upsert("outcomes", {"id": i, "label": label, "ok": True})
    except Exception as e:
        op.upsert("outcomes", {"id": i, "label": label, "ok": False, "error": f"{type(e).__name__}: {e}"})


def update(configuration: dict, state: dict):
    ud = collections.UserDict({"id": 1, "name": "user dict"})
    mp = types.MappingProxyType({"id": 2, "name": "proxy"})
    cm = collections.ChainMap({"id": 3}, {"name": "chain", "id": 99})
    attempt(1, "userdict row", lambda: op.upsert("rows", ud))
    attempt(2, "proxy row", lambda: op.upsert("rows", mp))
    attempt(3, "chainmap row", lambda: op.upsert("rows", cm))
    attempt(4, "userdict declared", lambda: op.upsert("declared", collections.UserDict({"id": 4})))
    attempt(5, "userdict in json", lambda: op.upsert("declared", {"id": 5, "doc": ud}))
    attempt(6, "proxy in inferred", lambda: op.upsert("rows", {"id": 6, "nested": mp}))
    attempt(7, "userdict state", lambda: op.checkpoint(ud))
    attempt(8, "chainmap state", lambda: op.checkpoint(cm))
    attempt(9, "userdict update", lambda: op.update("rows", collections.UserDict({"id": 1, "name": "upd"})))
    attempt(10, "proxy delete", lambda: op.delete("rows", types.MappingProxyType({"id": 2})))
    op.upsert("rows", dict(cm))
    op.checkpoint(dict(ud))


connector = Connector(update=update, schema=schema)
