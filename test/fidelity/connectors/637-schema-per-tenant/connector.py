# A multi-tenant connector: schema() is generated per tenant from a JSON object in configuration.json. Run 1 puts
# each tenant's tables in one schema with the tenant as a prefix (`acme_users`, `Globex Corp_users`); run 2
# (configuration.json edited) gives each tenant its own source schema instead, so the same tables land elsewhere;
# run 3 drops a tenant and keeps schemas. Per-tenant cursors are nested in the state.
import json
import os

from fivetran_connector_sdk import Connector, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))

COLUMNS = {"users": {"id": "LONG", "email": "STRING", "tenant": "STRING"},
           "orders": {"id": "LONG", "total": {"type": "DECIMAL", "precision": 9, "scale": 2}, "user_id": "LONG"}}


def targets(configuration):
    tenants = json.loads(configuration["tenants"])
    for tenant, spec in tenants.items():
        for table in spec["tables"]:
            if configuration["layout"] == "prefix":
                yield tenant, table, {"table": f"{tenant}_{table}"}
            else:
                yield tenant, table, {"table": table, "schema": tenant}


def schema(configuration):
    out = []
    for tenant, table, where in targets(configuration):
        out.append({**where, "primary_key": ["id"], "columns": dict(COLUMNS[table])})
    return out


def update(configuration, state):
    cursors = state.setdefault("tenants", {})
    for tenant, table, where in targets(configuration):
        cursor = cursors.setdefault(tenant, {}).setdefault(table, {"last_id": 0})
        start = cursor["last_id"]
        for i in range(start + 1, start + 4):
            row = {"id": i, "email": f"u{i}@{tenant}.example", "tenant": tenant} if table == "users" else \
                {"id": i, "total": f"{i * 3.333:.4f}", "user_id": i % 2 + 1}
            op.upsert(where["table"], row, **({"schema": where["schema"]} if "schema" in where else {}))
            cursor["last_id"] = i
        op.checkpoint(state)


connector = Connector(update=update, schema=schema)
