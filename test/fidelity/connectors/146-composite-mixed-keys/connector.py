# Composite primary keys of mixed types: str + int, int + date string (declared NAIVE_DATE and undeclared), with
# updates and deletes naming the key as written, and a key whose parts look alike ("1", 1).
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "by_day", "primary_key": ["shop", "day"], "columns": {"shop": "INT", "day": "NAIVE_DATE"}},
            {"table": "by_code", "primary_key": ["code", "n"], "columns": {"code": "STRING", "n": "INT"}}]


def update(configuration, state):
    for day in ("2024-01-01", "2024-01-02"):
        for shop in (1, 2):
            op.upsert("by_day", {"shop": shop, "day": day, "sales": shop * 10})
            op.upsert("loose_day", {"shop": shop, "day": day, "sales": shop * 10})
    op.upsert("by_code", {"code": "1", "n": 1, "v": "a"})
    op.upsert("by_code", {"code": "01", "n": 1, "v": "b"})
    op.upsert("by_code", {"code": 1, "n": "1", "v": "c"})
    op.checkpoint({"step": 1})
    op.update("by_day", {"shop": 1, "day": "2024-01-01", "sales": 0})
    op.delete("by_day", {"shop": 2, "day": "2024-01-02"})
    op.update("loose_day", {"shop": 1, "day": "2024-01-01", "note": "updated"})
    op.delete("loose_day", {"shop": 2, "day": "2024-01-02"})
    op.delete("by_code", {"code": "01", "n": 1})
    op.update("by_code", {"code": "1", "n": "1", "v": "updated"})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
