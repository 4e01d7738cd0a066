# A connector that checkpoints after every event (users are told to checkpoint often), 240 events a run. Run 1 fails
# on event 157 (configuration.json's `fail_at_event`, as a flaky upstream would); before run 2 the user clears it and
# sets `batch` to 7, and run 2 resumes from the last checkpoint and finishes; run 3 reads new events only.
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

TOTAL = 240 if RUN < 3 else 260


def update(configuration, state):
    fail_at = int(configuration.get("fail_at_event") or 0)
    batch = int(configuration.get("batch") or 1)
    pos = state.get("position", 0)
    log.info(f"run {RUN}: resuming after event {pos}")
    while pos < TOTAL:
        pos += 1
        if pos == fail_at:
            raise RuntimeError(f"upstream returned 502 for event {pos}")
        op.upsert("events", {"id": pos, "kind": ["click", "view", "buy"][pos % 3], "amount": pos * 0.25,
                             "run": RUN})
        op.upsert("event_log", {"event_id": pos, "run": RUN})
        if pos % 10 == 0:
            op.update("events", {"id": pos - 5, "kind": "corrected"})
        if pos % batch == 0:
            op.checkpoint({"position": pos, "checkpoints": state.get("checkpoints", 0) + pos})
    op.checkpoint({"position": pos, "done": True})


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"], "columns": {"amount": "DOUBLE"}}]


connector = Connector(update=update, schema=schema)
