# Operations from four threads at once on shared keys of one table and on a table each: upserts, then (after all
# joined) updates and deletes (shared is keyed, own0-3 key-less); each thread writes a disjoint key range to the
# shared table so the result is fixed.
import threading

from fivetran_connector_sdk import Connector, Operations as op


def work(n):
    for i in range(50):
        op.upsert("shared", {"id": n * 100 + i, "thread": n, "v": "x" * (i % 5)})
        op.upsert("own%d" % n, {"id": i, "v": i * n})
        if i % 7 == 0:
            op.update("shared", {"id": n * 100 + i, "v": "updated"})
        if i % 11 == 0:
            op.delete("own%d" % n, {"id": i})


def schema(configuration):
    return [{"table": "shared", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    op.checkpoint({"step": 1})
    for n in range(4):
        op.delete("shared", {"id": n * 100 + 1})
        op.update("own%d" % n, {"id": 2, "v": None})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
