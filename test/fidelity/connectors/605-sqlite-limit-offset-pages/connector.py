# Pages of a SQLite table read with LIMIT/OFFSET, a checkpoint after each page holding the offset. The database file
# lives next to connector.py: the first run creates it with 13 events; each later run first plays the source's side
# (appends events, edits one already loaded, deletes one) and then syncs from the saved offset. Offset paging misses
# the edit and shifts past the deleted row, as it does in real life; the deleted id is also reported from a
# tombstones table. Two runs.
import json
import os
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

DB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "events.sqlite")


def play_source():
    new = not os.path.exists(DB)
    conn = sqlite3.connect(DB)
    if new:
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT, amount, payload TEXT)")
        conn.execute("CREATE TABLE tombstones (id INTEGER, gone_at TEXT)")
        for i in range(13):
            amount = i * 10 if i % 3 else i + 0.5
            payload = json.dumps({"n": i, "tags": ["a"] * (i % 3)}) if i % 4 else None
            conn.execute("INSERT INTO events (kind, amount, payload) VALUES (?, ?, ?)", (f"k{i % 4}", amount, payload))
    else:
        conn.execute("UPDATE events SET amount = 'refunded' WHERE id = 2")
        conn.execute("DELETE FROM events WHERE id = 5")
        conn.execute("INSERT INTO tombstones VALUES (5, '2024-06-01')")
        for i in range(6):
            conn.execute("INSERT INTO events (kind, amount, payload) VALUES (?, ?, ?)",
                         ("late" if i % 2 else "k9", str(i * 1.25), json.dumps([i, None])))
    conn.commit()
    return conn


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"], "columns": {"payload": "JSON"}}]


def update(configuration, state):
    size = int(configuration["page_size"])
    conn = play_source()
    conn.row_factory = sqlite3.Row
    offset = state.get("offset", 0)
    pages = 0
    while True:
        rows = conn.execute("SELECT * FROM events ORDER BY id LIMIT ? OFFSET ?", (size, offset)).fetchall()
        if not rows:
            break
        for row in rows:
            record = dict(row)
            if record["payload"] is not None:
                record["payload"] = json.loads(record["payload"])
            op.upsert("events", record)
        offset += len(rows)
        pages += 1
        op.checkpoint({"offset": offset, "pages": state.get("pages", 0) + pages, "last_id": rows[-1]["id"]})
    for row in conn.execute("SELECT id, gone_at FROM tombstones"):
        op.delete("events", {"id": row["id"]})
        op.upsert("tombstones", dict(row))
    op.checkpoint({"offset": offset, "pages": state.get("pages", 0) + pages, "tombstones": True})
    log.info(f"{pages} pages, offset now {offset}")
    conn.close()


connector = Connector(update=update, schema=schema)
