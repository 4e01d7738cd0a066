# What connector.py is to Python, as the libraries a connector uses look at it: dataclasses and typing with
# `from __future__ import annotations` (they look the module up in sys.modules), pickle and copy of a class, an
# Enum and a function defined here, inspect's view of update() and of a class, a second import of connector.py by
# its file name, importlib.reload() of the module in update(), a fork pool mapping a function of connector.py, and
# sys.orig_argv. One row per fact.
from __future__ import annotations

import copy
import dataclasses
import enum
import importlib
import inspect
import multiprocessing
import os
import pickle
import sys
import typing
from concurrent.futures import ProcessPoolExecutor

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

LOADS = globals().setdefault("LOADS", 0) + 1


class Status(enum.Enum):
    ACTIVE = "active"
    CLOSED = "closed"


@dataclasses.dataclass(frozen=True)
class Account:
    id: int
    name: str
    status: Status = Status.ACTIVE
    tags: typing.List[str] = dataclasses.field(default_factory=list)


def double(n: int) -> int:
    return n * 2


def facts():
    f = {}
    a = Account(1, "Acme", tags=["x"])
    f["dataclass repr"] = repr(a)
    f["dataclass asdict"] = dataclasses.asdict(a)
    f["type hints"] = {k: str(v) for k, v in typing.get_type_hints(Account).items()}
    f["fields"] = [(x.name, x.type) for x in dataclasses.fields(Account)]
    f["pickle dataclass"] = pickle.loads(pickle.dumps(a)) == a
    f["pickle enum"] = pickle.loads(pickle.dumps(Status.CLOSED)) is Status.CLOSED
    f["pickle function"] = pickle.loads(pickle.dumps(double)) is double
    f["pickle update"] = pickle.loads(pickle.dumps(update)) is update if "update" in globals() else None
    f["pickled names"] = [m for m in (b"connector_connector_code", b"__main__", b"connector\n") if m in pickle.dumps(a, 0)]
    f["deepcopy"] = copy.deepcopy(a) == a
    f["class module"] = Account.__module__
    f["class repr"] = repr(Account)
    f["qualname"] = double.__qualname__
    f["getmodule"] = inspect.getmodule(double).__name__
    f["getfile class"] = os.path.basename(inspect.getfile(Account))
    f["getsource first line"] = inspect.getsource(double).splitlines()[0]
    f["signature"] = str(inspect.signature(double))
    f["sys.modules entry"] = sys.modules.get(__name__) is sys.modules.get("connector_connector_code")
    f["spec"] = (__spec__.name, type(__spec__.loader).__name__, os.path.basename(__spec__.origin))
    # Its first item is the interpreter (the venv's `python` or a `python3`): the run's choice, not the engine's.
    f["orig_argv"] = [os.path.basename(a) for a in sys.orig_argv[1:]]
    f["orig_argv[0] is executable"] = sys.orig_argv[0] == sys.executable
    f["orig_argv tail is argv"] = sys.orig_argv[-len(sys.argv):] == sys.argv
    f["loads"] = LOADS
    return f


AT_IMPORT = facts()


def update(configuration, state):
    f = facts()
    again = importlib.import_module("connector")
    f["import connector"] = (again.__name__, again is sys.modules.get("connector_connector_code"), again.LOADS,
                             type(again.connector).__name__, "connector" in sys.modules)
    try:
        reloaded = importlib.reload(sys.modules["connector_connector_code"])
        f["reload"] = (reloaded.__name__, reloaded.LOADS, reloaded.Account is Account)
    except Exception as e:
        f["reload"] = "%s: %s" % (type(e).__name__, e)
    f["reload second copy"] = importlib.reload(again).LOADS
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        f["fork pool"] = list(pool.map(double, range(5)))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        f["fork Pool"] = pool.map(double, [10, 20])
    for k in sorted(set(f) | set(AT_IMPORT)):
        op.upsert("module_facts", {"fact": k, "at_import": repr(AT_IMPORT.get(k)), "in_update": repr(f.get(k))})
    log.info("done")
    op.checkpoint({"done": True})


connector = Connector(update=update)
