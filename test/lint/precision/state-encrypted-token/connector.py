from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
from cryptography.fernet import Fernet


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    fernet = Fernet(configuration["api_key"])
    token = get_token(configuration)
    state["encrypted_token"] = fernet.encrypt(token.encode()).decode()
    op.upsert(table="items", data={"id": 1})
    op.checkpoint(state=state)


def get_token(configuration):
    return "t-" + configuration["api_key"]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
