from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
from cryptography.fernet import Fernet


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    fernet = Fernet(configuration["api_key"])
    sealed = fernet.encrypt(b"session")
    op.upsert(table="items", data={"id": 1})
    op.checkpoint(state={"session_token": sealed.decode()})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
