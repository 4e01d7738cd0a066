# Two runs: `code` is declared INT in the first (rows 1, 2), STRING in the second, whose rows send "A-17" and "0042".
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    return [{"table": "parts", "primary_key": ["id"],
             "columns": {"id": "LONG", "code": "INT" if RUN == 1 else "STRING", "weight": "DOUBLE"}}]


def update(configuration, state):
    if RUN == 1:
        op.upsert("parts", {"id": 1, "code": 17, "weight": 1.5})
        op.upsert("parts", {"id": 2, "code": "42", "weight": 2})
    else:
        op.upsert("parts", {"id": 3, "code": "A-17", "weight": 0.25})
        op.upsert("parts", {"id": 2, "code": "0042"})
        op.update("parts", {"id": 1, "weight": None})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
