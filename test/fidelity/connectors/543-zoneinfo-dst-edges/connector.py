# Event times from an API that reports local wall-clock times, made aware with zoneinfo: the spring-forward gap,
# both sides of the fall-back fold (fold=0 and fold=1), a naive fold=1, the ends of the datetime range with an
# offset, Lord Howe's half-hour DST; in UTC_DATETIME, NAIVE_DATETIME, NAIVE_DATE, STRING, JSON (refused) and
# undeclared columns, keyed and key-less; the cursor in the state is the last one's isoformat().
import datetime
from zoneinfo import ZoneInfo

from fivetran_connector_sdk import Connector, Operations as op

UTC = datetime.timezone.utc


def moments(zone):
    z = ZoneInfo(zone)
    lh = ZoneInfo("Australia/Lord_Howe")
    return [
        ("gap", datetime.datetime(2024, 3, 10, 2, 30, tzinfo=z)),
        ("gap_fold", datetime.datetime(2024, 3, 10, 2, 30, fold=1, tzinfo=z)),
        ("fold0", datetime.datetime(2024, 11, 3, 1, 30, tzinfo=z)),
        ("fold1", datetime.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=z)),
        ("fold1_us", datetime.datetime(2024, 11, 3, 1, 59, 59, 999999, fold=1, tzinfo=z)),
        ("naive_fold1", datetime.datetime(2024, 11, 3, 1, 30, fold=1)),
        ("lord_howe", datetime.datetime(2024, 4, 7, 1, 45, fold=1, tzinfo=lh)),
        ("midnight_local", datetime.datetime(2024, 12, 31, 23, 30, tzinfo=z)),
        ("max_west", datetime.datetime.max.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=-1)))),
        ("min_east", datetime.datetime.min.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=1)))),
        ("max_utc", datetime.datetime.max.replace(tzinfo=UTC)),
        ("from_ts", datetime.datetime.fromtimestamp(1730612400, tz=z)),
        ("astimezone", datetime.datetime(2024, 11, 3, 6, 30, tzinfo=UTC).astimezone(z)),
    ]


def update(configuration, state):
    outcomes = []
    last = None
    for name, when in moments(configuration["zone"]):
        for column in ("utc", "naive", "day", "text", "doc", "raw"):
            try:
                op.upsert("events", {"name": name + ":" + column, column: when})
                outcomes.append("ok")
            except Exception as e:
                outcomes.append("%s %s: %s: %s" % (name, column, type(e).__name__, e))
        try:
            op.upsert("by_time", {"at": when, "name": name})
            op.upsert("keyless", {"at": when, "name": name})
        except Exception as e:
            outcomes.append("%s key: %s: %s" % (name, type(e).__name__, e))
        last = when
    op.checkpoint({"cursor": last.isoformat(), "fold": last.fold})
    for i, o in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": o})


def schema(configuration):
    return [
        {"table": "events", "primary_key": ["name"],
         "columns": {"utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME", "day": "NAIVE_DATE", "text": "STRING", "doc": "JSON"}},
        {"table": "by_time", "primary_key": ["at"]},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
