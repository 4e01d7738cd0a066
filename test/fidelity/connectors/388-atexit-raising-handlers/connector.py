# Clean-up registered with atexit in update(): newest first, one raises (Python prints it and goes on), one calls
# sys.exit(5) (ignored there too), and the oldest writes files/cleanup.txt with what ran.
import atexit
import os
import sys

from fivetran_connector_sdk import Connector, Operations as op

RAN = []
HERE = os.path.dirname(os.path.abspath(__file__))


def write_report():
    RAN.append("report")
    with open(os.path.join(HERE, "files", "cleanup.txt"), "w") as f:
        f.write(",".join(RAN))


def close_session():
    RAN.append("close")
    raise ConnectionError("session already closed")


def exit_five():
    RAN.append("exit")
    sys.exit(5)


def update(configuration: dict, state: dict):
    atexit.register(write_report)
    atexit.register(close_session)
    atexit.register(exit_five)
    op.upsert("t", {"id": 1})
    op.checkpoint({"a": 1})


connector = Connector(update=update)
