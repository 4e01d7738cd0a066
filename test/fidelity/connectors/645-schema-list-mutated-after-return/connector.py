# schema() returns a module-level list of table entries that update() then changes: a column's type from DOUBLE to
# STRING, a key column appended to `primary_key`, a new entry appended, the `table` name of an entry changed. The
# SDK read the entries when schema() returned, so the rows follow what was declared then.
from fivetran_connector_sdk import Connector, Operations as op

TABLES = [
    {"table": "payments", "primary_key": ["id"], "columns": {"id": "INT", "amount": "DOUBLE", "paid": "BOOLEAN"}},
    {"table": "refunds", "primary_key": ["id"], "columns": {"id": "STRING", "at": "NAIVE_DATE"}},
]


def schema(configuration):
    return TABLES


def update(configuration, state):
    TABLES[0]["columns"]["amount"] = "STRING"
    TABLES[0]["columns"]["paid"] = "STRING"
    TABLES[0]["primary_key"].append("currency")
    TABLES[1]["table"] = "returns"
    TABLES[1]["columns"]["at"] = "UTC_DATETIME"
    TABLES.append({"table": "fees", "primary_key": ["code"], "columns": {"code": "INT"}})
    for i in range(1, 5):
        op.upsert("payments", {"id": str(i), "amount": f"{i}2.50", "paid": "1" if i % 2 else 0.0, "currency": "EUR"})
        op.upsert("refunds", {"id": i, "at": f"2024-04-0{i}"})
        op.upsert("fees", {"code": f"0{i}", "label": "fee"})
    op.upsert("payments", {"id": 9, "amount": 1.0, "paid": 1, "currency": "USD"})
    op.update("payments", {"id": "2", "amount": "0.10"})
    op.checkpoint({"tables": [t["table"] for t in TABLES]})


connector = Connector(update=update, schema=schema)
