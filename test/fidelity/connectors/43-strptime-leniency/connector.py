# What Python's strptime accepts: a lower-case t, surrounding whitespace, one-digit fields, a space separator.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"], "columns": {"id": "INT", "utc": "UTC_DATETIME", "naive": "NAIVE_DATETIME",
                                                               "day": "NAIVE_DATE"}}]


def update(configuration, state):
    rows = [
        {"utc": "2024-01-01t10:00:00Z", "naive": "2024-01-01t10:00:00", "day": "2024-1-5"},
        {"utc": "  2024-01-01T10:00:00+00:00\n", "naive": "\t2024-01-01 10:00:00 ", "day": "2024-01-05"},
        {"utc": "2024-1-2T3:4:5Z", "naive": "2024-1-2T3:4:5.25", "day": "2024-12-31"},
        {"utc": "2024-01-01 10:00:00.5+01:00", "naive": "2024-01-01T10:00:00.123456", "day": "0999-01-01"},
        {"utc": "2024-01-01T10:00:00.1234567Z", "naive": None, "day": None},
        {"utc": None, "naive": "2024-01-01T24:00:00", "day": None},
        {"utc": None, "naive": None, "day": " 2024-01-05"},
    ]
    for i, row in enumerate(rows):
        try:
            op.upsert("t", dict(row, id=i))
        except ValueError as e:
            log.info("refused %d" % i)
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
