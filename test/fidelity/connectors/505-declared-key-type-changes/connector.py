# Three runs. The key column's declared type changes: `id` INT in run 1, STRING in run 2 (ids like "7" and "A-7"),
# and a second table keyed by a NAIVE_DATE day that becomes UTC_DATETIME, then a DECIMAL key whose scale grows in
# run 3. Rows of the earlier runs are upserted again with the new type's spelling of their key.
import datetime as dt

from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    return [
        {"table": "accounts", "primary_key": ["id"], "columns": {"id": "INT" if RUN == 1 else "STRING"}},
        {"table": "daily", "primary_key": ["day"], "columns": {"day": "NAIVE_DATE" if RUN == 1 else "UTC_DATETIME"}},
        {"table": "prices", "primary_key": ["price"],
         "columns": {"price": {"type": "DECIMAL", "precision": 6 + RUN, "scale": RUN}}},
    ]


def update(configuration, state):
    if RUN == 1:
        op.upsert("accounts", {"id": 7, "name": "seven"})
        op.upsert("accounts", {"id": 8, "name": "eight"})
        op.upsert("daily", {"day": "2024-04-01", "n": 1})
        op.upsert("prices", {"price": "9.5", "label": "nine fifty"})
    elif RUN == 2:
        op.upsert("accounts", {"id": "7", "name": "seven again"})
        op.upsert("accounts", {"id": "A-7", "name": "letter"})
        op.delete("accounts", {"id": "8"})
        op.upsert("daily", {"day": "2024-04-01T00:00:00Z", "n": 2})
        op.upsert("daily", {"day": dt.datetime(2024, 4, 1, 12, tzinfo=dt.timezone.utc), "n": 3})
        op.upsert("prices", {"price": "9.50", "label": "same price"})
    else:
        op.upsert("prices", {"price": "9.500", "label": "third spelling"})
        op.upsert("prices", {"price": "0.125", "label": "eighth"})
        op.update("accounts", {"id": "7", "name": "updated in run 3"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
