# update() raises an exception with non-ASCII text (accents, CJK, an emoji, a right-to-left mark) and several args.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    raise KeyError("clé 日本語 🎉 \u200f", 42)


connector = Connector(update=update)
