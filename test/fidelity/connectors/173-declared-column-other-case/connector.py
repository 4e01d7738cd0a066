# Declared columns sent with another case or spelling: "userId" declared INT, rows send "userid", "UserId",
# "user_id" and "USER ID" with text values; which declaration applies, and how they merge into one column.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "people", "primary_key": ["id"], "columns": {"id": "INT", "userId": "INT", "createdAt": "NAIVE_DATE"}},
    ]


def update(configuration, state):
    op.upsert("people", {"id": 1, "userId": "7", "createdAt": "2024-01-02"})
    op.upsert("people", {"id": 2, "userid": "8", "created_at": "2024-01-03"})
    op.upsert("people", {"id": 3, "UserId": "9", "CreatedAt": "2024-01-05"})
    op.upsert("people", {"id": 4, "user_id": "10", "Created At": "2024-01-04T05:06:07"})
    op.upsert("people", {"id": 5, "USER ID": 11.5})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
