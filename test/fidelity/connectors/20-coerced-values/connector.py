# Values a declared type converts: aware datetimes in NAIVE_DATETIME, naive ones in UTC_DATETIME, dates in
# datetime columns, decimals wider than declared, an out-of-range DECIMAL declaration, and strings of numbers.
import datetime

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {
            "table": "coerced",
            "primary_key": ["id"],
            "columns": {
                "id": "INT",
                "naive": "NAIVE_DATETIME",
                "utc": "UTC_DATETIME",
                "day": "NAIVE_DATE",
                "narrow": {"type": "DECIMAL", "precision": 4, "scale": 2},
                "odd": {"type": "DECIMAL", "precision": 50, "scale": 60},
                "flag": "BOOLEAN",
                "n": "DOUBLE",
            },
        }
    ]


def update(configuration, state):
    tz = datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))
    rows = [
        {"id": 1, "naive": datetime.datetime(2024, 3, 1, 12, 0, tzinfo=tz), "utc": datetime.datetime(2024, 3, 1, 12, 0),
         "day": datetime.datetime(2024, 3, 1, 23, 59), "narrow": "12.345", "odd": "1.5", "flag": 1, "n": "3"},
        {"id": 2, "naive": datetime.date(2024, 3, 2), "utc": datetime.date(2024, 3, 2), "day": "2024-03-02",
         "narrow": "123.4", "odd": 7, "flag": 0.0, "n": 7},
        {"id": 3, "naive": "2024-03-03 04:05:06.789", "utc": "2024-03-03 04:05:06.789-08:00", "day": datetime.date(2024, 3, 3),
         "narrow": "-99.99", "odd": "-0", "flag": "1", "n": True},
    ]
    for row in rows:
        op.upsert("coerced", row)
    op.checkpoint({"coerced": 3})


connector = Connector(update=update, schema=schema)
