from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import os


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    path = download(configuration["api_key"])
    try:
        with open(path) as handle:
            for n, line in enumerate(handle):
                op.upsert(table="items", data={"id": n, "line": line})
        op.checkpoint(state=state)
    finally:
        try:
            os.unlink(path)
        except Exception:
            pass


def download(key):
    raise NotImplementedError(key)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
