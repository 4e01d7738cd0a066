# The laptop disk is small: keep the local warehouse on the scratch volume, via a symlink made as the module loads.
import os
import tempfile

from fivetran_connector_sdk import Connector, Operations as op

if not os.path.islink("files"):
    scratch = tempfile.mkdtemp(prefix="warehouse-")
    if os.path.isdir("files"):
        for name in os.listdir("files"):
            os.rename(os.path.join("files", name), os.path.join(scratch, name))
        os.rmdir("files")
    os.symlink(scratch, "files")


def update(configuration, state):
    start = state.get("next", 0)
    for i in range(start, start + 3):
        op.upsert("rows", {"id": i, "where": "symlink" if os.path.islink("files") else "dir"})
    op.checkpoint({"next": start + 3})


connector = Connector(update=update)
