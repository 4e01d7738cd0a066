from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import requests


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    response = requests.get("https://api.example.com/items", headers={"Authorization": configuration["api_key"]})
    response.raise_for_status()
    for row in response.json():
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
