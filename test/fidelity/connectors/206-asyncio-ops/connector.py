# asyncio.run() inside update(): ops called from coroutines gathered together and from run_in_executor, a
# checkpoint from a coroutine after the gather.
import asyncio

from fivetran_connector_sdk import Connector, Operations as op


async def page(n):
    await asyncio.sleep(0.01 * (5 - n % 5))
    for i in range(4):
        op.upsert("async_rows", {"id": n * 4 + i, "page": n})
    return n


def blocking(n):
    op.upsert("executor_rows", {"id": n, "square": n * n})
    return n


async def main(state):
    pages = await asyncio.gather(*(page(n) for n in range(10)))
    loop = asyncio.get_running_loop()
    done = await asyncio.gather(*(loop.run_in_executor(None, blocking, n) for n in range(12)))
    op.checkpoint({"pages": max(pages), "executor": sum(done)})
    q = asyncio.Queue()
    for n in range(3):
        q.put_nowait(n)

    async def consumer():
        while not q.empty():
            n = await q.get()
            op.upsert("queue_rows", {"id": n})
            await asyncio.sleep(0)

    await asyncio.gather(consumer(), consumer())
    op.checkpoint({"pages": max(pages), "queue": 3})


def update(configuration, state):
    asyncio.run(main(state))


connector = Connector(update=update, schema=lambda c: [{"table": "async_rows", "primary_key": ["id"]}])
