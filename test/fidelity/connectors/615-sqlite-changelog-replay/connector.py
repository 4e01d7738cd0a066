# Change data capture from SQLite triggers: every INSERT, UPDATE and DELETE on `accounts` writes a row to
# `changes` (seq, op, id, and the new row as json_object()). The sync replays the changes after the saved seq:
# inserts as upserts, updates as op.update with only the columns that changed, deletes as op.delete; a key-less
# `balances_history` table gets every new row too, and its rows are deleted by whole row on deletes. A checkpoint
# every `batch` changes. The database is next to connector.py; each run first plays more source activity. Two runs.
import json
import os
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

DB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "accounts.sqlite")

SETUP = """
CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT, balance NUMERIC, opened TEXT, flags TEXT);
CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT, id INTEGER, data TEXT);
CREATE TRIGGER ai AFTER INSERT ON accounts BEGIN
  INSERT INTO changes (op, id, data) VALUES ('I', NEW.id, json_object('id', NEW.id, 'owner', NEW.owner,
    'balance', NEW.balance, 'opened', NEW.opened, 'flags', json(NEW.flags)));
END;
CREATE TRIGGER au AFTER UPDATE ON accounts BEGIN
  INSERT INTO changes (op, id, data) VALUES ('U', NEW.id, json_object('id', NEW.id, 'owner', NEW.owner,
    'balance', NEW.balance, 'opened', NEW.opened, 'flags', json(NEW.flags), 'old_balance', OLD.balance));
END;
CREATE TRIGGER ad AFTER DELETE ON accounts BEGIN
  INSERT INTO changes (op, id, data) VALUES ('D', OLD.id, json_object('id', OLD.id, 'balance', OLD.balance));
END;
"""


def play_source():
    new = not os.path.exists(DB)
    conn = sqlite3.connect(DB)
    if new:
        conn.executescript(SETUP)
        conn.executemany("INSERT INTO accounts VALUES (?,?,?,?,?)", [
            (1, "ann", "100.50", "2024-01-01", '["vip"]'), (2, "bob", 0, "2024-01-02", "[]"),
            (3, "cy", "1e2", None, None), (4, "di", -5.25, "2024-01-04", '{"tier": 2}'),
        ])
        conn.execute("UPDATE accounts SET balance = balance + 10 WHERE id IN (1, 2)")
        conn.execute("DELETE FROM accounts WHERE id = 3")
        conn.execute("UPDATE accounts SET owner = 'Ann B.', flags = '[\"vip\", \"new\"]' WHERE id = 1")
    else:
        conn.execute("INSERT INTO accounts VALUES (3, 'cy again', 7, '2024-02-01', '[]')")
        conn.execute("UPDATE accounts SET balance = 'frozen' WHERE id = 4")
        conn.execute("DELETE FROM accounts WHERE id = 2")
        conn.execute("INSERT INTO accounts VALUES (5, NULL, 0.1, '2024-02-02', 'null')")
        conn.execute("UPDATE accounts SET balance = 2.5 WHERE id = 5")
    conn.commit()
    return conn


def schema(configuration):
    return [{"table": "accounts", "primary_key": ["id"], "columns": {"id": "LONG", "flags": "JSON", "opened": "NAIVE_DATE"}}]


def update(configuration, state):
    batch = int(configuration["batch"])
    conn = play_source()
    seq = state.get("seq", 0)
    previous = state.get("last_rows", {})
    changes = conn.execute("SELECT seq, op, id, data FROM changes WHERE seq > ? ORDER BY seq", (seq,)).fetchall()
    for n, (seq, kind, rid, data) in enumerate(changes, 1):
        row = json.loads(data)
        if kind == "I":
            op.upsert("accounts", row)
            op.upsert("balances_history", {"account": rid, "balance": row["balance"], "seq": seq})
        elif kind == "U":
            old = previous.get(str(rid), {})
            changed = {k: v for k, v in row.items() if k != "old_balance" and old.get(k) != v}
            changed["id"] = rid
            op.update("accounts", changed)
            if row["balance"] != row["old_balance"]:
                op.upsert("balances_history", {"account": rid, "balance": row["balance"], "seq": seq})
        else:
            op.delete("accounts", {"id": rid})
            op.delete("balances_history", {"account": rid, "balance": row["balance"], "seq": None})
        if kind != "D":
            previous[str(rid)] = {k: v for k, v in row.items() if k != "old_balance"}
        if n % batch == 0:
            op.checkpoint({"seq": seq, "last_rows": previous})
    op.checkpoint({"seq": seq, "last_rows": previous, "changes": state.get("changes", 0) + len(changes)})
    log.info(f"{len(changes)} changes replayed")


connector = Connector(update=update, schema=schema)
