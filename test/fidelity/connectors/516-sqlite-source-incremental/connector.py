# Two runs of a database connector reading a local SQLite file (the source, made beside connector.py on the first
# import and changed before the second): rows come as sqlite3.Row, with INTEGER, REAL, TEXT dates, BLOB and NULL; an
# `updated_at` cursor in state; deleted rows come from a tombstone table.
import os
import sqlite3

from fivetran_connector_sdk import Connector, Operations as op

DB = os.path.join(os.path.dirname(os.path.abspath(__file__)), "source.sqlite")
fresh = not os.path.exists(DB)
con = sqlite3.connect(DB)
if fresh:
    con.executescript("""
        CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT, price REAL, qty INTEGER, thumb BLOB,
                               created DATE, updated_at TEXT);
        CREATE TABLE tombstones (id INTEGER, deleted_at TEXT);
    """)
    con.executemany("INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?)", [
        (1, "Widget", 9.99, 3, b"\x89PNG\r\n", "2023-01-05", "2024-01-01 10:00:00"),
        (2, "Gadget", 19.5, None, None, "2023-02-10", "2024-01-01 11:00:00"),
        (3, "Gizmo ünïcode", 0.1 + 0.2, 2 ** 62, b"", "2023-03-15", "2024-01-01 12:00:00"),
    ])
else:
    con.execute("UPDATE products SET price = 10.49, updated_at = '2024-02-01 09:00:00' WHERE id = 1")
    con.execute("INSERT INTO products VALUES (4, 'Doohickey', 5, 1, x'00ff', '2023-04-01', '2024-02-01 09:30:00')")
    con.execute("DELETE FROM products WHERE id = 2")
    con.execute("INSERT INTO tombstones VALUES (2, '2024-02-01 09:15:00')")
con.commit()
con.close()


def schema(configuration):
    return [{"table": "products", "primary_key": ["id"],
             "columns": {"id": "LONG", "price": "DOUBLE", "thumb": "BINARY", "created": "NAIVE_DATE",
                         "updated_at": "NAIVE_DATETIME"}}]


def update(configuration, state):
    cursor = state.get("cursor", "1970-01-01 00:00:00")
    con = sqlite3.connect(DB)
    con.row_factory = sqlite3.Row
    newest = cursor
    for row in con.execute("SELECT * FROM products WHERE updated_at > ? ORDER BY updated_at", (cursor,)):
        op.upsert("products", dict(row))
        newest = max(newest, row["updated_at"])
    for row in con.execute("SELECT id, deleted_at FROM tombstones WHERE deleted_at > ?", (cursor,)):
        op.delete("products", {"id": row["id"]})
        newest = max(newest, row["deleted_at"])
    con.close()
    op.checkpoint({"cursor": newest})


connector = Connector(update=update, schema=schema)
