# The template's run block with its `if __name__ == "__main__":` line deleted: connector.py reads configuration.json
# itself and calls `connector.debug(configuration=...)` as it loads. Under `fivetran debug` that call runs a whole
# sync while the file is imported; then `fivetran debug` runs its own sync, which starts from the state the first left.
import json

from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "users", "primary_key": ["id"], "columns": {"id": "INT", "region": "STRING"}}]


def update(configuration, state):
    start = state.get("next_id", 1)
    log.info(f"syncing users from {start}")
    for user_id in range(start, start + 3):
        op.upsert("users", {"id": user_id, "region": configuration["region"], "batch_start": start})
    op.checkpoint({"next_id": start + 3})


connector = Connector(update=update, schema=schema)

with open("configuration.json", "r") as f:
    configuration = json.load(f)
connector.debug(configuration=configuration)
