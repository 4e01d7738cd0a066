# -*- coding: latin-1 -*-
# connector.py saved as Latin-1, with the coding declaration Python needs to import it: the import succeeds, but
# `fivetran debug` reads connector.py again as UTF-8 for its exit() check, once the sync is under way, and fails:
# `debug run failed error: 'utf-8' codec can't decode byte 0xe9 in position 473: ...` (exit code 1).
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    op.upsert("t", {"id": 1, "name": "café"})
    op.checkpoint({"done": True})


connector = Connector(update=update)
