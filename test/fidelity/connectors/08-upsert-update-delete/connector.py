# upsert, update and delete on a keyed table, including update and delete of keys that were never written,
# a re-upsert that revives a deleted row, and an upsert that leaves columns out.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {
            "table": "accounts",
            "primary_key": ["region", "id"],
            "columns": {"region": "STRING", "id": "INT", "name": "STRING", "balance": {"type": "DECIMAL", "precision": 9, "scale": 2}},
        }
    ]


def update(configuration, state):
    for i in range(10):
        op.upsert("accounts", {"region": "eu" if i % 2 else "us", "id": i, "name": f"acct {i}", "balance": f"{i * 10}.00", "note": "first"})
    op.checkpoint({"step": 1})
    op.update("accounts", {"region": "us", "id": 0, "balance": "5.55"})
    op.update("accounts", {"region": "eu", "id": 1, "name": None})
    op.update("accounts", {"region": "us", "id": 999, "name": "never written"})
    op.delete("accounts", {"region": "eu", "id": 3})
    op.delete("accounts", {"region": "us", "id": 998})
    op.delete("accounts", {"region": "us", "id": 4})
    op.upsert("accounts", {"region": "us", "id": 4, "name": "revived"})
    op.upsert("accounts", {"region": "us", "id": 6, "name": "partial"})
    op.checkpoint({"step": 2})
    # Operations on one key inside one checkpoint window: the last one wins.
    op.upsert("accounts", {"region": "eu", "id": 7, "name": "v1", "balance": "1.00"})
    op.update("accounts", {"region": "eu", "id": 7, "name": "v2"})
    op.delete("accounts", {"region": "eu", "id": 7})
    op.update("accounts", {"region": "eu", "id": 9, "note": "updated note"})
    op.checkpoint({"step": 3})


connector = Connector(update=update, schema=schema)
