from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import shutil
import tempfile


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    folder = tempfile.mkdtemp()
    try:
        op.upsert(table="items", data={"id": 1, "folder": folder, "key": configuration["api_key"]})
        op.checkpoint(state=state)
    finally:
        try:
            shutil.rmtree(folder)
        except BaseException:
            pass


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
