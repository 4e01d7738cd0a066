# A first attempt at a SQLite connector: rows from `conn.row_factory = sqlite3.Row` look like dicts (row["id"] and
# row.keys() work), so the user hands them straight to op.upsert. The first call fails; the user catches it, logs
# the message and converts with dict(row) (or zip over cursor.description) from then on. The last table's loop was
# left unconverted and not caught: the sync ends on that call after two checkpoints.
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def source():
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """
        CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, score REAL, active INTEGER);
        INSERT INTO users VALUES (1, 'a@example.com', 1.5, 1), (2, 'b@example.com', NULL, 0),
                                 (3, NULL, 2, 1), (4, 'd@example.com', -0.25, NULL);
        CREATE TABLE teams (team_id INTEGER, name TEXT, size INTEGER);
        INSERT INTO teams VALUES (10, 'red', 3), (11, 'blue', NULL), (12, '', 0);
        CREATE TABLE audit (at TEXT, what TEXT);
        INSERT INTO audit VALUES ('2024-05-01 10:00:00', 'login'), ('2024-05-01 10:05:00', 'logout');
        """
    )
    conn.row_factory = sqlite3.Row
    return conn


def schema(configuration):
    return [
        {"table": "users", "primary_key": ["id"], "columns": {"id": "LONG", "score": "FLOAT", "active": "BOOLEAN"}},
        {"table": "teams", "primary_key": ["team_id"]},
    ]


def update(configuration, state):
    conn = source()
    for row in conn.execute("SELECT * FROM users ORDER BY id"):
        try:
            op.upsert("users", row)
        except Exception as e:
            log.warning(f"users row {row['id']} as sqlite3.Row: {type(e).__name__}: {e}")
            op.upsert("users", dict(row))
    op.checkpoint({"users": "done"})

    cur = conn.execute("SELECT * FROM teams ORDER BY team_id")
    names = [d[0] for d in cur.description]
    for row in cur:
        try:
            op.upsert("teams", {"team_id": row["team_id"], "raw": tuple(row), "keys": row.keys()})
        except Exception as e:
            log.warning(f"teams row {row[0]}: {type(e).__name__}: {e}")
        op.upsert("teams", dict(zip(names, row)))
    try:
        op.delete("teams", conn.execute("SELECT team_id FROM teams WHERE team_id = 12").fetchone())
    except Exception as e:
        log.warning(f"delete with a Row: {type(e).__name__}: {e}")
    op.delete("teams", {"team_id": 12})
    op.checkpoint({"users": "done", "teams": "done"})

    for row in conn.execute("SELECT * FROM audit"):
        op.upsert("audit", row)
    op.checkpoint({"users": "done", "teams": "done", "audit": "done"})


connector = Connector(update=update, schema=schema)
