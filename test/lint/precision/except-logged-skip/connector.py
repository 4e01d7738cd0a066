from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    for record in fetch(configuration["api_key"]):
        try:
            row = transform(record)
        except Exception as e:
            log.warning(f"skipping record {record.get('id')}: {e}")
            continue
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


def fetch(key):
    return [{"id": 1, "key": key}]


def transform(record):
    return dict(record)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
