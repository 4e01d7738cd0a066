# An API that returns both camelCase and snake_case spellings of a field, one of them null, in either order; and a
# keyed table whose rows carry both `id` and `ID` (different values), upserted, updated and deleted.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration: dict):
    return [{"table": "accounts", "primary_key": ["id"]}]


def update(configuration: dict, state: dict):
    op.upsert("users", {"id": 1, "userName": None, "user_name": "ann"})
    op.upsert("users", {"id": 2, "user_name": "bob", "userName": None})
    op.upsert("users", {"id": 3, "userName": "cy", "user_name": None})
    op.upsert("users", {"id": 4, "user_name": None, "userName": "dee"})
    op.upsert("accounts", {"id": 1, "ID": 100, "name": "a"})
    op.upsert("accounts", {"ID": 200, "id": 2, "name": "b"})
    op.checkpoint({"phase": 1})
    op.update("users", {"id": 1, "userName": "ann2", "user_name": None})
    op.update("accounts", {"id": 1, "ID": 101, "name": "a2"})
    op.delete("accounts", {"ID": 200, "id": 2})
    op.checkpoint({"phase": 2})


connector = Connector(update=update, schema=schema)
