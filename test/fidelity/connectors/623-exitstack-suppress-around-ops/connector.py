# contextlib around operations: an ExitStack whose callbacks checkpoint and upsert when the block ends (in
# reverse order), suppress() around a lookup and around an operation the SDK refuses (a null primary key, then
# later rows), a context manager class that writes a summary row in __exit__ even when the body raised, and a
# nullcontext/redirect_stderr pair.
import contextlib
import io
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


class Summary:
    def __init__(self, table):
        self.table = table
        self.count = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        op.upsert("summaries", {"table": self.table, "count": self.count,
                                "error": None if exc is None else f"{exc_type.__name__}: {exc}"})
        return exc_type is KeyError  # swallow KeyError only


def schema(configuration):
    return [
        {"table": "customers", "primary_key": ["id"]},
        {"table": "summaries", "primary_key": ["table"]},
    ]


def update(configuration, state):
    lookup = {"a": 1}
    with contextlib.ExitStack() as stack:
        stack.callback(op.checkpoint, {"stage": "customers"})
        stack.callback(op.upsert, "summaries", {"table": "callback", "count": 2})
        s = stack.enter_context(Summary("customers"))
        for i in range(10):
            op.upsert("customers", {"id": i, "name": f"c{i}"})
            s.count += 1
        with contextlib.suppress(KeyError):
            op.upsert("customers", {"id": 99, "tier": lookup["missing"]})
    with Summary("orders") as s:
        for i in range(5):
            op.upsert("orders", {"order_id": i})
            s.count += 1
        lookup["nope"]
    buf = io.StringIO()
    with contextlib.redirect_stderr(buf), contextlib.nullcontext():
        print("to the buffer", file=sys.stderr)
        log.info("log line while stderr is redirected")
    op.upsert("summaries", {"table": "stderr", "count": len(buf.getvalue())})
    op.checkpoint({"stage": "orders"})
    with contextlib.suppress(Exception):
        op.upsert("customers", {"id": None, "name": "no key"})
    log.info("the refused row was suppressed")
    op.upsert("customers", {"id": 50, "name": "after the refusal"})
    op.checkpoint({"stage": "done"})


connector = Connector(update=update, schema=schema)
