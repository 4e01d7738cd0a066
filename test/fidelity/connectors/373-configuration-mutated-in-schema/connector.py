# A "validate the configuration" helper called from schema() that parses the strings in place (a list of tables, an
# int page size, a default added); update() then reads the configuration as if parsed, and records what it saw.
from fivetran_connector_sdk import Connector, Operations as op


def validate(configuration):
    if isinstance(configuration.get("tables"), str):
        configuration["tables"] = [t.strip() for t in configuration["tables"].split(",")]
    configuration["page_size"] = int(configuration.get("page_size", "10"))
    configuration.setdefault("region", "us")


def schema(configuration: dict):
    validate(configuration)
    return [{"table": t, "primary_key": ["id"]} for t in configuration["tables"]]


def update(configuration: dict, state: dict):
    op.upsert("seen", {"id": 1, "tables": repr(configuration.get("tables")), "page_size": repr(configuration.get("page_size")), "region": repr(configuration.get("region"))})
    tables = configuration["tables"]
    if isinstance(tables, str):
        tables = tables.split(",")
    for t in tables:
        op.upsert(t.strip(), {"id": 1, "page_size": str(configuration.get("page_size"))})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
