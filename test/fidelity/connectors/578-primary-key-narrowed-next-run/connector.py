# A user who first keyed `prices` by (sku, region) and `visits` by (day, page), then decides one column is enough.
# Run 2 declares primary_key ["sku"] while `prices` holds two rows per sku (one soft-deleted) and ["day"] for
# `visits`, whose rows do not collide: the sync fails at its first checkpoint, nothing of it kept. Run 3 puts the
# prices key back and keeps the narrower visits key, writing under it.
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

RUNS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs.txt")
try:
    with open(RUNS, encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open(RUNS, "w", encoding="utf-8") as f:
    f.write(str(RUN))


def schema(configuration):
    prices_key = ["sku"] if RUN == 2 else ["sku", "region"]
    visits_key = ["day", "page"] if RUN == 1 else ["day"]
    return [{"table": "prices", "primary_key": prices_key, "columns": {"price": "DOUBLE"}},
            {"table": "visits", "primary_key": visits_key, "columns": {"day": "NAIVE_DATE", "hits": "INT"}}]


def update(configuration, state):
    if RUN == 1:
        for sku in ("A", "B"):
            for region in ("us", "eu"):
                op.upsert("prices", {"sku": sku, "region": region, "price": 9.5 if region == "us" else 8.75})
        op.delete("prices", {"sku": "B", "region": "eu"})
        for d in range(1, 4):
            op.upsert("visits", {"day": f"2024-07-0{d}", "page": "/home", "hits": d * 100})
    elif RUN == 2:
        op.upsert("visits", {"day": "2024-07-04", "page": "/home", "hits": 400})
        op.update("visits", {"day": "2024-07-01", "hits": 101})
    else:
        op.upsert("visits", {"day": "2024-07-04", "page": "/pricing", "hits": 7})
        op.update("visits", {"day": "2024-07-01", "hits": 102, "page": "/"})
        op.delete("visits", {"day": "2024-07-02"})
        op.upsert("prices", {"sku": "B", "region": "eu", "price": 8.5})
    op.checkpoint({"run": RUN})


connector = Connector(update=update, schema=schema)
