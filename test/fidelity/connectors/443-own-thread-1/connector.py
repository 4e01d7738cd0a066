# Workers named by hand like Python's own, plus some unnamed ones; wait for "Thread-1" by name.
import threading

from fivetran_connector_sdk import Connector, Operations as op

results = []


def work(n):
    results.append((threading.current_thread().name, n))


def update(configuration, state):
    threads = [threading.Thread(target=work, args=(i,), name=f"Thread-{i + 1}") for i in range(3)]
    threads += [threading.Thread(target=work, args=(i,)) for i in range(3, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    by_name = {}
    for t in threading.enumerate():
        by_name.setdefault(t.name, 0)
        by_name[t.name] += 1
    for name, n in sorted(results):
        op.upsert("work", {"thread": name, "n": n})
    dup = sorted(k for k, v in by_name.items() if v > 1)
    op.upsert("work", {"thread": "duplicates alive: " + ",".join(dup), "n": -1})
    first = [t for t in threading.enumerate() if t.name.startswith("Thread-1")]
    op.upsert("work", {"thread": "alive named Thread-1*: " + ",".join(t.name for t in first), "n": -2})
    op.checkpoint({"ok": 1})


connector = Connector(update=update)
