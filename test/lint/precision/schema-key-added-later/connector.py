from fivetran_connector_sdk import Connector
from fivetran_connector_sdk import Logging as log
from fivetran_connector_sdk import Operations as op


def schema(configuration: dict):
    out = []
    for name, keys in [("items", ["id"]), ("events", [])]:
        entry = {"table": name}
        if keys:
            entry["primary_key"] = keys
        out.append(entry)
    return out


def update(configuration: dict, state: dict):
    op.upsert(table="items", data={"id": 1, "key": configuration["api_key"]})
    op.upsert(table="events", data={"name": "x"})
    op.checkpoint(state=state)


connector = Connector(update=update, schema=schema)

if __name__ == "__main__":
    connector.debug()
