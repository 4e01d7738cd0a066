from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    token = state.get("next_page_token")
    rows, token = fetch(configuration["api_key"], token)
    for row in rows:
        op.upsert(table="items", data=row)
    op.checkpoint(state={"next_page_token": token})


def fetch(key, token):
    return [{"id": 1, "key": key}], token


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
