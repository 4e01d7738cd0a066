# Process pools with the "spawn" start method (the default on macOS, and the one a newcomer picks after reading that
# fork is unsafe with threads) and "forkserver", computing rows in worker processes from a module beside
# connector.py; the rows are upserted by the main process. Then a function defined in connector.py itself, which
# the workers cannot import: the failure is caught and recorded.
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import work
from fivetran_connector_sdk import Connector, Operations as op


def local_digest(n):
    return {"n": n}


def update(configuration, state):
    for method in ("spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
            for row in pool.map(work.digest, range(4)):
                op.upsert("digests_" + method, row)
        with ctx.Pool(2) as pool:
            op.upsert("pool_" + method, {"id": 1, "sum": sum(pool.map(work.square, range(10)))})
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(local_digest, range(2)))
        outcome = "ran"
    except Exception as e:
        outcome = type(e).__name__
    op.upsert("local_function", {"id": 1, "outcome": outcome})
    op.checkpoint({"done": True})


connector = Connector(update=update)
