# Records modelled as dataclasses and namedtuples, handed to the SDK as they are and converted: a namedtuple is a
# tuple (str() without a type, a JSON array), a dataclass is an object (its repr without a type, refused as JSON);
# dataclasses.asdict() and _asdict() as rows and JSON; a namedtuple or a dataclass as the row itself (refused);
# the state holding a namedtuple.
import collections
import dataclasses
import datetime
import typing

from fivetran_connector_sdk import Connector, Operations as op

Point = collections.namedtuple("Point", "x y")


class Span(typing.NamedTuple):
    start: int
    end: int = 0


@dataclasses.dataclass
class Address:
    street: str
    zip: str = "00000"


@dataclasses.dataclass(frozen=True, slots=True)
class Money:
    amount: int
    currency: str = "EUR"


@dataclasses.dataclass
class Event:
    id: int
    when: datetime.date
    where: Address


VALUES = [Point(1, 2.5), Span(3), Address("Main St"), Money(5), Point("a", None), Span(1, 2)._replace(end=9),
          Event(1, datetime.date(2024, 1, 2), Address("Elm"))]


def attempt(outcomes, fn, *args):
    try:
        fn(*args)
        outcomes.append("ok")
    except Exception as e:
        outcomes.append("%s: %s" % (type(e).__name__, e))


def update(configuration, state):
    outcomes = []
    for i, v in enumerate(VALUES):
        attempt(outcomes, op.upsert, "raw", {"id": i, "value": v, "as_text": v})
        attempt(outcomes, op.upsert, "raw", {"id": 100 + i, "as_json": v})
        attempt(outcomes, op.upsert, "keyless", {"value": v})
        attempt(outcomes, op.upsert, "by_value", {"value": v, "i": i})
    for i, v in enumerate(VALUES):
        if dataclasses.is_dataclass(v):
            attempt(outcomes, op.upsert, "converted", {"id": i, **dataclasses.asdict(v)})
            attempt(outcomes, op.upsert, "converted", {"id": 100 + i, "doc": dataclasses.asdict(v)})
            attempt(outcomes, op.upsert, "converted", {"id": 200 + i, "astuple": dataclasses.astuple(v)})
        else:
            attempt(outcomes, op.upsert, "converted", {"id": i, **v._asdict()})
            attempt(outcomes, op.upsert, "converted", {"id": 100 + i, "doc": v._asdict()})
    attempt(outcomes, op.upsert, "rows", Point(1, 2))
    attempt(outcomes, op.upsert, "rows", Address("x"))
    attempt(outcomes, op.update, "by_value", {"value": "Point(x=1, y=2.5)", "i": 99})
    attempt(outcomes, op.delete, "by_value", {"value": Money(5)})
    op.checkpoint({"last": Point(7, 8), "span": Span(1)})
    for i, o in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": o})


def schema(configuration):
    return [
        {"table": "raw", "primary_key": ["id"], "columns": {"as_text": "STRING", "as_json": "JSON"}},
        {"table": "by_value", "primary_key": ["value"]},
        {"table": "converted", "primary_key": ["id"]},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
