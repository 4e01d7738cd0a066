# A ProcessPoolExecutor with the "spawn" start method (the default on macOS, and the one a newcomer picks after reading
# that fork is unsafe with threads) computing rows in worker processes from a module beside connector.py; the rows
# are upserted by the main process.
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import work
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        for row in pool.map(work.digest, range(6)):
            op.upsert("digests", row)
    op.checkpoint({"done": True})


connector = Connector(update=update)
