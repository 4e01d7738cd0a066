# Numbers and dates written in full-width and Arabic-Indic digits, as some APIs send them. Beside other text they are
# text; alone in a column the SDK's core reads them as numbers and dates (its patterns' \d is any Unicode digit,
# '٠١' has no ASCII leading zero), and DuckDB's load refuses them: the sync fails at the second checkpoint.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]}]


def update(configuration, state):
    for i, v in enumerate(["１２３", "abc", "٠١", "２０２４-01-01"]):
        op.upsert("mixed", {"id": i, "v": v})
    # A negative zero (or a float too small to be normal) becomes the core's "0.0", which loads.
    op.upsert("zeros", {"id": 0, "v": "-\u0660.\u0660"})
    op.upsert("zeros", {"id": 1, "v": "2.5"})
    op.checkpoint({"mixed": True})
    for i, (qty, price, day) in enumerate([("١٢", "１.５", "２０２４-01-01"), ("٠١", "2.5", "2024-01-02")]):
        op.upsert("orders", {"id": i, "qty": qty, "price": price, "day": day})
    op.checkpoint({"orders": True})


connector = Connector(update=update, schema=schema)
