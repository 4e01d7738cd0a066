from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    for row in fetch(configuration["api_key"]):
        try:
            op.upsert(table="items", data=row)
        except Exception as e:
            log.severe(f"could not write {row['id']}: {e}")
    op.checkpoint(state=state)


def fetch(key):
    return [{"id": 1, "key": key}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
