# The Connector built at the top of the file, right after the imports, before the functions it names are defined:
# connector.py fails to load with a NameError, `error in connector.py at …, line 6`.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log

# The connector object every connector.py needs.
connector = Connector(update=update, schema=schema)


def schema(configuration):
    return [{"table": "events", "primary_key": ["id"]}]


def update(configuration, state):
    log.info("syncing events")
    op.upsert("events", {"id": 1, "kind": "signup"})
    op.checkpoint({"last": 1})
