# A user who deletes files/state.json to force a full reload (keeping files/warehouse.db) after run 1. Run 2 starts
# from no state: it loads every invoice again, some changed since (status, an amount now text, a line dropped from
# the source that stays in the warehouse), and every line item again into a key-less table. Run 3 resumes from run 2's
# cursor as usual. Before run 4 files/state.json is a folder (a Docker bind mount of a state file the host lacked),
# before run 5 files/warehouse.db is: each run is refused once connector.py has loaded.
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))


def invoices(run):
    out = []
    for i in range(1, 7 + run):
        inv = {"number": f"INV-{i:04d}", "status": "open", "amount": i * 100, "seq": i if i <= 8 else 60 + i}
        lines = [{"invoice": inv["number"], "sku": f"S{j}", "qty": j} for j in range(1, 3)]
        if run >= 2 and i == 2:
            inv.update(status="paid", seq=50)
            lines = lines[:1]
        if run >= 2 and i == 3:
            inv.update(amount="300.00", seq=51)
        if run >= 3 and i == 4:
            inv.update(status="void", amount=None, seq=71)
            lines.append({"invoice": inv["number"], "sku": "S1", "qty": 1})
        out.append((inv, lines))
    return sorted(out, key=lambda p: p[0]["seq"])


def update(configuration, state):
    since = state.get("seq", 0)
    log.info(f"run {RUN}: since {since}, state keys {sorted(state)}")
    for inv, lines in invoices(RUN):
        if inv["seq"] <= since:
            continue
        op.upsert("invoices", inv)
        for line in lines:
            op.upsert("invoice_lines", line)
        state["seq"] = inv["seq"]
        if inv["seq"] % 4 == 0:
            op.checkpoint(state)
    state["runs"] = state.get("runs", 0) + 1
    op.checkpoint(state)


def schema(configuration):
    return [{"table": "invoices", "primary_key": ["number"]}]


connector = Connector(update=update, schema=schema)
