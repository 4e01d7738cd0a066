from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    rows = fetch(configuration["api_key"])
    count = str(len(rows))
    log.info(count)
    log.info(f"{len(rows)} rows")
    for row in rows:
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


def fetch(key):
    return [{"id": 1, "key": key}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
