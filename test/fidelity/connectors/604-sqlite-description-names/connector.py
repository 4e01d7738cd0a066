# A report query over a SQLite database, whose column names come from cursor.description: a JOIN that returns `id`
# twice, aliases with spaces and mixed case ("Order Total", "CustomerName", "customername"), expressions left without
# an alias (count(*), upper(c.name), o.amount * 2, a CASE), a quoted name with a dot. dict(zip(names, row)) keeps the
# last of two equal names; the user also builds a second table keeping every position ("id", "id_2"). A second pass
# with tidied names has an empty alias (`AS ""`), an empty column name: the warehouse refuses it at the checkpoint.
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

SQL = """
SELECT o.id, c.id, c.name AS CustomerName, lower(c.name) AS customername, o.amount AS "Order Total",
       o.amount * 2, upper(c.name), count(*) OVER (PARTITION BY c.id), o.placed_at AS "placed.at",
       CASE WHEN o.amount > 20 THEN 'big' ELSE NULL END, o.note, o.qty AS "QTY", o.qty + 0.5 AS qty
FROM orders o JOIN customers c ON c.id = o.customer_id
ORDER BY o.id
"""


def source():
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
        INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus');
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL, placed_at TEXT, note TEXT,
                             qty INTEGER);
        INSERT INTO orders VALUES (100, 1, 12.5, '2024-02-01', 'first', 1), (101, 1, 30, '2024-02-03', NULL, 2),
                                  (102, 2, 19.99, '2024-02-03T08:00:00', '', 3), (103, 3, 0, NULL, 'zero', NULL),
                                  (104, 2, 21, '2024-02-29 23:59:59', 'leap', 10);
        """
    )
    return conn


def schema(configuration):
    return [
        {"table": "order_report", "primary_key": ["id"], "columns": {"Order Total": {"type": "DECIMAL", "precision": 10, "scale": 2}, "customername": "STRING"}},
        {"table": "order_report_positions", "primary_key": ["id"]},
    ]


def update(configuration, state):
    conn = source()
    cur = conn.execute(SQL)
    names = [d[0] for d in cur.description]
    log.info(f"columns: {names}")
    positions = []
    seen = {}
    for name in names:
        base = name or "unnamed"
        seen[base] = seen.get(base, 0) + 1
        positions.append(base if seen[base] == 1 else f"{base}_{seen[base]}")
    for values in cur.fetchall():
        record = dict(zip(names, values))
        if record["Order Total"] is not None and not isinstance(record["Order Total"], str):
            record["Order Total"] = str(record["Order Total"])
        op.upsert("order_report", record)
        op.upsert("order_report_positions", dict(zip(positions, values)))
    op.checkpoint({"rows": len(names)})
    # Lower-cased names on the second pass, as a user tidying names would; the note's alias was left empty there.
    cur = conn.execute(SQL.replace("o.note,", 'o.note AS "",') + " LIMIT 2")
    tidy = [d[0].strip().lower().replace(" ", "_") for d in cur.description]
    for values in cur:
        op.upsert("order_report_tidy", dict(zip(tidy, values)))
    op.checkpoint({"rows": len(names), "tidy": True})


connector = Connector(update=update, schema=schema)
