# Pages read through async generators: `async for` over pages, an early `break` (the generator's finally block
# upserts and runs when asyncio.run() shuts async generators down), aclose() by hand, asyncio.timeout around
# a slow page, and an async context manager that checkpoints on exit.
import asyncio
import contextlib

from fivetran_connector_sdk import Connector, Operations as op


async def pages(kind, total, size):
    sent = 0
    try:
        for start in range(0, total, size):
            await asyncio.sleep(0)
            yield [{"id": f"{kind}-{i}", "kind": kind, "n": i} for i in range(start, min(start + size, total))]
            sent += 1
    finally:
        op.upsert("cursors", {"kind": kind, "pages_sent": sent})


@contextlib.asynccontextmanager
async def batch(name, state):
    try:
        yield
    finally:
        state[name] = "done"
        op.checkpoint(dict(state))


async def main(state):
    async with batch("users", state):
        async for page in pages("user", 23, 5):
            for row in page:
                op.upsert("records", row)

    gen = pages("order", 30, 4)
    async with batch("orders", state):
        async for page in gen:
            for row in page:
                op.upsert("records", row)
            if page[-1]["n"] >= 10:
                break  # gen is left suspended: asyncio.run() finalizes it

    third = pages("refund", 9, 2)
    first = await third.__anext__()
    op.upsert("records", first[0])
    await third.aclose()

    try:
        async with asyncio.timeout(0.05):
            await asyncio.sleep(5)
    except TimeoutError:
        op.upsert("cursors", {"kind": "slow", "pages_sent": -1})


def update(configuration, state):
    asyncio.run(main(state))
    op.checkpoint(dict(state, finished=True))


connector = Connector(update=update, schema=lambda c: [{"table": "records", "primary_key": ["id"]}])
