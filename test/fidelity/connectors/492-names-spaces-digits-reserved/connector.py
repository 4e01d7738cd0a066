# Names a spreadsheet export gives: leading digits, spaces, dashes, dots, reserved SQL words, symbols only, and two
# that rename alike ("order id" and "order-id"). Declared for some tables, not others.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "2024 Sales", "primary_key": ["order id"],
             "columns": {"order id": "INT", "1st quarter": "DOUBLE", "select": "STRING"}}]


def update(configuration, state):
    op.upsert("2024 Sales", {"order id": 1, "order-id": 2, "1st quarter": 1.5, "select": "x", "from": "y",
                             "e-mail.address": "a@b", "%": 5, "___": "under", "$$": "cash"})
    op.upsert("order", {"group": 1, "table": "t", "user": "u", "Order": "O"})
    op.upsert("123", {"456": 1, "7 8": 2})
    op.upsert("  padded  ", {" a ": 1, "a": 2})
    op.checkpoint({"ok": True})


connector = Connector(update=update, schema=schema)
