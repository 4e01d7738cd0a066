# A support-bundle connector that records how its interpreter was started, to attach to bug reports: sys.flags,
# warning options, -X options, whether bytecode is written, the GC and the switch interval, and the
# recursion limit; one row per fact.
import gc
import sys

from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    facts = {
        "flags": repr(sys.flags),
        "warnoptions": repr(sys.warnoptions),
        "xoptions": repr(sorted(sys._xoptions)),
        "dont_write_bytecode": sys.dont_write_bytecode,
        "gc enabled": gc.isenabled(),
        "gc threshold": repr(gc.get_threshold()),
        "switch interval": sys.getswitchinterval(),
        "recursion limit": sys.getrecursionlimit(),
        "int max str digits": sys.get_int_max_str_digits(),
    }
    for n, (name, value) in enumerate(facts.items()):
        op.upsert("interpreter", {"n": n, "name": name, "value": str(value)})
    op.checkpoint({"ok": True})


connector = Connector(update=update)
