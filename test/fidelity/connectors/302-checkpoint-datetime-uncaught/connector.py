# A newcomer keeps the cursor as a datetime object in the state: rows of two tables, a first checkpoint whose
# state holds a string, more rows, then op.checkpoint() of a state holding datetime.now()-style objects, not caught.
import datetime
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    for i in range(3):
        op.upsert("events", {"id": i, "at": datetime.datetime(2024, 1, 1 + i, 12, 0)})
    op.checkpoint({"cursor": "2024-01-03T12:00:00"})
    for i in range(3, 6):
        op.upsert("events", {"id": i, "at": datetime.datetime(2024, 1, 1 + i, 12, 0)})
        op.upsert("pages", {"page": i})
    op.update("events", {"id": 0, "at": None})
    op.delete("events", {"id": 1})
    op.checkpoint({"cursor": datetime.datetime(2024, 1, 6, 12, 0), "pages": [3, 4, 5]})
    op.upsert("events", {"id": 99})


connector = Connector(update=update)
