from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import time


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    tries = 0
    while True:
        try:
            for row in fetch(configuration["api_key"], state.get("cursor")):
                op.upsert(table="items", data=row)
            break
        except TimeoutError:
            tries += 1
            if tries > 4:
                raise
            time.sleep(tries)
    op.checkpoint(state={"cursor": "done"})


def fetch(key, cursor):
    return [{"id": 1, "key": key, "cursor": cursor}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
