from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    lines = read_lines(configuration["api_key"])
    try:
        for n, line in enumerate(lines):
            op.upsert(table="items", data={"id": n, "text": line})
        op.checkpoint(state=state)
    finally:
        # the generator holds the file open until closed
        try:
            lines.close()
        except Exception:
            pass


def read_lines(key):
    yield key


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
