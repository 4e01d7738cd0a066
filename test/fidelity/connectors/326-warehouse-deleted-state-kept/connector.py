# Four runs; between them a user removes files by hand (`beforeRun` in cases.ts): before the second run
# files/warehouse.db (state.json kept: the sync goes on from its cursor into a new, empty warehouse); before the
# third, state.json (a re-sync from the start over the rows kept); before the fourth, the whole files/ folder.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    return [{"table": "accounts", "primary_key": ["id"],
             "columns": {"id": "INT", "balance": {"type": "DECIMAL", "precision": 10, "scale": 2}}}]


def update(configuration, state):
    cursor = state.get("cursor", 0)
    log.info(f"from cursor {cursor}")
    for i in range(cursor, cursor + 4):
        op.upsert("accounts", {"id": i % 6, "balance": f"{i * 1.5:.2f}", "cursor": cursor})
    op.checkpoint({"cursor": cursor + 4})


connector = Connector(update=update, schema=schema)
