# A "clean start" helper left in update(): it removes files/ (warehouse.db included, while the SDK has it open)
# before syncing, then upserts and checkpoints.
import os
import shutil

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    here = os.path.dirname(os.path.abspath(__file__))
    files = os.path.join(here, "files")
    if os.path.exists(files):
        shutil.rmtree(files)
    for i in range(3):
        op.upsert("items", {"id": i})
    op.checkpoint({"n": 3})
    op.upsert("items", {"id": 3})


connector = Connector(update=update)
