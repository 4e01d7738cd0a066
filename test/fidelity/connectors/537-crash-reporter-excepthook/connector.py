# A crash reporter installed at import, as Sentry-style SDKs install one: sys.excepthook writes what reached it into
# files/, and an atexit handler records what sys.last_value says ended the process. configuration.json's `mode`
# (edited between runs) says how update() ends: a BaseException of the pipeline's own, a KeyboardInterrupt, op.error()
# (which `fivetran debug` catches: no hook), or a BaseException raised while connector.py loads. Only the names of
# files/' entries are compared, so each file's name says what happened.
import atexit
import json
import os
import sys

from fivetran_connector_sdk import Connector, Operations as op

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "configuration.json")) as f:
    MODE = json.load(f)["mode"]


def mark(name):
    os.makedirs(os.path.join(HERE, "files"), exist_ok=True)
    with open(os.path.join(HERE, "files", name), "w") as out:
        out.write(name)


def report(kind, value, tb):
    env = "env-set" if os.environ.get("FIVETRAN_DEPLOYMENT_MODEL") else "env-unset"
    mark("hook-%s-%s-%s-%s.txt" % (MODE, kind.__name__, type(value).__name__, env))
    try:
        op.upsert("late", {"id": 1})
    except Exception as e:
        mark("hook-%s-upsert-%s.txt" % (MODE, type(e).__name__))
    sys.__excepthook__(kind, value, tb)


def at_exit():
    last = getattr(sys, "last_value", None)
    mark("atexit-%s-%s.txt" % (MODE, type(last).__name__ if last is not None else "none"))


sys.excepthook = report
atexit.register(at_exit)


class PipelineAborted(BaseException):
    pass


if MODE == "import":
    raise PipelineAborted("stopped while loading")


def update(configuration, state):
    op.upsert("pages", {"id": state.get("n", 0) + 1, "mode": MODE})
    op.checkpoint({"n": state.get("n", 0) + 1})
    if MODE == "base_exception":
        raise PipelineAborted("upstream said stop")
    if MODE == "keyboard_interrupt":
        raise KeyboardInterrupt()
    if MODE == "op_error":
        op.error("the source is down")


connector = Connector(update=update)
