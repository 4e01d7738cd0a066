# update() as a generator, as older SDK examples write it: yield from per-table generators, yield op.checkpoint(...),
# a finally block that checkpoints when the generator ends, an early return in the middle, and a helper generator
# that is created but never iterated (its operations never run).
from fivetran_connector_sdk import Connector, Operations as op


def table_rows(name, count):
    for i in range(count):
        yield op.upsert(name, {"id": i, "table": name})
    return count


def forgotten():
    yield op.upsert("forgotten", {"id": 1})


def update(configuration, state):
    forgotten()
    try:
        total = 0
        for name, count in (("a", 3), ("b", 2), ("c", 4)):
            total += yield from table_rows(name, count)
            yield op.checkpoint({"last": name, "total": total})
        yield op.delete("a", {"id": 0})
        if total > 5:
            return
        yield op.upsert("never", {"id": 1})
    finally:
        op.upsert("final", {"id": 1})
        op.checkpoint({"last": "final"})


connector = Connector(update=update)
