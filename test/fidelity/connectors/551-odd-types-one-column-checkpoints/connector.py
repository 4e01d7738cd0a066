# A generic "value" column of a settings API, fed whatever Python object the client library returned, one kind per
# page with a checkpoint after each: the column's type widens as the kinds come (an IntEnum, a Decimal, a date, a
# time, a timedelta, a UUID, an OrderedDict, bytes, a bool, an int subclass past 2^63, a StrEnum, a namedtuple, a
# float subclass); keyed (each page updates the first rows) and key-less.
import collections
import datetime
import decimal
import enum
import uuid

from fivetran_connector_sdk import Connector, Operations as op


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Mode(enum.StrEnum):
    ON = "on"
    NUMERIC = "12"


class Ratio(float):
    def __repr__(self):
        return "Ratio(%s)" % float.__repr__(self)


class Big(int):
    pass


Pair = collections.namedtuple("Pair", "a b")
PAGES = [
    [Level.LOW, Level.HIGH],
    [decimal.Decimal("1.50"), decimal.Decimal("-0")],
    [datetime.date(2024, 1, 2), datetime.date(1, 1, 1)],
    [datetime.time(12, 30), datetime.time(0, 0, 0, 1)],
    [datetime.timedelta(hours=1), datetime.timedelta(days=-1, seconds=5)],
    [uuid.UUID(int=7), uuid.UUID(int=8)],
    [collections.OrderedDict(b=1, a=2), collections.defaultdict(list, x=[1])],
    [b"\x01\x02", b""],
    [True, False],
    [Big(1 << 64), Big(-(1 << 63))],
    [Mode.ON, Mode.NUMERIC],
    [Pair(1, "x"), Pair(None, 2.5)],
    [Ratio(0.5), Ratio(3.0)],
]


def update(configuration, state):
    for page, values in enumerate(PAGES):
        for i, v in enumerate(values):
            op.upsert("settings", {"key": "p%02d_%d" % (page, i), "value": v})
            op.upsert("settings", {"key": "first_%d" % i, "value": v, "page": page})
            op.upsert("history", {"value": v, "page": page})
        op.checkpoint({"page": page})


def schema(configuration):
    return [{"table": "settings", "primary_key": ["key"]}]


connector = Connector(update=update, schema=schema)
