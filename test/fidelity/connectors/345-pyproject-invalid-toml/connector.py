# A pyproject.toml a newcomer writes by hand beside connector.py (`dependencies = [requests]`, the name unquoted):
# `fivetran debug` reads it before anything runs and stops, `failed to parse pyproject.toml`, exit code 1, no files/.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1})
    op.checkpoint({"n": 1})


connector = Connector(update=update)
