# A connector that unpacks an export into a work folder and changes into it (os.chdir) to read it, then writes rows,
# checkpoints and writes a file by a relative path there. The SDK's files/ is the project's, wherever the process is.
import os

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration: dict, state: dict):
    here = os.path.dirname(os.path.abspath(__file__))
    work = os.path.join(here, "work")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "export.csv"), "w") as f:
        f.write("id,name\n1,a\n2,b\n3,c\n")
    os.chdir(work)
    os.makedirs("files", exist_ok=True)
    for line in open("export.csv").read().splitlines()[1:3]:
        i, name = line.split(",")
        op.upsert("export", {"id": int(i), "name": name})
    op.checkpoint({"at": 2, "cwd_is_work": os.getcwd() == work})
    line = open("export.csv").read().splitlines()[3]
    i, name = line.split(",")
    op.upsert("export", {"id": int(i), "name": name})
    op.checkpoint({"at": 3})
    os.chdir("/")
    op.upsert("export", {"id": 4, "name": "from root"})
    op.checkpoint({"at": 4})


connector = Connector(update=update)
