# Newcomer patterns that touch the process's threads and its stdin: the names Python gives the connector's own
# threads (numbered after the threads already running) and its pool's workers, and input() / stdin.read() left in
# from a script that asked a question.
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from fivetran_connector_sdk import Connector, Operations as op


def work():
    op.upsert("threads", {"name": threading.current_thread().name, "kind": "unnamed Thread"})


def update(configuration, state):
    for _ in range(2):
        t = threading.Thread(target=work)
        t.start()
        t.join()
    names = set()
    with ThreadPoolExecutor(max_workers=3) as pool:
        for i in range(12):
            pool.submit(lambda: names.add(threading.current_thread().name)).result()
    for n in sorted(names):
        op.upsert("threads", {"name": n, "kind": "pool worker"})
    try:
        answer = input("Continue? ")
        outcome = "read %r" % answer
    except EOFError as e:
        outcome = "EOFError: %s" % e
    op.upsert("stdin", {"call": "input()", "outcome": outcome})
    op.upsert("stdin", {"call": "stdin.read()", "outcome": repr(sys.stdin.read())})
    op.checkpoint({"done": True})


connector = Connector(update=update)
