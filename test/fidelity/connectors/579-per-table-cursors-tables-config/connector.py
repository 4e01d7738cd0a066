# One cursor per table in state (`{"cursors": {"users": ..., "orders": ...}}`), the tables to sync listed in
# configuration.json. Before run 2 the user adds `refunds` to the list (it starts from nothing while the others
# resume); before run 3 the user drops `users` from the list and removes the `orders` cursor from files/state.json
# by hand to re-load that table from the beginning.
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


def rows(table, run):
    n = {"users": 4, "orders": 6, "refunds": 2}[table] + 2 * (run - 1)
    out = []
    for i in range(1, n + 1):
        row = {"id": i, "modified": 100 * i, "label": f"{table[:-1]} {i}"}
        if table == "orders":
            row["amount"] = i * 12.5
            if run >= 3 and i == 2:
                row.update(amount="refunded", modified=100 * n + 1)
        out.append(row)
    return sorted(out, key=lambda r: r["modified"])


def schema(configuration):
    return [{"table": t, "primary_key": ["id"], "columns": {"modified": "LONG"}}
            for t in configuration["tables"].split(",")]


def update(configuration, state):
    cursors = state.setdefault("cursors", {})
    for table in configuration["tables"].split(","):
        since = cursors.get(table, 0)
        n = 0
        for row in rows(table, RUN):
            if row["modified"] > since:
                op.upsert(table, row)
                cursors[table] = row["modified"]
                n += 1
                if n % 3 == 0:
                    op.checkpoint(state)
        op.checkpoint(state)
        log.info(f"{table}: {n} rows after {since}")


connector = Connector(update=update, schema=schema)
