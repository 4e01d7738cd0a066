from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    for row in fetch(configuration["api_key"]):
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


def fetch(key):
    try:
        return call_api(key)
    except Exception:
        return []


def call_api(key):
    return [{"id": 1, "key": key}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
