# A pyproject.toml (as `uv init` makes one) with a TOML error, a missing `]`: with a pyproject.toml `fivetran
# debug` checks its dependencies instead of requirements.txt's, and ends with the SEVERE line `failed to parse
# pyproject.toml` (exit code 1, no files/) once the configuration and state are read.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"done": True})


connector = Connector(update=update)
