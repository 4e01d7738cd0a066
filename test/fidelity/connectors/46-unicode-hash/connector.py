# Keyless rows whose _fivetran_id hashes the repr() of text with characters whose printability depends on the
# running Python's Unicode tables, and of floats, bytes and JSON.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    values = ["\U00011F00", "\u0378", "\u00a0", "\u2028", "\U0001FAE8", "\U0001F600", "\u200b", "'\"", "\\", "\x7f", "\u0600"]
    for v in values:
        op.upsert("keyless", {"v": v})
    op.upsert("keyless", {"f": 1.5, "b": b"\x00'", "j": {"k": [1, 2]}, "n": None, "big": 2 ** 70})
    op.upsert("keyless", {"f": 1e22, "i": -5, "t": True})
    op.checkpoint({})


connector = Connector(update=update)
