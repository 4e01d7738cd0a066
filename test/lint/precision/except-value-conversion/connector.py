from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def to_float(text):
    try:
        return float(text.replace(",", ""))
    except Exception:
        return None


def update(configuration: dict, state: dict):
    op.upsert(table="items", data={"id": 1, "price": to_float("1,5"), "key": configuration["api_key"]})
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
