# A small inventory database in SQLite, built in a temp dir at run time and read with sqlite3.Row. SQLite's column
# affinities turn what was inserted into other types: '12' into an INTEGER column comes back as 12, '3.0' into NUMERIC
# as 3, '1.50' as 1.5, 'n/a' into INTEGER stays text, 7 into REAL comes back 7.0, and a column with no type keeps
# whatever it was given. Rows go out as dict(row) to a declared table (some columns typed) and to an undeclared one.
# A `restocks` table keyed by a TEXT PRIMARY KEY, which SQLite lets be NULL: a row with a NULL sku and text in its
# INT-declared qty is refused for the qty (ValueError, caught and skipped), not for the key.
import os
import sqlite3
import tempfile

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

ROWS = [
    (1, "Widget", "12", "3.0", 7, "1.50", b"\x00\x01", "x"),
    (2, "Gadget", 40, "2.25", "8.5", 3, None, 12),
    (3, "Gizmo", "n/a", "abc", "", "1e3", b"", 4.0),
    (4, "Doohickey", " 15", "0010", "9", "-0", "blob as text", None),
    (5, "Thing", 9223372036854775807, "1.0e2", "1e308", "0.1", b"\xff\xfe", "2024-01-05"),
    (6, "Ünïcode", None, None, None, None, None, ""),
    (7, "Spaces ", "  ", "5 ", 2.5, "-12", b"abc", 1),
    (8, "Big", "123456789012345678901", "12345678901234567890.5", "-1", "100", b"\x10", 2.0),
]


def build(path):
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, weight NUMERIC, price REAL, "
        "ratio DECIMAL(10,2), image BLOB, misc)"
    )
    conn.executemany("INSERT INTO items VALUES (?,?,?,?,?,?,?,?)", ROWS)
    conn.execute("CREATE TABLE restocks (sku TEXT PRIMARY KEY, qty INTEGER, at TEXT)")
    conn.executemany("INSERT INTO restocks VALUES (?,?,?)", [
        ("A1", 5, "2024-01-01"), (None, "n/a", "2024-01-02"), ("A2", "7", None), ("A3", "lots", "2024-01-03"),
        ("A4", 2.0, "2024-01-04"),
    ])
    conn.commit()
    return conn


def schema(configuration):
    return [
        {"table": "restocks", "primary_key": ["sku"], "columns": {"qty": "INT"}},
        {
            "table": "items",
            "primary_key": ["id"],
            "columns": {"id": "INT", "name": "STRING", "price": "DOUBLE", "image": "BINARY"},
        }
    ]


def update(configuration, state):
    with tempfile.TemporaryDirectory() as tmp:
        conn = build(os.path.join(tmp, "inventory.db"))
        conn.row_factory = sqlite3.Row
        for row in conn.execute("SELECT * FROM items ORDER BY id"):
            record = dict(row)
            kinds = {k: type(v).__name__ for k, v in record.items()}
            log.info(f"item {record['id']}: {kinds}")
            if isinstance(record["image"], str):
                record["image"] = record["image"].encode()
            try:
                op.upsert("items", record)
            except Exception as e:
                log.warning(f"item {record['id']} refused: {type(e).__name__}: {e}")
                record["price"] = None
                op.upsert("items", record)
            raw = {k: row[k] for k in row.keys() if k != "image"}
            raw["typeof_qty"] = conn.execute("SELECT typeof(qty) FROM items WHERE id = ?", (row["id"],)).fetchone()[0]
            op.upsert("items_raw", raw)
        op.checkpoint({"loaded": conn.execute("SELECT count(*) FROM items").fetchone()[0]})
        for row in conn.execute("SELECT * FROM restocks ORDER BY rowid"):
            try:
                op.upsert("restocks", dict(row))
            except ValueError as e:
                log.warning(f"restock {row['sku']} skipped: {e}")
        op.checkpoint({"loaded": 8, "restocks": True})
        conn.close()


connector = Connector(update=update, schema=schema)
