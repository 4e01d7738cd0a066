# Two runs: `zip` is declared STRING in the first (rows "01234", "90210", "N/A"), INT in the second, which sends 10001
# and "02139" for new rows. The old text stays in the warehouse.
from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    return [{"table": "addresses", "primary_key": ["id"],
             "columns": {"id": "INT", "zip": "STRING" if RUN == 1 else "INT"}}]


def update(configuration, state):
    if RUN == 1:
        for i, z in enumerate(["01234", "90210", "N/A"], start=1):
            op.upsert("addresses", {"id": i, "zip": z, "city": f"city {i}"})
    else:
        op.upsert("addresses", {"id": 4, "zip": 10001, "city": "NYC"})
        op.upsert("addresses", {"id": 5, "zip": "02139", "city": "Cambridge"})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
