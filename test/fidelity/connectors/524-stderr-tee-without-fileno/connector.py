# A connector that tees stderr into a list at import, with a small writer class of its own (write and flush, no
# fileno), to attach the warnings to its rows; update() writes what it caught.
import sys
import warnings

from fivetran_connector_sdk import Connector, Operations as op


class Tee:
    def __init__(self, stream):
        self.stream = stream
        self.lines = []

    def write(self, text):
        self.lines.append(text)
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()


sys.stderr = Tee(sys.stderr)


def update(configuration, state):
    warnings.warn("rate limit close")
    op.upsert("caught", {"id": 1, "stderr": "".join(sys.stderr.lines)[-80:]})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
