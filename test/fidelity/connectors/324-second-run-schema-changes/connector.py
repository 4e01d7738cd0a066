# Five runs; from the second on, schema() differs from the first's: `customers` gains two declared columns (one
# its rows never send) and loses one; `orders` drops a key column (["id", "line"] -> ["id"]); `legacy` and
# `archive` (created empty in the first run) are no longer declared. The third run writes a row with a new column
# to `legacy`, undeclared now, so key-less: the sync fails at the checkpoint (a null `_fivetran_id` under the new
# key). The fourth keys `orders` by `line` alone, which its rows repeat (duplicate rows); the fifth drops the key of
# `tags`: both fail the same way. runs.txt beside connector.py counts the runs (written at import).
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    if RUN == 1:
        return [
            {"table": "customers", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING", "fax": "STRING"}},
            {"table": "orders", "primary_key": ["id", "line"], "columns": {"id": "INT", "line": "INT", "qty": "INT"}},
            {"table": "tags", "primary_key": ["tag"]},
            {"table": "legacy", "primary_key": ["code"], "columns": {"code": "STRING", "value": "DOUBLE"}},
            {"table": "archive", "primary_key": ["id"], "columns": {"id": "INT"}},
        ]
    return [
        {"table": "orders", "primary_key": ["line"] if RUN == 4 else ["id"], "columns": {"id": "INT", "qty": "INT"}},
        {"table": "customers", "primary_key": ["id"],
         "columns": {"id": "INT", "name": "STRING", "tier": "STRING", "signup": "NAIVE_DATE"}},
        {"table": "tags"} if RUN == 5 else {"table": "tags", "primary_key": ["tag"]},
    ]


def update(configuration, state):
    log.info(f"run {RUN}")
    if RUN == 1:
        for i in range(1, 4):
            op.upsert("customers", {"id": i, "name": f"c{i}", "fax": f"555-{i}"})
            op.upsert("orders", {"id": 10 + i, "line": 1, "qty": i})
            op.upsert("tags", {"tag": f"t{i}", "color": "red"})
        op.upsert("legacy", {"code": "A", "value": 1.5})
    elif RUN == 2:
        op.upsert("customers", {"id": 2, "name": "c2 again", "tier": "gold", "signup": "2024-02-29"})
        op.upsert("customers", {"id": 4, "name": "c4", "fax": "555-4"})
        op.upsert("orders", {"id": 11, "line": 9, "qty": 99})
        op.upsert("orders", {"id": 14, "qty": 1})
        op.upsert("tags", {"tag": "t1", "color": "blue"})
    elif RUN == 3:
        op.upsert("legacy", {"code": "B", "value": "n/a", "extra": True})
    elif RUN == 4:
        op.upsert("orders", {"id": 20, "line": 2, "qty": 5})
    else:
        op.upsert("tags", {"tag": "t9", "color": "green"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
