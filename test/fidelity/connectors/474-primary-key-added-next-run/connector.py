# Two runs: `events` has no primary key in the first (rows keyed by _fivetran_id); the author adds
# primary_key ["event_id"] in the second and upserts an event already loaded and a new one.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    entry = {"table": "events", "columns": {"event_id": "STRING", "kind": "STRING", "at": "UTC_DATETIME"}}
    if RUN >= 2:
        entry["primary_key"] = ["event_id"]
    return [entry]


def update(configuration, state):
    if RUN == 1:
        op.upsert("events", {"event_id": "e1", "kind": "click", "at": "2024-01-01T00:00:00Z"})
        op.upsert("events", {"event_id": "e2", "kind": "view", "at": "2024-01-01T00:01:00Z"})
    else:
        op.upsert("events", {"event_id": "e2", "kind": "view-again", "at": "2024-01-02T00:01:00Z"})
        op.upsert("events", {"event_id": "e3", "kind": "buy", "at": "2024-01-02T00:02:00Z"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
