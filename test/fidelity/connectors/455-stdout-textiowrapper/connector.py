# The usual snippet for "UnicodeEncodeError on Windows": wrap stdout in a UTF-8 TextIOWrapper.
import io
import os
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")


def update(configuration, state):
    print("starting sync – naïve ✓")
    log.info("wrapped stdout: " + sys.stdout.encoding + "/" + sys.stdout.errors)
    op.upsert("files", {"id": 1, "name": "ok.csv"})
    op.checkpoint({"n": 1})
    name = os.fsdecode(b"bad-\xff.csv")
    log.info("processing " + name)
    op.upsert("files", {"id": 2, "name": "after"})
    op.checkpoint({"n": 2})


connector = Connector(update=update)
