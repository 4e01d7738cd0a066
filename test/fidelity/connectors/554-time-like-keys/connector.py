# A timetable keyed by (day, slot) as Python objects: date, time (naive, with microseconds, aware), timedelta
# durations and datetimes (naive, aware, fold=1) as undeclared primary-key columns; then updated and deleted by the
# same objects and by the text they show as; key-less rows of the same values.
import datetime
from zoneinfo import ZoneInfo

from fivetran_connector_sdk import Connector, Operations as op

CET = datetime.timezone(datetime.timedelta(hours=1), "CET")
NY = ZoneInfo("America/New_York")
DAYS = [datetime.date(2024, 1, 2), datetime.date(999, 12, 31)]
SLOTS = [datetime.time(9, 0), datetime.time(9, 0, 0, 500), datetime.time(23, 59, 59, 999999),
         datetime.time(12, 0, tzinfo=CET), datetime.time(0, 0)]
DURATIONS = [datetime.timedelta(minutes=30), datetime.timedelta(days=2, hours=1), datetime.timedelta(seconds=-1),
             datetime.timedelta(microseconds=1), datetime.timedelta(0)]
MOMENTS = [datetime.datetime(2024, 1, 2, 9, 0), datetime.datetime(2024, 1, 2, 9, 0, tzinfo=CET),
           datetime.datetime(2024, 11, 3, 1, 30, tzinfo=NY), datetime.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=NY),
           datetime.datetime(2024, 1, 2, 8, 0, tzinfo=datetime.timezone.utc)]


def update(configuration, state):
    n = 0
    for day in DAYS:
        for slot in SLOTS:
            n += 1
            op.upsert("timetable", {"day": day, "slot": slot, "n": n})
    for i, d in enumerate(DURATIONS):
        op.upsert("durations", {"length": d, "n": i})
        op.upsert("keyless", {"value": d, "kind": "duration"})
    for i, m in enumerate(MOMENTS):
        op.upsert("moments", {"at": m, "n": i})
        op.upsert("keyless", {"value": m, "kind": "moment"})
    op.checkpoint({"n": n})
    op.update("timetable", {"day": "2024-01-02", "slot": "09:00:00", "note": "by text"})
    op.update("timetable", {"day": DAYS[1], "slot": SLOTS[3], "note": "by objects"})
    op.delete("timetable", {"day": DAYS[0], "slot": "23:59:59.999999"})
    op.update("durations", {"length": "0:30:00", "note": "by text"})
    op.delete("durations", {"length": datetime.timedelta(seconds=-1)})
    op.update("moments", {"at": "2024-01-02 09:00:00+01:00", "note": "by text"})
    op.update("moments", {"at": MOMENTS[3], "note": "fold=1"})
    op.delete("moments", {"at": MOMENTS[4]})
    op.checkpoint({"n": n, "done": True})


def schema(configuration):
    return [
        {"table": "timetable", "primary_key": ["day", "slot"]},
        {"table": "durations", "primary_key": ["length"]},
        {"table": "moments", "primary_key": ["at"]},
    ]


connector = Connector(update=update, schema=schema)
