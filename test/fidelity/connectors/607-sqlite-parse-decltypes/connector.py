# SQLite opened with detect_types=PARSE_DECLTYPES | PARSE_COLNAMES: columns declared `timestamp` and `date` come back
# as datetime and date objects (Python 3.11's default converters), a `[timestamp]` alias converts a text column, and the
# user registers converters of their own: BOOLEAN (b"1" -> True), DECIMAL (-> decimal.Decimal), JSON (-> dict). The
# values go to declared NAIVE_DATETIME, UTC_DATETIME, NAIVE_DATE, DECIMAL, BOOLEAN and JSON columns and to undeclared
# ones; a Decimal refused by the DECIMAL column is caught and sent as text.
import datetime
import decimal
import json
import sqlite3

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

sqlite3.register_converter("BOOLEAN", lambda b: b == b"1")
sqlite3.register_converter("DECIMAL", lambda b: decimal.Decimal(b.decode()))
sqlite3.register_converter("JSON", lambda b: json.loads(b))
sqlite3.register_adapter(decimal.Decimal, str)
sqlite3.register_adapter(dict, json.dumps)


def source():
    conn = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    conn.execute(
        "CREATE TABLE shipments (id INTEGER PRIMARY KEY, created timestamp, due date, shipped timestamp, "
        "paid BOOLEAN, total DECIMAL(10,2), meta JSON, created_text TEXT)"
    )
    rows = [
        (1, datetime.datetime(2024, 3, 1, 9, 30), datetime.date(2024, 3, 5), datetime.datetime(2024, 3, 2, 10, 0, 0, 250000),
         True, decimal.Decimal("19.90"), {"carrier": "ups", "boxes": 2}, "2024-03-01 09:30:00"),
        (2, datetime.datetime(2023, 12, 31, 23, 59, 59, 999999), datetime.date(2024, 1, 1), None, False,
         decimal.Decimal("0.00"), {"carrier": None}, "2023-12-31 23:59:59.999999"),
        (3, datetime.datetime(1999, 1, 1), datetime.date(1999, 1, 1), datetime.datetime(2000, 2, 29, 12, 0, 0, 1000),
         None, decimal.Decimal("1E+3"), {"weights": [1.5, 2, "3"]}, "1999-01-01 00:00:00"),
        (4, None, None, None, True, decimal.Decimal("-12.345"), {}, None),
        (5, datetime.datetime(2024, 6, 30, 0, 0, 0, 500), datetime.date(2024, 2, 29), datetime.datetime(2024, 7, 1),
         False, decimal.Decimal("99999999.99"), {"nested": {"deep": [True, None]}}, "2024-06-30 00:00:00.000500"),
    ]
    conn.executemany("INSERT INTO shipments VALUES (?,?,?,?,?,?,?,?)", rows)
    conn.commit()
    return conn


def schema(configuration):
    return [
        {
            "table": "shipments",
            "primary_key": ["id"],
            "columns": {"created": "NAIVE_DATETIME", "shipped": "UTC_DATETIME", "due": "NAIVE_DATE",
                        "total": {"type": "DECIMAL", "precision": 12, "scale": 3}, "paid": "BOOLEAN", "meta": "JSON"},
        }
    ]


def update(configuration, state):
    conn = source()
    conn.row_factory = sqlite3.Row
    for row in conn.execute('SELECT *, created_text AS "parsed [timestamp]", due AS due_copy, total AS total_copy FROM shipments'):
        record = dict(row)
        log.info(f"{record['id']}: {sorted((k, type(v).__name__) for k, v in record.items())}")
        try:
            op.upsert("shipments", record)
        except TypeError as e:
            log.warning(f"shipment {record['id']}: {e}")
            record["total"] = str(record["total"])
            op.upsert("shipments", record)
    op.checkpoint({"through": max(r[0] for r in conn.execute("SELECT created FROM shipments WHERE created IS NOT NULL")).isoformat()})
    latest = conn.execute("SELECT max(created) AS \"m [timestamp]\" FROM shipments").fetchone()["m"]
    op.upsert("sync_log", {"id": 1, "latest": latest, "latest_date": latest.date(), "as_text": str(latest)})
    op.checkpoint({"latest": latest.isoformat(sep=" ")})


connector = Connector(update=update, schema=schema)
