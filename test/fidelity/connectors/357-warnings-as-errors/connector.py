# "Be strict": warnings turned into errors at import, then an ordinary sync with declared and inferred dates and
# datetimes, a checkpoint and a final flush.
import warnings

warnings.simplefilter("error")

from datetime import date, datetime, timezone  # noqa: E402

from fivetran_connector_sdk import Connector, Logging as log, Operations as op  # noqa: E402


def schema(configuration: dict):
    return [{"table": "orders", "primary_key": ["id"], "columns": {"at": "UTC_DATETIME", "day": "NAIVE_DATE", "amount": {"type": "DECIMAL", "precision": 10, "scale": 2}}}]


def update(configuration: dict, state: dict):
    log.info("strict sync")
    for i in range(3):
        op.upsert("orders", {"id": i, "at": datetime(2024, 1, 1, i, tzinfo=timezone.utc), "day": date(2024, 1, 1 + i), "amount": "12.5", "when": datetime(2024, 1, 1, i)})
    op.checkpoint({"last": 2})
    op.update("orders", {"id": 1, "amount": 3})
    op.delete("orders", {"id": 2})


connector = Connector(update=update, schema=schema)
