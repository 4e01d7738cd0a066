# A state built from the client's own objects: OrderedDict (moved keys), defaultdict, a dict subclass, a
# namedtuple, IntEnum and StrEnum keys and values, float keys, a tuple of tuples; refused ones caught (a set, a
# Decimal, a UserDict, a tuple key, bytes). The next run reads it back and records what each became.
import collections
import decimal
import enum
import json

from fivetran_connector_sdk import Connector, Operations as op


class Shard(enum.IntEnum):
    A = 1
    B = 2


class Stream(enum.StrEnum):
    ORDERS = "orders"
    USERS = "users"


class Cursor(dict):
    pass


Window = collections.namedtuple("Window", "start end")


def build(run):
    ordered = collections.OrderedDict(z=1, a=2, m=3)
    ordered.move_to_end("z")
    counts = collections.defaultdict(int)
    for s in Stream:
        counts[s] += len(s)
    return {
        "run": run,
        "ordered": ordered,
        "counts": counts,
        "cursor": Cursor(since="2024-01-01", page=Shard.B),
        "window": Window("2024-01-01", "2024-02-01"),
        "shards": {Shard.A: Stream.ORDERS, Shard.B: [Stream.USERS, Shard.A]},
        "floats": {1e16: "big", 0.5: "half", -0.0: "neg zero", float("nan"): "nan"},
        "pairs": ((1, 2), (3, (4, 5))),
        "mixed": {True: "t", None: "n", 2: "two"},
    }


REFUSED = {"set": {1, 2}, "decimal": decimal.Decimal("1.5"), "userdict": collections.UserDict(a=1),
           "tuple_key": {(1, 2): "x"}, "bytes": b"abc"}


def update(configuration, state):
    run = state.get("run", 0) + 1
    for key, value in sorted(state.items()):
        op.upsert("seen_state", {"run": run, "key": key, "type": type(value).__name__, "json": value})
    for name, bad in REFUSED.items():
        try:
            op.checkpoint(build(run) | {"bad": bad})
            outcome = "accepted"
        except Exception as e:
            outcome = "%s: %s" % (type(e).__name__, e)
        op.upsert("refusals", {"run": run, "name": name, "outcome": outcome})
    op.checkpoint(build(run))
    op.upsert("runs", {"run": run, "state_text": json.dumps(state, sort_keys=True)})


def schema(configuration):
    return [
        {"table": "seen_state", "primary_key": ["run", "key"], "columns": {"json": "JSON"}},
        {"table": "refusals", "primary_key": ["run", "name"]},
        {"table": "runs", "primary_key": ["run"]},
    ]


connector = Connector(update=update, schema=schema)
