# A user who edits schema() between runs and keeps the columns in an order that reads well: run 2 inserts new
# declared columns at the start and in the middle of the `columns` dict, and rows list their keys in yet another
# order; run 3 removes a declared column from the middle and lists the rest reversed, then writes a row with a column
# that was never declared in between two declared ones.
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))

COLUMNS = {
    1: {"id": "INT", "name": "STRING", "email": "STRING", "score": "DOUBLE"},
    2: {"tenant": "STRING", "id": "INT", "name": "STRING", "signup_date": "NAIVE_DATE", "email": "STRING",
        "score": "DOUBLE", "is_admin": "BOOLEAN"},
    3: {"is_admin": "BOOLEAN", "score": "DOUBLE", "email": "STRING", "name": "STRING", "id": "INT", "tenant": "STRING"},
}


def schema(configuration):
    return [{"table": "users", "primary_key": ["id"], "columns": COLUMNS[RUN]}]


def update(configuration, state):
    if RUN == 1:
        for i in range(1, 4):
            op.upsert("users", {"score": i / 4, "email": f"u{i}@example.com", "id": i, "name": f"user {i}"})
    elif RUN == 2:
        op.upsert("users", {"is_admin": True, "email": "u4@example.com", "signup_date": "2024-02-29", "id": 4,
                            "tenant": "acme", "name": "user 4", "score": 1})
        op.update("users", {"id": 1, "signup_date": "2023-12-31", "tenant": "acme"})
    else:
        op.upsert("users", {"id": 5, "name": "user 5", "nickname": "five", "email": "u5@example.com",
                            "signup_date": "2024-03-01", "tenant": None, "last_login": "2024-03-02T10:00:00"})
        op.update("users", {"id": 2, "is_admin": False, "nickname": "two"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
