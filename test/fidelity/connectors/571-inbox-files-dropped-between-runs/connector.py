# An "inbox" sync: an export job drops JSON-lines files into inbox/ next to connector.py; each run loads the files it
# has not seen yet, in name order, and remembers their names in state (one checkpoint per file). Between runs the user
# drops new files by hand: `amount` arrives as an int, then a float, then text; a column appears; a line can ask for a
# delete, and a deleted order comes back; a late file sorts before the last one loaded, and ids turn into text.
import json
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

INBOX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inbox")


def schema(configuration):
    return [{"table": "orders", "primary_key": ["id"]}]


def update(configuration, state):
    done = state.get("loaded_files", [])
    names = sorted(n for n in os.listdir(INBOX) if n.endswith(".jsonl"))
    for name in names:
        if name in done:
            continue
        lines = 0
        with open(os.path.join(INBOX, name), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                lines += 1
                if rec.pop("_deleted", False):
                    op.delete("orders", {"id": rec["id"]})
                else:
                    rec["source_file"] = name
                    op.upsert("orders", rec)
        done.append(name)
        state["loaded_files"] = done
        state["last_file"] = name
        op.checkpoint(state)
        log.info(f"{name}: {lines} lines")
    log.info(f"{len(names)} files in the inbox, {len(done)} loaded")


connector = Connector(update=update, schema=schema)
