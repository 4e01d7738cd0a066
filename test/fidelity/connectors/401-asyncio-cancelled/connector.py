# asyncio pages fetched with a timeout; one task is cancelled and its CancelledError (a BaseException since Python
# 3.8) leaves asyncio.run() and update() after a checkpoint.
import asyncio

from fivetran_connector_sdk import Connector, Operations as op


async def fetch(page):
    await asyncio.sleep(0)
    if page == 3:
        raise asyncio.CancelledError()
    return [{"id": page * 10 + i} for i in range(2)]


async def sync():
    for page in range(1, 5):
        for row in await fetch(page):
            op.upsert("rows", row)
        op.checkpoint({"page": page})


def update(configuration: dict, state: dict):
    asyncio.run(sync())


connector = Connector(update=update)
