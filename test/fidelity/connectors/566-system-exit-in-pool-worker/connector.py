# A worker function, copied from a script, calls sys.exit(2) when its page is empty. In a plain Thread the SystemExit
# ends that thread alone; in a ThreadPoolExecutor it is kept in the future, and `future.result()` raises it again in
# update(): `fivetran debug` ends there with exit code 2, the rows after the checkpoint dropped.
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from fivetran_connector_sdk import Connector, Operations as op


def fetch_page(page):
    if page == 3:
        sys.exit(2)
    return [{"id": page * 100 + i, "page": page} for i in range(3)]


def update(configuration, state):
    t = threading.Thread(target=fetch_page, args=(3,))
    t.start()
    t.join()
    op.upsert("progress", {"id": 1, "thread_survived": True})
    op.checkpoint({"stage": "thread"})
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(fetch_page, page) for page in (1, 2, 3)]
        for future in futures:
            for row in future.result():
                op.upsert("items", row)
    op.checkpoint({"stage": "pool"})


connector = Connector(update=update)
