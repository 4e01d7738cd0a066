from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "group", "primary_key": ["id"]}, {"table": "order", "primary_key": ["id"]}, {"table": "select", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    op.upsert(table="group", data={"id": 1, "key": configuration["api_key"]})
    op.upsert(table="order", data={"id": 1})
    op.upsert(table="select", data={"id": 1})
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
