# An update() written as a generator in the style of older SDK examples, by someone who expects the value of
# `yield op.upsert(...)` back (as from a coroutine), yields a helper generator instead of `yield from` it,
# returns a value at the end, and wraps the body in try/except GeneratorExit/finally.
from fivetran_connector_sdk import Connector, Operations as op

RECEIVED = []


def table_rows(name, n):
    for i in range(n):
        got = yield op.upsert(name, {"id": i, "src": name})
        RECEIVED.append((name, repr(got)))


def update(configuration, state):
    cursor = state.get("cursor", 0)
    try:
        for i in range(cursor, cursor + 8):
            got = yield op.upsert("events", {"id": i, "kind": "click" if i % 2 else "view"})
            RECEIVED.append(("events", repr(got)))
        ack = yield op.checkpoint({"cursor": cursor + 8})
        RECEIVED.append(("checkpoint", repr(ack)))
        yield table_rows("never_run", 3)  # a generator object yielded, not iterated
        total = yield from table_rows("users", 4)
        RECEIVED.append(("yield_from_result", repr(total)))
        yield (op.upsert("tuples", {"id": k}) for k in range(2))  # a generator expression yielded
        yield [op.upsert("lists", {"id": k}) for k in range(2)]  # a list of results: those ran already
    except GeneratorExit:
        RECEIVED.append(("generator_exit", ""))
        raise
    finally:
        for n, (where, value) in enumerate(RECEIVED):
            op.upsert("received", {"n": n, "where": where, "value": value})
        op.checkpoint({"cursor": cursor + 8, "received": len(RECEIVED)})
    return "done"


connector = Connector(update=update)
