# A worker of a ThreadPoolExecutor raises; future.result() re-raises it in update() after a checkpoint.
from concurrent.futures import ThreadPoolExecutor

from fivetran_connector_sdk import Connector, Operations as op


class PageError(Exception):
    pass


def fetch(page):
    if page == 3:
        raise PageError("page %d: HTTP 503 from upstream" % page)
    for i in range(5):
        op.upsert("items", {"id": page * 5 + i, "page": page})
    return page


def update(configuration, state):
    with ThreadPoolExecutor(max_workers=4) as pool:
        first = [pool.submit(fetch, p) for p in (0, 1, 2)]
        for f in first:
            f.result()
    op.checkpoint({"page": 2})
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(fetch, p) for p in (3, 4, 5)]
        for f in futures:
            f.result()
    op.checkpoint({"page": 5})


connector = Connector(update=update)
