# Two source columns that rename alike (userScore and user_score), one declared DOUBLE and one not, in one row and in
# rows of their own; float values whose 32-bit and 64-bit texts differ (0.1, 1/3, 1e-40).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "scores", "primary_key": ["id"], "columns": {"id": "INT", "userScore": "DOUBLE"}}]


def update(configuration, state):
    op.upsert("scores", {"id": 1, "userScore": 0.1, "user_score": 1 / 3})
    op.upsert("scores", {"id": 2, "user_score": 0.1, "userScore": 1 / 3})
    op.upsert("scores", {"id": 3, "user_score": 1e-40})
    op.upsert("scores", {"id": 4, "userScore": 1e-40})
    op.upsert("scores", {"id": 5, "User Score": 2.5, "userScore": None})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
