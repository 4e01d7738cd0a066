from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import snowflake.connector


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def connect(configuration):
    return snowflake.connector.connect(password=configuration["api_key"])


def update(configuration: dict, state: dict):
    last = state.get("last_id", 0)
    with connect(configuration) as conn:
        with conn.cursor() as cursor:
            while True:
                cursor.execute("SELECT id, name FROM items WHERE id > %s ORDER BY id LIMIT 1000", (last,))
                rows = cursor.fetchall()
                if not rows:
                    break
                for row in rows:
                    op.upsert(table="items", data={"id": row[0], "name": row[1]})
                last = rows[-1][0]
                op.checkpoint(state={"last_id": last})


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
