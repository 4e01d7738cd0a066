# A billing API read with json.loads(parse_float=Decimal), so amounts arrive as Decimals: in undeclared columns, in
# declared FLOAT, DOUBLE, LONG, STRING and JSON columns, nested in dicts, and the cursor in the state.
import json
from decimal import Decimal

from fivetran_connector_sdk import Connector, Operations as op

PAGE = """{"invoices": [
 {"id": 1, "amount": 12.50, "tax": 0.000001, "total": 1E+2, "fx": -0.0, "big": 12345678901234567890.123456789, "doc": {"lines": [1.10, 2.20]}},
 {"id": 2, "amount": 7, "tax": 1e-30, "total": 100.000, "fx": 3.14159265358979323846264338327950288, "big": 1.5e300, "doc": {"lines": []}},
 {"id": 3, "amount": 0.1, "tax": 5E-7, "total": 2.5E+20, "fx": 1.0, "big": 9.999999999999999e22, "doc": null}
], "next": 3.0}"""


def schema(configuration: dict):
    return [{"table": "typed", "primary_key": ["id"], "columns": {"amount": "FLOAT", "tax": "DOUBLE", "total": "LONG", "fx": "STRING", "doc": "JSON"}}]


def update(configuration: dict, state: dict):
    page = json.loads(PAGE, parse_float=Decimal)
    for inv in page["invoices"]:
        op.upsert("invoices", {k: v for k, v in inv.items() if k != "doc"})
        row = {"id": inv["id"], "amount": inv["amount"], "tax": inv["tax"], "fx": inv["fx"]}
        try:
            row["total"] = inv["total"]
            op.upsert("typed", row)
        except Exception as e:
            op.upsert("errors", {"id": inv["id"], "where": "total", "error": f"{type(e).__name__}: {e}"})
        try:
            op.upsert("typed", {"id": 10 + inv["id"], "doc": inv["doc"]})
        except Exception as e:
            op.upsert("errors", {"id": 10 + inv["id"], "where": "doc", "error": f"{type(e).__name__}: {e}"})
    try:
        op.checkpoint({"next": page["next"]})
    except Exception as e:
        op.upsert("errors", {"id": 99, "where": "state", "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"next": str(page["next"])})


connector = Connector(update=update, schema=schema)
