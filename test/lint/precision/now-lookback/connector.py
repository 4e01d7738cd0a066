from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
from datetime import datetime, timedelta


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    start = (datetime.now() - timedelta(days=7)).strftime("%Y-%m-%d")
    op.upsert(table="items", data={"id": 1, "key": configuration["api_key"], "start": start})
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
