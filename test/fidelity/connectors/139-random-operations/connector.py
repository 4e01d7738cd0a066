# Seeded random operations: upserts of random column subsets (so many row shapes, each met again later), partial
# updates, deletes, an occasional truncate, over keyed declared, keyed undeclared and key-less tables, with values of
# one family per column (see 114): numbers, text, timestamps, JSON. The seed is the configuration's.
import random

from fivetran_connector_sdk import Connector, Operations as op

FAMILIES = {"num": [0, 1, -7, True, 2**53 + 1, 2.5, -0.0, 1e16, 3.0, None], "txt": ["a", "", "a\x00b", "\u00e9", "1.5", None],
            "at": ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.5Z", "0999-01-01T00:00:00Z", None],
            "doc": [{"a": 1}, [1.0, None], {"n": 2**64}, None]}


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"id": "LONG", "num": "DOUBLE", "txt": "STRING",
                                                                    "at": "UTC_DATETIME", "doc": "JSON"}},
            {"table": "keyed", "primary_key": ["id"]}]


def update(configuration, state):
    rnd = random.Random(int(configuration["seed"]))
    op.upsert("keyed", {"id": -1, "num": 0.5, "txt": "text", "at": "2024-01-01T00:00:00Z", "doc": {}})
    op.upsert("keyless", {"num": 0.5, "txt": "text", "at": "2024-01-01T00:00:00Z", "doc": {}})
    for i in range(600):
        table = rnd.choice(["declared", "keyed", "keyless"])
        cols = [c for c in FAMILIES if rnd.random() < 0.6]
        row = {c: rnd.choice(FAMILIES[c]) for c in cols}
        if table != "keyless":
            row = dict({"id": rnd.randint(0, 40)}, **row)
        kind = rnd.random()
        if kind < 0.7 or table == "keyless":
            op.upsert(table, row)
        elif kind < 0.9:
            op.update(table, row)
        else:
            op.delete(table, {"id": row["id"]})
        if i % 97 == 96:
            op.truncate(rnd.choice(["declared", "keyed"]))
        if i % 50 == 49:
            op.checkpoint({"i": i})


connector = Connector(update=update, schema=schema)
