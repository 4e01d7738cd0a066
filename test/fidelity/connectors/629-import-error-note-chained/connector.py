# connector.py imports a settings module of its own folder that fails as it loads: a KeyError re-raised as the
# connector's own error (non-ASCII, two lines) with add_note() and `raise ... from ...`.
from fivetran_connector_sdk import Connector, Operations as op

import settings


def update(configuration, state):
    for i in range(settings.SETTINGS["page_size"]):
        op.upsert("rows", {"id": i})


connector = Connector(update=update)
