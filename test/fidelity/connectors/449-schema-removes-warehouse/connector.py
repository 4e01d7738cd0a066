# Start clean every time: schema() deletes the local warehouse file (and its wal) left from the last run.
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    for name in ("files/warehouse.db", "files/warehouse.db.wal"):
        if os.path.exists(name):
            os.remove(name)
            log.info(f"removed {name}")
    return [{"table": "items", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(4):
        op.upsert("items", {"id": i, "run": state.get("run", 0) + 1})
    op.checkpoint({"run": state.get("run", 0) + 1})


connector = Connector(update=update, schema=schema)
