from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    cursor = state.get("cursor")
    while True:
        page = fetch(configuration["api_key"], cursor)
        for row in page["items"]:
            op.upsert(table="items", data=row)
        cursor = page.get("next")
        if not cursor:
            break
    op.checkpoint(state={"cursor": cursor})


def fetch(key, cursor):
    return {"items": [{"id": 1, "key": key}], "next": None}


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
