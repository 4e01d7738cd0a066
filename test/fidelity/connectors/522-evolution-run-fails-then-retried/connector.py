# Three runs. Run 1 loads `tickets`. Run 2 is the author's schema change (a new declared column, a type widened from
# INT to DOUBLE, a key widened from INT to STRING in `tags`, a new table) with many rows, and fails on the API's error
# before its first checkpoint: nothing of it may stay. Run 3 is the same change, and succeeds.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    if RUN == 1:
        return [{"table": "tickets", "primary_key": ["id"], "columns": {"id": "INT", "hours": "INT"}},
                {"table": "tags", "primary_key": ["tag"], "columns": {"tag": "INT"}}]
    return [{"table": "tickets", "primary_key": ["id"], "columns": {"id": "INT", "hours": "DOUBLE", "sla": "NAIVE_DATE"}},
            {"table": "tags", "primary_key": ["tag"], "columns": {"tag": "STRING"}},
            {"table": "escalations", "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    if RUN == 1:
        for i in range(1, 6):
            op.upsert("tickets", {"id": i, "hours": i * 2, "title": f"t{i}"})
            op.upsert("tags", {"tag": i, "label": f"l{i}"})
        op.checkpoint({"run": RUN})
        return
    for i in range(1, 9):
        op.upsert("tickets", {"id": i, "hours": i * 1.5, "sla": f"2024-05-0{i}", "priority": "high"})
        op.upsert("tags", {"tag": f"T{i}", "label": f"new {i}"})
        op.update("tickets", {"id": i, "title": f"edited {i}"})
        op.upsert("escalations", {"id": i, "level": i % 3})
    op.delete("tags", {"tag": "1"})
    if RUN == 2:
        raise RuntimeError("API returned 502 Bad Gateway on page 3")
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
