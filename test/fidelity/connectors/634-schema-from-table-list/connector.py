# schema() built from a comma-separated table list in configuration.json and a `table:key,key;...` string of keys.
# Some names differ only in case or spelling and become one destination table (orders/Orders,
# "User Accounts"/user_accounts); others are reserved words, start with a digit, hold a dash, a dot or an accent;
# an empty item is skipped. Every table gets rows, updates and a delete named by its own key spelling.
from fivetran_connector_sdk import Connector, Operations as op


def table_list(configuration):
    return [t.strip() for t in configuration["tables"].split(",") if t.strip()]


def keys(configuration):
    out = {}
    for part in configuration["key_columns"].split(";"):
        table, cols = part.split(":", 1)
        out[table] = cols.split(",")
    return out


def schema(configuration):
    k = keys(configuration)
    return [{"table": t, "primary_key": k[t], "columns": {c: "STRING" for c in k[t]}} for t in table_list(configuration)]


def update(configuration, state):
    k = keys(configuration)
    for n, t in enumerate(table_list(configuration)):
        cols = k[t]
        for i in range(3):
            row = {c: f"{c}-{i}" for c in cols}
            row.update({"source": t, "n": n * 10 + i})
            op.upsert(t, row)
        op.update(t, {**{c: f"{c}-1" for c in cols}, "note": f"updated via {t}"})
        op.delete(t, {c: f"{c}-2" for c in cols})
        op.checkpoint({"done": t})


connector = Connector(update=update, schema=schema)
