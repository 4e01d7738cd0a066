from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    client = open_client(configuration["api_key"])
    try:
        for row in client.rows(state.get("cursor")):
            op.upsert(table="items", data=row)
        op.checkpoint(state={"cursor": client.cursor})
    finally:
        try:
            client.close()
        except Exception:
            pass


def open_client(key):
    raise NotImplementedError(key)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
