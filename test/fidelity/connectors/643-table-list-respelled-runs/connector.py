# The table list in configuration.json changes between runs: run 2 spells it `Orders; customers ; refunds` (another
# delimiter, another case, spaces: `Orders` is a new source table that lands in the same destination table, with its
# own cursor in the state), run 3 lists only `refunds` and turns on `include_archived`, which writes archived orders
# into `orders` although schema() no longer declares it. The state is keyed by the table name as listed.
import os
import re

from fivetran_connector_sdk import Connector, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))


def tables(configuration):
    return [t for t in (p.strip() for p in re.split(r"[,;]", configuration["tables"])) if t]


def schema(configuration):
    out = []
    for t in tables(configuration):
        columns = {"id": "LONG", "amount": "DOUBLE"} if t.lower() == "orders" else {"id": "LONG"}
        out.append({"table": t, "primary_key": ["id"], "columns": columns})
    return out


def update(configuration, state):
    for t in tables(configuration):
        since = state.get(t, 0)
        for i in range(since + 1, since + 4):
            row = {"id": i, "run": RUN, "listed_as": t}
            if t.lower() == "orders":
                row["amount"] = i * 2.5
            op.upsert(t, row)
        state[t] = since + 3
        op.checkpoint(state)
    if configuration.get("include_archived", "false").lower() == "true":
        for i in (101, 102):
            op.upsert("orders", {"id": i, "run": RUN, "listed_as": "archive", "amount": "archived"})
        op.delete("orders", {"id": 1})
        op.checkpoint(state)


connector = Connector(update=update, schema=schema)
