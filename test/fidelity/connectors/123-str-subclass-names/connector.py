# Column and table names that are str subclasses (a str Enum, a str with its own __str__), first in a row whose
# shape was already seen with plain names, then alone; IntEnum and str Enum values as primary keys.
import enum

from fivetran_connector_sdk import Connector, Operations as op


class Col(str, enum.Enum):
    NAME = "name"
    SCORE = "score"


class Shout(str):
    def __str__(self):
        return self.upper()


class Id(enum.IntEnum):
    ONE = 1
    TWO = 2


def schema(configuration):
    return [{"table": "people", "primary_key": ["id"], "columns": {"id": "INT", "score": "DOUBLE"}}]


def update(configuration, state):
    op.upsert("people", {"id": 0, "name": "plain", "score": 1})
    op.upsert("people", {"id": Id.ONE, Col.NAME: "enum names", Col.SCORE: 2})
    op.upsert("people", {Shout("id"): Id.TWO, Shout("name"): "shout names", "score": Id.TWO})
    op.upsert(Shout("things"), {"k": Col.NAME, Shout("v"): 1})
    op.upsert("things", {"k": "name", "v": 2})
    op.upsert("keyless", {Col.NAME: Col.SCORE, "n": Id.ONE})
    op.upsert("keyless", {"name": "score", "n": 1})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
