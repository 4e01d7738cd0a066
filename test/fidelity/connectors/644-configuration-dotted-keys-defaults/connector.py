# A configuration with dotted keys turned into nested settings (`db.options.sslmode` -> {"db": {"options": ...}}),
# empty and blank values meaning "use the default", a 5,000-id JSON list in one value, escapes, newlines and
# non-ASCII text; keys that differ only in case, that start or end with a dot or hold two dots. update() pops
# consumed keys out of the configuration as it goes, logs what is left, and checkpoints the nested settings.
# Before run 2 a `tenant.tNN.region` key per tenant is added by hand, 101 fields in all (refused); before run 3 one
# tenant fewer but `db.host` written twice (101 fields in the text, 100 in the object: it runs, the last value wins).
import json

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

DEFAULTS = {"db": {"port": 5432, "options": {"timeout": 30}}, "sync": {"page_size": 50, "start": "2024-01-01"}}


def nest(configuration):
    out = json.loads(json.dumps(DEFAULTS))
    for key, value in configuration.items():
        if not value.strip():
            continue
        node = out
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = value
    return out


def schema(configuration):
    return [{"table": "settings", "primary_key": ["path"], "columns": {"path": "STRING", "value": "STRING"}},
            {"table": "ids", "primary_key": ["id"], "columns": {"id": "LONG", "page": "INT"}}]


def flatten(node, prefix=""):
    for key, value in node.items():
        if isinstance(value, dict):
            yield from flatten(value, f"{prefix}{key}/")
        else:
            yield f"{prefix}{key}", value


def update(configuration, state):
    settings = nest(configuration)
    for path, value in flatten(settings):
        if path != "sync/ids":
            op.upsert("settings", {"path": path, "value": value, "type": type(value).__name__})
    ids = json.loads(configuration.pop("sync.ids"))
    size = int(settings["sync"]["page_size"]) if str(settings["sync"]["page_size"]).strip() else 50
    size = int(configuration.pop("Sync.Page_Size", size))
    for n, i in enumerate(ids[::250]):
        op.upsert("ids", {"id": i, "page": n // size})
    log.info("left in configuration: " + ", ".join(sorted(configuration)))
    settings["sync"].pop("ids")
    op.checkpoint({"settings": settings, "left": sorted(configuration), "size": size, "count": len(ids)})


connector = Connector(update=update, schema=schema)
