# A backfill in one-day windows (a checkpoint after each), at most `max_windows` a run, with UTC_DATETIME keys.
# Run 1 loads four days; before run 2 the user raises max_windows to 10 in configuration.json and it finishes the
# backfill up to the source's last day; before run 3 the user edits files/state.json back two days to re-load them
# (rows the same, one changed, one gone from the source: it stays), with the window start spelled with a Z.
from datetime import datetime, timedelta, timezone

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

import os

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))

LAST_DAY = datetime(2024, 1, 8, tzinfo=timezone.utc)


def events_between(start, end):
    out = []
    t = start
    while t < end:
        if not (RUN >= 3 and t == datetime(2024, 1, 7, 12, tzinfo=timezone.utc)):
            value = t.day * 10 + t.hour
            if RUN >= 3 and t.day == 8:
                value = -value
            out.append({"ts": t, "host": "web-1", "value": value, "window": start.date().isoformat()})
        t += timedelta(hours=6)
    return out


def schema(configuration):
    return [{"table": "metrics", "primary_key": ["ts", "host"], "columns": {"ts": "UTC_DATETIME", "value": "INT"}}]


def update(configuration, state):
    start = datetime.fromisoformat(state.get("window_start", configuration["start_date"]).replace("Z", "+00:00"))
    if start.tzinfo is None:
        start = start.replace(tzinfo=timezone.utc)
    windows = 0
    while start <= LAST_DAY and windows < int(configuration["max_windows"]):
        end = start + timedelta(days=1)
        for e in events_between(start, end):
            op.upsert("metrics", e)
        state["window_start"] = end.isoformat()
        state["windows_loaded"] = state.get("windows_loaded", 0) + 1
        op.checkpoint(state)
        windows += 1
        start = end
    log.info(f"run {RUN}: {windows} windows, next {state.get('window_start')}")


connector = Connector(update=update, schema=schema)
