# Two runs: the author moves `contacts` from schema "crm" to schema "marketing" in schema() and the op calls, and
# drops the schema of `notes` (default schema from then on). The old schemas stay in the warehouse.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

CONTACTS = "crm" if RUN == 1 else "marketing"
NOTES = "crm" if RUN == 1 else None


def schema(configuration):
    return [{"table": "contacts", "schema": CONTACTS, "primary_key": ["email"], "columns": {"email": "STRING"}},
            {"table": "notes", "schema": NOTES, "primary_key": ["id"], "columns": {"id": "INT", "body": "STRING"}}]


def update(configuration, state):
    op.upsert("contacts", {"email": f"run{RUN}@x.io", "name": f"run {RUN}"}, schema=CONTACTS)
    op.upsert("notes", {"id": RUN, "body": f"note {RUN}"}, schema=NOTES)
    op.update("contacts", {"email": "run1@x.io", "name": "updated"}, schema=CONTACTS)
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
