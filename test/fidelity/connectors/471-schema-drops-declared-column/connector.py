# Two runs. The first declares `score` as FLOAT and `note` as STRING; the second drops both from schema() and its rows
# send `score` as text ("n/a", "7.5") and `note` as a number: the columns are no longer declared.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    columns = {"id": "INT"}
    if RUN == 1:
        columns.update({"score": "FLOAT", "note": "STRING"})
    return [{"table": "reviews", "primary_key": ["id"], "columns": columns}]


def update(configuration, state):
    if RUN == 1:
        op.upsert("reviews", {"id": 1, "score": 4.25, "note": "good"})
        op.upsert("reviews", {"id": 2, "score": 3, "note": "ok"})
    else:
        op.upsert("reviews", {"id": 2, "score": "7.5", "note": 12})
        op.upsert("reviews", {"id": 3, "score": "n/a", "note": None})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
