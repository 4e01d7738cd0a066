from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op
import queue


def schema(configuration: dict):
    return [{"table": "items", "primary_key": ["id"]}]

def update(configuration: dict, state: dict):
    results = queue.Queue()
    worker(configuration["api_key"], results)
    kind, value = results.get()
    if kind == "error":
        raise value
    for row in value:
        op.upsert(table="items", data=row)
    op.checkpoint(state=state)


def worker(key, results):
    try:
        results.put(("done", [{"id": 1, "key": key}]))
    except Exception as exc:
        results.put(("error", exc))


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
