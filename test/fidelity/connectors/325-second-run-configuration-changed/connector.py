# Three runs; configuration.json is edited by hand before the second and the third (`beforeRun` in cases.ts): the
# table prefix and the page size change, a key is added, then keys are removed and one holds an empty string.
import json
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    prefix = configuration.get("prefix", "")
    size = int(configuration.get("page_size") or "2")
    log.info(f"run {state.get('run', 0) + 1} with {sorted(configuration)}")
    for i in range(size):
        op.upsert(prefix + "rows", {"id": i, "region": configuration.get("region"),
                                    "configuration": json.dumps(configuration, sort_keys=True)})
    op.checkpoint({"run": state.get("run", 0) + 1, "prefix": prefix})


connector = Connector(update=update)
