# A graceful-shutdown handler for SIGTERM that checkpoints and exits with 0; the connector then sends itself SIGTERM
# (as its own watchdog would) in the middle of a page.
import os
import signal
import sys

from fivetran_connector_sdk import Connector, Operations as op

PROGRESS = {"page": 0}


def on_term(signum, frame):
    op.checkpoint({"stopped_at": PROGRESS["page"]})
    sys.exit(0)


def update(configuration: dict, state: dict):
    signal.signal(signal.SIGTERM, on_term)
    for page in range(1, 6):
        PROGRESS["page"] = page
        op.upsert("pages", {"page": page})
        if page == 3:
            os.kill(os.getpid(), signal.SIGTERM)
    op.checkpoint({"done": True})


connector = Connector(update=update)
