# A ledger connector that traps decimal.Inexact at import, then sends rows whose DECIMAL amounts have one decimal
# too many inside rows the SDK refuses at the call: a lone surrogate in a memo (caught and skipped: never staged, so
# its amount fails nothing) and a key spelled twice with the first spelling empty (caught too, but a refused key
# fails the sync at the next operation all the same).
import decimal

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

decimal.getcontext().traps[decimal.Inexact] = True


def schema(configuration: dict):
    return [{"table": "ledger", "primary_key": ["entry_id"], "columns": {"entry_id": "INT", "amount": {"type": "DECIMAL", "precision": 9, "scale": 2}}}]


def update(configuration: dict, state: dict):
    op.upsert("ledger", {"entry_id": 1, "amount": "12.50", "memo": "opening"})
    op.checkpoint({"page": 1})
    for row in ({"entry_id": 2, "amount": "3.145", "memo": "bad \ud800 memo"}, {"Entry_Id": None, "entry_id": 3, "amount": "7.005", "memo": "twice"}):
        try:
            op.upsert("ledger", row)
        except Exception as e:
            log.warning("skipped: %s" % type(e).__name__)
    op.upsert("ledger", {"entry_id": 4, "amount": "8.25", "memo": "fine"})
    op.checkpoint({"page": 2})
    op.upsert("ledger", {"entry_id": 5, "amount": "1.005", "memo": "rounds"})
    op.checkpoint({"page": 3})


connector = Connector(update=update, schema=schema)
