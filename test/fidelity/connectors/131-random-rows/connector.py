# Seeded random rows: number columns drifting between bools, small and big ints, integral and odd floats; text columns
# with NULs, emoji, quotes and number-like text; JSON columns of nested values. Keyed and key-less, a checkpoint every
# 40 rows, some keys upserted again, some rows deleted. Each column keeps to one family (see 114). The seed is the
# configuration's.
import random

from fivetran_connector_sdk import Connector, Operations as op

R = random.Random()
NUMBERS = [0, 1, -1, True, False, None, 2**53 + 1, -(2**63), 2**64, 0.5, -0.0, 1e16, 5e-324, 3.0, 1e22, 0.1 + 0.2, 1e-7]
TEXTS = ["", "a\x00b", "\U0001F600", "'\"\\", "007", "1.5", "true", "2024-01-01", "\u00e9", " ", "x" * 300, None]


def number():
    return R.choice(NUMBERS) if R.random() < 0.5 else R.choice([R.randint(-10**6, 10**6), R.uniform(-1e6, 1e6)])


def nested(depth=0):
    if depth > 2 or R.random() < 0.3:
        return R.choice([number(), R.choice(TEXTS)])
    if R.random() < 0.5:
        return [nested(depth + 1) for _ in range(R.randint(0, 3))]
    return {R.choice(["a", "b", "1", "\u00e9"]): nested(depth + 1) for _ in range(R.randint(0, 3))}


def update(configuration, state):
    R.seed(int(configuration.get("seed", "131")))
    op.upsert("keyed", {"id": -1, "t": "text", "n": 0, "m": 0.5, "j": {}})
    op.upsert("keyless", {"t": "text", "n": 0, "j": []})
    for i in range(400):
        j = R.choice([{"k": nested()}, [nested(), nested()]])
        op.upsert("keyed", {"id": R.randint(0, 150), "t": R.choice(TEXTS), "n": number(), "m": number(), "j": j})
        op.upsert("keyless", {"t": R.choice(TEXTS), "n": number(), "j": j})
        if i % 13 == 0:
            op.delete("keyed", {"id": R.randint(0, 150)})
        if i % 40 == 39:
            op.checkpoint({"i": i})


def schema(configuration):
    return [{"table": "keyed", "primary_key": ["id"]}]


connector = Connector(update=update, schema=schema)
