# A flattened JSON export: 600 possible columns, each of 60 rows carrying a seeded random 30 of them (ints, floats,
# text, None), over three checkpoints, then updates of random columns.
import random

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    rnd = random.Random(406)
    columns = [f"attr_{i:03d}" for i in range(600)]
    for i in range(60):
        row = {"id": i}
        for c in rnd.sample(columns, 30):
            kind = rnd.randrange(4)
            row[c] = rnd.randrange(1000) if kind == 0 else rnd.random() if kind == 1 else f"v{rnd.randrange(100)}" if kind == 2 else None
        op.upsert("export", row)
        if i % 20 == 19:
            op.checkpoint({"at": i})
    for i in range(0, 60, 7):
        op.update("export", {"id": i, rnd.choice(columns): "updated"})
    op.checkpoint({"at": "done"})


connector = Connector(update=update)
