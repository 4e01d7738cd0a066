# A custom logging.Formatter and a handler that keeps every formatted record in memory, next to handlers on
# stdout and stderr. logging.exception() formats tracebacks of a retried request; the connector stores the
# formatted records (paths made relative) in a table at the end.
import io
import logging
import os
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))


class RelativeFormatter(logging.Formatter):
    def format(self, record):
        text = super().format(record)
        return text.replace(HERE + os.sep, "")

    def formatException(self, ei):
        return "EXC> " + super().formatException(ei).replace(HERE + os.sep, "")


class Keep(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append((record.levelname, record.name, self.format(record)))


keep = Keep()
keep.setFormatter(RelativeFormatter("[%(levelname)s] %(name)s:%(lineno)d %(message)s"))
out = logging.StreamHandler(sys.stdout)
out.setFormatter(logging.Formatter("stdout %(levelname)s %(message)s"))
err = logging.StreamHandler(sys.stderr)
err.setLevel(logging.ERROR)

api = logging.getLogger("connector.api")
api.setLevel(logging.DEBUG)
api.addHandler(keep)
api.addHandler(out)
api.addHandler(err)
quiet = logging.getLogger("connector.api.quiet")
quiet.propagate = False
quiet.addHandler(keep)


class FlakyApi:
    def __init__(self):
        self.calls = 0

    def get(self, page):
        self.calls += 1
        if self.calls % 4 == 0:
            raise ConnectionResetError(f"connection reset by peer (page {page})")
        return [{"id": page * 3 + i, "page": page} for i in range(3)]


def fetch(client, page):
    for attempt in range(3):
        try:
            return client.get(page)
        except ConnectionResetError:
            api.exception("attempt %d for page %d failed", attempt + 1, page)
    raise RuntimeError("gave up")


def update(configuration, state):
    client = FlakyApi()
    api.debug("starting with %s", state)
    quiet.info("quiet logger, not propagated")
    logging.getLogger("connector").info("parent of api, no handler of its own")
    for page in range(8):
        for row in fetch(client, page):
            op.upsert("rows", row)
        if page % 3 == 2:
            op.checkpoint({"page": page})
    try:
        {}["missing"]
    except KeyError as e:
        api.error("lookup failed", exc_info=e)
        log.warning("stdlib logging has %d records" % len(keep.lines))
    api.info("unicode ✓ ünïcode 日本語\nsecond line")
    for i, (level, name, text) in enumerate(keep.lines):
        op.upsert("log_records", {"seq": i, "level": level, "logger": name, "text": text})
    op.checkpoint({"page": 8, "records": len(keep.lines)})


connector = Connector(update=update)
