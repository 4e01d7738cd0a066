# A newcomer turns a command-line script into a connector and keeps its argparse at import: parse_args() reads the
# command line connector.py runs under (`fivetran debug`'s).
import argparse
from fivetran_connector_sdk import Connector, Operations as op

parser = argparse.ArgumentParser(description="sync the orders API")
parser.add_argument("--full-refresh", action="store_true")
ARGS = parser.parse_args()


def update(configuration, state):
    op.upsert("runs", {"id": 1, "full_refresh": ARGS.full_refresh})
    op.checkpoint({"done": True})


connector = Connector(update=update)
