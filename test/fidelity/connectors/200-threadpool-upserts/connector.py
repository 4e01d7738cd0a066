# op.upsert from a ThreadPoolExecutor with 16 workers over four tables, results collected with as_completed, then
# one checkpoint from the main thread once every worker is done.
from concurrent.futures import ThreadPoolExecutor, as_completed

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]}, {"table": "events", "primary_key": ["id", "seq"]}]


def work(page):
    for i in range(10):
        n = page * 10 + i
        op.upsert("orders", {"id": n, "page": page, "amount": n * 1.5})
        op.upsert("events", {"id": n % 7, "seq": n, "kind": "k%d" % (n % 3)})
        if n % 5 == 0:
            op.upsert("unkeyed", {"n": n, "even": n % 2 == 0})
        if n % 11 == 0:
            op.update("orders", {"id": n, "amount": None})
    log.info("page %d done" % page)
    return page


def update(configuration, state):
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = [pool.submit(work, p) for p in range(24)]
        done = sorted(f.result() for f in as_completed(futures))
    op.checkpoint({"pages": done[-1] + 1})


connector = Connector(update=update, schema=schema)
