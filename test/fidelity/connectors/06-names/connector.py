# Table and column names that Fivetran renames: camelCase, dotted, spaced, accented, with digits, and SQL reserved words.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "userData", "primary_key": ["userId"], "columns": {"userId": "INT", "firstName": "STRING"}},
        {"table": "order", "primary_key": ["select"], "columns": {"select": "INT"}},
    ]


def update(configuration, state):
    for i in range(4):
        op.upsert("userData", {"userId": i, "firstName": f"n{i}", "lastName": f"l{i}", "HTTPServer": "x", "camelCaseID": i})
        op.upsert("order", {"select": i, "group": f"g{i}", "desc": i % 2 == 0, "from": "here", "table": 1})
        op.upsert("user.events", {"event.type": "click", "Some Column": i, "order2Items": i * 2, "a1b2": "m", "$price": i})
        op.upsert("Order Items", {"Item Name": f"item {i}", "1st_col": i, "_private": True, "col__x": "y", "Café": "crème"})
        op.upsert("__leading", {"__x": i, "UPPER": "U", "mixedCASEName": "m"})
    op.checkpoint({"names": 4})


connector = Connector(update=update, schema=schema)
