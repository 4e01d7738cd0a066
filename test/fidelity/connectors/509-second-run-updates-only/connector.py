# Three runs. Run 1 upserts `accounts` and declares `settings` without writing it. Run 2 adds declared columns
# `status` and `tier` to accounts and only updates and deletes (a new undeclared column too), and updates, deletes
# and truncates the never-written `settings`. Run 3 upserts settings, then deletes one of its rows and updates another.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    accounts = {"id": "INT", "name": "STRING"}
    if RUN >= 2:
        accounts.update({"status": "STRING", "tier": "INT"})
    return [{"table": "accounts", "primary_key": ["id"], "columns": accounts},
            {"table": "settings", "primary_key": ["key"], "columns": {"key": "STRING", "value": "STRING"}}]


def update(configuration, state):
    if RUN == 1:
        for i in range(1, 4):
            op.upsert("accounts", {"id": i, "name": f"acct {i}"})
    elif RUN == 2:
        op.update("accounts", {"id": 1, "status": "active"})
        op.update("accounts", {"id": 2, "tier": 3, "region": "eu"})
        op.delete("accounts", {"id": 3})
        op.update("settings", {"key": "theme", "value": "dark"})
        op.delete("settings", {"key": "theme"})
        op.truncate("settings")
    else:
        op.upsert("settings", {"key": "theme", "value": "light"})
        op.upsert("settings", {"key": "lang", "value": "en"})
        op.checkpoint({"run": RUN, "step": 1})
        op.delete("settings", {"key": "theme"})
        op.update("settings", {"key": "lang", "value": "", "note": "n"})
        op.update("accounts", {"id": 2, "status": ""})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
