# Tickets in SQLite with `updated_at` stored as TEXT, written by several apps in different shapes: '2024-01-02
# 03:04:05', '2024-01-02T03:04:05Z', '2024-01-02T03:04:05.120+02:00', '2024-01-03'. The sync reads
# `WHERE updated_at > ?` comparing text and keeps the largest text seen as the state cursor; values go out as they
# are (inferred), and also parsed with datetime.fromisoformat into a declared UTC_DATETIME column when they parse.
# The database is next to connector.py; the second run edits and adds tickets, one with a cursor that sorts before
# the saved one as text though it is later in time. Two runs.
import datetime
import os
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

DB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tickets.sqlite")


def play_source():
    new = not os.path.exists(DB)
    conn = sqlite3.connect(DB)
    if new:
        conn.execute("CREATE TABLE tickets (id TEXT PRIMARY KEY, status TEXT, updated_at TEXT, due TEXT, hours)")
        conn.executemany("INSERT INTO tickets VALUES (?,?,?,?,?)", [
            ("T-1", "open", "2024-01-02 03:04:05", "2024-01-10", 1),
            ("T-2", "open", "2024-01-02T03:04:05Z", "2024-01-11", 2.5),
            ("T-3", "closed", "2024-01-02T03:04:05.120+02:00", None, "3"),
            ("T-4", "open", "2024-01-03", "tomorrow", None),
            ("T-5", "open", "2023-12-31 23:59:59", "2024-01-01", 0),
            ("T-6", "pending", "2024-01-05 10:00:00.5", "2024-02-30", -1),
            ("T-7", "open", "2024-01-05T10:00:00+00:00", "2024-01-15", 1e3),
        ])
    else:
        conn.execute("UPDATE tickets SET status = 'closed', updated_at = '2024-02-01 08:00:00' WHERE id = 'T-1'")
        conn.execute("UPDATE tickets SET hours = 'n/a', updated_at = '2024-02-01T09:00:00Z' WHERE id = 'T-2'")
        conn.executemany("INSERT INTO tickets VALUES (?,?,?,?,?)", [
            ("T-8", "open", "2024-02-02 00:00:00", "2024-03-01", 4),
            ("T-9", "open", "2024-1-9 00:00:00", "2024-03-01", 5),
        ])
    conn.commit()
    return conn


def parse(text):
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)


def schema(configuration):
    return [{"table": "tickets", "primary_key": ["id"], "columns": {"updated_parsed": "UTC_DATETIME", "due": "NAIVE_DATE"}}]


def update(configuration, state):
    conn = play_source()
    conn.row_factory = sqlite3.Row
    cursor = state.get("updated_at", configuration["start"])
    rows = conn.execute("SELECT * FROM tickets WHERE updated_at > ? ORDER BY updated_at, id", (cursor,)).fetchall()
    for n, row in enumerate(rows, 1):
        record = dict(row)
        record["updated_parsed"] = parse(record["updated_at"])
        try:
            op.upsert("tickets", record)
        except ValueError as e:
            log.warning(f"{record['id']}: due {record['due']!r} refused: {e}")
            record["due_text"] = record.pop("due")
            op.upsert("tickets", record)
        cursor = max(cursor, record["updated_at"])
        if n % 3 == 0:
            op.checkpoint({"updated_at": cursor})
    op.checkpoint({"updated_at": cursor, "runs": state.get("runs", 0) + 1})
    log.info(f"{len(rows)} tickets, cursor {cursor}")


connector = Connector(update=update, schema=schema)
