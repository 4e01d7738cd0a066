# Rows of one shape sent from two threads at once, some needing the harness's general path (a date, a Decimal, bytes,
# text with a NUL, an emoji) among plain ones, with a JSON column beside, into a keyed and a key-less table; the main
# thread checkpoints after both end. Text first in each table (see 114).
import datetime
import decimal
import threading

from fivetran_connector_sdk import Connector, Operations as op


def worker(offset):
    odd = [datetime.date(2024, 1, 2), decimal.Decimal("1.50"), b"\x00\xff", "a\x00b", 2**60, 1.0, "x\U0001F600"]
    for i in range(300):
        v = odd[i % len(odd)] if i % 5 == 0 else "v%d" % i
        op.upsert("keyed", {"id": offset + i, "v": v, "n": i * 0.5, "j": {"k": i}})
        op.upsert("keyless", {"v": v, "n": i % 7, "who": offset})


def update(configuration, state):
    op.upsert("keyed", {"id": -1, "v": "text", "n": 0.5, "j": {"k": -1}})
    op.upsert("keyless", {"v": "text", "n": 0, "who": -1})
    threads = [threading.Thread(target=worker, args=(k,)) for k in (0, 1000)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    op.checkpoint({"done": True})


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]}]


connector = Connector(update=update, schema=schema)
