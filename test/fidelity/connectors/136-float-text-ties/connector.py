# Amounts like 2357719.25 in an undeclared column that also holds text: the core writes a Python float as Java's
# Float.toString, the shortest digits that read back as the same 32-bit float, rounding a tie half to even
# (2357719.2, not 2357719.3). In a text column, a JSON column and a key-less table.
from fivetran_connector_sdk import Connector, Operations as op

AMOUNTS = [2357719.25, -1531852.25, 162796.125, -36614.8125, 467570.625, 1865367.25, 0.5, 2.5, 1234567.5, 8388607.5]


def schema(configuration):
    return [{"table": "payments", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("payments", {"id": -1, "amount": "n/a", "doc": {"note": "first"}})
    for i, amount in enumerate(AMOUNTS):
        op.upsert("payments", {"id": i, "amount": amount, "doc": amount})
        op.upsert("ledger", {"amount": amount, "kind": "text" if i % 2 else "n/a"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
