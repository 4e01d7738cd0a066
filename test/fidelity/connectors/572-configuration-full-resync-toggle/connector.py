# A connector with a "full re-sync" switch in configuration.json, as users flip it by hand: incremental runs upsert
# what changed since the state's cursor; a full run truncates the tables and loads the whole source again in the same
# checkpoint (customers keyed, notes key-less), then resets the cursor. Run 1 incremental, run 2 full (the source
# lost two customers and changed others since run 1), run 3 incremental again. Before run 4 configuration.json is a
# folder (a Docker bind mount of a file the host lacked): the run is refused once connector.py has loaded.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

import os

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))


def source(run):
    customers = [{"id": i, "name": f"customer {i}", "tier": "gold" if i % 4 == 0 else "basic", "version": 1}
                 for i in range(1, 9)]
    notes = [{"customer_id": i, "text": "welcome call"} for i in range(1, 9, 2)]
    if run >= 2:
        customers = [c for c in customers if c["id"] not in (3, 6)]
        customers[0].update(tier="platinum", version=2)
        customers.append({"id": 9, "name": "customer 9", "tier": "basic", "version": 2, "region": "emea"})
        notes.append({"customer_id": 1, "text": "welcome call"})
        notes.append({"customer_id": 9, "text": None})
    if run >= 3:
        customers[1].update(name="customer two", version=3)
        customers.append({"id": 10, "name": "customer 10", "tier": "gold", "version": 3, "region": None})
        notes.append({"customer_id": 10, "text": "upsell"})
    return customers, notes


def schema(configuration):
    return [
        {"table": "customers", "primary_key": ["id"], "columns": {"id": "INT", "version": "INT"}},
        {"table": "notes", "columns": {"customer_id": "INT", "text": "STRING"}},
    ]


def update(configuration, state):
    mode = configuration.get("sync_mode", "incremental")
    customers, notes = source(RUN)
    since = state.get("version", 0)
    log.info(f"run {RUN}: {mode} from version {since}")
    if mode == "full":
        op.truncate("customers")
        op.truncate("notes")
        since = 0
    for c in customers:
        if c["version"] > since:
            op.upsert("customers", c)
    for n in notes:
        if mode == "full" or RUN == 1 or n["customer_id"] >= 9:
            op.upsert("notes", n)
    state["version"] = max(c["version"] for c in customers)
    state["last_mode"] = mode
    op.checkpoint(state)


connector = Connector(update=update, schema=schema)
