# schema() stores a discovered account id back into configuration.json so the next run can skip discovery.
import json

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration):
    if "account_id" not in configuration:
        configuration["account_id"] = "acct-42"
        with open("configuration.json", "w") as f:
            json.dump(configuration, f, indent=2)
        log.info("saved account id")
    else:
        with open("configuration.json", "w") as f:
            json.dump({"account_id": 7}, f)
    return [{"table": "accounts", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("accounts", {"id": configuration["account_id"], "keys": ",".join(sorted(configuration))})
    op.checkpoint({"runs": state.get("runs", 0) + 1})


connector = Connector(update=update, schema=schema)
