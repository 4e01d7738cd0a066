# Declared tables and key columns with names Fivetran's naming rewrites: an emoji, leading digits, mixed case with
# acronyms, dashes, dots, a reserved word, `$`, accents and CJK, and JavaScript's `constructor`, `__proto__` and
# `toString`; `🎉 events` and `events` (both declared, the same key) meet in one destination table. Rows, updates and
# deletes name the keys as declared, and each name upserts keys the other wrote in earlier checkpoints.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {"table": "🎉 events", "primary_key": ["Event-ID"], "columns": {"Event-ID": "STRING", "2nd Stage": "BOOLEAN"}},
        {"table": "events", "primary_key": ["Event-ID"], "columns": {"Event-ID": "STRING", "HTTPStatus": "INT"}},
        {"table": "3D Models.v2", "primary_key": ["modelID", "rev.no"],
         "columns": {"rev.no": "SHORT", "modelID": "LONG", "Größe": "DOUBLE", "名前": "STRING", "price $": {"type": "DECIMAL", "precision": 8, "scale": 2}}},
        {"table": "Order", "primary_key": ["Key"], "columns": {"Key": "STRING", "Value": "JSON", "NULL": "STRING"}},
        # A Formula 1 feed: the key part `constructor` has no declared type; `__proto__` and `toString` do.
        {"table": "standings", "primary_key": ["season", "constructor"], "columns": {"season": "INT", "points": "DOUBLE"}},
        {"table": "drivers", "primary_key": ["__proto__"], "columns": {"toString": "STRING", "valueOf": "INT"}},
    ]


def update(configuration, state):
    for i in range(3):
        op.upsert("🎉 events", {"Event-ID": f"e{i}", "2nd Stage": i % 2 == 0, "HTTPStatus": 200})
        op.upsert("events", {"Event-ID": f"f{i}", "HTTPStatus": str(200 + i), "2nd Stage": "0"})
    op.update("🎉 events", {"Event-ID": "f1", "2nd Stage": 1})
    op.delete("events", {"Event-ID": "e2"})
    op.checkpoint({"done": "events"})
    for m in range(1, 3):
        for r in range(3):
            op.upsert("3D Models.v2", {"modelID": m, "rev.no": r, "Größe": m * 1.25, "名前": f"模型{m}", "price $": f"{m * 10 + r}.999"})
    op.update("3D Models.v2", {"rev.no": 1, "modelID": 2, "名前": "更新"})
    op.delete("3D Models.v2", {"modelID": 1, "rev.no": 0})
    op.upsert("Order", {"Key": "select", "Value": {"from": [1, 2]}, "NULL": None})
    op.upsert("Order", {"Key": "NULL", "Value": "null", "NULL": "NULL"})
    for team, points in (("ferrari", 1.5), ("mclaren", 2.5), ("williams", 0)):
        op.upsert("standings", {"season": 2024, "constructor": team, "points": points, "hasOwnProperty": team[0]})
    op.update("standings", {"season": 2024, "constructor": "ferrari", "points": 3.0})
    op.upsert("drivers", {"__proto__": "lec", "toString": "Leclerc", "valueOf": 16, "constructor": "ferrari"})
    op.checkpoint({"done": "all"})
    # A key `events` upserted in an earlier checkpoint, upserted again through `🎉 events`, then through `events`.
    op.upsert("🎉 events", {"Event-ID": "f0", "2nd Stage": True, "HTTPStatus": 201})
    op.checkpoint({"done": "again"})
    op.upsert("events", {"Event-ID": "e1", "HTTPStatus": 204})
    op.upsert("events", {"Event-ID": "f0", "HTTPStatus": 304})
    op.checkpoint({"done": "last"})


connector = Connector(update=update, schema=schema)
