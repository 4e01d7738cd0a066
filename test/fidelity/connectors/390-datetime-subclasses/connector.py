# pendulum/arrow-style datetime and date subclasses with their own __str__, isoformat() and __repr__, in declared
# UTC_DATETIME, NAIVE_DATETIME, NAIVE_DATE, STRING and JSON columns, inferred columns, a key-less table and the state.
from datetime import date, datetime, timedelta, timezone

from fivetran_connector_sdk import Connector, Operations as op


class DateTime(datetime):
    def __str__(self):
        return self.isoformat()

    def isoformat(self, sep="T", timespec="auto"):
        return super().isoformat(sep, timespec) + "[tz]"

    def __repr__(self):
        return f"DateTime({super().isoformat()})"


class Date(date):
    def __str__(self):
        return self.strftime("%d/%m/%Y")

    def __repr__(self):
        return f"Date({self.isoformat()})"


def schema(configuration: dict):
    return [{"table": "events", "primary_key": ["id"], "columns": {"utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME", "day": "NAIVE_DATE", "text": "STRING", "doc": "JSON"}}]


def update(configuration: dict, state: dict):
    aware = DateTime(2024, 5, 1, 12, 30, 15, 250000, tzinfo=timezone(timedelta(hours=2)))
    naive = DateTime(2024, 5, 1, 12, 30)
    day = Date(2024, 5, 1)
    n = 0
    for v in [aware, naive, day]:
        for col in ["utc", "naive", "day", "text", "doc", "inferred"]:
            n += 1
            try:
                op.upsert("events", {"id": n, col: v})
            except Exception as e:
                op.upsert("refusals", {"id": n, "col": col, "error": f"{type(e).__name__}: {e}"})
        try:
            op.upsert("keyless", {"at": v, "n": n})
        except Exception as e:
            op.upsert("refusals", {"id": 100 + n, "col": "keyless", "error": f"{type(e).__name__}: {e}"})
    try:
        op.checkpoint({"cursor": aware})
    except Exception as e:
        op.upsert("refusals", {"id": 999, "col": "state", "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"cursor": str(aware), "day": str(day)})


connector = Connector(update=update, schema=schema)
