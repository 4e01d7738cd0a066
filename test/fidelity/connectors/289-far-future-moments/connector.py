# Moments at the edges a newcomer meets with "never expires" sentinels: datetime.max, date.max, year 9999 with
# offsets that push past it once converted to UTC, zoneinfo-aware datetimes (a DST fold), in declared and inferred
# columns; each refusal caught and recorded.
import datetime
from zoneinfo import ZoneInfo
from fivetran_connector_sdk import Connector, Operations as op

NY = ZoneInfo("America/New_York")
MINUS5 = datetime.timezone(datetime.timedelta(hours=-5))
PLUS14 = datetime.timezone(datetime.timedelta(hours=14))


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"],
             "columns": {"id": "INT", "utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME", "day": "NAIVE_DATE"}}]


def update(configuration, state):
    values = [datetime.datetime.max, datetime.datetime.min, datetime.datetime(9999, 12, 31, 23, 0, tzinfo=MINUS5),
              datetime.datetime(1, 1, 1, 1, 0, tzinfo=PLUS14), datetime.datetime.max.replace(tzinfo=datetime.timezone.utc),
              datetime.datetime(2024, 11, 3, 1, 30, tzinfo=NY), datetime.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=NY),
              datetime.datetime(2024, 3, 10, 2, 30, tzinfo=NY), datetime.date.max, datetime.date.min,
              "9999-12-31T23:59:59.999999-05:00", "0001-01-01T00:00:00+14:00", "9999-12-31", "9999-12-31T23:59:59.9999999Z"]
    for i, v in enumerate(values):
        for col in ("utc", "naive", "day"):
            try:
                op.upsert("declared", {"id": i * 10 + len(col), col: v})
            except Exception as e:
                op.upsert("refused", {"id": i * 10 + len(col), "col": col, "error": type(e).__name__ + ": " + str(e)})
        try:
            op.upsert("inferred_%d" % i, {"id": i, "v": v})
        except Exception as e:
            op.upsert("refused", {"id": i, "col": "inferred", "error": type(e).__name__ + ": " + str(e)})
    op.checkpoint({"done": 1})


connector = Connector(update=update, schema=schema)
