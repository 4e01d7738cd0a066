# A composite key whose two parts Fivetran's naming turns into one name (`accountId` and `account_id`), declared
# with different types, next to a key whose parts are only listed in `primary_key` (no types) in another order than
# the rows send them, and a key part spelled `Tenant` in `primary_key` and `tenant` in `columns`.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "ledger", "primary_key": ["version", "entry_id"], "columns": {"amount": "DOUBLE"}},
        {"table": "members", "primary_key": ["Tenant", "id"], "columns": {"tenant": "STRING", "id": "INT", "name": "STRING"}},
        {"table": "accounts", "primary_key": ["accountId", "account_id"], "columns": {"accountId": "INT", "account_id": "STRING"}},
    ]


def update(configuration, state):
    for i in range(1, 5):
        op.upsert("ledger", {"entry_id": i, "version": i % 2, "amount": i * 1.5})
    op.update("ledger", {"version": 1, "entry_id": 3, "amount": 0})
    op.delete("ledger", {"entry_id": 2, "version": 0})
    op.checkpoint({"step": "ledger"})
    for i in range(1, 4):
        op.upsert("members", {"Tenant": "t1", "tenant": f"x{i}", "id": i, "name": f"m{i}"})
    op.checkpoint({"step": "members"})
    op.upsert("accounts", {"accountId": 1, "account_id": "A-1", "name": "first"})
    op.upsert("accounts", {"account_id": "A-2", "accountId": 2, "name": "second"})
    op.checkpoint({"step": "accounts"})


connector = Connector(update=update, schema=schema)
