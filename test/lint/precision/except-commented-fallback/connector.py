from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
from datetime import datetime


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    since = state.get("since")
    start = None
    if since:
        try:
            start = datetime.fromisoformat(since)
        except Exception:
            # an unreadable cursor means a full re-read, which is safe
            pass
    for row in fetch(configuration["api_key"], start):
        op.upsert(table="items", data=row)
    op.checkpoint(state={"since": "2024-01-01T00:00:00Z"})


def fetch(key, start):
    return [{"id": 1, "key": key, "start": str(start)}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
