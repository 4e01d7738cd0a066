# A thread dies with an exception that is not an operation's; the main thread goes on and the sync succeeds.
# A custom threading.excepthook records the dead thread as a row from the hook (joined before the checkpoint), and
# sys.exit(3) in another thread ends that thread only, silently.
import sys
import threading

from fivetran_connector_sdk import Connector, Operations as op


def broken():
    op.upsert("t", {"id": 1, "by": "broken"})
    raise ValueError("worker blew up")


def exits():
    op.upsert("t", {"id": 3, "by": "exits"})
    sys.exit(3)


def hook(args):
    op.upsert("thread_errors", {"thread": args.thread.name, "type": args.exc_type.__name__, "message": str(args.exc_value)})


def update(configuration, state):
    t = threading.Thread(target=broken, name="plain")
    t.start()
    t.join()
    threading.excepthook = hook
    try:
        t = threading.Thread(target=broken, name="hooked")
        t.start()
        t.join()
    finally:
        threading.excepthook = threading.__excepthook__
    t = threading.Thread(target=exits, name="exits")
    t.start()
    t.join()
    op.upsert("t", {"id": 2, "by": "main"})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
