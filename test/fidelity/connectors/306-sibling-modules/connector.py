# A connector split over files, as a newcomer grows one: a helper module beside connector.py, a package in lib/, a CSV
# read by a path relative to connector.py and one relative to the working directory; then what the project folder
# holds (Python's bytecode caches among it) and the modules' names.
import csv
import os
import sys

import helpers
from lib import flatten
from fivetran_connector_sdk import Connector, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))


def update(configuration, state):
    for rec in helpers.parse_page('[{"id": 1, "user": {"name": "Ada", "geo": {"lat": 1.5}}}, {"id": 2, "user": null}]'):
        op.upsert("users", flatten(rec))
    with open(os.path.join(HERE, "data", "seed.csv"), newline="") as f:
        for row in csv.DictReader(f):
            op.upsert("seed_by_file", row)
    with open("data/seed.csv", newline="") as f:
        for row in csv.DictReader(f):
            op.upsert("seed_by_cwd", row)
    listing = {}
    for root, dirs, files in os.walk(HERE):
        dirs[:] = sorted(d for d in dirs if d != "files")
        rel = os.path.relpath(root, HERE)
        listing[rel] = sorted(files)
    for n, (folder, names) in enumerate(sorted(listing.items())):
        op.upsert("project_folder", {"n": n, "folder": folder, "files": names})
    op.upsert("modules", {"helpers": helpers.__name__, "lib": flatten.__module__, "loaded": helpers.LOADED,
                          "helpers_file": os.path.relpath(helpers.__file__, HERE),
                          "in_sys_modules": sorted(m for m in ("helpers", "lib", "lib.transform", "connector") if m in sys.modules)})
    op.checkpoint({"region": configuration["region"]})


connector = Connector(update=update)
