# Two runs. The first declares `products` with id/name only and loads three rows; before the second the author adds
# `price` (DECIMAL 10,2), `launched` (NAIVE_DATE) and `updated_at` (UTC_DATETIME) to schema() and sends them for an
# old row and a new one, the third old row untouched.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    columns = {"id": "INT", "name": "STRING"}
    if RUN >= 2:
        columns.update({"price": {"type": "DECIMAL", "precision": 10, "scale": 2}, "launched": "NAIVE_DATE",
                        "updated_at": "UTC_DATETIME"})
    return [{"table": "products", "primary_key": ["id"], "columns": columns}]


def update(configuration, state):
    if RUN == 1:
        for i, name in enumerate(["kettle", "toaster", "mixer"], start=1):
            op.upsert("products", {"id": i, "name": name})
    else:
        op.upsert("products", {"id": 2, "name": "toaster v2", "price": "24.999", "launched": "2023-11-05",
                               "updated_at": "2024-05-01T08:30:00Z"})
        op.upsert("products", {"id": 4, "name": "blender", "price": 79, "launched": "2024-02-29",
                               "updated_at": "2024-05-01T09:00:00.123456+02:00"})
        op.update("products", {"id": 3, "price": "12.5"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
