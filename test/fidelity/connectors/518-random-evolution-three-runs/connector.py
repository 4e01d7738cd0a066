# Three runs of a seeded random sync whose schema widens from run to run, as a source's API grows: each column's
# declared type moves along a chain (SHORT -> INT -> DOUBLE, NAIVE_DATE -> NAIVE_DATETIME -> UTC_DATETIME, DECIMAL
# (6,2) -> (9,3) -> (12,4), BOOLEAN -> INT -> STRING, undeclared -> STRING -> JSON), one column is added per run and
# one table's key gains a column in run 3. 120 random upserts, updates, deletes and truncates per run over three
# tables, checkpoints every 17 operations.
import datetime as dt
import random

from fivetran_connector_sdk import Connector, Operations as op

try:
    with open("runs.txt", encoding="utf-8") as f:
        RUN = int(f.read()) + 1
except FileNotFoundError:
    RUN = 1
with open("runs.txt", "w", encoding="utf-8") as f:
    f.write(str(RUN))

CHAINS = {
    "count": ["SHORT", "INT", "DOUBLE"],
    "day": ["NAIVE_DATE", "NAIVE_DATETIME", "UTC_DATETIME"],
    "amount": [{"type": "DECIMAL", "precision": 6, "scale": 2}, {"type": "DECIMAL", "precision": 9, "scale": 3},
               {"type": "DECIMAL", "precision": 12, "scale": 4}],
    "flag": ["BOOLEAN", "INT", "STRING"],
    "meta": [None, "STRING", "JSON"],
}


def declared(run):
    cols = {"id": "INT"}
    for name, chain in CHAINS.items():
        if chain[run - 1]:
            cols[name] = chain[run - 1]
    for extra in range(2, run + 1):
        cols[f"added_in_{extra}"] = "STRING"
    return cols


def schema(configuration):
    return [
        {"table": "alpha", "primary_key": ["id"], "columns": declared(RUN)},
        {"table": "beta", "primary_key": ["id"] if RUN < 3 else ["id", "part"], "columns": {"id": "INT", "part": "INT"}},
        {"table": "gamma", "primary_key": ["id"]},
    ]


def value(rng, name, run):
    kind = CHAINS[name][run - 1]
    if name == "count":
        return rng.randint(-300, 300) if kind == "SHORT" else (rng.randint(-10 ** 6, 10 ** 6) if kind == "INT" else rng.random() * 1e3)
    if name == "day":
        base = dt.datetime(2024, 1, 1) + dt.timedelta(minutes=rng.randint(0, 10 ** 6))
        return base.date() if kind == "NAIVE_DATE" else (base if kind == "NAIVE_DATETIME" else base.replace(tzinfo=dt.timezone.utc))
    if name == "amount":
        scale = kind["scale"]
        return f"{rng.randint(-10 ** 5, 10 ** 5) / 10 ** scale:.{scale + 1}f}"
    if name == "flag":
        return rng.random() < 0.5 if kind == "BOOLEAN" else (rng.randint(0, 5) if kind == "INT" else rng.choice(["y", "n", ""]))
    return rng.choice([None, "x", {"k": rng.randint(0, 9)}, [1, "a"]]) if kind == "JSON" else rng.choice(["m", "", None])


def update(configuration, state):
    rng = random.Random(1000 + RUN)
    for n in range(1, 121):
        table = rng.choice(["alpha", "alpha", "beta", "gamma"])
        key = rng.randint(1, 25)
        roll = rng.random()
        if table == "alpha":
            row = {"id": key}
            for name in CHAINS:
                if rng.random() < 0.7:
                    row[name] = value(rng, name, RUN)
            for extra in range(2, RUN + 1):
                row[f"added_in_{extra}"] = rng.choice(["v", "", None])
        elif table == "beta":
            row = {"id": key, "part": key % 3 if RUN < 3 else rng.randint(0, 2), "w": rng.random()}
        else:
            row = {"id": key, "g": rng.choice([1, 2.5, "text", True, None]) if RUN > 1 else rng.randint(0, 9)}
        if roll < 0.6:
            op.upsert(table, row)
        elif roll < 0.8:
            op.update(table, row)
        elif roll < 0.97:
            op.delete(table, {k: row[k] for k in (["id", "part"] if table == "beta" and RUN == 3 else ["id"])})
        else:
            op.truncate(table)
        if n % 17 == 0:
            op.checkpoint({"run": RUN, "n": n})
    op.checkpoint({"run": RUN, "done": True})


connector = Connector(update=update, schema=schema)
