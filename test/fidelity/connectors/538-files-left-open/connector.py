# Files the connector writes into files/ and never closes, kept in module globals: a log opened in append mode, a
# csv export, a ZipFile and a gzip stream. Python closes them as `fivetran debug` ends (their objects are
# finalized), which flushes what they buffered and writes the zip's directory and the gzip trailer. Two runs: each
# first reads what the previous one left (the log's size and lines, the csv's rows, whether the zip and the gzip
# read back) and upserts it, then writes its own and leaves them open.
import csv
import gzip
import json
import os
import sqlite3
import zipfile

from fivetran_connector_sdk import Connector, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))
OPEN = []


def path(name):
    return os.path.join(HERE, "files", name)


def read_back():
    facts = {}
    try:
        with open(path("sync.log"), "rb") as f:
            data = f.read()
        facts["sync.log"] = {"bytes": len(data), "lines": data.decode().splitlines()[-2:]}
    except OSError as e:
        facts["sync.log"] = type(e).__name__
    try:
        with open(path("export.csv"), newline="") as f:
            facts["export.csv"] = list(csv.reader(f))[-2:]
    except OSError as e:
        facts["export.csv"] = type(e).__name__
    try:
        with zipfile.ZipFile(path("bundle.zip")) as z:
            facts["bundle.zip"] = {n: z.read(n).decode() for n in z.namelist()}
    except FileNotFoundError as e:
        facts["bundle.zip"] = type(e).__name__
    except (OSError, zipfile.BadZipFile) as e:
        facts["bundle.zip"] = "%s: %s" % (type(e).__name__, e)
    try:
        with gzip.open(path("rows.jsonl.gz"), "rt") as g:
            facts["rows.jsonl.gz"] = g.read().splitlines()
    except FileNotFoundError as e:
        facts["rows.jsonl.gz"] = type(e).__name__
    except (OSError, EOFError) as e:
        facts["rows.jsonl.gz"] = "%s: %s" % (type(e).__name__, e)
    try:
        with sqlite3.connect(path("cache.db")) as db:
            facts["cache.db"] = db.execute("select count(*) from seen").fetchone()[0]
    except sqlite3.Error as e:
        facts["cache.db"] = "%s: %s" % (type(e).__name__, e)
    return facts


def update(configuration, state):
    run = state.get("run", 0) + 1
    for name, value in read_back().items():
        op.upsert("left_open", {"run": run, "file": name, "seen": json.dumps(value)})
    op.checkpoint({"run": run})
    log = open(path("sync.log"), "a")
    log.write("run %d started\n" % run)
    out = open(path("export.csv"), "w", newline="")
    writer = csv.writer(out)
    writer.writerow(["run", "id"])
    for i in range(3):
        writer.writerow([run, i])
        log.write("row %d\n" % i)
    bundle = zipfile.ZipFile(path("bundle.zip"), "w")
    bundle.writestr("run.txt", "run %d" % run)
    rows = gzip.open(path("rows.jsonl.gz"), "wt")
    rows.write(json.dumps({"run": run}) + "\n")
    db = sqlite3.connect(path("cache.db"))
    db.execute("create table if not exists seen (run int)")
    db.commit()
    db.execute("insert into seen values (?)", (run,))  # never committed: closing does not commit
    OPEN.extend([log, out, bundle, rows, db])


connector = Connector(update=update)
