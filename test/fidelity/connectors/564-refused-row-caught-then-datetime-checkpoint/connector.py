# A page loop that skips rows the SDK refuses (a null key, caught and logged), then checkpoints its cursor as a
# datetime: the SDK serializes the state before it refuses the call for the earlier row, so the sync fails with
# `Object of type datetime is not JSON serializable`, not with the null key.
from datetime import datetime, timezone

from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "users", "primary_key": ["id"], "columns": {"id": "INT", "email": "STRING"}}]


PAGES = [
    [{"id": 1, "email": "a@example.com"}, {"id": 2, "email": "b@example.com"}],
    [{"id": None, "email": "ghost@example.com"}, {"id": 4, "email": "d@example.com"}],
]


def update(configuration, state):
    for page_number, page in enumerate(PAGES):
        for row in page:
            try:
                op.upsert("users", row)
            except Exception as e:
                log.warning(f"skipping {row['email']}: {e}")
        cursor = datetime(2024, 5, 1 + page_number, tzinfo=timezone.utc)
        op.checkpoint({"page": page_number} if page_number == 0 else {"page": page_number, "updated_since": cursor})


connector = Connector(update=update, schema=schema)
