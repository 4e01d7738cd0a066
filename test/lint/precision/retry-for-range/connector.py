from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import time


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    for attempt in range(3):
        try:
            for row in fetch(configuration["api_key"], state.get("cursor")):
                op.upsert(table="items", data=row)
            break
        except ConnectionError:
            time.sleep(2 ** attempt)
    op.checkpoint(state={"cursor": "x"})


def fetch(key, cursor):
    return [{"id": 1, "key": key, "cursor": cursor}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
