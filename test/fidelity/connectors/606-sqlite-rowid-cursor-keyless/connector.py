# An append-only log table in SQLite without a primary key, read incrementally by its implicit rowid (SELECT rowid,
# *). The rowid is the state cursor; rows go to a key-less destination table (no schema entry) with the rowid left out,
# so equal rows are kept twice; a second table keeps the rowid as its key. The database is next to connector.py:
# each later run appends rows, including some equal to earlier ones, and a VACUUM-free DELETE leaves a rowid gap.
# The user also replays corrections: op.update and op.delete on the key-less table by whole row. Two runs.
import os
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

DB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "log.sqlite")


def play_source():
    new = not os.path.exists(DB)
    conn = sqlite3.connect(DB)
    if new:
        conn.execute("CREATE TABLE readings (sensor TEXT, value, unit TEXT, taken TEXT)")
        rows = [("s1", 20, "C", "2024-01-01"), ("s2", 20.0, "C", "2024-01-01"), ("s1", 20, "C", "2024-01-01"),
                ("s3", None, None, "2024-01-02"), ("s2", "21.5", "C", "2024-01-02"), ("s1", -3, "F", None),
                ("s4", 1e-7, "V", "2024-01-03"), ("s4", 10 ** 12, "V", "2024-01-03")]
        conn.executemany("INSERT INTO readings VALUES (?,?,?,?)", rows)
    else:
        conn.execute("DELETE FROM readings WHERE rowid = (SELECT max(rowid) FROM readings)")
        rows = [("s1", 20, "C", "2024-01-01"), ("s5", True, "bool", "2024-01-04"), ("s2", "", "C", "2024-01-04"),
                ("s6", 0.1 + 0.2, "C", "2024-01-05")]
        conn.executemany("INSERT INTO readings VALUES (?,?,?,?)", rows)
    conn.commit()
    return conn


def schema(configuration):
    return [{"table": "readings_by_rowid", "primary_key": ["rowid"], "columns": {"rowid": "LONG", "value": "STRING"}}]


def update(configuration, state):
    conn = play_source()
    cursor = state.get("rowid", 0)
    cur = conn.execute("SELECT rowid, * FROM readings WHERE rowid > ? ORDER BY rowid", (cursor,))
    names = [d[0] for d in cur.description]
    count = 0
    for values in cur:
        record = dict(zip(names, values))
        op.upsert("readings_by_rowid", record)
        rowid = record.pop("rowid")
        op.upsert("readings", record)
        cursor = rowid
        count += 1
        if count % 3 == 0:
            op.checkpoint({"rowid": cursor})
    if not state:
        op.update("readings", {"sensor": "s3", "value": None, "unit": None, "taken": "2024-01-02"})
        op.delete("readings", {"sensor": "s1", "value": -3, "unit": "F", "taken": None})
    else:
        op.delete("readings", {"sensor": "s1", "value": 20, "unit": "C", "taken": "2024-01-01"})
        op.update("readings", {"sensor": "s2", "value": 20.0, "unit": "K", "taken": "2024-01-01"})
        op.delete("readings_by_rowid", {"rowid": 3})
    op.checkpoint({"rowid": cursor, "seen": state.get("seen", 0) + count})
    log.info(f"{count} readings after rowid {state.get('rowid', 0)}")


connector = Connector(update=update, schema=schema)
