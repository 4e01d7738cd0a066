# A connector that guards a slow API with a watchdog: it turns faulthandler on only if nobody has (so a hang dumps
# every thread's stack), arms dump_traceback_later around the sync and cancels it after; it records whether
# faulthandler was already on at import, in schema() and in update().
import faulthandler
import sys

from fivetran_connector_sdk import Connector, Operations as op

SEEN = {"import": faulthandler.is_enabled()}


def schema(configuration):
    SEEN["schema"] = faulthandler.is_enabled()
    return [{"table": "watchdog", "primary_key": ["moment"]}]


def update(configuration, state):
    SEEN["update"] = faulthandler.is_enabled()
    turned_on = False
    if not faulthandler.is_enabled():
        faulthandler.enable(file=sys.stderr, all_threads=True)
        turned_on = True
    faulthandler.dump_traceback_later(600, exit=False)
    try:
        for moment, enabled in SEEN.items():
            op.upsert("watchdog", {"moment": moment, "enabled": enabled})
        op.upsert("watchdog", {"moment": "turned on by connector", "enabled": turned_on})
    finally:
        faulthandler.cancel_dump_traceback_later()
    op.checkpoint({"ok": True})


connector = Connector(update=update, schema=schema)
