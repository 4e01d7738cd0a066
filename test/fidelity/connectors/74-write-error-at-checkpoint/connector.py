# A column with an empty name: DuckDB refuses it when the checkpoint writes the row, inside update().
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("items", {"id": 1, "": "blank"})
    op.checkpoint({"page": 1})


connector = Connector(update=update)
