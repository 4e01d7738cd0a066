# Three runs: `audit_log` is declared from the first run but only written in the second (with a column schema() does
# not name); the third run no longer declares it and writes it again.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    tables = [{"table": "users", "primary_key": ["id"], "columns": {"id": "INT", "email": "STRING"}}]
    if RUN <= 2:
        tables.append({"table": "audit_log", "primary_key": ["id"],
                       "columns": {"id": "INT", "action": "STRING", "at": "NAIVE_DATETIME"}})
    return tables


def update(configuration, state):
    op.upsert("users", {"id": RUN, "email": f"u{RUN}@example.com"})
    if RUN == 2:
        op.upsert("audit_log", {"id": 1, "action": "login", "at": "2024-03-01 10:00:00", "ip": "10.0.0.1"})
    if RUN == 3:
        op.upsert("audit_log", {"id": 2, "action": "logout", "at": "2024-03-01 11:00:00", "ip": None})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
