# The StackOverflow hack to make "everything JSON serialisable": json.JSONEncoder.default replaced at import with
# str(); then datetimes, Decimals and sets in nested values, in the state, and in declared JSON columns.
import json
from datetime import datetime, timezone
from decimal import Decimal

json.JSONEncoder.default = lambda self, o: str(o)

from fivetran_connector_sdk import Connector, Operations as op  # noqa: E402


def schema(configuration: dict):
    return [{"table": "declared", "primary_key": ["id"], "columns": {"doc": "JSON"}}]


def update(configuration: dict, state: dict):
    at = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    doc = {"at": at, "amount": Decimal("12.50"), "tags": {"b"}, "n": 1}
    op.upsert("declared", {"id": 1, "doc": doc})
    op.upsert("declared", {"id": 2, "doc": [at, Decimal("1e3")]})
    op.upsert("inferred", {"id": 1, "doc": doc, "list": [Decimal("0.1"), at.date()]})
    op.upsert("keyless", {"doc": doc})
    op.checkpoint({"cursor": at, "amount": Decimal("1.5"), "seen": {"x"}})
    op.upsert("inferred", {"id": 2, "doc": {"k": at}})


connector = Connector(update=update, schema=schema)
