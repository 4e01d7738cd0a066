# schema() written as a generator (`yield` per table, built from a dict of table specs), with a tuple primary key,
# a `description` key the SDK does not read, and a table spec copied with extra keys; update() upserts into them.
from fivetran_connector_sdk import Connector, Operations as op

SPECS = {
    "customers": {"primary_key": ("customer_id",), "columns": {"customer_id": "INT", "email": "STRING"},
                  "description": "CRM customers"},
    "invoices": {"primary_key": ("invoice_id", "line"), "columns": {"total": {"type": "DECIMAL", "precision": 10, "scale": 2}},
                 "description": "billing", "incremental": True},
}


def schema(configuration):
    for name, spec in SPECS.items():
        yield {"table": name, **spec}


def update(configuration, state):
    op.upsert("customers", {"customer_id": 1, "email": "a@example.com"})
    op.upsert("invoices", {"invoice_id": 10, "line": 1, "total": "19.999"})
    op.upsert("invoices", {"invoice_id": 10, "line": 2, "total": 5})
    op.checkpoint({"invoices": 10})


connector = Connector(update=update, schema=schema)
