# update() "normalises" the configuration dict it was given in place (strips the trailing slash, splits the table
# list, turns the page size into an int, pops the API key into a header dict, adds defaults), then logs it and puts
# a copy of it in every checkpoint so the next run can tell whether the settings changed. Run 2 gets an edited
# configuration.json (another page size, a table added, a new key with dots and spaces); run 3 the first again.
import copy
import json
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))

SEEN = {}


def schema(configuration):
    SEEN["schema"] = id(configuration)
    return [{"table": t.strip(), "primary_key": ["id"]} for t in configuration["tables"].split(",")]


def normalise(configuration):
    configuration["base_url"] = configuration["base_url"].rstrip("/")
    configuration["tables"] = [t.strip() for t in configuration["tables"].split(",")]
    configuration["page_size"] = int(configuration["page_size"])
    configuration["headers"] = {"Authorization": "Bearer " + configuration.pop("api_key")[:3] + "..."}
    configuration.setdefault("timeout", 30.0)
    configuration["flags"] = {k: v for k, v in configuration.items() if " " in k or "." in k}


def update(configuration, state):
    before = list(configuration)
    normalise(configuration)
    log.info("settings: " + json.dumps(configuration, sort_keys=True))
    previous = state.get("settings")
    changed = sorted(k for k in set(configuration) | set(previous or {})
                     if (previous or {}).get(k) != configuration.get(k))
    op.upsert("runs", {"run": RUN, "same_dict": SEEN.get("schema") == id(configuration), "keys_before": before,
                       "keys_after": list(configuration), "changed": changed, "had_previous": previous is not None})
    cursor = dict(state.get("cursors", {}))
    for t in configuration["tables"]:
        start = cursor.get(t, 0)
        for i in range(start, start + configuration["page_size"]):
            op.upsert(t, {"id": i, "run": RUN, "url": f"{configuration['base_url']}/{t}?page={i}"})
        cursor[t] = start + configuration["page_size"]
        op.checkpoint({"settings": copy.deepcopy(configuration), "cursors": cursor})
    configuration["tables"].append("never")
    op.checkpoint({"settings": configuration, "cursors": cursor})


connector = Connector(update=update, schema=schema)
