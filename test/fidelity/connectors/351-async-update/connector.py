# An agent "modernising" a connector: `async def update()` awaiting an async page fetch. Called, it only makes a
# coroutine: nothing runs, Python warns that it was never awaited, and the sync has done nothing.
import asyncio

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


def schema(configuration: dict):
    return [{"table": "events", "primary_key": ["id"]}]


async def fetch_page(page):
    await asyncio.sleep(0)
    return [{"id": page * 10 + i, "kind": "click"} for i in range(3)]


async def update(configuration: dict, state: dict):
    log.info("starting async sync")
    for page in range(3):
        for row in await fetch_page(page):
            op.upsert("events", row)
        op.checkpoint({"page": page})


connector = Connector(update=update, schema=schema)
