# Generated names past any identifier limit: a 300-character table name, two 200-character column names that differ
# only at the end, one that differs at character 150, and a long non-ASCII name.
from fivetran_connector_sdk import Connector, Operations as op

BASE = "customer_lifetime_value_attribution_" * 10


def update(configuration, state):
    table = ("report_" + BASE)[:300]
    row = {"id": 1, BASE[:199] + "a": 1, BASE[:199] + "b": 2, BASE[:149] + "X" + BASE[150:200]: 3,
           "données_" * 30: "long é"}
    op.upsert(table, row)
    op.upsert(table[:250], {"id": 2})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
