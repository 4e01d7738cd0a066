# A CRM connector whose warehouse is first made with `fivetran debug --naming source` (run 1): its camelCase,
# spaced and accented names are kept as sent. Run 2 asks for nothing (the SDK warns and keeps source naming), run 3
# asks for Fivetran naming (ignored the same way). A source schema, a key-less table, updates and deletes.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [
        {"table": "CustomerAccounts", "primary_key": ["accountId"], "columns": {"accountId": "INT", "createdAt": "UTC_DATETIME", "Credit Limit": "DOUBLE"}},
        {"table": "orderLines", "primary_key": ["orderId", "lineNo"]},
        {"table": "Audit Log"},
    ]


def update(configuration: dict, state: dict):
    run = state.get("run", 0) + 1
    for i in range(1, 4):
        op.upsert("CustomerAccounts", {"accountId": i, "firstName": "Ann%d" % i, "Last Name": "Lee", "e-mail": "a%d@x.io" % i,
                                       "createdAt": "2024-05-0%dT10:00:00Z" % i, "Credit Limit": 100.5 * i, "Ünïcode": "ü", "1stPlace": i == 1})
        op.upsert("orderLines", {"orderId": "SO-%d" % run, "lineNo": i, "SKU": "sku_%d" % i, "qtyOrdered": i * run})
    op.upsert("Audit Log", {"eventType": "sync", "Run": run, "_internalNote": "r%d" % run})
    op.upsert("Pipeline Stages", {"stageName": "Won", "Probability": 1.0}, schema="SalesOps")
    op.checkpoint({"run": run})
    op.update("CustomerAccounts", {"accountId": 2, "firstName": "Bea", "newField%d" % run: run})
    op.delete("orderLines", {"orderId": "SO-%d" % run, "lineNo": 3})
    op.delete("Audit Log", {"eventType": "sync", "Run": run, "_internalNote": "r%d" % run})
    op.checkpoint({"run": run})


connector = Connector(update=update, schema=schema)
