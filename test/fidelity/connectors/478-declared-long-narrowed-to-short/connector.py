# Two runs: `views` declared LONG holds 100000 after the first run; the second declares it SHORT and upserts small
# values for other rows.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    return [{"table": "pages", "primary_key": ["slug"],
             "columns": {"slug": "STRING", "views": "LONG" if RUN == 1 else "SHORT"}}]


def update(configuration, state):
    if RUN == 1:
        op.upsert("pages", {"slug": "home", "views": 100000})
        op.upsert("pages", {"slug": "about", "views": 12})
    else:
        op.upsert("pages", {"slug": "about", "views": 13})
        op.upsert("pages", {"slug": "contact", "views": 2})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
