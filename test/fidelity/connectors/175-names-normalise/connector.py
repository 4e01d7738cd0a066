# Table and column names that need normalising: spaces, dots, dashes, leading digits, reserved words, emoji,
# camelCase with acronyms, trailing underscores, only symbols, a 300-character name, tabs and newlines.
from fivetran_connector_sdk import Connector, Operations as op

LONG = "Very Long Column Name " * 14


def update(configuration, state):
    row = {"select": 1, "order": 2, "1st place": 3, "2": 4, "a.b.c": 5, "x-y-z": 6, "price $": 7, "🎉party": 8,
           "HTTPRequestID": 9, "trailing__": 10, "$$$": 11, "tab\there": 12, "new\nline": 13, LONG: 14,
           "ÄÖÜ ß": 15, "日本語": 16, "_": 17, "__": 18, " padded ": 19, "camel2Case3D": 20}
    op.upsert("select", row)
    op.upsert("2024 Sales.Q1", {"id": 1, "Order": "x"})
    op.upsert("🎉 events", {"id": 1})
    op.upsert(LONG + "table", {"id": 1})
    op.upsert("from-here", {"id": 1})
    op.checkpoint({})


connector = Connector(update=update)
