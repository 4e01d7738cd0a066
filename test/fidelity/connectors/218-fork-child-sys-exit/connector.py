# Child processes that call operations: a multiprocessing.Process (fork start method) upserting 3,000 rows, and an
# os.fork() child that upserts and ends with sys.exit(0) rather than os._exit(). A child's operations live in the
# child's memory only; the parent records each child's exit status and goes on.
import multiprocessing
import os
import sys

from fivetran_connector_sdk import Connector, Operations as op


def many_rows():
    for i in range(3000):
        op.upsert("mp_rows", {"id": i, "text": "row %d of the child process" % i})


def update(configuration, state):
    op.upsert("t", {"id": 1, "who": "parent"})
    op.checkpoint({"a": 1})
    child = multiprocessing.get_context("fork").Process(target=many_rows)
    child.start()
    child.join()
    op.upsert("t", {"id": 2, "who": "parent", "mp_exitcode": child.exitcode})
    pid = os.fork()
    if pid == 0:
        op.upsert("t", {"id": 3, "who": "child"})
        sys.exit(0)
    _, status = os.waitpid(pid, 0)
    op.upsert("t", {"id": 4, "who": "parent", "fork_status": status})
    op.checkpoint({"b": 1})


connector = Connector(update=update)
