# Three runs of an incremental sync whose cursor is a datetime kept as isoformat() text in the state, with microsecond
# and offset parts; each run parses it back with fromisoformat, adds an hour and writes rows stamped with it.
import datetime as dt

from fivetran_connector_sdk import Connector, Operations as op

START = dt.datetime(2024, 3, 31, 23, 30, 0, 500, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def schema(configuration):
    return [{"table": "ticks", "primary_key": ["at"], "columns": {"at": "UTC_DATETIME", "local": "NAIVE_DATETIME"}}]


def update(configuration, state):
    cursor = dt.datetime.fromisoformat(state["cursor"]) if "cursor" in state else START
    for _ in range(2):
        cursor += dt.timedelta(hours=1, microseconds=1)
        op.upsert("ticks", {"at": cursor, "local": cursor.replace(tzinfo=None), "iso": cursor.isoformat()})
    op.checkpoint({"cursor": cursor.isoformat(), "epoch": cursor.timestamp(), "ns": int(cursor.timestamp() * 1e9)})


connector = Connector(update=update)
