# One connector syncing two shops' databases into their own source schemas (`schema=`), each with an `orders` and a
# `refunds` table, plus an unqualified `orders` for a legacy feed. Run 2: a US order deleted and one updated, then the
# EU shop is re-loaded (truncate then upserts in one checkpoint) while schema() adds `line` to its `orders` key: the
# rows a truncate only marks deleted are still there without a `line`, so the EU checkpoint fails after the US one was
# committed. Before run 3 the user removes `eu` from configuration.json: only US is declared and synced, and a
# refund goes to an unqualified `refunds` table.
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


def stores(configuration):
    return [s.strip() for s in configuration.get("stores", "").split(",") if s.strip()]


def schema(configuration):
    tables = []
    for store in stores(configuration):
        key = ["id", "line"] if store == "eu" and RUN >= 2 else ["id"]
        tables.append({"table": "orders", "schema": f"shop_{store}", "primary_key": key,
                       "columns": {"id": "INT", "total": {"type": "DECIMAL", "precision": 10, "scale": 2}}})
        tables.append({"table": "refunds", "schema": f"shop_{store}", "primary_key": ["order_id"]})
    tables.append({"table": "orders", "primary_key": ["id"]})
    return tables


def update(configuration, state):
    for store in stores(configuration):
        sch = f"shop_{store}"
        if store == "eu" and RUN == 2:
            op.truncate("orders", schema=sch)
        for i in range(1, 6):
            row = {"id": i, "total": f"{i * 10}.{RUN}5", "currency": "USD" if store == "us" else "EUR"}
            if store == "eu" and RUN >= 2:
                row["line"] = 1
            if RUN == 1 or store == "eu" or i > 3:
                op.upsert("orders", row, schema=sch)
        if RUN == 2 and store == "us":
            op.delete("orders", {"id": 2}, schema=sch)
            op.update("orders", {"id": 1, "currency": "CAD"}, schema=sch)
        op.upsert("refunds", {"order_id": RUN, "amount": RUN * 1.5, "store": store}, schema=sch)
        op.checkpoint({**state, store: RUN})
    op.upsert("orders", {"id": RUN, "legacy": True, "shop": ",".join(stores(configuration))})
    if RUN == 3:
        op.upsert("refunds", {"order_id": 9, "shop": "us"})
    op.checkpoint({**state, "run": RUN})


connector = Connector(update=update, schema=schema)
