# Values of an undeclared column that the SDK stores as Python prints them: tuple, set, frozenset, bytearray,
# range, complex, Decimal, UUID, an enum, a time, a timedelta and a custom object.
import datetime
import decimal
import enum
import uuid

from fivetran_connector_sdk import Connector, Operations as op


class Color(enum.Enum):
    RED = 1


class Point:
    def __str__(self):
        return "Point(1, 2)"


def update(configuration, state):
    values = [(1, "a"), {3}, frozenset(), bytearray(b"ab\x00"), range(3), 1 + 2j, decimal.Decimal("1.10"),
              uuid.UUID("12345678-1234-5678-1234-567812345678"), Color.RED, datetime.time(12, 30, 5),
              datetime.timedelta(days=1, seconds=5), Point(), (), decimal.Decimal("NaN"), decimal.Decimal("-0")]
    for i, v in enumerate(values):
        op.upsert("t", {"id": i, "v": v})
    op.checkpoint({})


connector = Connector(update=update)
