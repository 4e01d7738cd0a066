# A connector that keeps what each step printed as a table of its own ("sync_log"): every step runs under
# contextlib.redirect_stdout into a StringIO, the times at the start of log lines masked. A step upserts into a
# declared table and a new one, checkpoints, truncates, logs and prints; the captured lines are upserted and
# checkpointed after each step.
import contextlib
import io
import re

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

TIME = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} ")


def step(name, body, state):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        body()
    for n, line in enumerate(buf.getvalue().splitlines()):
        op.upsert("sync_log", {"step": name, "n": n, "line": TIME.sub("<time> ", line)})
    state[name] = "done"
    op.checkpoint(dict(state))


def customers():
    log.info("loading customers")
    for i in range(6):
        op.upsert("customers", {"id": i, "name": f"customer {i}"})
    op.checkpoint({"customers": 6})
    print("customers loaded")


def orders():
    for i in range(8):
        op.upsert("orders", {"id": i, "customer": i % 6})
    op.upsert("order_notes", {"order": 1, "note": "gift"})
    op.delete("customers", {"id": 5})
    op.truncate("order_notes")
    op.checkpoint({"orders": 8})
    log.warning("one customer deleted")


def update(configuration, state):
    state = dict(state)
    step("customers", customers, state)
    step("orders", orders, state)


connector = Connector(update=update, schema=lambda c: [
    {"table": "customers", "primary_key": ["id"]},
    {"table": "sync_log", "primary_key": ["step", "n"]},
])
