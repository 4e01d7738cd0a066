from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import json


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    for raw in fetch(configuration["api_key"]):
        try:
            row = json.loads(raw)
        except Exception:
            pass
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


def fetch(key):
    return [key]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
