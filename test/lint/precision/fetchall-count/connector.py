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
        with conn.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM items")
            total = cursor.fetchall()[0][0]
            op.upsert(table="items", data={"id": 0, "total": total})
            op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
