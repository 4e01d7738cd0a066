# Per-table settings (page size, cursor field, key) from a JSON object in configuration.json, and a state keyed by
# table with a nested cursor ({"cursor": {"field": ..., "value": ..., "tiebreak": ...}, "pages": n}). Each
# checkpoint rebuilds the state in a different key order (reversed, sorted, by insertion), so the bytes of
# files/state.json show the order kept; run 2 reads it back, continues, and adds a table.
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))


def settings(configuration):
    return json.loads(configuration["tables"])


def source(table, n):
    for i in range(1, n + 1):
        if table == "tickets":
            yield {"id": i, "updated_at": f"2024-01-{i:02d}T00:00:00Z", "subject": f"t{i}"}
        elif table == "ticket_comments":
            yield {"ticket_id": (i + 1) // 2, "seq": i, "created": 1700000000 + i * 60, "body": "x" * i}
        elif table == "tags":
            yield {"id": i, "name": f"tag-{i}", "color": None if i % 2 else "red"}
        else:
            yield {"policy.id": f"P{i}", "version": i / 2, "target": {"hours": i}}


def schema(configuration):
    return [{"table": t, "primary_key": s["key"]} for t, s in settings(configuration).items()]


def reorder(state, step):
    tables = list(state["tables"].items())
    if step % 3 == 0:
        tables.reverse()
    elif step % 3 == 1:
        tables.sort()
    inner = {}
    for name, entry in tables:
        entry = dict(reversed(list(entry.items()))) if step % 2 else entry
        entry["cursor"] = dict(sorted(entry["cursor"].items(), reverse=step % 2 == 0))
        inner[name] = entry
    return {"tables": inner, "step": step} if step % 2 else {"step": step, "tables": inner}


def update(configuration, state):
    state.setdefault("tables", {})
    step = state.get("step", 0)
    for table, s in settings(configuration).items():
        entry = state["tables"].setdefault(table, {"pages": 0, "cursor": {"field": s["cursor"], "value": None}})
        rows = [r for r in source(table, 6 * RUN) if entry["cursor"]["value"] is None or r[s["cursor"]] > entry["cursor"]["value"]]
        for start in range(0, len(rows), s["page_size"]):
            page = rows[start:start + s["page_size"]]
            for row in page:
                op.upsert(table, row)
            entry["pages"] += 1
            entry["cursor"]["value"] = page[-1][s["cursor"]]
            entry["cursor"]["tiebreak"] = [page[-1][k] for k in s["key"]]
            step += 1
            state = reorder(state, step)
            entry = state["tables"][table]
            op.checkpoint(state)
    op.upsert("state_seen", {"run": RUN, "keys": list(state), "tables": list(state["tables"])})


connector = Connector(update=update, schema=schema)
