# Three runs. The second declares other types and a new column for `items` and a new table, writes rows with
# them, checkpoints, writes more (a column no row had), then fails: what the failed run changed before its
# checkpoint stays, what it changed after does not. The third goes back to the first run's schema().
# runs.txt beside connector.py counts the runs (written at import).
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    if RUN == 2:
        return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "qty": "STRING", "due": "NAIVE_DATE"}},
                {"table": "extras", "primary_key": ["k"], "columns": {"k": "STRING", "v": "DOUBLE"}}]
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "qty": "INT"}}]


def update(configuration, state):
    log.info(f"run {RUN}")
    if RUN == 1:
        for i in range(3):
            op.upsert("items", {"id": i, "qty": i * 10})
        op.checkpoint({"run": 1})
    elif RUN == 2:
        op.upsert("items", {"id": 1, "qty": "eleven", "due": "2024-07-01"})
        op.upsert("extras", {"k": "a", "v": 0.5})
        op.checkpoint({"run": 2})
        op.upsert("items", {"id": 2, "qty": "twenty", "note": "not kept"})
        op.upsert("late", {"id": 1})
        raise RuntimeError("the API went away")
    else:
        op.upsert("items", {"id": 3, "qty": 30})
        op.upsert("items", {"id": 0, "qty": 5})
        op.checkpoint({"run": 3})


connector = Connector(update=update, schema=schema)
