# update() returning a generator expression of operations (consumed, as a generator is) where a list of them would
# already have run; and a helper generator that is created but never iterated (its operations never run).
from fivetran_connector_sdk import Connector, Operations as op


def forgotten():
    yield op.upsert("forgotten", {"id": 1})


def update(configuration, state):
    forgotten()
    rows = [{"id": i, "v": "r%d" % i} for i in range(4)]
    [op.upsert("listed", r) for r in rows]
    return (op.upsert("lazy", r) if r["id"] != 3 else op.checkpoint({"upto": 3}) for r in rows)


connector = Connector(update=update)
