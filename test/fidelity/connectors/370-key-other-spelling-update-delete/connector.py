# A declared key `userId` (INT) and `Order ID`, and updates and deletes written by another hand that spells the keys
# `user_id`, `UserID`, `order_id`.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [
        {"table": "users", "primary_key": ["userId"], "columns": {"userId": "INT", "score": "DOUBLE"}},
        {"table": "orders", "primary_key": ["Order ID"]},
    ]


def update(configuration: dict, state: dict):
    for i in range(1, 5):
        op.upsert("users", {"userId": i, "score": i / 2, "name": f"u{i}"})
        op.upsert("orders", {"Order ID": f"o{i}", "total": i * 10})
    op.checkpoint({"phase": 1})
    op.update("users", {"user_id": 1, "score": 9.5})
    op.update("users", {"UserID": 2, "name": "renamed"})
    op.delete("users", {"user_id": 3})
    op.update("orders", {"order_id": "o1", "total": 11})
    op.delete("orders", {"order_id": "o2"})
    op.upsert("users", {"USERID": 4, "score": "7"})
    op.checkpoint({"phase": 2})


connector = Connector(update=update, schema=schema)
