from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import snowflake.connector


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def connect(configuration):
    return snowflake.connector.connect(password=configuration["api_key"])


def primary_keys(cursor, table):
    cursor.execute("SELECT column_name FROM information_schema.key_column_usage WHERE table_name = %s", (table,))
    return [r[0] for r in cursor.fetchall()]


def update(configuration: dict, state: dict):
    cursor = connect(configuration).cursor()
    keys = primary_keys(cursor, "ITEMS")
    cursor.execute("SELECT * FROM items")
    for row in cursor:
        op.upsert(table="items", data={"id": row[0], "keys": ",".join(keys)})
    op.checkpoint(state=state)
    cursor.close()


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
