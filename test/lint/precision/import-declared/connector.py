from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import pandas as pd


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    frame = pd.DataFrame([{"id": 1, "key": configuration["api_key"]}])
    for row in frame.to_dict("records"):
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
