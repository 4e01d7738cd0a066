# Everything this connector writes depends on configuration.json: the table, how many rows, a prefix, a flag.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": configuration["table_name"], "primary_key": ["id"], "columns": {"id": "INT"}}]


def update(configuration, state):
    count = int(configuration["row_count"])
    include_secret_length = configuration.get("include_length", "false") == "true"
    for i in range(count):
        row = {"id": i, "label": f"{configuration['prefix']}-{i}", "region": configuration["region"]}
        if include_secret_length:
            row["key_length"] = len(configuration["api_key"])
        op.upsert(configuration["table_name"], row)
    op.checkpoint({"synced_rows": count, "region": configuration["region"]})


connector = Connector(update=update, schema=schema)
