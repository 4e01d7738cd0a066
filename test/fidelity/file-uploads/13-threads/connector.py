# Uploads from several threads at once (a thread pool), each with a slow stream, so their reads interleave.
import io
import time
from concurrent.futures import ThreadPoolExecutor

from fivetran_connector_sdk import Connector, FileUpload, Operations as op


class Slow:
    def __init__(self, data):
        self.buf = io.BytesIO(data)

    def read(self, size=-1):
        time.sleep(0.05)
        return self.buf.read(min(size, 3) if size and size > 0 else 3)


def one(i):
    op.upsert("t", {"id": i}, file=FileUpload(path=f"thread/{i}.txt", stream=Slow(f"file number {i}".encode())))


def update(configuration, state):
    with ThreadPoolExecutor(max_workers=4) as pool:
        for f in [pool.submit(one, i) for i in range(8)]:
            f.result()
    op.checkpoint({"done": True})


connector = Connector(update=update)
