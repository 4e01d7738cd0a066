from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import hashlib


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    digest = hashlib.sha256(configuration["api_key"].encode()).hexdigest()
    if state.get("api_key_hash") != digest:
        state = {}
    op.upsert(table="items", data={"id": 1})
    state["api_key_hash"] = digest
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
