from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import psycopg2


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    conn = psycopg2.connect(configuration["api_key"])
    cursor = conn.cursor()
    try:
        cursor.execute("SELECT id, name FROM items WHERE id > %s ORDER BY id", (state.get("last_id", 0),))
        while True:
            rows = cursor.fetchmany(500)
            if not rows:
                break
            for row in rows:
                op.upsert(table="items", data={"id": row[0], "name": row[1]})
            op.checkpoint(state={"last_id": rows[-1][0]})
    finally:
        try:
            cursor.close()
            conn.close()
        except Exception:
            pass


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
