# Downloads go to a scratch folder: the connector moves into it as the module loads.
import os
import tempfile

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

WORK = tempfile.mkdtemp(prefix="dl-")
os.chdir(WORK)


def update(configuration, state):
    with open("report.csv", "w") as f:
        f.write("id,v\n1,a\n2,b\n")
    with open("report.csv") as f:
        next(f)
        for line in f:
            i, v = line.strip().split(",")
            op.upsert("report", {"id": int(i), "v": v, "bucket": configuration["bucket"]})
    op.checkpoint({"files": 1, "cwd_is_work": os.getcwd() == WORK})


connector = Connector(update=update)
