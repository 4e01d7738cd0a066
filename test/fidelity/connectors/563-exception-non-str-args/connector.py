# A client raising its error with several non-string arguments (method, status, parsed body), as `raise
# RuntimeError(...)` of a tuple would print; after a checkpoint, with rows written after it.
from fivetran_connector_sdk import Connector, Operations as op


def fetch(page):
    if page == 3:
        raise RuntimeError("GET", 503, {"error": "unavailable", "retry_after": 30, "ids": [1, 2]}, None, 2.5)
    return [{"id": page * 10 + i, "page": page} for i in range(2)]


def update(configuration, state):
    page = state.get("page", 1)
    while True:
        for row in fetch(page):
            op.upsert("items", row)
        if page == 2:
            op.checkpoint({"page": page})
        page += 1


connector = Connector(update=update)
