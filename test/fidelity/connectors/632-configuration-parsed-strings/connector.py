# A connector whose configuration.json holds JSON, Python literals, numbers, booleans and lists as strings (all
# values must be strings), parsed the ways people parse them: json.loads, ast.literal_eval, split(","), int(),
# float(), a hand-written truthy check. Each key's raw and parsed value is recorded, and the parsed settings drive
# which tables are written and with how many rows.
import ast
import json
import re

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def truthy(value):
    return str(value).strip().lower() in ("1", "true", "yes", "y", "on")


def parse(key, raw):
    for how, fn in (("json", json.loads), ("literal", ast.literal_eval)):
        try:
            return how, fn(raw)
        except (ValueError, SyntaxError) as e:
            last = re.sub(r" at 0x[0-9a-f]+", "", f"{type(e).__name__}: {e}")
    return "text", last


def schema(configuration):
    tables = json.loads(configuration["tables"])
    return [{"table": t, "primary_key": ["id"], "columns": {"id": "INT", "page": "INT"}} for t in tables] + [
        {"table": "settings", "primary_key": ["key"], "columns": {"key": "STRING", "raw": "STRING", "parsed": "JSON"}}]


def update(configuration, state):
    for key, raw in configuration.items():
        how, value = parse(key, raw)
        # a set's order changes with the hash seed: sorted; a tuple becomes a list, as json.dumps writes it.
        parsed = json.loads(json.dumps(value, default=lambda o: sorted(o) if isinstance(o, (set, frozenset)) else repr(o)))
        op.upsert("settings", {"key": key, "raw": raw, "how": how, "parsed": parsed,
                               "type": type(value).__name__, "length": len(raw)})
    sizes = json.loads(configuration["page_sizes"])
    ids = [int(x) for x in configuration["ids"].split(",") if x.strip()]
    max_rows = int(float(configuration["max.rows"]))
    literal = ast.literal_eval(configuration["literal"])
    for table in json.loads(configuration["tables"]):
        size = sizes.get(table, sizes["default"])
        for n, i in enumerate(ids * 3):
            if n >= max_rows:
                break
            op.upsert(table, {"id": i * 100 + n, "page": n // size, "enabled": truthy(configuration["enabled"]),
                              "dry_run": truthy(configuration["dry run"]), "ratio": float(configuration["ratio"]),
                              "start": "%04d-%02d-%02d" % literal["start"]})
            if (n + 1) % size == 0:
                op.checkpoint({"table": table, "page": n // size, "sizes": sizes})
    log.info("parsed %d settings" % len(configuration))
    op.checkpoint({"done": sorted(json.loads(configuration["tables"])), "ids": ids, "tags": sorted(literal["tags"]),
                   "big": int(configuration["big"]), "neg": float(configuration["neg"]),
                   "weights": [d["w"] for d in json.loads(configuration["list_of_dicts"])]})


connector = Connector(update=update, schema=schema)
