from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    try:
        rows = fetch(configuration["api_key"])
    except Exception as e:
        fail("fetching items", e)
    for row in rows:
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


def fail(what, error):
    log.severe(f"{what} failed")
    raise RuntimeError(f"{what} failed: {error}")


def fetch(key):
    return [{"id": 1, "key": key}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
