from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def read_page(state):
    offset = state["offset"]
    return [{"id": offset}], offset + 1


def update(configuration: dict, state: dict):
    if "offset" not in state:
        state["offset"] = 0
    rows, state["offset"] = read_page(state)
    for row in rows:
        op.upsert(table="items", data={**row, "key": configuration["api_key"]})
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
