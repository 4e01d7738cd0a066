# 10,000 checkpoints in one sync (a row every 250), the state holding unicode keys and values; then three
# checkpoints of a state of about 1 MB (20,000 entries with non-ASCII keys, a long list, nested objects), the
# last one smaller again.
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def update(configuration, state):
    for i in range(10_000):
        if i % 250 == 0:
            op.upsert("progress", {"step": i, "label": f"étape {i} ✓"})
        op.checkpoint({"étape": i, "курсор": f"2024-01-01T00:00:{i % 60:02d}Z", "状态": "进行中", "🔑": [i, "✓"]})
    log.info("10,000 checkpoints done")
    big = {f"clé-{i:05d}-ü": {"n": i, "t": "Ωmega " * (i % 5), "f": i / 7} for i in range(20_000)}
    big["list"] = list(range(5_000))
    op.checkpoint(big)
    big["list"].append("after")
    op.upsert("progress", {"step": 10_000, "label": "big state"})
    op.checkpoint(big)
    op.checkpoint({"done": True, "size": len(big), "ключ": "значение\u2028"})


connector = Connector(update=update)
