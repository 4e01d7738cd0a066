# A str subclass (a str-valued Enum, a connector's own str type) in a table without a primary key: the SDK stores
# and hashes it into _fivetran_id as the plain text it holds.
from enum import Enum

from fivetran_connector_sdk import Connector, Operations as op


class Color(str, Enum):
    RED = "red"
    BLUE = "blue"


class Tag(str):
    def __str__(self):
        return "not the text"


def schema(configuration):
    return [{"table": "declared", "columns": {"label": "STRING"}}]


def update(configuration, state):
    op.upsert("colors", {"color": Color.RED, "tag": Tag("a'b"), "n": 1})
    op.upsert("colors", {"color": Color.BLUE, "tag": Tag("é"), "n": 2})
    op.upsert("declared", {"label": Color.RED, "tag": Tag("x")})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
