# Signal handlers installed at import: SIGUSR1 asks for a checkpoint (the handler checkpoints what has been
# read so far), SIGUSR2 records a "status" row. update() signals itself with os.kill and signal.raise_signal,
# and a worker thread signals the main thread with pthread_kill while the main thread waits in join().
import os
import signal
import threading

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

PROGRESS = {"read": 0}
STATUS = []


def on_usr1(signum, frame):
    op.checkpoint({"read": PROGRESS["read"], "by": signal.Signals(signum).name})


def on_usr2(signum, frame):
    STATUS.append(frame.f_code.co_name if frame is not None else None)
    op.upsert("status", {"n": len(STATUS), "signal": signal.Signals(signum).name, "frame": STATUS[-1]})


signal.signal(signal.SIGUSR1, on_usr1)
signal.signal(signal.SIGUSR2, on_usr2)


def read_page(page):
    for i in range(5):
        op.upsert("rows", {"id": page * 5 + i, "page": page})
        PROGRESS["read"] += 1
    if page == 1:
        os.kill(os.getpid(), signal.SIGUSR1)
    if page == 2:
        signal.raise_signal(signal.SIGUSR2)


def update(configuration, state):
    log.info(f"handlers: {signal.getsignal(signal.SIGUSR1).__name__}, {signal.getsignal(signal.SIGUSR2).__name__}")
    for page in range(4):
        read_page(page)
    main_id = threading.get_ident()
    ready = threading.Event()

    def worker():
        for i in range(3):
            op.upsert("rows", {"id": 100 + i, "page": -1})
        signal.pthread_kill(main_id, signal.SIGUSR2)

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    signal.raise_signal(signal.SIGUSR1)
    op.upsert("status", {"n": 0, "signal": "done", "frame": None})


connector = Connector(update=update, schema=lambda c: [{"table": "status", "primary_key": ["n"]}])
