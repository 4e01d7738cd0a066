# schema() returns a different kind of collection each run: a tuple built from a list whose entries share one
# `columns` dict and one `primary_key` list, mutated after the entries were made (so every table gets the extra
# column); then a dict's `.values()` view; then a `filter` object over a list, with an entry removed from the list
# after the filter was made (the filter reads the list lazily, while the SDK iterates it).
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


def schema(configuration):
    names = configuration["tables"].split(",")
    if RUN == 1:
        columns = {"id": "LONG"}
        key = ["id"]
        entries = [{"table": t, "primary_key": key, "columns": columns} for t in names]
        columns["updated"] = "UTC_DATETIME"
        key.append("part")
        entries[0]["columns"]["note"] = "STRING"
        return tuple(entries)
    if RUN == 2:
        return {t: {"table": t, "primary_key": ["id"], "columns": {"id": "STRING", "updated": "NAIVE_DATETIME"}} for t in names}.values()
    entries = [{"table": t, "primary_key": ["id", "part"], "columns": {"id": "LONG", "part": "INT"}} for t in names]
    lazy = filter(lambda e: not e["table"].startswith("e"), entries)
    entries.pop(0)
    entries.append({"table": "late", "columns": {"x": "INT"}})
    return lazy


def update(configuration, state):
    # Run 3 writes only what its schema() declared (orders and late): a table left out would be key-less now.
    names = configuration["tables"].split(",") + ["late"] if RUN < 3 else ["orders", "late"]
    for t in names:
        for i in range(3):
            op.upsert(t, {"id": i + 10 * RUN, "part": i % 2, "updated": f"2024-0{RUN}-0{i + 1}T00:00:00" + ("Z" if RUN == 1 else ""), "note": f"run {RUN}",
                          "x": i})
        op.checkpoint({"run": RUN, "table": t})


connector = Connector(update=update, schema=schema)
