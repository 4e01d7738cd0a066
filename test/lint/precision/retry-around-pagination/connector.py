from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import time


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    attempt = 0
    while attempt < 3:
        try:
            page = state.get("page", 1)
            while page:
                rows, page = fetch(configuration["api_key"], page)
                for row in rows:
                    op.upsert(table="items", data=row)
            break
        except ConnectionError:
            attempt += 1
            time.sleep(2 ** attempt)
    op.checkpoint(state={"page": 1})


def fetch(key, page):
    return [{"id": page, "key": key}], None


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
