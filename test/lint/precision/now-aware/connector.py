from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
from datetime import datetime, timezone


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    op.upsert(table="items", data={"id": 1, "key": configuration["api_key"]})
    op.checkpoint(state={"cursor": datetime.now(timezone.utc).isoformat()})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
