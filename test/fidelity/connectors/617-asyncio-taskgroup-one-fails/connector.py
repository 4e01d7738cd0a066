# Fetch three "regions" concurrently with asyncio.TaskGroup (Python 3.11). Two regions upsert and checkpoint;
# the third raises after a few rows. The TaskGroup cancels the others and raises an ExceptionGroup, to which
# the connector adds a note before letting it out of update().
import asyncio

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


class RegionError(Exception):
    pass


async def fetch_region(name, count, fail_at=None):
    for i in range(count):
        await asyncio.sleep(0.001 * (i % 3))
        if fail_at is not None and i == fail_at:
            raise RegionError(f"region {name}: HTTP 502 at page {i}")
        op.upsert("sales", {"region": name, "n": i, "amount": round(i * 1.25, 2)})
    op.checkpoint({"done": name})
    return name


async def main():
    first = []
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fetch_region("north", 6))
        tg.create_task(fetch_region("south", 5))
    first.append("ok")
    log.info(f"first wave done: {first}")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fetch_region("east", 40))
            tg.create_task(fetch_region("west", 12, fail_at=7))
    except* RegionError as group:
        group.add_note("while syncing the second wave")
        raise


def schema(configuration):
    return [{"table": "sales", "primary_key": ["region", "n"], "columns": {"amount": "FLOAT"}}]


def update(configuration, state):
    asyncio.run(main())


connector = Connector(update=update, schema=schema)
