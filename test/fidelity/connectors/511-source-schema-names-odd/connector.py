# Source schema names an agent derives from API regions: "Sales-EU" and "sales_eu" (one destination schema),
# "" and None in schema() entries and op calls, a schema named like the default, digits first, non-ASCII. Each op
# call's refusal is caught and kept in `refused`.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "orders", "schema": "Sales-EU", "primary_key": ["id"], "columns": {"id": "INT"}},
        {"table": "Orders", "schema": "sales_eu", "primary_key": ["id"]},
        {"table": "orders", "schema": None, "primary_key": ["id"]},
        {"table": "refused", "primary_key": ["n"]},
    ]


def update(configuration, state):
    calls = [("orders", {"id": 1, "src": "Sales-EU"}, "Sales-EU"), ("Orders", {"id": 2, "src": "sales_eu"}, "sales_eu"),
             ("orders", {"id": 3, "src": "none"}, None), ("orders", {"id": 4, "src": "empty"}, ""),
             ("orders", {"id": 5, "src": "tester"}, "tester"), ("orders", {"id": 6, "src": "2024"}, "2024 Q1"),
             ("orders", {"id": 7, "src": "zürich"}, "Zürich Büro"), ("orders", {"id": 8, "src": "space"}, " "),
             ("orders", {"id": 9, "src": "int"}, 5)]
    for n, (table, row, source_schema) in enumerate(calls):
        try:
            op.upsert(table, row, schema=source_schema)
        except Exception as e:
            op.upsert("refused", {"n": n, "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"ok": True})


connector = Connector(update=update, schema=schema)
