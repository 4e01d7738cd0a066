# sys.stdout replaced by something the SDK's log cannot print to: it asks sys.stdout.isatty() (to colour the line)
# before each line it prints. configuration.json's `mode` (edited between runs): in update(), log calls with stdout
# None, a tee with write() and flush() only, a closed StringIO, a StringIO under redirect_stdout and a tee that has
# isatty(), each caught and kept as a row; then the tee installed as connector.py loads (`fivetran debug`'s own next
# log line fails: Python's traceback, exit 1, no files/); then stdout reconfigured to strict ASCII as it loads (the
# same, on the line's emoji); then the tee left in place by schema(), and by update() after a checkpoint (the SDK's
# next line fails the sync: exit 1, no message, the rows after the checkpoint dropped).
import io
import json
import os
import re
import sys

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "configuration.json")) as f:
    MODE = json.load(f)["mode"]


class Tee:
    """Copies what is printed into a list (a log capture), as such helpers are often written: no isatty()."""

    def __init__(self, stream):
        self.stream = stream
        self.lines = []

    def write(self, text):
        self.lines.append(text)
        return self.stream.write(text)

    def flush(self):
        self.stream.flush()


class TtyTee(Tee):
    def isatty(self):
        return False


if MODE == "tee_at_import":
    sys.stdout = Tee(sys.stdout)
elif MODE == "ascii_at_import":
    sys.stdout.reconfigure(encoding="ascii", errors="strict")


def log_with(stdout):
    saved = sys.stdout
    sys.stdout = stdout
    try:
        log.info("page fetched")
        result = "logged"
    except Exception as e:
        result = "%s: %s" % (type(e).__name__, e)
    finally:
        sys.stdout = saved
    lines = getattr(stdout, "lines", None)
    if lines is None and isinstance(stdout, io.StringIO) and not stdout.closed:
        lines = [stdout.getvalue()]
    return [result, [re.sub(r"^\d\d:\d\d:\d\d\.\d{3}", "<time>", line) for line in lines or []]]


def schema(configuration):
    if MODE == "tee_in_schema":
        sys.stdout = Tee(sys.stdout)
    return [{"table": "stdout_cases", "primary_key": ["mode", "stdout"]}]


def update(configuration, state):
    if MODE == "tee_in_update":
        op.upsert("stdout_cases", {"mode": MODE, "stdout": "before the checkpoint"})
        op.checkpoint({"mode": MODE})
        op.upsert("stdout_cases", {"mode": MODE, "stdout": "after the checkpoint"})
        sys.stdout = Tee(sys.stdout)
        return
    closed = io.StringIO()
    closed.close()
    cases = {
        "None": None,
        "write-only tee": Tee(io.StringIO()),
        "closed StringIO": closed,
        "StringIO": io.StringIO(),
        "tee with isatty": TtyTee(io.StringIO()),
    }
    for name, stdout in cases.items():
        op.upsert("stdout_cases", {"mode": MODE, "stdout": name, "result": json.dumps(log_with(stdout))})
    op.checkpoint({"mode": MODE})


connector = Connector(update=update, schema=schema)
