# Sensor readings with no natural key, loaded by a connector that re-reads the last hour on every run (an overlap
# window, as users write to be safe): the same rows arrive again in later runs, once as they were, once spelled
# otherwise (1 and 1.0, None and a missing column, a new column left null). A declared key-less table and an
# undeclared one. Run 2 also deletes and updates rows by their full values (caught when refused), then truncates the
# declared table and upserts rows of earlier runs again around a second truncate; run 3 declares a new column on it.
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


def readings(run):
    rows = [{"device": "d1", "value": 1, "at": "2024-06-01T10:00:00"},
            {"device": "d1", "value": 2.5, "at": "2024-06-01T10:05:00"},
            {"device": "d2", "value": None, "at": "2024-06-01T10:05:00"},
            {"device": "d2", "value": 3, "at": "2024-06-01T10:10:00"}]
    if run == 2:
        rows = [{"device": "d1", "value": 1.0, "at": "2024-06-01T10:00:00"},
                {"device": "d1", "value": 2.5, "at": "2024-06-01T10:05:00"},
                {"device": "d2", "at": "2024-06-01T10:05:00"},
                {"device": "d2", "value": 3, "at": "2024-06-01T10:10:00"},
                {"device": "d2", "value": 3, "at": "2024-06-01T10:10:00"},
                {"device": "d3", "value": 4, "at": "2024-06-01T10:15:00"}]
    if run == 3:
        rows = [{"device": "d2", "value": 3, "at": "2024-06-01T10:10:00", "unit": None},
                {"device": "d3", "value": 4, "at": "2024-06-01T10:15:00", "unit": "C"},
                {"device": "d3", "value": 5, "at": "2024-06-01T10:20:00"}]
    return rows


def schema(configuration):
    columns = {"device": "STRING", "value": "DOUBLE", "at": "NAIVE_DATETIME"}
    if RUN >= 3:
        columns["unit"] = "STRING"
    return [{"table": "readings", "columns": columns}]


def attempt(what, fn, *args):
    try:
        fn(*args)
        log.info(f"{what}: done")
    except Exception as e:
        log.warning(f"{what}: {type(e).__name__}: {e}")


def update(configuration, state):
    for r in readings(RUN):
        op.upsert("readings", r)
        op.upsert("raw_readings", dict(r, run_window=state.get("window", 0)))
    op.checkpoint({"window": state.get("window", 0) + 1})
    if RUN == 2:
        attempt("delete readings d1 10:00", op.delete, "readings", {"device": "d1", "value": 1, "at": "2024-06-01T10:00:00"})
        attempt("update readings d2 10:10", op.update, "readings", {"device": "d2", "value": 30, "at": "2024-06-01T10:10:00"})
        attempt("delete raw_readings", op.delete, "raw_readings", {"device": "d2"})
        op.upsert("raw_readings", {"device": "d1", "value": 1, "at": "2024-06-01T10:00:00", "run_window": 0})
        op.truncate("readings")
        op.upsert("readings", {"device": "d1", "value": 2.5, "at": "2024-06-01T10:05:00"})
        op.upsert("readings", {"device": "d2", "value": 3, "at": "2024-06-01T10:10:00"})
        op.truncate("readings")
        op.upsert("readings", {"device": "d2", "value": 3, "at": "2024-06-01T10:10:00"})
        op.checkpoint({"window": state.get("window", 0) + 1, "cleanup": True})


connector = Connector(update=update, schema=schema)
