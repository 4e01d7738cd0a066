# Names that normalise to the same name or differ only by case: tables "Users" (declared), "users" and "USERS"
# (undeclared, so key-less) meet in one table: the SDK fails the primary key change; columns "Amount"/"amount"/"AMOUNT"
# in one row, "a b"/"a_b"/"a.b" in separate rows, declared "Total" vs sent "total".
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "Users", "primary_key": ["Id"], "columns": {"Id": "INT", "Total": "DOUBLE"}}]


def update(configuration, state):
    op.upsert("Users", {"Id": 1, "Total": 1.5, "Amount": 1, "amount": 2, "AMOUNT": 3})
    op.upsert("users", {"id": 2, "total": "2.5", "a b": "x"})
    op.upsert("USERS", {"ID": 3, "a_b": "y", "Total": 3})
    op.upsert("Users", {"Id": 4, "a.b": "z"})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
