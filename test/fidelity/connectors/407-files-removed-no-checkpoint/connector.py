# Two runs. The second removes files/ (a "fresh start" left in) and upserts without a checkpoint: the SDK's final
# flush goes to the removed warehouse, then writing state.json fails, `[Errno 2] No such file or directory: …`.
import os
import shutil

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    if not state:
        op.upsert("items", {"id": 0})
        op.checkpoint({"run": 1})
        return
    shutil.rmtree(os.path.join(os.path.dirname(os.path.abspath(__file__)), "files"))
    op.upsert("items", {"id": 1})


connector = Connector(update=update)
