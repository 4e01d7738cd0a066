# A module-level event loop reused across calls (a pattern from older asyncio code): update() runs the sync
# with run_until_complete() while a "heartbeat" task it started keeps running, never awaited nor cancelled,
# and the loop is never closed. The heartbeat's finally block records itself in files/ when the task ends.
import asyncio
import os

from fivetran_connector_sdk import Connector, Logging as log, Operations as op

LOOP = asyncio.new_event_loop()
BEATS = []


async def heartbeat(folder):
    try:
        while True:
            BEATS.append(len(BEATS))
            await asyncio.sleep(0.005)
    finally:
        with open(os.path.join(folder, "heartbeat.txt"), "w") as f:
            f.write(f"stopped after {len(BEATS) > 0}\n")
        try:
            op.upsert("beats", {"id": 1})
        except Exception as e:
            with open(os.path.join(folder, "heartbeat-op.txt"), "w") as f:
                f.write(type(e).__name__)


async def sync(folder):
    asyncio.get_running_loop().create_task(heartbeat(folder))
    for i in range(20):
        await asyncio.sleep(0.001)
        op.upsert("items", {"id": i, "label": f"item-{i}"})
    op.checkpoint({"items": 20})
    pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    op.upsert("facts", {"name": "pending_tasks", "value": str(len(pending))})
    op.upsert("facts", {"name": "loop_running", "value": str(LOOP.is_running())})


def update(configuration, state):
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
    asyncio.set_event_loop(LOOP)
    LOOP.run_until_complete(sync(folder))
    op.upsert("facts", {"name": "after_loop_closed", "value": str(LOOP.is_closed())})
    log.info("sync done, loop left open")


connector = Connector(update=update)
