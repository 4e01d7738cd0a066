# Names with marks the running Python's Unicode tables know differently from newer ones (Kawi, added in Unicode 15),
# compatibility characters, and combining sequences.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t\U00011F00able", {"a\U00011F00b": 1, "caf\u0065\u0301": 2, "\uFB01le": 3, "n\u0303o": 4, "\u00C5ngstr\u00F6m": 5,
                                  "x\u0345y": 6, "Ω": 7})
    op.checkpoint({})


connector = Connector(update=update)
