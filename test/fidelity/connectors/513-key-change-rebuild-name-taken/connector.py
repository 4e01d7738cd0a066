# Two runs: a table `events__rebuilt` (a backup an agent named after the table) holds rows from run 1; in run 2
# `events` gets a new declared key, which rebuilds it.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"] if RUN == 1 else ["id", "kind"],
             "columns": {"id": "INT", "kind": "STRING"}},
            {"table": "events__rebuilt", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    if RUN == 1:
        op.upsert("events", {"id": 1, "kind": "a"})
        op.upsert("events__rebuilt", {"id": 1, "copy": True})
    else:
        op.upsert("events", {"id": 1, "kind": "b"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
