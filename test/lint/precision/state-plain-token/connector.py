from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    token = state.get("access_token") or login(configuration["api_key"])
    op.upsert(table="items", data={"id": 1})
    op.checkpoint(state={"access_token": token})


def login(key):
    return "token-" + key


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
