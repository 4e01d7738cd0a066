from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    since = state.get("since", "1970-01-01T00:00:00Z")
    for row in fetch(configuration["api_key"], since):
        op.upsert(table="items", data=row)
        since = max(since, row["updated_at"])
    op.checkpoint(state={"since": since})


def fetch(key, since):
    return [{"id": 1, "key": key, "updated_at": since}]


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
