from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"], "columns": {"id": "INT", "name": "STRING", "price": "FLOAT"}}]


def update(configuration: dict, state: dict):
    op.upsert(table="items", data={"id": 1, "name": configuration["api_key"], "price": 1.5})
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
