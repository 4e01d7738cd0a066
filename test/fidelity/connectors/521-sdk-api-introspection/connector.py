# A connector written to run on several SDK releases checks what the installed one offers before using it, as agents
# write compatibility code: the Operations and Logging names, each operation's parameters (name, kind, whether it
# has a default), the Logging levels, Connector's parameters and the module's public names. One row per fact.
import inspect

import fivetran_connector_sdk
from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def params(fn):
    try:
        return [(p.name, p.kind.name, p.default is not p.empty) for p in inspect.signature(fn).parameters.values()]
    except (TypeError, ValueError) as e:
        return f"{type(e).__name__}"


def facts():
    f = {
        "op names": sorted(n for n in dir(op) if not n.startswith("_")),
        # The documented names only: Logging's own formatting helpers are the SDK's internals.
        "log names": sorted(n for n in dir(log) if n in ("LOG_LEVEL", "Level", "fine", "info", "warning", "severe",
                                                         "debug", "error", "critical")),
        "levels": sorted(getattr(log, "Level").__members__) if hasattr(log, "Level") else None,
        "module all": sorted(getattr(fivetran_connector_sdk, "__all__", [])),
        "connector params": params(Connector),
        "op is class": inspect.isclass(op),
        "upsert is static": isinstance(inspect.getattr_static(op, "upsert"), staticmethod),
    }
    for name in ("upsert", "update", "delete", "truncate", "checkpoint", "error", "warning"):
        f[f"op.{name}"] = params(getattr(op, name)) if hasattr(op, name) else None
    for name in ("fine", "info", "warning", "severe"):
        f[f"log.{name}"] = params(getattr(log, name)) if hasattr(log, name) else None
    return f


def update(configuration, state):
    for n, (name, value) in enumerate(facts().items()):
        op.upsert("facts", {"n": n, "name": name, "value": repr(value)})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
