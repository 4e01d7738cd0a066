# An inferred key column gets 4,200 datetimes, then the same times as ISO text, then a word, in one checkpoint (the
# datetimes are written early, past 4,096 operations). The word makes the column text, so "2024-01-01T00:00:00"
# and the datetime's "2024-01-01 00:00:00" are two keys: 8,401 rows.
import datetime

from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "events", "primary_key": ["at"]}]


def update(configuration, state):
    base = datetime.datetime(2024, 1, 1)
    for i in range(4200):
        op.upsert("events", {"at": base + datetime.timedelta(minutes=i), "v": "datetime"})
    for i in range(4200):
        op.upsert("events", {"at": (base + datetime.timedelta(minutes=i)).isoformat(), "v": "iso text"})
    op.upsert("events", {"at": "yesterday", "v": "word"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
