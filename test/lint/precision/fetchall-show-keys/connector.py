from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import snowflake.connector


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def connect(configuration):
    return snowflake.connector.connect(password=configuration["api_key"])


def update(configuration: dict, state: dict):
    with connect(configuration) as conn:
        cursor = conn.cursor()
        cursor.execute("SHOW PRIMARY KEYS IN TABLE items")
        keys = [k[4].lower() for k in cursor.fetchall()]
        op.upsert(table="items", data={"id": 1, "keys": ",".join(keys)})
        op.checkpoint(state=state)
        cursor.close()


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
