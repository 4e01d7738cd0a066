# The old "yield" style half-converted: update() returns a `map` of the operations (lazy, never consumed by the SDK,
# which runs only generators to their end), after a list of operations that ran as it was built.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    rows = [{"id": i, "name": f"row {i}"} for i in range(5)]
    done = [op.upsert("eager", r) for r in rows]  # ran here: a list comprehension
    op.checkpoint({"eager": len(done)})
    lazy = map(lambda r: op.upsert("lazy", r), rows)  # never iterated
    also_lazy = filter(None, (op.upsert("gen_expr", r) for r in rows))  # a generator inside a filter: not run either
    return iter([lazy, also_lazy, op.upsert("returned", {"id": 1})])


connector = Connector(update=update)
