from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    page = 1
    while page:
        rows, page = fetch(configuration["api_key"], page)
        for row in rows:
            op.upsert(table="items", data=row)
    op.checkpoint(state={})


def fetch(key, page):
    return [{"id": page, "key": key}], None


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
